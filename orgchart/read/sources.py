"""How the read models name the regulations they cite, in one query per region."""

from __future__ import annotations

from regulations.models import Region


def regulation_citations(region: Region) -> dict[int, str]:
    """{regulation id: "Perwal Bukittinggi 4/2017"} for the region's regulations."""
    return {
        regulation.pk: regulation.short_citation
        for regulation in region.regulations.select_related("region").only(
            "pk", "kind", "number", "year", "region__name", "region__kind"
        )
    }
