"""The reference data every region shares: the urusan taxonomy (government affairs) of
fixtures/reference/affairs.yaml, loaded or updated in place; safe to re-run."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import transaction

from orgchart.models import Affair


@transaction.atomic
def load_affairs(entries: list[dict]) -> tuple[int, int]:
    """Create or update the affairs, parents first; (created, changed)."""
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
