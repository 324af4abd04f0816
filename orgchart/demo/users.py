"""Demo users: one per role in each region, bound to real units and to the demo official each
user is (RoleAssignment.official), named `<prefix>.<role>` (bkt.sekda, kukar.asisten2), with
e-mail addresses under the .invalid top-level domain; and one global superadmin."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.utils.text import slugify

from orgchart.demo.names import split_name
from orgchart.demo.picks import Picks
from orgchart.demo.roster import Holders
from orgchart.models import Official, Role, RoleAssignment, Unit
from orgchart.vocabulary import UnitKind
from regulations.models import Region

DEMO_DOMAIN = "demo.portal.invalid"
# Short, typeable prefixes for the bundled regions; any other region gets one from its name.
PREFIXES = {"13.75": "bkt", "13.12": "pasbar", "17.71": "bkl", "64.02": "kukar", "32.79": "banjar"}
STAFF_ROLES = {Role.SUPERADMIN, Role.SECRETARIAT_STAFF}
# Demo passwords are 16 random characters (96 bits), which key stretching cannot make any
# harder to guess, so they are hashed with fewer PBKDF2 rounds to keep `make run` quick;
# Django hashes a password again at full strength on the first login (must_update).
DEMO_PBKDF2_ITERATIONS = 10_000


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    unit: Unit | None
    official: Official | None


@dataclass(frozen=True)
class Outcome:
    user: DemoUser
    password: str  # empty unless created or reset now
    status: str  # "created", "reset", "exists", "not a demo user: left alone"


def prefix_of(region: Region) -> str:
    return PREFIXES.get(region.code) or slugify(region.name).replace("-", "")[:6]


def region_users(
    region: Region, picks: Picks, holders: dict[int, Holders]
) -> tuple[list[DemoUser], list[str]]:
    """The demo users of a region, and a line for each role its tree has no unit for."""
    p = prefix_of(region)
    head = slugify(region.head_title).replace("-", "")
    wanted: list[tuple[str, str, Unit | None, str]] = [
        (f"{p}.{head}", Role.KEPALA_DAERAH, picks.first(UnitKind.KEPALA_DAERAH), "head"),
        (f"{p}.wakil", Role.WAKIL, picks.first(UnitKind.WAKIL), "head"),
        (f"{p}.sekda", Role.SEKDA, picks.first(UnitKind.SETDA), "head"),
        *((f"{p}.asisten{i}", Role.ASISTEN, a, "head") for i, a in enumerate(picks.asisten, 1)),
        (f"{p}.stafahli", Role.STAF_AHLI, picks.first(UnitKind.STAF_AHLI), "head"),
        (f"{p}.setda", Role.SECRETARIAT_STAFF, picks.secretariat, "analyst"),
        (f"{p}.kadinkes", Role.AGENCY_HEAD, picks.health, "head"),
        (f"{p}.bappeda", Role.AGENCY_HEAD, picks.bappeda, "head"),
        *((f"{p}.kadis{i}", Role.AGENCY_HEAD, u, "head") for i, u in enumerate(picks.portfolio, 1)),
        (f"{p}.inspektur", Role.AGENCY_HEAD, picks.first(UnitKind.INSPEKTORAT), "head"),
        (f"{p}.camat", Role.AGENCY_HEAD, picks.first(UnitKind.KECAMATAN), "head"),
        (f"{p}.staf", Role.AGENCY_STAFF, picks.health, "below"),
    ]
    users, missing = [], []
    for username, role, unit, holder in wanted:
        if unit is None:
            missing.append(f"{username}: the tree has no unit for a {Role(role).label}; skipped.")
            continue
        official = getattr(holders.get(unit.pk, Holders()), holder)
        users.append(DemoUser(username, role, unit, official))
    return users, missing


SUPERADMIN = DemoUser("superadmin", Role.SUPERADMIN, None, None)


def ensure_user(demo: DemoUser, region: Region | None, *, reset: bool) -> Outcome:
    """Create the user once; later runs change nothing, bar a new password on ``reset`` for a
    user this command made (recognised by its demo e-mail domain)."""
    User = get_user_model()
    user = User.objects.filter(username=demo.username).first()
    if user is not None:
        if not user.email.endswith(f"@{DEMO_DOMAIN}"):
            return Outcome(demo, "", "not a demo user: left alone")
        if not reset:
            return Outcome(demo, "", "exists")
        password = secrets.token_urlsafe(12)
        user.password = demo_password_hash(password)
        user.save(update_fields=["password"])
        return Outcome(demo, password, "reset")
    password = secrets.token_urlsafe(12)
    first, last = split_name(demo.official.name) if demo.official else ("", "")
    user = User.objects.create(
        username=demo.username,
        email=f"{demo.username}@{DEMO_DOMAIN}",
        first_name=first[:150],
        last_name=last[:150],
        is_superuser=demo.role == Role.SUPERADMIN,
        is_staff=demo.role in STAFF_ROLES,
        password=demo_password_hash(password),
    )
    assignment = RoleAssignment(
        user=user,
        role=demo.role,
        region=region if demo.role != Role.SUPERADMIN else None,
        unit=demo.unit,
        official=demo.official,
    )
    assignment.clean()  # the role's rules; the rows it points to were just read or made
    assignment.save()
    return Outcome(demo, password, "created")


def demo_password_hash(password: str) -> str:
    hasher = get_hasher()
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=DEMO_PBKDF2_ITERATIONS)
    return make_password(password)
