"""Create a demo superuser and one demo user per role, printing each password once."""

from __future__ import annotations

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orgchart.models import Appointment, Official, Position, Role, RoleAssignment, Unit
from orgchart.models.roles import ROLE_UNIT_KINDS
from orgchart.vocabulary import UnitKind
from regulations.models import Region

# username, role, preferred kinds of unit (first match in tree order wins)
DEMO_USERS = [
    ("superadmin", Role.SUPERADMIN, ()),
    ("kepala_daerah", Role.KEPALA_DAERAH, (UnitKind.KEPALA_DAERAH,)),
    ("wakil", Role.WAKIL, (UnitKind.WAKIL,)),
    ("sekda", Role.SEKDA, (UnitKind.SETDA,)),
    ("asisten", Role.ASISTEN, (UnitKind.ASISTEN,)),
    ("staf_ahli", Role.STAF_AHLI, (UnitKind.STAF_AHLI,)),
    ("setda", Role.SECRETARIAT_STAFF, (UnitKind.BAGIAN, UnitKind.SETDA)),
    ("kadis", Role.AGENCY_HEAD, (UnitKind.DINAS, UnitKind.BADAN)),
    ("staf_dinas", Role.AGENCY_STAFF, (UnitKind.DINAS, UnitKind.BADAN)),
]
STAFF_ROLES = {Role.SUPERADMIN, Role.SECRETARIAT_STAFF}


class Command(BaseCommand):
    help = (
        "Create demo users (a superuser and one per role) bound to a region's units. "
        "Passwords are printed once, when a user is created."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--region",
            help="Kemendagri code; default: the first region with a unit for every role.",
        )
        parser.add_argument(
            "--reset-passwords", action="store_true", help="Give existing demo users new passwords."
        )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        region = self._region(options["region"])
        lines = []
        for username, role, kinds in DEMO_USERS:
            unit = None
            if role != Role.SUPERADMIN:
                if region is None:
                    continue
                unit = self._unit_for(region, role, kinds)
                if unit is None:
                    self.stdout.write(f"  {username}: {region} has no unit for this role; skipped.")
                    continue
            lines.append(self._ensure(username, role, region, unit, options["reset_passwords"]))
        head_unit = next(
            (
                unit
                for username, role, kinds in DEMO_USERS
                if role == Role.AGENCY_HEAD and region is not None
                for unit in [self._unit_for(region, role, kinds)]
                if unit is not None
            ),
            None,
        )
        if head_unit is not None:
            self._demo_officials(head_unit)
        self.stdout.write(self.style.MIGRATE_HEADING("Demo users (printed once; keep them):"))
        for line in lines:
            self.stdout.write("  " + line)
        if region is None:
            self.stdout.write("No region is loaded yet: only the superuser was created.")

    def _region(self, code: str | None) -> Region | None:
        if code:
            try:
                return Region.objects.get(code=code)
            except Region.DoesNotExist:
                raise CommandError(f"No region with code {code}.") from None
        regions = list(Region.objects.filter(units__isnull=False).distinct().order_by("code"))
        for region in regions:
            if all(
                self._unit_for(region, role, kinds) is not None
                for _name, role, kinds in DEMO_USERS
                if role != Role.SUPERADMIN
            ):
                return region
        return regions[0] if regions else None

    def _unit_for(self, region: Region, role: str, kinds: tuple[str, ...]) -> Unit | None:
        units = Unit.objects.in_region(region).filter(kind__in=ROLE_UNIT_KINDS[role])
        for kind in kinds:
            unit = units.filter(kind=kind).order_by("lft").first()
            if unit is not None:
                return unit
        return None

    def _demo_officials(self, unit: Unit) -> None:
        """Positions and officials for the demo agency (its head, the official one level below
        and one two levels below), so that attendance and representation (Pasal 9 huruf f) can
        be tried. Marked "(demo)"; created once, never over real data."""
        if unit.positions.exists():
            return
        start = datetime.date(datetime.date.today().year - 1, 1, 1)
        for level, title, name in (
            (1, f"Kepala {unit.name}", "CONTOH KEPALA DINAS (demo)"),
            (2, f"Sekretaris {unit.name}", "CONTOH SEKRETARIS DINAS (demo)"),
            (3, "Kepala Subbagian Umum dan Kepegawaian", "CONTOH KASUBBAG UMUM (demo)"),
        ):
            position = Position.objects.create(unit=unit, title=title, level=level)
            official = Official.objects.create(region=unit.region, name=name)
            Appointment.objects.create(official=official, position=position, start=start)
        self.stdout.write(f"  Demo officials created for {unit.name} (levels 1, 2 and 3).")

    def _ensure(self, username, role, region, unit, reset: bool) -> str:
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        where = f"{role.label}" + (f" — {unit}, {region}" if unit else "")
        if user is not None and not reset:
            return f"{username:<14} exists ({where}); password was printed when it was created"
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User(username=username, email=f"{username}@demo.portal.invalid")
        user.is_superuser = role == Role.SUPERADMIN
        user.is_staff = role in STAFF_ROLES
        user.set_password(password)
        user.save()
        assignment, _ = RoleAssignment.objects.get_or_create(
            user=user, defaults={"role": role, "region": region, "unit": unit}
        )
        assignment.role, assignment.region, assignment.unit = role, region, unit
        if role == Role.SUPERADMIN:
            assignment.region = assignment.unit = None
        assignment.full_clean()
        assignment.save()
        return f"{username:<14} {password:<18} {where}"
