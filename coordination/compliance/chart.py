"""The compliance chart: one stacked bar per period (on time, late, missing, not yet due),
drawn here as inline SVG like the follow-up dashboard's chart: no JavaScript, prints as is,
every label escaped, each segment titled with its count for screen readers and tooltips."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext

from coordination.compliance.exports import status_words
from coordination.compliance.table import STATUSES, ComplianceTable

COLOURS = {"on_time": "#15803d", "late": "#d97706", "missing": "#b91c1c", "not_due": "#cbd5e1"}
TOP, BOTTOM, LEFT = 34, 58, 36


def _legend() -> str:
    words = status_words()
    parts, x = [], LEFT
    for status in STATUSES:
        parts.append(
            f'<rect x="{x}" y="6" width="10" height="10" fill="{COLOURS[status]}"/>'
            f'<text x="{x + 14}" y="15" font-size="11">{escape(words[status])}</text>'
        )
        x += 24 + 7 * len(words[status])
    return "".join(parts)


def _bar(x: float, bar: float, counts: dict[str, int], plot: int, scale: int) -> list[str]:
    """The segments of one bar, bottom up: on time, late, missing, not yet due."""
    words = status_words()
    parts, y = [], TOP + plot
    for status in STATUSES:
        height = plot * counts[status] / scale
        if not counts[status]:
            continue
        y -= height
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
            f'fill="{COLOURS[status]}"><title>{escape(words[status])}: {counts[status]}'
            f"</title></rect>"
        )
    return parts


def _caption(middle: float, base: float, slot: float, label: str, counts: dict) -> str:
    """The period's label under its bar (on two lines where the bars stand close) and its
    on-time count over the units obliged in it."""
    head, _space, tail = label.rpartition(" ")
    lines = [head, tail] if head and len(label) * 6 > slot else [label]
    spans = "".join(
        f'<tspan x="{middle:.1f}" dy="{0 if index == 0 else 11}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    on_time = gettext("%(on_time)d of %(total)d on time") % {
        "on_time": counts["on_time"],
        "total": sum(counts.values()),
    }
    return (
        f'<text x="{middle:.1f}" y="{base + 14}" font-size="10" text-anchor="middle">'
        f"<title>{escape(label)}</title>{spans}</text>"
        f'<text x="{middle:.1f}" y="{base + 16 + 11 * len(lines)}" font-size="10" '
        f'fill="#475569" text-anchor="middle"><title>{escape(on_time)}</title>'
        f"{counts['on_time']}/{sum(counts.values())}</text>"
    )


def chart_svg(table: ComplianceTable, *, width: int = 720, height: int = 260) -> str:
    """Stacked bars over the table's periods, oldest on the left, with each period's label
    and its on-time count over the units obliged in it."""
    totals = table.totals_by_period()
    count = max(len(table.periods), 1)
    scale = max((sum(t.values()) for t in totals.values()), default=0) or 1
    plot = height - TOP - BOTTOM
    slot = (width - LEFT - 8) / count
    bar = min(slot * 0.6, 60)
    title = gettext("Reports on time, late and missing by period")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        _legend(),
        f'<line x1="{LEFT}" y1="{TOP + plot}" x2="{width - 8}" y2="{TOP + plot}" '
        f'stroke="#64748b"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 8}" font-size="10" text-anchor="end">{scale}</text>',
    ]
    for index, period in enumerate(table.periods):
        counts = totals[period["id"]]
        x = LEFT + slot * index + (slot - bar) / 2
        parts.extend(_bar(x, bar, counts, plot, scale))
        parts.append(_caption(x + bar / 2, TOP + plot, slot, period["display_label"], counts))
    parts.append("</svg>")
    return "".join(parts)
