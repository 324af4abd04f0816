"""Derive every region's reporting obligations from its rules and create their periods: what
beat does daily, on demand (``make run`` runs it once after loading the regions)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from coordination.reports.obligations import ensure_all_periods


class Command(BaseCommand):
    help = (
        "Sync the reporting obligations of every region with its rules and create their "
        "periods from the start of last year to the next one. Idempotent."
    )

    def handle(self, *args, **options) -> None:
        created = ensure_all_periods()
        self.stdout.write(f"Reporting periods created: {created}.")
