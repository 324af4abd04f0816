"""The portal's menu: the entries a user's role may use, grouped, with the current page marked.

Groups: Meetings (Rapat), Follow-ups (Tindak lanjut), Reports (Laporan), Oversight
(Pengawasan), Open data (Data terbuka), Administration (Administrasi). An entry appears only
when the user holds its ``rules`` permission (deny by default); a group with no entry left is
not shown. ``navigation`` is the context processor that hands the menu to base.html."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from coordination.reports.access import STEP_ROLES
from orgchart.models import Role, role_of

# Whoever takes a step on someone's report has a report inbox (review, receipt, acceptance).
ACTS_ON_REPORTS = frozenset({Role.SUPERADMIN}).union(*STEP_ROLES.values())


def _perm(name: str) -> Callable[[object], bool]:
    return lambda user: user.has_perm(name)


def _everyone(user) -> bool:
    return True


def _acts_on_reports(user) -> bool:
    return user.has_perm("coordination.view_report") and role_of(user) in ACTS_ON_REPORTS


def _staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


# (group label, [(entry label, URL name, query string, who may use it)]), in menu order.
MENU = (
    (
        _("Meetings"),
        (
            (_("Meetings"), "coordination:meetings", "", _perm("coordination.view_meeting")),
            (
                _("Invitations"),
                "coordination:meetings",
                "status=invited",
                _perm("coordination.view_invitation"),
            ),
        ),
    ),
    (
        _("Follow-ups"),
        (
            (_("Follow-ups"), "coordination:follow-ups", "", _perm("coordination.view_followup")),
            (_("Sekda inbox"), "coordination:inbox", "", _perm("coordination.receive_followup")),
        ),
    ),
    (
        _("Reports"),
        (
            (_("Reports"), "coordination:reports", "", _perm("coordination.view_report")),
            (_("Report inbox"), "coordination:report-inbox", "", _acts_on_reports),
            (
                _("Report compliance"),
                "coordination:compliance",
                "",
                _perm("coordination.view_compliance"),
            ),
        ),
    ),
    (
        _("Oversight"),
        (
            (_("Dashboard"), "coordination:dashboard", "", _perm("coordination.view_dashboard")),
            (
                _("Urgent decisions"),
                "coordination:urgent",
                "",
                _perm("coordination.view_urgentdecision"),
            ),
            (_("Take-overs"), "coordination:takeovers", "", _perm("coordination.view_takeover")),
        ),
    ),
    (
        _("Open data"),
        (
            (_("Regions"), "regions", "", _everyone),
            (_("Search"), "search", "", _everyone),
            (_("API"), "api-docs", "", _everyone),
        ),
    ),
    (_("Administration"), ((_("Administration"), "admin:index", "", _staff),)),
)


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    # "page" on the page itself, "true" on a page inside the entry's section, else "".
    current: str = ""


@dataclass(frozen=True)
class Group:
    label: str
    entries: tuple[Entry, ...]


def home_entry(user, path: str) -> Entry | None:
    """ "Home" (Beranda: the user's worklist), first in the menu of a signed-in user."""
    if not user.is_authenticated:
        return None
    url = reverse("home")
    return Entry(_("Home"), url, "page" if path == url else "")


def _allowed(user) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The groups and the entries (label, path, query) the user may use, empty groups left out."""
    allowed = []
    for group_label, entries in MENU:
        rows = [(label, reverse(name), query) for label, name, query, may in entries if may(user)]
        if rows:
            allowed.append((group_label, rows))
    return allowed


def _current(rows: list[tuple[str, str, str]], path: str, query: str) -> tuple[str, str]:
    """The (path, query) of the entry the page is, or lies under (the longest matching path)."""
    exact = [(p, q) for _label, p, q in rows if p == path and q == query]
    if exact:
        return exact[0]
    section = [(p, q) for _label, p, q in rows if path.startswith(p) and not q and p != "/"]
    return max(section, key=lambda pq: len(pq[0])) if section else ("", "")


def groups_for(user, path: str, query: str = "") -> list[Group]:
    """The menu for ``user`` on the page at ``path`` (``query``: its query string)."""
    allowed = _allowed(user)
    here = _current([row for _group, rows in allowed for row in rows], path, query)
    groups = []
    for group_label, rows in allowed:
        entries = []
        for label, entry_path, entry_query in rows:
            url = f"{entry_path}?{entry_query}" if entry_query else entry_path
            current = ""
            if (entry_path, entry_query) == here:
                current = "page" if entry_path == path and entry_query == query else "true"
            entries.append(Entry(label, url, current))
        groups.append(Group(group_label, tuple(entries)))
    return groups


def navigation(request: HttpRequest) -> dict:
    """Context processor: ``nav_home`` and ``nav_groups`` for base.html, worked out only when a
    template shows them (htmx fragments and PDFs never do)."""
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_home": None, "nav_groups": []}
    return {
        "nav_home": SimpleLazyObject(lambda: home_entry(user, request.path)),
        "nav_groups": SimpleLazyObject(
            lambda: groups_for(user, request.path, request.GET.urlencode())
        ),
    }
