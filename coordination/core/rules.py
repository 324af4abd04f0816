"""The region's rules as the coordination workflows apply them, with the words to cite them."""

from __future__ import annotations

import datetime

from orgchart.labels import kinds_label, role_label, roles_label
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
__all__ = ["ROLE_KINDS", "convener_rules", "kinds_label", "role_label", "roles_label", "rule"]

DEFAULT_CONVENERS = {
    "general": ["kepala_daerah", "wakil", "sekda"],
    "technical": ["asisten"],
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
