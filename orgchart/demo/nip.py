"""NIPs for demo officials that regulations.nip accepts and that fit the person: born at an age
that suits the post, appointed a civil servant between 23 and 28 (never before 18, PP 11/2017
Pasal 23) and before taking up the post, the sex digit matching the name."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from regulations.nip import MINIMUM_AGE_AT_APPOINTMENT

# Birth years by how far the post is below the head of its unit: heads of agencies are senior
# (echelon II), officials two levels below are mid-career, staff are young.
BIRTH_YEARS = {1: (1967, 1976), 2: (1970, 1982), 3: (1978, 1990), 4: (1988, 1996)}
AGE_AT_APPOINTMENT = (23, 28)


@dataclass(frozen=True)
class Career:
    born: datetime.date
    appointed: tuple[int, int]  # (year, month) of appointment as a candidate civil servant


def make_career(rng: random.Random, *, seniority: int, before: datetime.date) -> Career:
    """A birth date for the seniority band and a civil-service entry before ``before``."""
    first, last = BIRTH_YEARS[seniority]
    born = datetime.date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))
    year = min(born.year + rng.randint(*AGE_AT_APPOINTMENT), before.year - 1)
    year = max(year, born.year + MINIMUM_AGE_AT_APPOINTMENT + 1)
    return Career(born=born, appointed=(year, rng.randint(1, 12)))


def make_nip(career: Career, sex: str, taken: set[str]) -> str:
    """The 18 digits, with the lowest sequence number not in ``taken`` (which it extends)."""
    year, month = career.appointed
    stem = f"{career.born:%Y%m%d}{year:04d}{month:02d}{'2' if sex == 'P' else '1'}"
    sequence = 1
    while f"{stem}{sequence:03d}" in taken:
        sequence += 1
    nip = f"{stem}{sequence:03d}"
    taken.add(nip)
    return nip
