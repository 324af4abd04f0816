"""Write a region's pack back from the database, in canonical form."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from orgchart.packs.export import export_pack, region_and_regulation


class Command(BaseCommand):
    help = "Export a region pack (YAML) to standard output or --output."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="Kemendagri code, e.g. 13.75")
        parser.add_argument("--output", type=Path, help="Write to this file instead.")

    def handle(self, *args, code: str, output: Path | None, **options) -> None:
        _region, regulation = region_and_regulation(code)
        text = export_pack(regulation)
        if output:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
