"""What a region's rules say on a given day, with the provision to cite where the rule acts.

Callers never read Rule rows directly: they ask here, and get either the region's own rule
with its citation, or the portal's fallback marked as having no legal source.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from regulations.models import Region, Rule
from regulations.rule_kinds import FALLBACKS, RuleKind

_DEADLINES = frozenset({RuleKind.FOLLOW_UP_DEADLINE, RuleKind.URGENT_DECISION_REPORT})


@dataclass(frozen=True)
class RuleAnswer:
    kind: str
    value: dict[str, Any]
    source: str | None  # "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)", None for a fallback
    rule_id: int | None = None

    @property
    def is_default(self) -> bool:
        return self.source is None

    @property
    def source_display(self) -> str:
        """The citation to print beside the rule where it acts."""
        return source_text(self.kind, self.source)


def source_text(kind: str, source: str | None) -> str:
    """A stored citation as printed, or, for the portal's fallback (no source), the notice
    that the region's text is silent, in the reader's language."""
    if source:
        return source
    if kind in _DEADLINES:
        return gettext("no legal deadline: portal default, the region's regulation sets none")
    return gettext("portal default: the region's regulation sets no such rule")


def fallback(kind: str) -> RuleAnswer:
    value = dict(FALLBACKS[kind])
    value.update(getattr(settings, "PORTAL_RULE_DEFAULTS", {}).get(kind, {}))
    return RuleAnswer(kind=kind, value=value, source=None)


def rules_for(region: Region, kind: str, day: datetime.date) -> list[RuleAnswer]:
    """Every rule of ``kind`` in force for ``region`` on ``day`` (a text may set several)."""
    rows = (
        Rule.objects.for_region(region)
        .as_of(day)
        .filter(kind=kind)
        .select_related("regulation__region")
    )
    return [
        RuleAnswer(kind=kind, value=row.value, source=row.source, rule_id=row.pk) for row in rows
    ]


def rule_for(region: Region, kind: str, day: datetime.date) -> RuleAnswer:
    """The rule of ``kind`` for ``region`` on ``day``: the newest regulation's, or the fallback."""
    answers = rules_for(region, kind, day)
    return answers[0] if answers else fallback(kind)


def follow_up_deadline(region: Region, day: datetime.date) -> RuleAnswer:
    return rule_for(region, RuleKind.FOLLOW_UP_DEADLINE, day)
