"""The home page ("/", Beranda): a signed-in person's own worklist, each item a count linked to
the list filtered to exactly those rows; an anonymous visitor gets the public list of regions
(orgchart's home, also at /daerah/); a user without a role is told whom to ask."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from coordination.core.pages import _picker, _region_for
from coordination.desk import worklist as wl
from coordination.reports.filters import REPORT_HORIZON_DAYS
from orgchart import views as orgchart_views
from orgchart.models import Role, role_of

REGION_WIDE_LATE = (Role.SEKDA, Role.SUPERADMIN)

# Each item: its label, the list it links to and the filter that list applies.
ITEMS: dict[str, tuple[str, str, dict]] = {
    "answer": (_("Invitations to answer"), "coordination:meetings", {"todo": "answer"}),
    "week": (_("Meetings this week"), "coordination:meetings", {"when": "week"}),
    "attendance": (_("Attendance to record"), "coordination:meetings", {"todo": "attendance"}),
    "minutes": (_("Minutes to write"), "coordination:meetings", {"todo": "minutes"}),
    "follow_ups_pending": (_("Pending"), "coordination:follow-ups", {"status": "pending"}),
    "follow_ups_due_today": (_("Due today"), "coordination:follow-ups", {"status": "due_today"}),
    "follow_ups_overdue": (_("Overdue"), "coordination:follow-ups", {"status": "overdue"}),
    "follow_ups_review": (
        _("Reported done, waiting for the Sekda's review"),
        "coordination:follow-ups",
        {"status": "review"},
    ),
    "follow_ups_returned": (
        _("Returned by the Sekda, to report again"),
        "coordination:follow-ups",
        {"status": "returned"},
    ),
    "reports_due": (_("Reports due"), "coordination:reports", {"status": "due"}),
    "reports_draft": (_("Drafts"), "coordination:reports", {"status": "draft"}),
    "reports_returned": (
        _("Returned for revision"),
        "coordination:reports",
        {"status": "returned"},
    ),
    "reports_waiting": (_("Waiting for my review"), "coordination:reports", {"status": "waiting"}),
    "urgent": (_("Urgent decisions not yet reported"), "coordination:urgent", {"unreported": "1"}),
    "late_follow_ups": (_("Overdue follow-ups"), "coordination:dashboard", {}),
    "missing_reports": (
        _("Reports missing after their due date"),
        "coordination:compliance",
        {},
    ),
}
# Labels that read differently for the one who reviews.
REVIEWER_LABELS = {
    "follow_ups_review": _("Reported done, waiting for my review"),
}
HINTS = {
    "answer": _("Invitations sent to your unit, not answered yet, before the meeting starts."),
    "attendance": _("Meetings that have started with an invited unit's attendance not recorded."),
    "minutes": _("Meetings that have ended without minutes."),
    "reports_due": _("Not submitted yet, due within the next %(days)d working days or overdue."),
}
GROUPS = (
    ("meetings", _("Meetings"), wl.MEETING_ITEMS),
    ("follow_ups", _("Follow-ups"), wl.FOLLOW_UP_ITEMS),
    ("reports", _("Written reports"), wl.REPORT_ITEMS),
    ("urgent", _("Urgent decisions"), ("urgent",)),
    ("late", _("Late in your portfolio"), wl.LATE_ITEMS),
)


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    count: int
    url: str
    hint: str = ""
    source: str = ""


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    items: list[Item]


def _url(name: str, query: dict, board: wl.Worklist, picked: bool) -> str:
    query = dict(query)
    if name == "coordination:reports" and query.get("status") == "returned" and board.unit:
        query["unit"] = board.unit.pk  # the unit's own, not those it receives
    if picked:
        query["region"] = board.region.code
    return reverse(name) + (f"?{urlencode(query)}" if query else "")


def _item(key: str, board: wl.Worklist, picked: bool) -> Item:
    label, name, query = ITEMS[key]
    if board.role in REGION_WIDE_LATE and key in REVIEWER_LABELS:
        label = REVIEWER_LABELS[key]
    hint = HINTS.get(key, "")
    if key == "reports_due":
        hint = str(hint) % {"days": REPORT_HORIZON_DAYS}
    return Item(
        key=key,
        label=str(label),
        count=board.counts[key],
        url=_url(name, query, board, picked),
        hint=str(hint),
        source=board.sources.get(key, ""),
    )


def groups_of(board: wl.Worklist, picked: bool = False) -> list[Group]:
    """The role's groups in page order, each with its items; a group with none is left out."""
    found = []
    for key, title, keys in GROUPS:
        items = [_item(item, board, picked) for item in keys if item in board.counts]
        if key == "late" and board.role in REGION_WIDE_LATE:
            title = _("Late in the region")
        if items:
            found.append(Group(key, str(title), items))
    return found


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The worklist of the signed-in person; the regions for everyone else."""
    user = request.user
    if not user.is_authenticated:
        return orgchart_views.home(request)
    role = role_of(user)
    if role is None:
        return render(request, "coordination/home.html", {"no_role": True})
    try:
        region = _region_for(request)
    except Http404:  # a superadmin before any region is loaded
        return orgchart_views.home(request)
    board = wl.worklist(user, region)
    picker = _picker(request, region)
    monday, sunday = board.at.week
    context = {
        "board": board,
        "region": region,
        "picker": picker,
        "groups": groups_of(board, picked=picker is not None),
        "today": board.at.today,
        "monday": monday,
        "sunday": sunday,
        "role_label": str(Role(role).label),
    }
    return render(request, "coordination/home.html", context)
