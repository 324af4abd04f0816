"""What is late and whose it is: follow-ups grouped by the portfolio that coordinates them
(an Asisten, or whoever took a unit's coordination over), for the Sekda's and the Asisten's
dashboards, and the Sekda's inbox of follow-up reports. A constant number of queries whatever
the number of follow-ups: one for the items, four for the routes, one for the calendar.
Every total of the dashboard is the sum of its rows' counts, never a second query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from coordination.core.access import follow_up_scope
from coordination.follow_ups.lateness import FOLLOW_UP, Clock, Lateness
from coordination.follow_ups.models import FollowUp
from coordination.oversight.models import UrgentDecision
from coordination.oversight.routing import Routes
from orgchart.models import Role, assignment_of, role_of
from regulations.models import Region


@dataclass
class PortfolioRow:
    coordinator_id: int | None
    coordinator_name: str
    via_takeover: bool = False
    overdue: int = 0
    due_today: int = 0
    due_soon: int = 0  # within the next working day
    pending: int = 0
    done: int = 0
    items: list[dict] = field(default_factory=list)  # the overdue ones, oldest first

    def overdue_items(self) -> list[tuple[dict, Lateness]]:
        """The overdue items, each with its lateness to show."""
        return [
            (item, Lateness(item["late_working_days"], False, FOLLOW_UP)) for item in self.items
        ]

    @property
    def total(self) -> int:
        return self.pending + self.done


@dataclass
class Dashboard:
    region: Region
    today: datetime.date
    rows: list[PortfolioRow]
    unreported_urgent: int
    inbox: int

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def due_today(self) -> int:
        return sum(row.due_today for row in self.rows)

    @property
    def due_soon(self) -> int:
        return sum(row.due_soon for row in self.rows)

    @property
    def pending(self) -> int:
        return sum(row.pending for row in self.rows)

    @property
    def done(self) -> int:
        return sum(row.done for row in self.rows)

    @property
    def max_overdue(self) -> int:
        return max((row.overdue for row in self.rows), default=0)


def follow_ups_for(user, region: Region) -> QuerySet[FollowUp]:
    return FollowUp.objects.visible_to(user).filter(region=region)


def dashboard(user, region: Region, today: datetime.date) -> Dashboard:
    """Follow-ups of ``region`` the user may see, by coordinating portfolio. An Asisten sees
    only the portfolio routed to their own unit (which a take-over can shrink)."""
    routes = Routes(region, today)
    clock = Clock.of(region, today)
    soon = clock.calendar.add_working_days(today, 1)
    rows: dict[int | None, PortfolioRow] = {}
    only: int | None = None
    if role_of(user) == Role.ASISTEN:
        only = assignment_of(user).unit_id
    for item in _dashboard_items(user, region):
        found = _portfolio(routes, item["unit_id"], only)
        if found is None:
            continue
        key, route = found
        row = rows.get(key)
        if row is None:
            row = rows[key] = PortfolioRow(
                coordinator_id=key,
                coordinator_name=route.coordinator_name if route else "",
                via_takeover=bool(route and route.via_takeover),
            )
        _count(row, item, clock, soon)
    ordered = sorted(
        rows.values(),
        key=lambda row: (row.coordinator_id is None, -row.overdue, row.coordinator_name),
    )
    urgent = UrgentDecision.objects.visible_to(user).filter(region=region).unreported().count()
    inbox = sekda_inbox(user, region).count()
    return Dashboard(region, today, ordered, urgent, inbox)


def _dashboard_items(user, region: Region):
    """The follow-ups as rows of plain values, soonest due first."""
    return (
        follow_ups_for(user, region)
        .select_related("unit", "decision__meeting")
        .order_by("due_date", "pk")
        .values(
            "id",
            "unit_id",
            "unit__name",
            "action",
            "status",
            "due_date",
            "due_source",
            "decision__meeting_id",
            "decision__meeting__title",
        )
    )


def _portfolio(routes: Routes, unit_id: int, only: int | None):
    """The coordinator whose portfolio holds the unit (its first route; None for a unit no
    one coordinates) and that route, or None when the dashboard is limited to ``only`` (an
    Asisten's own unit) and the unit is not routed to it."""
    found = routes.of(unit_id)
    if only is None:
        route = found[0] if found else None
        return (route.coordinator_id if route else None), route
    mine = next((r for r in found if r.coordinator_id == only), None)
    return None if mine is None else (only, mine)


def _count(row: PortfolioRow, item: dict, clock: Clock, soon: datetime.date) -> None:
    """Count the follow-up in its portfolio: done, or pending and overdue (listed, with the
    working days late), due today or due by the next working day."""
    if item["status"] == FollowUp.Status.DONE:
        row.done += 1
        return
    row.pending += 1
    due, today = item["due_date"], clock.today
    if due < today:
        row.overdue += 1
        item["late_working_days"] = clock.lateness(due, None, FOLLOW_UP).working_days
        row.items.append(item)
    elif due == today:
        row.due_today += 1
    elif due <= soon:
        row.due_soon += 1


def sekda_inbox(user, region: Region) -> QuerySet[FollowUp]:
    """Follow-ups reported done and not yet received by the Sekda, oldest report first: on
    their way to the Kepala Daerah through the Sekda (Kutai Kartanegara Pasal 13 ayat (4))."""
    if follow_up_scope(user) is None:
        return FollowUp.objects.none()
    return (
        follow_ups_for(user, region)
        .filter(status=FollowUp.Status.DONE, sekda_received_at__isnull=True)
        .select_related("unit", "decision__meeting")
        .order_by("done_at", "pk")
    )


def chart_svg(board: Dashboard, *, width: int = 640, bar_height: int = 22) -> str:
    """A horizontal bar chart of overdue and pending follow-ups per portfolio, as inline SVG
    computed here (no JavaScript, prints as is). Escapes every label."""
    from django.utils.html import escape
    from django.utils.translation import gettext

    rows = board.rows or []
    label_width = 260
    scale_max = max((row.pending for row in rows), default=0) or 1
    plot = width - label_width - 40
    height = 30 + bar_height * len(rows) + 24
    # Translated outside the f-strings: xgettext does not look inside them.
    title = escape(gettext("Overdue and pending follow-ups by portfolio"))
    overdue, pending = escape(gettext("overdue")), escape(gettext("pending, not yet late"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart" aria-label="{title}">',
        f'<text x="{label_width}" y="14" font-size="11">'
        f'<tspan fill="#b91c1c">■</tspan> {overdue} '
        f'<tspan fill="#93c5fd">■</tspan> {pending}</text>',
    ]
    for index, row in enumerate(rows):
        y = 24 + index * bar_height
        name = row.coordinator_name or gettext("no coordinator")
        if len(name) > 40:
            name = name[:39] + "…"
        late = plot * row.overdue / scale_max
        rest = plot * (row.pending - row.overdue) / scale_max
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.65:.1f}" font-size="11" '
            f'text-anchor="end">{escape(name)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{late:.1f}" height="{bar_height - 6}" '
            f'fill="#b91c1c"><title>{row.overdue}</title></rect>'
        )
        parts.append(
            f'<rect x="{label_width + late:.1f}" y="{y + 3}" width="{rest:.1f}" '
            f'height="{bar_height - 6}" fill="#93c5fd"><title>{row.pending - row.overdue}'
            f"</title></rect>"
        )
        parts.append(
            f'<text x="{label_width + late + rest + 4:.1f}" y="{y + bar_height * 0.65:.1f}" '
            f'font-size="11">{row.overdue}/{row.pending}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
