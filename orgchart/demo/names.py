"""Plausible Indonesian names of demo officials, with degrees written as offices write them
("Drs. H. Ahmad Fauzi, M.Si", "dr. Rina Marlina, M.Kes"), drawn from a seeded generator."""

from __future__ import annotations

import random
from dataclasses import dataclass

MALE = (
    "Ahmad", "Budi", "Hendra", "Rizal", "Syafrizal", "Yulianto", "Irwan", "Fauzan", "Dedi",
    "Asep", "Agus", "Joko", "Andi", "Muhammad", "Rahmat", "Zulkifli", "Erwin", "Taufik",
    "Hasanuddin", "Yudi", "Eko", "Arif", "Dani", "Firman", "Iwan", "Rudy", "Syamsul", "Wahyu",
)  # fmt: skip
FEMALE = (
    "Rina", "Siti", "Dewi", "Yusnani", "Fitri", "Nurhayati", "Sri", "Elvi", "Rosmiati", "Lilis",
    "Yanti", "Novita", "Ratna", "Desi", "Wulan", "Indah", "Marlina", "Fatimah", "Nuraini",
    "Eka", "Rahmi", "Yuliana", "Sari", "Andriani",
)  # fmt: skip
# Second names: family and clan names anyone may carry, and names that only a man or only a
# woman carries ("Saputra" is a son, "Wulandari" a daughter).
FAMILY = (
    "Fauzi", "Hidayat", "Nasution", "Harahap", "Lubis", "Rahman", "Gunawan", "Suryadi",
    "Hermawan", "Kurniawan", "Wijaya", "Setiawan", "Hakim", "Siregar", "Pane", "Yusuf",
    "Darmawan", "Effendi", "Sulaiman", "Mulyadi", "Iskandar", "Rusli", "Nurdin", "Salim", "Anwar",
)  # fmt: skip
FAMILY_MALE = ("Saputra", "Syahputra", "Putra", "Pratama", "Permana", "Maulana")
FAMILY_FEMALE = ("Marlina", "Putri", "Wulandari", "Rahmawati", "Lestari", "Anggraini", "Susanti")

# Degrees by field of work, written after the name.
DEGREES = {
    "government": ("S.STP, M.Si", "S.IP, M.Si", "S.Sos, M.AP", "S.Sos", "S.STP, M.AP"),
    "health": ("S.KM, M.Kes", "S.Kep, Ners", "S.Farm, Apt", "S.KM"),
    "law": ("S.H, M.H", "S.H", "S.H, M.Kn"),
    "finance": ("S.E, M.M", "S.E, Ak", "S.E, M.Ak", "S.E", "S.ST, M.Si"),
    "works": ("S.T, M.T", "S.T", "S.T, M.Eng", "S.T, M.M"),
    "education": ("S.Pd, M.Pd", "S.Pd", "S.Pd, M.Si"),
    "agriculture": ("S.P, M.P", "S.Pt", "S.Pi, M.Si", "S.Hut, M.Si"),
    "ict": ("S.Kom, M.Kom", "S.Kom", "S.T, M.Kom"),
}
# Degrees obtained before the S1 reform are written as prefixes: Drs./Dra., Ir., dr.
PREFIX_BY_FIELD = {"works": "Ir.", "agriculture": "Ir.", "health": "dr."}
OLD_DEGREE_BEFORE = 1972  # born before this year: a Drs. or an Ir. is likely
POLITICIAN_DEGREES = ("S.H", "S.E", "S.Sos", "S.H, M.H", "S.E, M.M", "S.T", "S.Pd, M.M", "")


@dataclass(frozen=True)
class Person:
    name: str
    sex: str  # "L" or "P", as the NIP's sex digit says


def make_person(
    rng: random.Random, *, born_year: int, field: str, taken: set[str], elected: bool = False
) -> Person:
    """A new name whose bare form (``bare_name``) is not in ``taken``, which it extends."""
    for _attempt in range(200):
        person = _draw(rng, born_year=born_year, field=field, elected=elected)
        bare = bare_name(person.name)
        if bare not in taken:
            taken.add(bare)
            return person
    raise RuntimeError("The demo name list is exhausted for this region.")  # pragma: no cover


def _draw(rng: random.Random, *, born_year: int, field: str, elected: bool) -> Person:
    sex = "P" if rng.random() < 0.38 else "L"
    given = rng.choice(FEMALE if sex == "P" else MALE)
    family = rng.choice((*FAMILY, *(FAMILY_FEMALE if sex == "P" else FAMILY_MALE)))
    if family == given:
        family = FAMILY[0]
    prefixes, suffix = _titles(rng, sex=sex, born_year=born_year, field=field, elected=elected)
    name = " ".join([*prefixes, given, family])
    return Person(name=f"{name}, {suffix}" if suffix else name, sex=sex)


def _titles(
    rng: random.Random, *, sex: str, born_year: int, field: str, elected: bool
) -> tuple[list[str], str]:
    prefixes: list[str] = []
    if elected:
        suffix = rng.choice(POLITICIAN_DEGREES)
    elif field == "health" and rng.random() < 0.5:
        prefixes.append("dr.")
        suffix = rng.choice(("M.Kes", "M.KM", "Sp.PD", "MARS", ""))
    elif born_year < OLD_DEGREE_BEFORE and rng.random() < 0.6:
        prefixes.append(PREFIX_BY_FIELD.get(field) or ("Dra." if sex == "P" else "Drs."))
        suffix = rng.choice(("M.Si", "M.M", "M.AP", ""))
    else:
        suffix = rng.choice(DEGREES.get(field, DEGREES["government"]))
    if born_year < 1980 and rng.random() < 0.35:
        prefixes.append("Hj." if sex == "P" else "H.")  # after Drs./dr., as offices write
    return prefixes, suffix


def split_name(name: str) -> tuple[str, str]:
    """An official's name as User.first_name and last_name, so that "first last" gives it back:
    "Drs. H. Ahmad Fauzi, M.Si" → ("Drs. H. Ahmad", "Fauzi, M.Si"); "MARLI" → ("MARLI", "")."""
    base, comma, suffix = name.partition(", ")
    words = base.split()
    if len(words) < 2:
        return name, ""
    return " ".join(words[:-1]), words[-1] + (comma + suffix if comma else "")


def bare_name(name: str) -> str:
    """The name without degrees and honorifics, to keep two officials of a region apart:
    "Drs. H. Ahmad Fauzi, M.Si" → "ahmad fauzi"."""
    words = name.partition(",")[0].split()
    return " ".join(word for word in words if not word.endswith(".")).lower()
