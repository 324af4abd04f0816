"""Matching and searching text that is kept verbatim: normalise case, spacing and punctuation
only, never spelling; full-text search over provisions."""

from __future__ import annotations

import re
import unicodedata

from django.db import connection
from django.db.models import Q, QuerySet


def normalise_name(text: str) -> str:
    """ "Dinas  Kesehatan;" and "dinas kesehatan" match; "Sekreatis" and "Sekretaris" do not."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"[^\w\s]", " ", folded)
    return " ".join(folded.split())


def search_provisions(queryset: QuerySet, query: str) -> QuerySet:
    """Provisions matching ``query``: PostgreSQL full text with the ``indonesian`` configuration
    (stemming "pembangunan" to "bangun"), ranked; elsewhere every word as a substring."""
    words = normalise_name(query).split()
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("heading", "text", config="indonesian")
        search = SearchQuery(" ".join(words), config="indonesian", search_type="plain")
        return (
            queryset.annotate(rank=SearchRank(vector, search))
            .filter(rank__gt=0)
            .order_by("-rank", "regulation_id", "position")
        )
    for word in words:
        queryset = queryset.filter(Q(text__icontains=word) | Q(heading__icontains=word))
    return queryset.order_by("regulation_id", "position")
