"""The worklist (Beranda) service: each role's items and counts on the real packs, the same
number of queries for a small and a large day of work, and the counts agreeing with the rules
they summarise (FollowUp.objects.pending()/overdue(), the report inbox, the dashboard, the
compliance table)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.compliance import engine as compliance
from coordination.compliance import table as compliance_table
from coordination.core.clock import moment
from coordination.desk.tests import worklist_data as data
from coordination.desk.worklist import ROLE_ITEMS, worklist
from coordination.follow_ups.dashboard import dashboard
from coordination.follow_ups.filters import follow_up_q
from coordination.follow_ups.models import FollowUp
from coordination.oversight.routing import Routes
from coordination.reports import access as rp
from coordination.reports import obligations as ob
from coordination.reports.models import Report
from tests.factories import UserFactory

BKT = "Perwal Bukittinggi 4/2017"
# A Wednesday mid-morning in Bukittinggi (WIB): the week runs from 8 to 14 June 2026.
NOW = datetime.datetime(2026, 6, 10, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
ROLES = (
    "agency_head",
    "agency_staff",
    "secretariat_staff",
    "sekda",
    "asisten",
    "kepala_daerah",
    "wakil",
)


def counts(user, side, now=NOW) -> dict[str, int]:
    return worklist(user, side.region, now).counts


def queries(function) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return len(captured), result


def missing_cells(side, made, user_units=None) -> int:
    """Obliged units × periods past their due date without a submitted report, counted from
    the obligation's own rule (obliged_units), not from the compliance table."""
    total = 0
    today = side.region.today(NOW)
    for period in made["periods"]:
        if period.due_date >= today:
            continue
        units = {unit.pk for unit in ob.obliged_units(made["obligation"], period.end)}
        if user_units is not None:
            units &= user_units
        filed = set(
            Report.objects.filter(period=period, first_submitted_at__isnull=False).values_list(
                "unit_id", flat=True
            )
        )
        total += len(units - filed)
    return total


def test_each_role_sees_its_own_items_with_the_right_counts(world):
    side = world.bkt
    made = data.day_of_work(side, NOW)
    users = side.users
    head = counts(users["agency_head"], side)
    assert head == {
        "answer": 2,
        "week": 5,
        "follow_ups_pending": 4,
        "follow_ups_due_today": 1,
        "follow_ups_overdue": 1,
        "follow_ups_review": 1,
        "follow_ups_returned": 1,
        "reports_due": 2,
        "reports_draft": 1,
        "reports_returned": 1,
        "urgent": 1,
    }
    staff = counts(users["agency_staff"], side)
    assert staff == {
        key: head[key]
        for key in head
        if key not in ("reports_due", "urgent")  # the head files reports and decides
    }
    assert counts(users["secretariat_staff"], side) == {"week": 6, "attendance": 2, "minutes": 2}
    portfolio = Routes(side.region, NOW.date()).coordinated_by(side.asisten.pk)
    assert counts(users["sekda"], side) == {
        "week": 6,
        "follow_ups_pending": 5,
        "follow_ups_due_today": 1,
        "follow_ups_overdue": 2,
        "follow_ups_review": 2,
        "reports_waiting": 2,
        "urgent": 2,
        "late_follow_ups": 2,
        "missing_reports": missing_cells(side, made),
    }
    assert counts(users["asisten"], side) == {
        "week": 6,
        "reports_waiting": 0,  # Bukittinggi's reports go to the Sekda directly
        "late_follow_ups": 1,
        "missing_reports": missing_cells(side, made, portfolio),
    }
    assert counts(users["asisten_other"], side)["late_follow_ups"] == 1
    assert counts(users["kepala_daerah"], side) == {"week": 6, "reports_waiting": 1}
    assert counts(users["wakil"], side) == {"week": 6, "reports_waiting": 0}
    assert missing_cells(side, made) > missing_cells(side, made, portfolio) > 0


def test_the_items_come_in_the_roles_order_and_cite_their_provisions(world):
    side = world.bkt
    data.day_of_work(side, NOW)
    for role in ROLES:
        board = worklist(side.users[role], side.region, NOW)
        expected = list(ROLE_ITEMS[board.role])
        if role == "agency_head":  # a Dinas that is neither the Bappeda nor has UPT reviews none
            expected.remove("reports_waiting")
        assert list(board.counts) == expected, role
    bappeda = worklist(world.bkl.users["bappeda_head"], world.bkl.region, NOW)
    assert "reports_waiting" in bappeda.counts
    sekda = worklist(side.users["sekda"], side.region, NOW)
    assert sekda.sources["urgent"] == f"{BKT} Pasal 10"
    assert sekda.sources["missing_reports"] == f"{BKT} Pasal 16 ayat (2)"


