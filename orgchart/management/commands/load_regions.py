"""Load every bundled region pack in fixtures/regions; running it twice changes nothing."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from orgchart.packs.loader import bundled_packs


class Command(BaseCommand):
    help = "Load all bundled region packs (fixtures/regions/*.yaml)."

    def handle(self, *args, **options) -> None:
        for path in bundled_packs():
            call_command("load_region", str(path), stdout=self.stdout, stderr=self.stderr)
