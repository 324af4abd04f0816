"""Find the flaws of a region's source text, each with its class, severity and provision.

The packs keep the texts as published; these checks are how the portal flags what is wrong in
them. Each module holds one family of checks (its ``CHECKS``); :func:`find_flaws` runs them all
over one :class:`~orgchart.packs.flaws.base.Source` and returns the findings most severe first.
"""

from __future__ import annotations

from orgchart.packs.flaws import (
    acronyms,
    affairs,
    annexes,
    definitions,
    legal_basis,
    lists,
    metadata,
    names,
    nips,
    numbering,
    references,
    subjects,
    typos,
)
from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source
from regulations.models import Regulation

__all__ = ["CHECKS", "Flaw", "FlawClass", "Severity", "Source", "find_flaws"]

CHECKS = [
    *references.CHECKS,
    *lists.CHECKS,
    *affairs.CHECKS,
    *annexes.CHECKS,
    *definitions.CHECKS,
    *numbering.CHECKS,
    *subjects.CHECKS,
    *names.CHECKS,
    *acronyms.CHECKS,
    *metadata.CHECKS,
    *legal_basis.CHECKS,
    *nips.CHECKS,
    *typos.CHECKS,
]


def find_flaws(regulation: Regulation) -> list[Flaw]:
    source = Source(regulation)
    found = {flaw for check in CHECKS for flaw in check(source)}
    return sorted(found, key=Flaw.sort_key)