@pytest.mark.parametrize("role", [*ROLES, "superadmin", "bappeda_head"])
def test_the_counts_take_the_same_queries_for_two_meetings_or_forty(world, role):
    side = world.bkl if role == "bappeda_head" else world.bkt
    # The Bappeda receives the quarterly monitoring (Perwal Bengkulu 24/2018 Pasal 14 angka 25).
    citation = "Pasal 14 angka 25" if side is world.bkl else "Pasal 16 ayat (2)"
    user = world.superadmin if role == "superadmin" else side.users[role]
    made = data.day_of_work(side, NOW, citation)
    worklist(user, side.region, NOW)  # the user's role is read once, as the middleware does
    few, small = queries(lambda: worklist(user, side.region, NOW))
    data.more_work(side, NOW, 40, made)
    many, large = queries(lambda: worklist(user, side.region, NOW))
    assert many == few, role
    assert large.counts != small.counts, role  # the data did grow under the counts


def test_the_large_day_counts_every_added_row(world):
    side = world.bkt
    made = data.day_of_work(side, NOW)
    before = counts(side.users["agency_head"], side)
    data.more_work(side, NOW, 40, made)
    after = counts(side.users["agency_head"], side)
    added = {key: after[key] - before[key] for key in after}
    assert added == {
        "answer": 40,
        "week": 40,
        "follow_ups_pending": 40,
        "follow_ups_due_today": 10,  # every fourth one is due today
        "follow_ups_overdue": 30,
        "follow_ups_review": 0,  # the done ones belong to another unit
        "follow_ups_returned": 0,
        "reports_due": 0,
        "reports_draft": 20,
        "reports_returned": 20,
        "urgent": 20,
    }
    staff = counts(side.users["secretariat_staff"], side)
    assert staff["attendance"] == 2 + 40 and staff["minutes"] == 2 + 40


def test_follow_up_counts_are_the_querysets_of_the_model(world):
    side = world.bkt
    data.day_of_work(side, NOW)
    today = NOW.date()
    rows = FollowUp.objects.filter(region=side.region)
    assert rows.filter(follow_up_q("pending", today)).count() == rows.pending().count() == 5
    assert rows.filter(follow_up_q("overdue", today)).count() == rows.overdue(today).count()


def test_waiting_for_review_is_the_report_inbox_of_each_reviewer(world):
    """Bengkulu routes a Dinas's report through its Asisten and the Sekda, and the quarterly
    monitoring to the Bappeda (Perwal Bengkulu 24/2018 Pasal 12 angka 5, Pasal 14 angka 25)."""
    side = world.bkl
    users = side.users
    head = users["agency_head"]
    day = side.region.today(NOW)
    for citation, statuses in (
        ("Pasal 12 angka 5", ("submitted", "reviewed")),
        ("Pasal 14 angka 25", ("submitted",)),
    ):
        duty = data.obligation(side, day, citation)
        owed = data.periods(duty, datetime.date(2025, 10, 1), day)
        for period, status in zip(owed, statuses, strict=False):  # the oldest ones
            data.report(duty, period, side.dinas, head, NOW, status=status)
    inflight = Report.objects.filter(region=side.region).select_related(
        "region", "obligation", "period", "unit"
    )
    for role, expected in (("asisten", 1), ("asisten_other", 0), ("sekda", 1), ("bappeda_head", 1)):
        got = worklist(users[role], side.region, NOW).counts["reports_waiting"]
        inbox = rp.waiting_for(users[role], list(inflight), day)
        assert got == len(inbox) == expected, role


def test_late_in_the_portfolio_is_what_the_dashboard_and_compliance_show(world):
    side = world.bkt
    data.day_of_work(side, NOW)
    today = side.region.today(NOW)
    for role in ("sekda", "asisten", "asisten_other"):
        user = side.users[role]
        board = worklist(user, side.region, NOW)
        assert board.counts["late_follow_ups"] == dashboard(user, side.region, today).overdue
        table = compliance.compliance(user, side.region, today=today)
        cells = [status for status in table.cells.values() if status == compliance_table.MISSING]
        assert board.counts["missing_reports"] == len(cells), role


def test_the_week_is_the_regions_own_monday_to_sunday(world):
    """Just after midnight on Monday in Kutai Kartanegara (WITA) it is still Sunday in
    Bukittinggi (WIB): a meeting that morning is in WITA's new week only."""
    monday_wita = datetime.datetime(2026, 6, 15, 0, 30, tzinfo=world.kukar.region.zone)
    assert moment(world.kukar.region, monday_wita).week == (
        datetime.date(2026, 6, 15),
        datetime.date(2026, 6, 21),
    )
    assert moment(world.bkt.region, monday_wita).week == (
        datetime.date(2026, 6, 8),
        datetime.date(2026, 6, 14),
    )
    side = world.kukar
    data.invite(data.meeting(side, monday_wita + 8 * data.H), side.dinas, monday_wita)
    assert counts(side.users["agency_head"], side, monday_wita)["week"] == 1
    assert counts(side.users["agency_head"], side, monday_wita - data.H)["week"] == 0


def test_a_user_without_a_role_has_no_worklist(world):
    assert worklist(UserFactory(username="nobody"), world.bkt.region, NOW) is None
