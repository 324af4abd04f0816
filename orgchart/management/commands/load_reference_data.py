"""Load the reference data (the urusan taxonomy) from fixtures/reference; safe to re-run."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orgchart.models import Affair

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


@transaction.atomic
def load_affairs(entries: list[dict]) -> tuple[int, int]:
    created = changed = 0
    by_code = {affair.code: affair for affair in Affair.objects.all()}
    for entry in entries:
        wanted = {
            "name": entry["name"],
            "group": entry["group"],
            "legal_basis": entry.get("legal_basis", ""),
            "parent": by_code.get(entry["parent"]) if entry.get("parent") else None,
        }
        if entry.get("parent") and wanted["parent"] is None:
            raise CommandError(f"Affair {entry['code']}: parent {entry['parent']} comes later.")
        affair = by_code.get(entry["code"])
        if affair is None:
            affair = Affair(code=entry["code"], **wanted)
            affair.full_clean()
            affair.save()
            by_code[affair.code] = affair
            created += 1
        elif any(getattr(affair, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(affair, name, value)
            affair.full_clean()
            affair.save()
            changed += 1
    return created, changed
