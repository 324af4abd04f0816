"""The Sekda's and the Asisten's dashboards: overdue by portfolio in a constant number of
queries, the chart, and the Sekda's inbox."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.follow_ups.dashboard import chart_svg, dashboard, sekda_inbox
from coordination.follow_ups.services import transition
from coordination.follow_ups.tests.helpers import held_meeting

D = datetime.date


def queries(function):
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return len(captured), result


def test_overdue_by_portfolio_in_constant_queries(world):
    side = world.kukar
    sekda = side.users["sekda"]
    held_meeting(side, day=D(2026, 6, 3))
    few, board = queries(lambda: dashboard(sekda, side.region, D(2026, 6, 10)))
    assert board.overdue == 1
    (row,) = [r for r in board.rows if r.overdue]
    assert row.coordinator_id == side.asisten.pk
    assert row.items[0]["late_working_days"] == 3  # due Fri 5 June; Mon, Tue, Wed
    for day in (D(2026, 6, 1), D(2026, 6, 2), D(2026, 6, 4)):
        held_meeting(
            side, day=day, units=[side.dinas, side.other_dinas, side.units["Dinas Sosial"]]
        )
    many, board = queries(lambda: dashboard(sekda, side.region, D(2026, 6, 10)))
    assert board.overdue == 10
    assert many == few
    by_coordinator = {r.coordinator_id: r.overdue for r in board.rows}
    assert by_coordinator == {side.asisten.pk: 7, side.asisten_other.pk: 3}
    svg = chart_svg(board)
    assert svg.startswith("<svg") and side.asisten.name[:30] in svg and "7/7" in svg


def test_the_asisten_sees_only_their_portfolio_and_agencies_see_nothing_of_it(world):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3), units=[side.dinas, side.other_dinas])
    mine = dashboard(side.users["asisten"], side.region, D(2026, 6, 10))
    assert [(r.coordinator_id, r.overdue) for r in mine.rows] == [(side.asisten.pk, 1)]
    other = dashboard(side.users["asisten_other"], side.region, D(2026, 6, 10))
    assert [(r.coordinator_id, r.overdue) for r in other.rows] == [(side.asisten_other.pk, 1)]
    foreign = dashboard(world.bkt.users["sekda"], side.region, D(2026, 6, 10))
    assert foreign.rows == [] and foreign.inbox == 0


def test_the_sekda_inbox_holds_reports_done_and_not_yet_received(world):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    head = side.users["agency_head"]
    transition(follow_up, "in_progress", head)
    assert not sekda_inbox(side.users["sekda"], side.region).exists()
    transition(follow_up, "done", head, report="Selesai.")
    assert list(sekda_inbox(side.users["sekda"], side.region)) == [follow_up]
    assert not sekda_inbox(world.bkt.users["sekda"], side.region).exists()
