"""Check every region's unit tree: nested-set columns against parent pointers."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from orgchart.integrity import tree_errors
from regulations.models import Region


class Command(BaseCommand):
    help = "Report inconsistencies in each region's unit tree; exit 1 if there are any."

    def handle(self, *args, **options) -> None:
        failures = 0
        for region in Region.objects.all():
            errors = tree_errors(region.pk)
            status = "OK" if not errors else f"{len(errors)} error(s)"
            self.stdout.write(f"{region.code} {region.full_name}: {status}")
            for error in errors:
                self.stdout.write(f"  - {error}")
            failures += len(errors)
        if failures:
            raise CommandError(f"{failures} tree error(s).")
