"""List the flaws of a region's source text, each with its citation."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from orgchart.packs.export import main_regulation
from orgchart.packs.flaws import find_flaws
from regulations.models import Region


class Command(BaseCommand):
    help = "List each flaw in a region's source regulation, with the provision it sits in."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="Kemendagri code, e.g. 17.71")

    def handle(self, *args, code: str, **options) -> None:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(f"No region with code {code}.")
        regulation = main_regulation(region)
        if regulation is None:
            raise CommandError(f"{region} has no regulation with a text to check.")
        flaws = find_flaws(regulation)
        self.stdout.write(
            f"{region.code} {region.full_name}, {regulation.short_citation}: "
            f"{len(flaws)} flaw(s) in the source"
        )
        for flaw in flaws:
            self.stdout.write(f"- {flaw.line()}")
