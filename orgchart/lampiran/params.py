"""Parameters of a Lampiran request; every bad value is a ParseError (400) that says why."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError

from orgchart.lampiran.document import CHARTS, PAPERS

ALIASES = {
    "1": "I",
    "2": "II",
    "3": "III",
    "i": "I",
    "ii": "II",
    "iii": "III",
    "tabel": "table",
    "reading": "table-reading",
}


def chart_or_400(name: str) -> str:
    chart = ALIASES.get(name.lower(), name if name in CHARTS else name.lower())
    if chart not in CHARTS:
        raise ParseError(
            _("Unknown Lampiran “%(name)s”: use I, II, III, table or table-reading.")
            % {"name": name}
        )
    return chart


def paper_or_400(value: str | None) -> str:
    paper = (value or "a4").lower()
    if paper not in PAPERS:
        raise ParseError(_("paper must be a4 or f4, not “%(value)s”.") % {"value": value})
    return paper


def page_or_400(value: str | None, pages: int) -> int:
    if not value:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= pages:
        raise ParseError(
            _("page must be a number from 1 to %(pages)d, not “%(value)s”.")
            % {"pages": pages, "value": value}
        )
    return int(value)
