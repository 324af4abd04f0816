"""Seed each region with a demo roster of officials and one demo user per role (plus a global
superadmin), printing each password once, when the user is created."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orgchart.demo.picks import pick_units
from orgchart.demo.roster import demo_holders, seed_roster
from orgchart.demo.users import SUPERADMIN, Outcome, ensure_user, region_users
from regulations.models import Region

UNIT_WIDTH, OFFICIAL_WIDTH = 44, 34


class Command(BaseCommand):
    help = (
        "Give every loaded region a demo roster (head, deputy, Sekda, Asisten, Staf Ahli, and "
        "the head and the officials below the head of every Dinas, Badan and Bagian) and one "
        "demo user per role bound to its units. Passwords are printed once, when a user is "
        "created. A second run changes nothing; units with positions of their own are left "
        "alone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--region", help="Kemendagri code; default: every loaded region.")
        parser.add_argument(
            "--reset-passwords", action="store_true", help="Give existing demo users new passwords."
        )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        reset = options["reset_passwords"]
        self.stdout.write(
            self.style.MIGRATE_HEADING("Demo users (passwords are printed once; keep them):")
        )
        self._table([ensure_user(SUPERADMIN, None, reset=reset)])
        regions = self._regions(options["region"])
        for region in regions:
            self._seed(region, reset)
        if not regions:
            self.stdout.write("No region is loaded yet: only the superuser was created.")

    def _regions(self, code: str | None) -> list[Region]:
        regions = Region.objects.filter(units__isnull=False).distinct().order_by("code")
        if code:
            regions = list(regions.filter(code=code))
            if not regions:
                raise CommandError(f"No loaded region with code {code}.")
        return list(regions)

    def _seed(self, region: Region, reset: bool) -> None:
        day = region.today()
        picks = pick_units(region, day)
        result = seed_roster(region, day, picks)
        created = ", ".join(f"{count} {label}" for label, count in result.created.items())
        self.stdout.write(
            self.style.MIGRATE_LABEL(f"\n{region} ({region.code})")
            + f": roster {'created: ' + created if created else 'unchanged'}."
        )
        if result.left_alone:
            names = "; ".join(unit.name for unit in result.left_alone)
            self.stdout.write(f"  Left alone (they have positions of their own): {names}")
        users, missing = region_users(region, picks, demo_holders(region, day))
        self._table([ensure_user(user, region, reset=reset) for user in users])
        for line in missing:
            self.stdout.write(f"  {line}")

    def _table(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            demo = outcome.user
            secret = outcome.password or f"({outcome.status})"
            unit = _cut(demo.unit.name if demo.unit else "—", UNIT_WIDTH)
            official = _cut(demo.official.name if demo.official else "—", OFFICIAL_WIDTH)
            self.stdout.write(
                f"  {demo.username:<17} {secret:<18} {demo.role.label!s:<26} "
                f"{unit:<{UNIT_WIDTH}} {official}"
            )


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
