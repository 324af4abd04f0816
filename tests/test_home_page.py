"""The home page ("/", Beranda) through the test client: an anonymous visitor sees the regions, a
person who logs in lands on their own worklist, every count links to a list that shows exactly
the counted rows, the page takes the same queries for a small and a large day of work, and a
user without a role is told whom to ask."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coordination.desk.tests import worklist_data as data
from tests.factories import UserFactory

ROLES = (
    "agency_head",
    "agency_staff",
    "secretariat_staff",
    "sekda",
    "asisten",
    "kepala_daerah",
    "wakil",
    "superadmin",
    "bappeda_head",
)
ITEM = re.compile(r'data-item="(\w+)" data-count="(\d+)">\s*<a href="([^"]+)">')


@pytest.fixture
def browse(db):
    def login(user=None) -> Client:
        client = Client()
        client.cookies["django_language"] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return login


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def table(body: str, css_class: str) -> str:
    match = re.search(rf'<table class="{css_class}">(.*?)</table>', body, re.S)
    return match.group(1) if match else ""


def rows_shown(key: str, body: str) -> int:
    """How many rows the list linked from item ``key`` shows."""
    if key in ("answer", "week", "attendance", "minutes"):
        return len(re.findall(r'href="/koordinasi/rapat/\d+/"', body))
    if key.startswith("follow_ups_"):
        return len(re.findall(r'href="/koordinasi/tindak-lanjut/\d+/"', body))
    if key == "reports_due":
        return table(body, "data cards due").count("<tr data-obligation=")
    if key.startswith("reports_"):
        return len(
            re.findall(r'href="/koordinasi/laporan/\d+/"', table(body, "data cards reports"))
        )
    if key == "urgent":
        return table(body, "data cards").split("<tbody>")[-1].count("<tr")
    if key == "late_follow_ups":
        total = re.search(r'<tfoot><tr><th scope="row">Total</th><th class="num">(\d+)</th>', body)
        return int(total.group(1)) if total else 0
    if key == "missing_reports":
        return body.count('class="cell cell-missing"')
    raise AssertionError(key)


def side_and_user(world, role):
    side = world.bkl if role == "bappeda_head" else world.bkt
    return side, world.superadmin if role == "superadmin" else side.users[role]


def home(client, side, role) -> str:
    query = f"?region={side.region.code}" if role == "superadmin" else ""
    return text(client.get(reverse("home") + query))


def test_an_anonymous_visitor_sees_the_public_list_of_regions(browse, world):
    body = text(browse().get(reverse("home")))
    assert 'href="/regions/13.75/"' in body and 'href="/regions/64.02/"' in body
    assert "My worklist" not in body
    assert text(browse().get(reverse("regions"))).count('href="/regions/') >= 5


def test_logging_in_lands_on_the_worklist(browse, world):
    client = browse()
    response = client.post(
        reverse("login"),
        {"username": "bkt_kadis", "password": "rahasia-demo-123"},
        follow=True,
    )
    body = text(response)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "My worklist" in body and "Dinas kesehatan" in body
    assert "Invitations to answer" in body and 'href="/daerah/"' in body


def test_a_user_without_a_role_is_told_whom_to_ask(browse, world):
    body = text(browse(UserFactory(username="nobody")).get(reverse("home")))
    assert "not bound to a role yet" in body and "administrator (superadmin)" in body
    assert 'href="/daerah/"' in body and "data-item=" not in body


@pytest.mark.parametrize("role", ROLES)
def test_every_count_links_to_a_list_of_exactly_those_rows(browse, world, role):
    side, user = side_and_user(world, role)
    citation = "Pasal 14 angka 25" if side is world.bkl else "Pasal 16 ayat (2)"
    data.day_of_work(side, timezone.now(), citation)
    client = browse(user)
    items = ITEM.findall(home(client, side, role))
    assert items, role
    for key, count, url in items:
        shown = rows_shown(key, text(client.get(url)))
        assert shown == int(count), (role, key, url)
    if role in ("agency_head", "sekda", "secretariat_staff"):
        assert any(int(count) for _key, count, _url in items), role  # not only zeros


def test_zero_counts_still_show_greyed(browse, world):
    body = home(browse(world.bkt.users["agency_head"]), world.bkt, "agency_head")
    assert re.search(r'<li class="zero" data-item="follow_ups_review" data-count="0">', body)
    assert 'data-group="meetings"' in body and 'data-group="late"' not in body


def test_the_sekda_sees_what_is_late_in_the_region_with_its_provisions(browse, world):
    side = world.bkt
    data.day_of_work(side, timezone.now())
    body = home(browse(side.users["sekda"]), side, "sekda")
    assert "Late in the region" in body and "Perwal Bukittinggi 4/2017 Pasal 10" in body
    assert 'href="/koordinasi/dasbor/"' in body and 'href="/koordinasi/kepatuhan/"' in body
    asisten = home(browse(side.users["asisten"]), side, "asisten")
    assert "Late in your portfolio" in asisten


@pytest.mark.parametrize("role", ROLES)
def test_the_page_takes_the_same_queries_for_a_small_and_a_large_day(browse, world, role):
    side, user = side_and_user(world, role)
    citation = "Pasal 14 angka 25" if side is world.bkl else "Pasal 16 ayat (2)"
    now = timezone.now()
    made = data.day_of_work(side, now, citation)
    client = browse(user)
    home(client, side, role)
    with CaptureQueriesContext(connection) as small:
        home(client, side, role)
    data.more_work(side, now, 40, made)
    with CaptureQueriesContext(connection) as large:
        body = home(client, side, role)
    assert len(large) == len(small), role
    assert "data-item=" in body


def test_the_lists_say_which_filter_is_active_and_offer_to_clear_it(browse, world):
    side = world.bkt
    data.day_of_work(side, timezone.now())
    client = browse(side.users["agency_head"])
    for url, words in (
        (reverse("coordination:meetings") + "?todo=answer", "invitations to answer"),
        (reverse("coordination:meetings") + "?when=week", "this week"),
        (reverse("coordination:follow-ups") + "?status=due_today", "due today"),
        (reverse("coordination:reports") + "?status=due", "due from my unit"),
    ):
        body = text(client.get(url))
        notice = re.search(r'<p class="notice active-filter" role="status">(.*?)</p>', body, re.S)
        assert notice and words in notice.group(1), url
        assert "Clear the filter" in notice.group(1)
    unfiltered = text(client.get(reverse("coordination:meetings")))
    assert "active-filter" not in unfiltered


def test_a_bad_filter_value_is_ignored_not_an_error(browse, world):
    client = browse(world.bkt.users["sekda"])
    for url in (
        reverse("coordination:meetings") + "?todo=nonsense&when=tomorrow",
        reverse("coordination:follow-ups") + "?status=nonsense",
        reverse("coordination:reports") + "?status=nonsense&unit=abc",
    ):
        assert client.get(url).status_code == 200, url
