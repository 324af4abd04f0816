"""The home page, region and unit pages."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError

from apitools.params import find_region, parse_as_of
from apitools.refusals import DateNotAnswered, Refusal
from orgchart.models import Unit, assignment_of
from orgchart.packs.flaws import Severity, find_flaws
from orgchart.packs.flaws.publish import by_class
from orgchart.read.held import require_structure_on
from orgchart.read.portfolios import portfolios
from orgchart.read.tree import tree
from orgchart.read.units import unit_detail
from orgchart.rule_text import describe
from regulations.models import Region, Regulation
from regulations.reader import anchor

LAMPIRAN_TABS = (
    ("I", "Lampiran I"),
    ("II", "Lampiran II"),
    ("III", "Lampiran III"),
    ("table", _("Table")),
)


def home(request: HttpRequest) -> HttpResponse:
    """What the portal is, and the regions it holds with the regulation in force today."""
    today = timezone.localdate()
    unit_count = (
        Unit.objects.as_of(today)
        .filter(region=OuterRef("pk"))
        .order_by()
        .values("region")
        .annotate(count=Count("pk"))
        .values("count")
    )
    regions = Region.objects.annotate(
        unit_count=Subquery(unit_count, output_field=IntegerField())
    ).prefetch_related(
        Prefetch(
            "regulations",
            queryset=Regulation.objects.in_force(today).select_related("region"),
            to_attr="in_force",
        )
    )
    assignment = assignment_of(request.user)
    if assignment is not None:
        assignment = type(assignment).objects.select_related("region", "unit").get(pk=assignment.pk)
    return render(
        request,
        "home.html",
        {"regions": regions, "today": today, "assignment": assignment},
    )


def _read_rules(regulation: Regulation) -> list:
    """The regulation's rules, each with the portal's reading in the reader's language."""
    rules = list(regulation.rules.select_related("regulation__region").order_by("kind", "pk"))
    for rule in rules:
        rule.reading = describe(regulation.region, rule.kind, rule.value)
    return rules


def _day_for(request: HttpRequest, region: Region | None):
    """The page's date: ?as_of= or today; a bad date shows the page for today with a message."""
    try:
        return parse_as_of(request.GET.get("as_of"), region), None
    except ParseError as exc:
        return parse_as_of(None, region), str(exc.detail)


def _answer_for(region: Region, day) -> tuple[Regulation | None, Refusal | None]:
    """The regulation whose structure the page shows for ``day``, or the refusal the API gives
    for that date (naming the regulation in force, or the earliest held)."""
    try:
        return require_structure_on(region, day), None
    except DateNotAnswered as exc:
        return None, exc.detail


def region_page(request: HttpRequest, code: str) -> HttpResponse:
    region = find_region(code)
    if region is None:
        raise Http404(f"No region {code!r}")
    day, error = _day_for(request, region)
    regulation, refusal = _answer_for(region, day)
    context = {
        "region": region,
        "day": day,
        "error": str(refusal) if refusal else error,
        "refusal": refusal,
        "regulation": regulation,
    }
    if regulation is not None:
        context |= {
            "root": tree(region, day),
            "assistants": portfolios(region, day)["assistants"],
            "rules": _read_rules(regulation),
            "flaw_groups": _flaw_groups(regulation),
            "lampiran_tabs": LAMPIRAN_TABS,
        }
    return render(request, "orgchart/region.html", context)


def _flaw_groups(regulation: Regulation) -> list[dict]:
    """The flaws of the text by class, each with its provisions as links into the reader."""
    groups = []
    for klass, flaws in by_class(find_flaws(regulation)):
        items = [
            {
                "flaw": flaw,
                "provisions": [
                    {"citation": citation, "anchor": anchor(citation)}
                    for citation in (flaw.citation, *flaw.related)
                    if citation
                ],
            }
            for flaw in flaws
        ]
        severe = any(flaw.severity == Severity.RESPONSIBILITY for flaw in flaws)
        # A long group stays closed, so that a phone shows every class before their items.
        groups.append({"klass": klass, "items": items, "severe": severe, "open": len(flaws) <= 5})
    return groups


def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(
        Unit.objects.select_related("region", "source_regulation__region"), pk=pk
    )
    day, error = _day_for(request, unit.region)
    _regulation, refusal = _answer_for(unit.region, day)
    context = {
        "unit": unit,
        "detail": None if refusal else unit_detail(unit, day),
        "day": day,
        "error": str(refusal) if refusal else error,
        "refusal": refusal,
    }
    return render(request, "orgchart/unit.html", context)
