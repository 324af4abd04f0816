"""Matching and searching text that is kept verbatim: normalise case, spacing and punctuation
only, never spelling; full-text search over provisions, which finds a typo by its normal reading
(regulations/readings.py) without changing the stored text."""

from __future__ import annotations

import re
import unicodedata

from django.db import connection
from django.db.models import Q, QuerySet

from regulations.readings import held_variants


def normalise_name(text: str) -> str:
    """ "Dinas  Kesehatan;" and "dinas kesehatan" match; "Sekreatis" and "Sekretaris" do not."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"[^\w\s]", " ", folded)
    return " ".join(folded.split())


def search_provisions(queryset: QuerySet, query: str) -> QuerySet:
    """Provisions matching ``query``: PostgreSQL full text with the ``indonesian`` configuration
    (stemming "pembangunan" to "bangun"), ranked; elsewhere every word as a substring. A word
    also matches the typos that read as it: "Sekretaris" finds "Sekreatis Daerah"."""
    words = normalise_name(query).split()
    if not words:
        return queryset.none()
    misprints = held_variants()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("heading", "text", config="indonesian")
        search = None
        for word in words:
            term = SearchQuery(word, config="indonesian", search_type="plain")
            for printed in sorted(misprints.get(word, ())):
                term |= SearchQuery(printed, config="indonesian", search_type="phrase")
            search = term if search is None else search & term
        return (
            queryset.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)  # @@: ts_rank alone gives non-matches 1e-20 for an OR
            .order_by("-rank", "regulation_id", "position")
        )
    for word in words:
        condition = Q()
        for spelling in (word, *sorted(misprints.get(word, ()))):
            condition |= Q(text__icontains=spelling) | Q(heading__icontains=spelling)
        queryset = queryset.filter(condition)
    return queryset.order_by("regulation_id", "position")
