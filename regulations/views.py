"""Pages of the regulations: the reader and full-text search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from rest_framework.exceptions import ParseError

from apitools.params import code_or_400, text_or_400
from regulations import reader
from regulations.models import Provision, Region, Regulation
from regulations.search import search_provisions


def regulation_reader(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole text with an anchor for every provision; a linked one is highlighted."""
    regulation = get_object_or_404(
        Regulation.objects.select_related("region").prefetch_related(
            "recitals",
            "annexes",
            "certifiers",
            "revocations__revoked__region",
            "revoked_by__revoking__region",
        ),
        pk=pk,
    )
    return render(
        request,
        "regulations/reader.html",
        {
            "regulation": regulation,
            "provisions": reader.provision_tree(regulation),
            "rules": regulation.rules.order_by("kind", "pk"),
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    """Full text over every regulation's provisions, optionally in one region."""
    try:
        query = (text_or_400(request.GET.get("q"), "q") or "").strip()
        code = code_or_400(request.GET.get("region"), "region") or ""
    except ParseError as exc:  # shown above the form, the search not run
        return render(
            request,
            "regulations/search.html",
            {"error": exc.detail, "regions": Region.objects.order_by("code")},
            status=400,
        )
    page = None
    if query:
        provisions = Provision.objects.select_related("regulation__region")
        if code:
            provisions = provisions.filter(regulation__region__code=code)
        page = Paginator(search_provisions(provisions, query), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "regulations/search.html",
        {"query": query, "code": code, "page": page, "regions": Region.objects.order_by("code")},
    )
