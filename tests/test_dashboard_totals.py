"""Totals on the dashboards: every numeric column of the follow-up dashboard and of the
compliance page (by portfolio, and units × periods with a total per unit, per period and
overall) has its total, the total equals the sum of the column it closes, an Asisten's totals
cover only the Asisten's portfolio, and counts read with Indonesian grouping (1.234)."""

from __future__ import annotations

import datetime
import zoneinfo
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from coordination.compliance import engine as compliance_engine
from coordination.compliance import table as svc
from coordination.core.workdays import Calendar
from coordination.follow_ups import dashboard as boards
from coordination.follow_ups.models import FollowUp
from coordination.follow_ups.services import transition
from coordination.follow_ups.tests.helpers import held_meeting
from coordination.reports import obligations as ob
from coordination.reports import services as rp
from coordination.reports.models import Report, ReportingPeriod

D = datetime.date
COUNTS = 5  # the dashboard's numeric columns: overdue, due today, due next, pending, done


class Tables(HTMLParser):
    """The page's tables, each {"thead", "tbody", "tfoot"} as rows of cell texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: list[dict[str, list[list[str]]]] = []
        self._section = "tbody"
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "table":
            self.tables.append({"thead": [], "tbody": [], "tfoot": []})
            self._section = "tbody"
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr" and self.tables:
            self.tables[-1][self._section].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][self._section][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(response) -> list[dict[str, list[list[str]]]]:
    assert response.status_code == 200
    return Tables(response.content.decode()).tables


def number(text: str) -> int:
    """A count as shown: 1,234 (English) or 1.234 (Indonesian)."""
    return int(text.replace(",", "").replace(".", ""))


def counts(text: str) -> list[int]:
    """ "3 / 1 / 0 / 2": on time, late, missing, not yet due."""
    return [number(part) for part in text.split(" / ")]


@pytest.fixture
def browse(db):
    def login(user, language: str = "en") -> Client:
        client = Client()
        client.cookies["django_language"] = language
        client.force_login(user)
        return client

    return login


# --- The follow-up dashboard ----------------------------------------------------------------


@pytest.fixture
def kukar(world):
    """Follow-ups of Kutai Kartanegara in two portfolios: overdue ones, one due today, one due
    the next working day, one done."""
    side = world.kukar
    sosial = side.units["Dinas Sosial"]
    held_meeting(side, day=D(2026, 6, 3), units=[side.dinas, side.other_dinas, sosial])
    _meeting, later = held_meeting(side, day=D(2026, 6, 10), units=[side.dinas, side.other_dinas])
    today = side.region.today()
    tomorrow = Calendar.for_region(side.region).add_working_days(today, 1)
    FollowUp.objects.filter(pk=later[0].pk).update(due_date=today)
    FollowUp.objects.filter(pk=later[1].pk).update(due_date=tomorrow)
    head = side.users["agency_head"]
    (first,) = FollowUp.objects.filter(unit=side.dinas, due_date__lt=today)
    transition(first, "in_progress", head)
    transition(first, "done", head, report="Fogging selesai.")
    return side


def dashboard_table(response) -> tuple[list[list[str]], list[str]]:
    """The rows of "Follow-ups by portfolio" and its total row."""
    table = tables(response)[0]
    assert len(table["thead"][0]) == 1 + COUNTS
    (total,) = table["tfoot"]
    return table["tbody"], total


def test_every_column_of_the_dashboard_has_its_total_and_it_sums_the_rows(browse, kukar):
    rows, total = dashboard_table(
        browse(kukar.users["sekda"]).get(reverse("coordination:dashboard"))
    )
    assert len(rows) == 2  # both Asisten's portfolios
    assert total[0] == "Total" and len(total) == 1 + COUNTS
    assert all(cell for cell in total), total  # no column left empty
    for column in range(1, 1 + COUNTS):
        assert number(total[column]) == sum(number(row[column]) for row in rows), column
    overdue, due_today, due_soon, pending, done = (number(cell) for cell in total[1:])
    assert (overdue, due_today, due_soon, pending, done) == (2, 1, 1, 4, 1)


def test_an_asistens_dashboard_totals_only_the_asistens_portfolio(browse, kukar):
    url = reverse("coordination:dashboard")
    _rows, everyone = dashboard_table(browse(kukar.users["sekda"]).get(url))
    rows, total = dashboard_table(browse(kukar.users["asisten"]).get(url))
    (row,) = rows
    assert row[0] == kukar.asisten.name
    assert total[1:] == row[1:]
    board = boards.dashboard(kukar.users["asisten"], kukar.region, kukar.region.today())
    assert [number(cell) for cell in total[1:]] == [
        board.overdue,
        board.due_today,
        board.due_soon,
        board.pending,
        board.done,
    ]
    assert number(total[4]) < number(everyone[4])  # the other portfolio is left out


def test_dashboard_counts_use_indonesian_grouping(browse, world, monkeypatch):
    side = world.kukar
    many = [
        boards.PortfolioRow(pk, name, overdue=1234, due_today=1200, due_soon=1001, pending=4321)
        for pk, name in ((side.asisten.pk, "A"), (side.asisten_other.pk, "B"))
    ]
    for row in many:
        row.done = 2000
    board = boards.Dashboard(side.region, side.region.today(), many, 0, 0)
    monkeypatch.setattr(boards, "dashboard", lambda user, region, today: board)
    rows, total = dashboard_table(
        browse(side.users["sekda"], "id").get(reverse("coordination:dashboard"))
    )
    assert rows[0][1:] == ["1.234", "1.200", "1.001", "4.321", "2.000"]
    assert total[1:] == ["2.468", "2.400", "2.002", "8.642", "4.000"]


# --- The compliance page --------------------------------------------------------------------


def at(region, day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), zoneinfo.ZoneInfo(region.timezone))


def file_report(side, obligation, period, unit, when: datetime.datetime) -> None:
    user = side.superadmin
    report = rp.start_report(obligation, period, unit, user)
    rp.save_draft(report, rp.ReportInput("Ringkasan", "Capaian", "-", "-"), user)
    rp.submit(report, user)
    Report.objects.filter(pk=report.pk).update(first_submitted_at=when, submitted_at=when)


@pytest.fixture
def bkt(world):
    """Bukittinggi's reports to the Walikota over 2026: on time, late and missing in both
    Asisten's portfolios."""
    side = world.bkt
    side.superadmin = world.superadmin
    side.obligation = next(
        o for o in ob.sync_obligations(side.region, D(2026, 6, 1)) if o.recipient == "kepala_daerah"
    )
    ob.ensure_periods(side.obligation, D(2026, 1, 1), D(2026, 12, 31))
    periods = {p.label: p for p in ReportingPeriod.objects.filter(obligation=side.obligation)}
    q1, q2 = periods["Triwulan I 2026"], periods["Triwulan II 2026"]
    region = side.region
    file_report(side, side.obligation, q1, side.dinas, at(region, q1.due_date, 9))
    late = at(region, q2.due_date + datetime.timedelta(days=1), 9)
    file_report(side, side.obligation, q2, side.dinas, late)
    file_report(side, side.obligation, q2, side.other_dinas, at(region, q2.due_date, 9))
    file_report(side, side.obligation, q1, side.acting_dinas, at(region, q1.end, 9))
    return side


