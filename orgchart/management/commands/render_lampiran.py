"""Render a region's Lampiran to a file: python manage.py render_lampiran 13.75 I out.pdf"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ParseError

from orgchart.lampiran import document as documents
from orgchart.lampiran.params import chart_or_400, paper_or_400
from orgchart.pdf import write_pdf
from regulations.models import Region


class Command(BaseCommand):
    help = "Render Lampiran I, II, III or the table annex of a region as PDF or SVG."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="Kemendagri code, e.g. 13.75")
        parser.add_argument("chart", help="I, II, III or table")
        parser.add_argument("output", type=Path, help="a .pdf or .svg file")
        parser.add_argument(
            "--as-of", type=datetime.date.fromisoformat, help="YYYY-MM-DD; default today"
        )
        parser.add_argument("--paper", default="a4", help="a4 or f4")

    def handle(self, *args, code, chart, output: Path, as_of, paper, **options) -> None:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(f"No region with code {code}.")
        try:
            chart, paper = chart_or_400(chart), paper_or_400(paper)
            doc = documents.build(region, chart, as_of or datetime.date.today(), paper)
        except (ParseError, documents.NoStructure) as exc:
            raise CommandError(str(getattr(exc, "detail", exc))) from exc
        if output.suffix == ".svg":
            output.write_text(documents.svg(doc), encoding="utf-8")
        elif output.suffix == ".pdf":
            output.write_bytes(write_pdf(documents.html(doc)))
        else:
            raise CommandError("The output must end in .pdf or .svg.")
        pages = len(doc.layout.pages)
        self.stdout.write(
            f"{output}: {doc.annex_label} {region.full_name}, {pages} page(s), "
            f"text at {min(p.font for p in doc.layout.pages):.1f} pt"
        )
