"""The region's rules as the coordination workflows apply them, with the words to cite them."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext

from orgchart.vocabulary import UnitKind
from regulations.answers import RuleAnswer, rule_for, rules_for
from regulations.models import Region
from regulations.rule_kinds import RuleKind

# The kinds of unit that hold each role named in the rules' values.
ROLE_KINDS: dict[str, frozenset[str]] = {
    "kepala_daerah": frozenset({UnitKind.KEPALA_DAERAH}),
    "wakil": frozenset({UnitKind.WAKIL}),
    "sekda": frozenset({UnitKind.SETDA}),
    "asisten": frozenset({UnitKind.ASISTEN}),
    "staf_ahli": frozenset({UnitKind.STAF_AHLI}),
}
DEFAULT_CONVENERS = {
    "general": ["kepala_daerah", "wakil", "sekda"],
    "technical": ["asisten"],
}


def role_label(region: Region, role: str) -> str:
    """The title as the region's text writes it: "Walikota", "Wakil Bupati", "Sekretaris
    Daerah", "Asisten Sekretaris Daerah"."""
    head = region.head_title
    return {
        "kepala_daerah": head,
        "wakil": f"Wakil {head}",
        "sekda": "Sekretaris Daerah",
        "asisten": "Asisten Sekretaris Daerah",
        "staf_ahli": "Staf Ahli",
        "bappeda": "Bappeda",
        "parent_unit": gettext("the parent unit"),
    }.get(role, role)


def roles_label(region: Region, roles: list[str]) -> str:
    labels = [role_label(region, role) for role in roles]
    if len(labels) <= 1:
        return "".join(labels)
    return gettext("%(first)s or %(last)s") % {
        "first": ", ".join(labels[:-1]),
        "last": labels[-1],
    }


def kinds_label(kinds: list[str]) -> str:
    labels = [str(UnitKind(kind).label) if kind in UnitKind.values else kind for kind in kinds]
    if len(labels) <= 1:
        return "".join(labels)
    return gettext("%(first)s or %(last)s") % {
        "first": ", ".join(labels[:-1]),
        "last": labels[-1],
    }


def convener_rules(region: Region, day: datetime.date) -> dict[str, RuleAnswer]:
    """{"general": answer, "technical": answer}: the region's rule for each scope (Pasal 9
    huruf c and huruf e), or the portal's default where the text is silent."""
    found = {
        answer.value["scope"]: answer
        for answer in reversed(rules_for(region, RuleKind.MEETING_CONVENERS, day))
    }
    for scope, roles in DEFAULT_CONVENERS.items():
        found.setdefault(
            scope,
            RuleAnswer(
                kind=RuleKind.MEETING_CONVENERS, value={"scope": scope, "roles": roles}, source=None
            ),
        )
    return found


def rule(region: Region, kind: str, day: datetime.date) -> RuleAnswer:
    return rule_for(region, kind, day)
