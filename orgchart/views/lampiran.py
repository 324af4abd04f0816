"""The Lampiran on the region page: a lazily loaded SVG preview, and PDF rendering as a Celery
task with a progress bar, served from the file cache once done."""

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
from orgchart.tasks import render_lampiran


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


@require_GET
def lampiran_preview(request: HttpRequest, code: str, chart: str) -> HttpResponse:
    """The chart as inline SVG, for the region page (loaded by htmx after the page)."""
    try:
        region, chart, day, paper = _params(request, code, chart)
        doc = documents.build(region, chart, day, paper)
    except (ParseError, documents.NoStructure) as exc:
        return render(
            request,
            "orgchart/_lampiran_error.html",
            {"error": getattr(exc, "detail", exc)},
            status=400,
        )
    context = {
        "svg": documents.svg(doc),
        "document": doc,
        "svg_url": _download_url(region, chart, day, paper, "svg"),
        "start_url": reverse("lampiran-start", args=[region.code, chart]),
        "day": day,
        "paper": paper,
    }
    return render(request, "orgchart/_lampiran_preview.html", context)


@require_POST
def lampiran_start(request: HttpRequest, code: str, chart: str) -> HttpResponse:
    """Start rendering the PDF, or hand it over at once if it is already on disk."""
    try:
        region, chart, day, paper = _params(request, code, chart)
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
