"""List the flaws of a region's source text, each with its citation."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from orgchart.packs.export import region_and_regulation
from orgchart.packs.flaws import find_flaws


class Command(BaseCommand):
    help = "List each flaw in a region's source regulation, with the provision it sits in."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="Kemendagri code, e.g. 17.71")

    def handle(self, *args, code: str, **options) -> None:
        region, regulation = region_and_regulation(code)
        flaws = find_flaws(regulation)
        self.stdout.write(
            f"{region.code} {region.full_name}, {regulation.short_citation}: "
            f"{len(flaws)} flaw(s) in the source"
        )
        for flaw in flaws:
            self.stdout.write(f"- {flaw.line(regulation)}")
