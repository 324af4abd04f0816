"""Flaws as the API and the pages show them: facts plus the explanation in both languages."""

from __future__ import annotations

from collections.abc import Callable

from orgchart.packs.flaws.base import Flaw
from regulations.models import Regulation


def flaw_data(flaw: Flaw, regulation: Regulation, link: Callable[[str], str]) -> dict:
    """One flaw as open data; ``link`` turns a citation into the address of its text."""
    return {
        "code": flaw.code,
        "class": flaw.klass.value,
        "class_label": str(flaw.klass.label),
        "severity": flaw.severity.name.lower(),
        "severity_rank": int(flaw.severity),
        "severity_label": str(flaw.severity.label),
        "citation": flaw.citation,
        "full_citation": regulation.cite(flaw.citation) if flaw.citation else "",
        "url": link(flaw.citation) if flaw.citation else None,
        "related": [{"citation": citation, "url": link(citation)} for citation in flaw.related],
        "units": list(flaw.units),
        "reading": flaw.reading or None,
        "facts": dict(flaw.facts),
        "explanation": flaw.explanations(),
    }


def by_class(flaws: list[Flaw]) -> list[tuple[Flaw.klass, list[Flaw]]]:
    """Flaws grouped by class, the class of the most severe first, each group most severe first."""
    groups: dict = {}
    for flaw in flaws:
        groups.setdefault(flaw.klass, []).append(flaw)
    return sorted(groups.items(), key=lambda item: (-max(f.severity for f in item[1]), item[0]))
