"""A demo roster for one region: officials, positions and appointments for the head and deputy,
the Sekda, each Asisten and Staf Ahli, and the head and the officials below the head of every
Dinas, Badan, Bagian, Kecamatan, Inspektorat, Setwan and RSUD, with an acting (Plt.) head in a
few units. Bulk writes, reproducible (seeded by region and unit), and never over real data.

What the command made is recognisable: its appointments carry ``DEMO_BASIS`` and their history
rows the change reason ``seed_demo_users``. A unit that already has a position someone else set
up and that someone holds (or that nobody was ever appointed to) is left alone; a head's post
that the region pack evidences only in the past (the signer of the regulation) is vacant today,
and the demo head is appointed to that same post."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history

from orgchart.demo.names import bare_name, make_person
from orgchart.demo.nip import make_career, make_nip
from orgchart.demo.picks import Picks
from orgchart.demo.posts import ANALYST, ELECTED_KINDS, ROSTER_KINDS, Post, posts_for
from orgchart.demo.topics import topic_of
from orgchart.models import Appointment, Official, Position, Unit
from orgchart.signals import bump_structure_version
from regulations.models import Region

DEMO_BASIS = "demo: manage.py seed_demo_users"
CHANGE_REASON = "seed_demo_users"
INAUGURATION = datetime.date(2025, 2, 20)  # the heads elected in the 2024 Pilkada serentak
FIRST_START = datetime.date(2022, 1, 3)  # appointed officials took up their posts after this
ACTING_SINCE = datetime.date(2025, 7, 1)  # the Plt. were named after this
FULLER_EVERY = 3  # besides the picked units, every third unit gets a fuller roster


@dataclass
class Plan:
    """What one region's roster will write, before a single row is saved."""

    officials: list[Official] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)


@dataclass
class RosterResult:
    region: Region
    created: Counter = field(default_factory=Counter)
    left_alone: list[Unit] = field(default_factory=list)  # units with real positions


@dataclass
class Holders:
    """The demo officials of a unit on a day: its head (acting first), the first official one
    level below, and the secretariat's policy analyst."""

    head: Official | None = None
    below: Official | None = None
    analyst: Official | None = None


def seed_roster(region: Region, day: datetime.date, picks: Picks) -> RosterResult:
    result = RosterResult(region=region)
    units = [unit for unit in picks.units if unit.kind in ROSTER_KINDS]
    positions = _positions_by_unit(units)
    taken_names = {
        bare_name(name)
        for name in Official.objects.filter(region=region).values_list("name", flat=True)
    }
    taken_nips = set(Official.objects.exclude(nip="").values_list("nip", flat=True))
    fuller = {u.pk for u in (picks.health, picks.bappeda, *picks.portfolio, *picks.acting) if u}
    plan = Plan()
    builder = _Builder(region, day, plan, taken_names, taken_nips)
    for index, unit in enumerate(units):
        state, vacant_head = _state(positions.get(unit.pk, []), day)
        if state == "seeded":
            continue
        if state == "real":
            result.left_alone.append(unit)
            continue
        builder.unit(
            unit,
            fuller=unit.pk in fuller or index % FULLER_EVERY == 0,
            acting=unit in picks.acting,
            analyst=unit == picks.secretariat,
            vacant_head=vacant_head,
        )
    _write(plan, result)
    if result.created:
        bump_structure_version(region.pk)
    return result


def _positions_by_unit(units: list[Unit]) -> dict[int, list[Position]]:
    found: dict[int, list[Position]] = {}
    for position in Position.objects.filter(unit__in=units).prefetch_related("appointments"):
        found.setdefault(position.unit_id, []).append(position)
    return found


def _state(positions: list[Position], day: datetime.date) -> tuple[str, Position | None]:
    """ "seeded" (the command filled it before), "real" (someone else's roster) or "fresh",
    and the head's post to reuse: one whose every appointment ended before ``day``."""
    vacant_head = None
    for position in positions:
        appointments = list(position.appointments.all())
        if any(a.basis == DEMO_BASIS for a in appointments):
            return "seeded", None
        if not appointments or any(a.end is None or a.end >= day for a in appointments):
            return "real", None
        if position.level == 1:
            vacant_head = position
    return "fresh", vacant_head


