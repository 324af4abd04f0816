"""The Lampiran on the region page: a lazily loaded SVG preview with its flaw notes (and, for
a table, the table as text and the portal's reading beside the published one), and PDF
rendering as a Celery task with a progress bar, served from the file cache once done."""

from __future__ import annotations

import datetime

from celery.result import AsyncResult
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rest_framework.exceptions import ParseError

from apitools.params import parse_as_of, region_or_400
from orgchart.lampiran import document as documents
from orgchart.lampiran.files import cached
from orgchart.lampiran.params import chart_or_400, paper_or_400
from orgchart.lampiran.rows import COLUMNS
from orgchart.lampiran.table import column_titles
from orgchart.read.held import require_structure_on
from orgchart.tasks import render_lampiran
from regulations.citations import CitationSyntaxError
from regulations.reader import anchor

LISTS = {"units", "bagian", "other"}  # columns whose entries are numbered lists


def _params(request: HttpRequest, code: str, chart: str):
    region = region_or_400(code)
    data = request.POST if request.method == "POST" else request.GET
    return (
        region,
        chart_or_400(chart),
        parse_as_of(data.get("as_of"), region),
        paper_or_400(data.get("paper")),
    )


def _download_url(region, chart: str, day, paper: str, fmt: str) -> str:
    url = reverse("lampiran-file", args=[region.code, f"{chart}.{fmt}"])
    return f"{url}?as_of={day.isoformat()}&paper={paper}"


def _anchor(citation: str) -> str:
    """The provision's anchor in the reader; "" for a place no citation names ("penutup")."""
    try:
        return anchor(citation)
    except CitationSyntaxError:
        return ""


def _notes(doc: documents.LampiranDocument) -> list[dict]:
    """The flaw notes in the reader's language, each provision a link into the reader."""
    return [
        {
            "number": note.number,
            "message": note.message,
            "provisions": [{"citation": c, "anchor": _anchor(c)} for c in note.citations],
        }
        for note in doc.notes.notes
    ]


def _table(doc: documents.LampiranDocument) -> dict | None:
    """A table Lampiran as an HTML table: its headings and, per row, each cell's entries."""
    if not doc.rows:
        return None
    titles = column_titles(list(doc.rows))
    return {
        "titles": titles,
        "rows": [
            {
                "number": row.number,
                "cells": [
                    {
                        "title": title,
                        "entries": entries,
                        "listed": bool(entries) and (len(entries) > 1 or column in LISTS),
                    }
                    for title, column, entries in zip(titles[1:], COLUMNS, row.cells(), strict=True)
                ],
            }
            for row in doc.rows
        ],
    }


def _view(doc: documents.LampiranDocument, level: int) -> dict:
    region, day, paper = doc.region, doc.day, doc.paper
    return {
        "document": doc,
        "svg": documents.svg(doc),
        "svg_url": _download_url(region, doc.chart, day, paper, "svg"),
        "start_url": reverse("lampiran-start", args=[region.code, doc.chart]),
        "said": documents.ON_THE_PAGE[doc.provenance],
        "notes": _notes(doc),
        "notes_heading": documents.NOTES_HEADING,
        "table": _table(doc),
        "level": level,  # of the notes' heading: under the panel's h2, or under the reading's h3
    }


@require_GET
def lampiran_preview(request: HttpRequest, code: str, chart: str) -> HttpResponse:
    """The chart as inline SVG, for the region page (loaded by htmx after the page); a table
    published verbatim comes first, the portal's reading of it after it."""
    try:
        region, chart, day, paper = _params(request, code, chart)
        require_structure_on(region, day)
        docs = [documents.build(region, chart, day, paper)]
        if docs[0].provenance == documents.PUBLISHED:
            docs.append(documents.build(region, "table-reading", day, paper))
    except (ParseError, documents.NoStructure) as exc:
        return render(
            request,
            "orgchart/_lampiran_error.html",
            {"error": getattr(exc, "detail", exc)},
            status=400,
        )
    views = [_view(doc, 3 if index == 0 else 4) for index, doc in enumerate(docs)]
    context = {"views": views, "day": day, "paper": paper}
    return render(request, "orgchart/_lampiran_preview.html", context)


@require_POST
def lampiran_start(request: HttpRequest, code: str, chart: str) -> HttpResponse:
    """Start rendering the PDF, or hand it over at once if it is already on disk."""
    try:
        region, chart, day, paper = _params(request, code, chart)
        require_structure_on(region, day)
    except ParseError as exc:
        return render(request, "orgchart/_lampiran_error.html", {"error": exc.detail}, status=400)
    pdf_url = _download_url(region, chart, day, paper, "pdf")
    if cached(region, chart, day, paper, "pdf"):
        return render(
            request, "orgchart/_lampiran_progress.html", {"done": True, "pdf_url": pdf_url}
        )
    task = render_lampiran.delay(region.code, chart, day.isoformat(), paper)
    request.session[f"lampiran-{task.id}"] = {
        "url": pdf_url,
        "params": [region.code, chart, day.isoformat(), paper],
    }
    return render(
        request,
        "orgchart/_lampiran_progress.html",
        {"percent": 0, "status_url": reverse("lampiran-status", args=[task.id])},
    )


@require_GET
def lampiran_status(request: HttpRequest, task_id: str) -> HttpResponse:
    """Progress of a rendering started from this browser session. The file on disk is the
    truth: once it exists the PDF is ready, whatever the result backend remembers."""
    started = request.session.get(f"lampiran-{task_id}")
    if started is None:
        error = _("This rendering was not started from this browser.")
        return render(request, "orgchart/_lampiran_error.html", {"error": error}, status=404)
    code, chart, day, paper = started["params"]
    region = region_or_400(code)
    if cached(region, chart, datetime.date.fromisoformat(day), paper, "pdf"):
        context = {"done": True, "pdf_url": started["url"]}
        return render(request, "orgchart/_lampiran_progress.html", context)
    result = AsyncResult(task_id)
    if result.successful():  # rendered for a structure version that has changed since
        context = {"done": True, "pdf_url": started["url"]}
        return render(request, "orgchart/_lampiran_progress.html", context)
    if result.failed():
        error = _("The PDF could not be made: %(error)s") % {"error": result.result}
        return render(request, "orgchart/_lampiran_error.html", {"error": error}, status=500)
    info = result.info if isinstance(result.info, dict) else {}
    return render(
        request,
        "orgchart/_lampiran_progress.html",
        {
            "percent": info.get("percent", 0),
            "stage": info.get("stage", ""),
            "status_url": reverse("lampiran-status", args=[task_id]),
        },
    )
