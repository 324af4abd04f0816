"""Load a region pack into the database in one transaction; loading it twice changes nothing."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from orgchart.models import Affair
from orgchart.packs import structure, text
from orgchart.packs.reference import load_affairs
from orgchart.packs.report import Report
from orgchart.packs.schema import PackError, validate
from regulations.models import Region, Regulation

BUNDLED_PACKS = Path(settings.BASE_DIR) / "fixtures" / "regions"
REFERENCE_AFFAIRS = Path(settings.BASE_DIR) / "fixtures" / "reference" / "affairs.yaml"


def read_pack(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PackError(f"{path.name}: not valid YAML: {exc}") from exc


def bundled_packs() -> list[Path]:
    return sorted(BUNDLED_PACKS.glob("*.yaml"))


def _plain(value):
    """YAML reads ISO dates as dates; the schema checks them as strings."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def load_pack(data: dict) -> tuple[Region, Regulation, Report]:
    """Validate ``data`` and bring the database in line with it, all or nothing."""
    try:
        return _load(data)
    except ValidationError as exc:
        where = getattr(exc, "pack_location", "")
        raise PackError(f"{where}{'; '.join(exc.messages)}") from exc


@transaction.atomic
def _load(data: dict) -> tuple[Region, Regulation, Report]:
    data = _plain(data)
    validate(data)
    if not Affair.objects.exists():
        load_affairs(yaml.safe_load(REFERENCE_AFFAIRS.read_text(encoding="utf-8"))["affairs"])
    report = Report()
    region = text.load_region(data["region"], report)
    regulation = text.load_regulation(region, data["regulation"], report)
    units = structure.sync_structure(region, regulation, data["structure"], report)
    structure.sync_links(regulation, data.get("links", []), units, report)
    structure.sync_unit_affairs(regulation, data, units, report)
    structure.sync_kind_relations(regulation, data.get("kind_relations", []), report)
    structure.sync_officials(region, data.get("officials", []), units, report)
    return region, regulation, report