def compliance_tables(response) -> tuple[dict, dict]:
    """The "By portfolio" table and the units × periods table."""
    found = tables(response)
    portfolio = next(t for t in found if t["thead"] and t["thead"][0][0] == "Coordinated by")
    grid = next(t for t in found if t["thead"] and t["thead"][0][0] == "Unit")
    return portfolio, grid


STATUS_WORDS = {"on time": 0, "late": 1, "missing": 2, "not due yet": 3}


def status_index(cell: str) -> int | None:
    """Which count a grid cell adds to: its status word (after the ✓ ! ✗ … sign)."""
    for word, index in STATUS_WORDS.items():
        if cell[2:].startswith(word):
            return index
    return None  # not obliged


def test_the_portfolio_table_has_a_total_for_every_column(browse, bkt):
    portfolio, _grid = compliance_tables(
        browse(bkt.users["sekda"]).get(reverse("coordination:compliance"))
    )
    rows, (total,) = portfolio["tbody"], portfolio["tfoot"]
    assert len(rows) >= 2 and total[0] == "Total"
    assert len(total) == len(portfolio["thead"][0]) == 6  # on time, late, missing, not due, all
    for column in range(1, 6):
        assert number(total[column]) == sum(number(row[column]) for row in rows), column
    for row in [*rows, total]:  # each row's units are the sum of its counts
        assert number(row[5]) == sum(number(cell) for cell in row[1:5])


