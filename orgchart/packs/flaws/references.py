"""Cross-references: every "sebagaimana dimaksud … Pasal …" must reach an existing provision
that is about what the referring text says."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations import citations

MISSING = explains(
    "reference-to-missing-provision",
    _("%(citation)s cites %(target)s, which does not exist in %(regulation)s."),
)

_REFERENCE = re.compile(
    r"\bPasal\s+(\d+)((?:\s+ayat\s*\(\d+\))?(?:\s+huruf\s+[a-z]\b)?(?:\s+angka\s+\d+)?)"
    r"(?P<after>(?:\s+\S+){0,4})",
    re.IGNORECASE,
)
_EXTERNAL = re.compile(r"\b(Undang|Peraturan|UU|Perda|Keputusan)\b", re.IGNORECASE)


def references_to_missing_provisions(source: Source) -> list[Flaw]:
    """References in the text to a provision of this regulation that does not exist."""
    flaws = []
    for provision in source.provisions:
        for match in _REFERENCE.finditer(provision.text):
            if _EXTERNAL.search(match["after"] or ""):
                continue  # "Pasal 18 ayat (6) Undang-Undang Dasar …" cites another law
            try:
                segments = citations.parse(f"Pasal {match[1]}{match[2]}")
            except citations.CitationSyntaxError:
                continue
            if citations.key(segments) not in source.by_key:
                flaws.append(
                    Flaw.of(
                        MISSING,
                        FlawClass.CROSS_REFERENCE,
                        Severity.MEANING,
                        provision.citation,
                        target=citations.display(segments),
                        regulation=source.regulation.short_citation,
                    )
                )
    return flaws


CHECKS = [references_to_missing_provisions]
