"""Load one region pack (docs/region-pack.md); running it twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgchart.packs.loader import load_pack, read_pack
from orgchart.packs.schema import PackError


class Command(BaseCommand):
    help = "Load a region pack (YAML) into the database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            region, regulation, report = load_pack(read_pack(path))
        except PackError as exc:
            raise CommandError(f"{path.name}:\n{exc}") from exc
        self.stdout.write(f"{region.code} {region.full_name}, {regulation.short_citation}:")
        for line in report.lines():
            self.stdout.write(f"  {line}")
