"""The grouped menu: which groups and entries each role sees, the current page marked, and the
favicon that every page links and /favicon.ico answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from PIL import Image

from coordination.desk.navigation import groups_for, home_entry
from orgchart.models import Unit
from tests.factories import UnitFactory, UserFactory, user_with_role

MEETINGS = ("Meetings", ["Meetings", "Invitations"])
OPEN_DATA = ("Open data", ["Regions", "Search", "API"])
EVERYTHING = [
    MEETINGS,
    ("Follow-ups", ["Follow-ups", "Sekda inbox"]),
    ("Reports", ["Reports", "Report inbox", "Report compliance"]),
    ("Oversight", ["Dashboard", "Urgent decisions", "Take-overs"]),
    OPEN_DATA,
]
LEADER = [
    MEETINGS,
    ("Follow-ups", ["Follow-ups"]),
    ("Reports", ["Reports", "Report inbox", "Report compliance"]),
    ("Oversight", ["Dashboard", "Urgent decisions", "Take-overs"]),
    OPEN_DATA,
]
# What each role's menu holds, group by group (the group "Administration" only for staff).
EXPECTED = {
    "superadmin": [*EVERYTHING, ("Administration", ["Administration"])],
    "sekda": EVERYTHING,
    "asisten": LEADER,
    "kepala_daerah": LEADER,
    "wakil": LEADER,
    "staf_ahli": [
        MEETINGS,
        ("Follow-ups", ["Follow-ups"]),
        ("Reports", ["Reports", "Report compliance"]),
        ("Oversight", ["Dashboard", "Urgent decisions", "Take-overs"]),
        OPEN_DATA,
    ],
    "secretariat_staff": [
        MEETINGS,
        ("Follow-ups", ["Follow-ups"]),
        ("Reports", ["Reports", "Report compliance"]),
        ("Oversight", ["Dashboard", "Urgent decisions", "Take-overs"]),
        OPEN_DATA,
        ("Administration", ["Administration"]),
    ],
    "agency_head": [
        MEETINGS,
        ("Follow-ups", ["Follow-ups"]),
        ("Reports", ["Reports", "Report inbox"]),
        ("Oversight", ["Urgent decisions"]),
        OPEN_DATA,
    ],
    "agency_staff": [
        MEETINGS,
        ("Follow-ups", ["Follow-ups"]),
        ("Reports", ["Reports"]),
        ("Oversight", ["Urgent decisions"]),
        OPEN_DATA,
    ],
}


@pytest.fixture
def users(tree):
    staf_ahli = UnitFactory(
        region=tree.root.region, parent=tree.root, name="Staf Ahli", kind=Unit.Kind.STAF_AHLI
    )
    units = {
        "superadmin": None,
        "sekda": tree.setda,
        "asisten": tree.pemerintahan,
        "kepala_daerah": tree.root,
        "wakil": tree.wakil,
        "staf_ahli": staf_ahli,
        "secretariat_staff": tree.bagian,
        "agency_head": tree.kesehatan,
        "agency_staff": tree.kesehatan,
    }
    return {role: user_with_role(f"nav_{role}", role, unit) for role, unit in units.items()}


def _menu(user, path: str = "/", query: str = "") -> list[tuple[str, list[str]]]:
    return [
        (str(group.label), [str(entry.label) for entry in group.entries])
        for group in groups_for(user, path, query)
    ]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_only_the_groups_and_entries_it_may_use(users, role):
    assert _menu(users[role]) == EXPECTED[role]


def test_a_visitor_sees_only_the_open_data_and_no_home_link(db):
    visitor = AnonymousUser()
    assert _menu(visitor) == [OPEN_DATA]
    assert home_entry(visitor, "/") is None


def test_a_signed_in_user_without_a_role_sees_home_and_open_data_only(db):
    nobody = UserFactory(username="nav_nobody")
    assert _menu(nobody) == [OPEN_DATA]
    home = home_entry(nobody, "/")
    assert (str(home.label), home.url, home.current) == ("Home", "/", "page")


def _current(user, path: str, query: str = "") -> dict[str, str]:
    return {
        str(entry.label): entry.current
        for group in groups_for(user, path, query)
        for entry in group.entries
        if entry.current
    }


def test_the_current_page_is_marked_and_a_page_inside_a_section_marks_its_entry(users):
    sekda = users["sekda"]
    assert _current(sekda, "/koordinasi/rapat/") == {"Meetings": "page"}
    assert _current(sekda, "/koordinasi/rapat/", "status=invited") == {"Invitations": "page"}
    assert _current(sekda, "/koordinasi/rapat/12/") == {"Meetings": "true"}
    # The longest matching path wins: the report inbox lies under the reports' path.
    assert _current(sekda, "/koordinasi/laporan/kotak-masuk/") == {"Report inbox": "page"}
    assert _current(sekda, "/koordinasi/laporan/7/") == {"Reports": "true"}
    assert _current(sekda, "/") == {}
    assert home_entry(sekda, "/koordinasi/rapat/").current == ""


def test_the_page_shows_the_grouped_menu_with_the_current_entry(client, users):
    client.force_login(users["agency_staff"])
    client.cookies["django_language"] = "en"
    html = client.get("/koordinasi/tindak-lanjut/").content.decode()
    assert '<nav aria-label="Main menu">' in html
    assert '<a href="/koordinasi/tindak-lanjut/" aria-current="page">Follow-ups</a>' in html
    assert 'href="/koordinasi/dasbor/"' not in html  # no dashboard for agency staff
    assert "Oversight" in html and "Administration" not in html
    assert '<details class="menu" open>' in html  # open without JavaScript


def test_a_visitor_gets_the_open_data_menu_and_a_log_in_link(client, db):
    client.cookies["django_language"] = "en"
    html = client.get("/daerah/").content.decode()
    assert '<a href="/daerah/" aria-current="page">Regions</a>' in html
    assert 'href="/accounts/login/"' in html
    assert "Meetings" not in html and 'class="nav-home"' not in html


def test_the_favicon_is_linked_and_favicon_ico_does_not_404(client, db):
    html = client.get("/daerah/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in html
    assert 'rel="icon" href="/static/favicon-32.png" sizes="32x32"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon-32.png"
    static = Path(settings.BASE_DIR) / "static"
    with Image.open(static / "favicon-32.png") as png:
        assert (png.format, png.size) == ("PNG", (32, 32))
    assert (static / "favicon.svg").read_text().startswith("<svg ")