class _Builder:
    """Adds one unit's officials, posts and appointments to the plan."""

    def __init__(self, region, day, plan: Plan, taken_names: set, taken_nips: set) -> None:
        self.region, self.day, self.plan = region, day, plan
        self.taken_names, self.taken_nips = taken_names, taken_nips

    def unit(self, unit: Unit, *, fuller: bool, acting: bool, analyst: bool, vacant_head) -> None:
        posts = [p for p in posts_for(unit, self.region) if fuller or acting or not p.extra]
        if analyst:
            posts.append(ANALYST)
        head_post, below = None, None
        for post in posts:
            position = (
                vacant_head if post.level == 1 and vacant_head else self._position(unit, post)
            )
            if post.level == 1 and acting:
                head_post = position
                continue
            official = self._official(unit, post)
            self._appoint(official, position, self._start(unit, post))
            if post.level == 2 and below is None:
                below = official
        if head_post is not None and below is not None:
            # The Sekretaris (or first Kepala Subbagian) acts as head of the unit.
            rng = self._rng(unit, "plt")
            start = min(ACTING_SINCE + datetime.timedelta(days=rng.randint(0, 240)), self.day)
            self._appoint(below, head_post, start, Appointment.Kind.PLT)

    def _rng(self, unit: Unit, *parts) -> random.Random:
        return random.Random(":".join(str(p) for p in (self.region.code, unit.key, *parts)))

    def _position(self, unit: Unit, post: Post) -> Position:
        position = Position(unit=unit, title=post.title, level=post.level, echelon=post.echelon)
        self.plan.positions.append(position)
        return position

    def _start(self, unit: Unit, post: Post) -> datetime.date:
        if unit.kind in ELECTED_KINDS:
            return min(INAUGURATION, self.day)
        rng = self._rng(unit, post.level, post.title, "start")
        return min(FIRST_START + datetime.timedelta(days=rng.randint(0, 900)), self.day)

    def _official(self, unit: Unit, post: Post) -> Official:
        rng = self._rng(unit, post.level, post.title)
        elected = unit.kind in ELECTED_KINDS
        seniority = _seniority(post)
        career = make_career(rng, seniority=seniority, before=self._start(unit, post))
        person = make_person(
            rng,
            born_year=career.born.year,
            field=topic_of(unit.name).field,
            taken=self.taken_names,
            elected=elected,
        )
        nip = "" if elected else make_nip(career, person.sex, self.taken_nips)
        official = Official(region=self.region, name=person.name, nip=nip)
        self.plan.officials.append(official)
        return official

    def _appoint(self, official, position, start, kind=Appointment.Kind.DEFINITIF) -> None:
        self.plan.appointments.append(
            Appointment(
                official=official, position=position, kind=kind, start=start, basis=DEMO_BASIS
            )
        )


def _seniority(post: Post) -> int:
    """Band of birth years (orgchart.demo.nip.BIRTH_YEARS) by echelon: II, III, IV, staff."""
    echelon = post.echelon or ""
    if echelon.startswith("II.") or (post.level == 1 and not echelon):
        return 1
    if echelon.startswith("III"):
        return 2
    return 3 if echelon.startswith("IV") else 4


def _write(plan: Plan, result: RosterResult) -> None:
    for label, model, rows in (
        ("officials", Official, plan.officials),
        ("positions", Position, plan.positions),
        ("appointments", Appointment, plan.appointments),
    ):
        if rows:
            bulk_create_with_history(rows, model, default_change_reason=CHANGE_REASON)
            result.created[label] = len(rows)


def demo_holders(region: Region, day: datetime.date) -> dict[int, Holders]:
    """Per unit id, the demo officials who hold its posts on ``day`` (one query)."""
    found: dict[int, Holders] = {}
    rows = (
        Appointment.objects.as_of(day)
        .filter(basis=DEMO_BASIS, position__unit__region=region)
        .select_related("official", "position")
        .acting_first()
        .order_by("acting_rank", "position__level", "position_id")
    )
    for appointment in rows:
        holders = found.setdefault(appointment.position.unit_id, Holders())
        position, official = appointment.position, appointment.official
        if position.level == 1 and holders.head is None:
            holders.head = official
        elif position.level == 2 and holders.below is None:
            holders.below = official
        elif position.title == ANALYST.title and holders.analyst is None:
            holders.analyst = official
    return found
