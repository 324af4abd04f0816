"""Load the reference data (the urusan taxonomy) from fixtures/reference; safe to re-run."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from orgchart.packs.reference import load_affairs

AFFAIRS_FILE = Path(settings.BASE_DIR) / "fixtures" / "reference" / "affairs.yaml"
SUPPORTED_FORMAT = 1


class Command(BaseCommand):
    help = "Load the government-affairs taxonomy (urusan). Running it twice changes nothing."

    def handle(self, *args, **options) -> None:
        data = yaml.safe_load(AFFAIRS_FILE.read_text(encoding="utf-8"))
        if data.get("format") != SUPPORTED_FORMAT:
            raise CommandError(f"{AFFAIRS_FILE}: unsupported format {data.get('format')!r}")
        created, changed = load_affairs(data["affairs"])
        self.stdout.write(
            f"Affairs: {created} created, {changed} changed, "
            f"{len(data['affairs']) - created - changed} unchanged."
        )