def test_the_unit_by_period_table_totals_each_period_each_unit_and_everything(browse, bkt):
    _portfolio, grid = compliance_tables(
        browse(bkt.users["sekda"]).get(reverse("coordination:compliance"))
    )
    header, rows, (total,) = grid["thead"][0], grid["tbody"], grid["tfoot"]
    periods = len(header) - 3  # unit, coordinated by, the periods, the unit's total
    assert header[-1].startswith("Total") and periods >= 2
    assert total[0].startswith("Total")
    by_period = [[0, 0, 0, 0] for _ in range(periods)]
    overall = [0, 0, 0, 0]
    for row in rows:
        mine = [0, 0, 0, 0]
        for column, cell in enumerate(row[2 : 2 + periods]):
            index = status_index(cell)
            if index is not None:
                mine[index] += 1
                by_period[column][index] += 1
                overall[index] += 1
        assert counts(row[-1]) == mine, row[0]
    assert [counts(cell) for cell in total[2 : 2 + periods]] == by_period
    assert counts(total[-1]) == overall
    assert overall[0] >= 2 and overall[1] >= 1 and overall[2] >= 1  # on time, late, missing


def test_an_asistens_compliance_totals_only_the_portfolio(browse, bkt):
    url = reverse("coordination:compliance")
    everyone_portfolio, everyone = compliance_tables(browse(bkt.users["sekda"]).get(url))
    portfolio, grid = compliance_tables(browse(bkt.users["asisten"]).get(url))
    (row,) = portfolio["tbody"]
    assert row[0] == bkt.asisten.name and portfolio["tfoot"][0][1:] == row[1:]
    units = {r[0] for r in grid["tbody"]}
    assert bkt.dinas.name in units and bkt.other_dinas.name not in units
    mine = compliance_engine.compliance(bkt.users["asisten"], bkt.region, today=bkt.region.today())
    assert counts(grid["tfoot"][0][-1]) == [mine.overall()[s] for s in svc.STATUSES]
    assert sum(mine.overall().values()) < sum(counts(everyone["tfoot"][0][-1]))
    assert number(everyone_portfolio["tfoot"][0][5]) > number(portfolio["tfoot"][0][5])


def test_compliance_counts_use_indonesian_grouping(browse, world, monkeypatch):
    side = world.bkt
    obligation = ob.sync_obligations(side.region, D(2026, 6, 1))[0]
    period = {
        "id": 1,
        "label": "Triwulan I 2026",
        "display_label": "Triwulan I 2026",
        "start": D(2026, 1, 1),
        "end": D(2026, 3, 31),
        "due_date": D(2026, 4, 15),
    }
    units = [
        {"id": pk, "name": f"Unit {pk}", "kind": "dinas", "portfolio_id": 1, "portfolio_name": "A"}
        for pk in range(1, 1301)
    ]
    cells = {(unit["id"], 1): "missing" for unit in units}
    table = svc.ComplianceTable(side.region, D(2026, 11, 23), obligation, [period], units, cells)
    monkeypatch.setattr(compliance_engine, "compliance", lambda *args, **kwargs: table)
    monkeypatch.setattr(
        compliance_engine, "current_quarter_gaps", lambda *args, **kwargs: (None, [])
    )
    response = browse(side.users["sekda"], "id").get(reverse("coordination:compliance"))
    found = tables(response)
    portfolio, grid = found[0], found[-1]
    assert portfolio["tbody"][0][1:] == ["0", "0", "1.300", "0", "1.300"]
    assert portfolio["tfoot"][0][1:] == ["0", "0", "1.300", "0", "1.300"]
    assert grid["tfoot"][0][-1] == "0 / 0 / 1.300 / 0"
