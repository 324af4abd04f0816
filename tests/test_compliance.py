"""The compliance dashboard of written reports: on time, late, missing and not yet due by the
first submission in the region's time zone; revisions keep an on-time report on time; the
Asisten's portfolio; the Sekda's "who has not reported this quarter?"; CSV, XLSX and chart;
constant queries; the page and its exports by role."""

from __future__ import annotations

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination.compliance import chart as compliance_chart
from coordination.compliance import engine as svc
from coordination.compliance import exports as compliance_exports
from coordination.reports import obligations as ob
from coordination.reports import services as rp
from coordination.reports.access import portfolio_units
from coordination.reports.models import Report, ReportingPeriod
from orgchart import services as tree

D = datetime.date
BKT_RULE = "Perwal Bukittinggi 4/2017 Pasal 16 ayat (2)"


def obligation_of(side, suffix: str | None = None):
    found = ob.sync_obligations(side.region, D(2026, 6, 1))
    return next(o for o in found if suffix is None or o.source.endswith(suffix))


def periods_of(obligation) -> dict[str, object]:
    """The obligation's periods of 2026, by label."""
    ob.ensure_periods(obligation, D(2026, 1, 1), D(2026, 12, 31))
    return {p.label: p for p in ReportingPeriod.objects.filter(obligation=obligation)}


def at(region, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(region.timezone)
    return datetime.datetime.combine(day, datetime.time(hour, minute), zone)


def file_report(world, obligation, period, unit, when: datetime.datetime) -> Report:
    """Unit files its report of ``period``; its first submission is backdated to ``when``."""
    user = world.superadmin
    report = rp.start_report(obligation, period, unit, user)
    rp.save_draft(
        report,
        rp.ReportInput(summary="Ringkasan", achievements="Capaian", problems="-", plans="-"),
        user,
    )
    rp.submit(report, user)
    Report.objects.filter(pk=report.pk).update(first_submitted_at=when, submitted_at=when)
    return Report.objects.get(pk=report.pk)


def captured(function):
    with CaptureQueriesContext(connection) as queries:
        result = function()
    return len(queries), result


@pytest.fixture
def bkt(world):
    """Bukittinggi's obligation to report to the Walikota and its periods of 2026."""
    side = world.bkt
    side.obligation = obligation_of(side)
    side.periods = periods_of(side.obligation)
    side.q2 = side.periods["Triwulan II 2026"]
    return side


# --- Statuses -----------------------------------------------------------------------------


def test_statuses_follow_the_first_submission_in_the_regions_time_zone(world, bkt):
    due = bkt.q2.due_date
    sekda = bkt.users["sekda"]
    # 23:30 WIB on the due date is 16:30 UTC; 00:30 WIB the day after is 17:30 UTC on the
    # due date itself: only the region's own clock tells them apart.
    file_report(world, bkt.obligation, bkt.q2, bkt.dinas, at(bkt.region, due, 23, 30))
    late = at(bkt.region, due + datetime.timedelta(days=1), 0, 30)
    assert late.astimezone(datetime.UTC).date() == due
    file_report(world, bkt.obligation, bkt.q2, bkt.other_dinas, late)
    table = svc.compliance(sekda, bkt.region, today=due, periods=[bkt.q2])
    silent = bkt.acting_dinas.pk
    assert table.cells[(bkt.dinas.pk, bkt.q2.pk)] == "on_time"
    assert table.cells[(bkt.other_dinas.pk, bkt.q2.pk)] == "late"
    assert table.cells[(silent, bkt.q2.pk)] == "not_due"  # today is the due date
    after = svc.compliance(sekda, bkt.region, today=due + datetime.timedelta(days=1))
    assert after.cells[(silent, bkt.q2.pk)] == "missing"
    assert after.cells[(bkt.dinas.pk, bkt.q2.pk)] == "on_time"
    assert after.submitted[(bkt.dinas.pk, bkt.q2.pk)].hour == 23  # shown in WIB
    assert after.obligation.source == BKT_RULE
    assert [p["label"] for p in after.periods][-1] == "Triwulan III 2026"
    assert all(p["start"] <= after.today for p in after.periods)
    totals = after.totals_by_period()[bkt.q2.pk]
    assert totals["on_time"] == 1 and totals["late"] == 1
    assert totals["missing"] == len(after.units) - 2 and totals["not_due"] == 0


def test_only_obliged_units_get_cells_in_tree_order(world, bkt):
    table = svc.compliance(bkt.users["sekda"], bkt.region, today=D(2026, 11, 23))
    day = table.periods[-1]["end"]
    obliged = ob.obliged_units(bkt.obligation, day)
    assert [u["id"] for u in table.units] == [u.pk for u in obliged]
    assert bkt.setda.pk not in {u["id"] for u in table.units}  # the Setda receives, not files
    assert len(table.cells) == len(table.units) * len(table.periods)


def test_the_units_with_cells_are_those_obliged_units_names_for_every_obligation(world):
    bkl = world.bkl
    for obligation in ob.sync_obligations(bkl.region, D(2026, 6, 1)):
        periods_of(obligation)
        table = svc.compliance(
            world.superadmin, bkl.region, today=D(2026, 11, 23), obligation=obligation
        )
        assert table.periods, obligation.source
        for period in table.periods:
            expected = [u.pk for u in ob.obliged_units(obligation, period["end"])]
            got = [u["id"] for u in table.units if (u["id"], period["id"]) in table.cells]
            assert got == expected, (obligation.source, period["label"])
        if obligation.recipient == "bappeda":
            assert bkl.bappeda.pk not in {u["id"] for u in table.units}


def test_a_revision_does_not_make_an_on_time_report_late(world, bkt):
    due = bkt.q2.due_date
    report = file_report(world, bkt.obligation, bkt.q2, bkt.dinas, at(bkt.region, due, 9))
    rp.return_report(report, bkt.users["sekda"], "Lengkapi capaian.")
    draft = rp.revise(report, world.superadmin)
    sekda, later = bkt.users["sekda"], due + datetime.timedelta(days=30)
    table = svc.compliance(sekda, bkt.region, today=later, periods=[bkt.q2])
    assert table.cells[(bkt.dinas.pk, bkt.q2.pk)] == "on_time"  # the draft v2 changes nothing
    rp.save_draft(draft, rp.ReportInput("R", "C", "K", "P"), world.superadmin)
    rp.submit(draft, world.superadmin)
    Report.objects.filter(pk=draft.pk).update(submitted_at=at(bkt.region, later, 9))
    table = svc.compliance(sekda, bkt.region, today=later, periods=[bkt.q2])
    assert table.cells[(bkt.dinas.pk, bkt.q2.pk)] == "on_time"
    assert table.submitted[(bkt.dinas.pk, bkt.q2.pk)].date() == due


def test_a_draft_is_not_a_report(world, bkt):
    rp.start_report(bkt.obligation, bkt.q2, bkt.dinas, world.superadmin)
    table = svc.compliance(bkt.users["sekda"], bkt.region, today=D(2026, 11, 23))
    assert table.cells[(bkt.dinas.pk, bkt.q2.pk)] == "missing"


# --- Who sees what ------------------------------------------------------------------------


def test_the_asisten_sees_only_the_portfolio(world, bkt):
    today = D(2026, 11, 23)
    file_report(world, bkt.obligation, bkt.q2, bkt.other_dinas, at(bkt.region, bkt.q2.end, 9))
    everyone = svc.compliance(bkt.users["sekda"], bkt.region, today=today)
    mine = svc.compliance(bkt.users["asisten"], bkt.region, today=today)
    portfolio = portfolio_units(bkt.asisten)
    assert {u["id"] for u in mine.units} == {u["id"] for u in everyone.units} & portfolio
    assert bkt.dinas.pk in {u["id"] for u in mine.units}
    assert bkt.other_dinas.pk not in {u["id"] for u in mine.units}
    assert {u["portfolio_id"] for u in mine.units} == {bkt.asisten.pk}
    other = svc.compliance(bkt.users["asisten_other"], bkt.region, today=today)
    assert other.cells[(bkt.other_dinas.pk, bkt.q2.pk)] == "on_time"
    assert set(other.totals_by_portfolio(bkt.q2.pk)) == {bkt.asisten_other.pk}
    by_portfolio = everyone.totals_by_portfolio(bkt.q2.pk)
    assert by_portfolio[bkt.asisten_other.pk]["on_time"] == 1
    assert sum(c["missing"] for c in by_portfolio.values()) == len(everyone.units) - 1


@pytest.mark.parametrize("role", ["kepala_daerah", "wakil", "secretariat_staff"])
def test_region_wide_roles_see_every_unit(world, bkt, role):
    today = D(2026, 11, 23)
    table = svc.compliance(bkt.users[role], bkt.region, today=today)
    assert len(table.units) == len(svc.compliance(world.superadmin, bkt.region, today=today).units)


@pytest.mark.parametrize("who", ["kukar_sekda", "bkl_sekda", "agency_head", "agency_staff"])
def test_agencies_and_other_regions_are_refused(world, bkt, who):
    user = {
        "kukar_sekda": world.kukar.users["sekda"],
        "bkl_sekda": world.bkl.users["sekda"],
        "agency_head": bkt.users["agency_head"],
        "agency_staff": bkt.users["agency_staff"],
    }[who]
    with pytest.raises(PermissionDenied):
        svc.compliance(user, bkt.region, today=D(2026, 11, 23))
    with pytest.raises(PermissionDenied):
        svc.current_quarter_gaps(user, bkt.region, today=D(2026, 11, 23))


def test_an_obligation_of_another_region_is_refused(world, bkt):
    foreign = obligation_of(world.bkl, "Pasal 12 angka 5")
    with pytest.raises(PermissionDenied):
        svc.compliance(world.superadmin, bkt.region, today=D(2026, 11, 23), obligation=foreign)


def test_the_default_obligation_reports_to_the_kepala_daerah(world):
    bkl = world.bkl
    obligations = ob.sync_obligations(bkl.region, D(2026, 6, 1))
    table = svc.compliance(bkl.users["sekda"], bkl.region, today=D(2026, 11, 23))
    assert table.obligation.recipient == "kepala_daerah"
    assert table.obligation == min(
        (o for o in obligations if o.recipient == "kepala_daerah"), key=lambda o: o.pk
    )
    assert table.periods == []  # no period created yet
    none = svc.compliance(world.kukar.users["sekda"], world.kukar.region, today=D(2026, 11, 23))
    assert none.obligation is None and none.units == [] and none.cells == {}


# --- The Sekda's question -----------------------------------------------------------------


def test_who_has_not_reported_this_quarter(world, bkt):
    q3 = bkt.periods["Triwulan III 2026"]
    sekda = bkt.users["sekda"]
    file_report(world, bkt.obligation, q3, bkt.dinas, at(bkt.region, q3.due_date, 8))
    # Between the end of Q3 and its due date: Q3 is being collected, not yet due.
    period, units = svc.current_quarter_gaps(sekda, bkt.region, today=D(2026, 10, 2))
    assert period["label"] == "Triwulan III 2026" and period["obligation_id"] == bkt.obligation.pk
    assert bkt.dinas.pk not in {u["id"] for u in units}
    assert {u["status"] for u in units} == {"not_due"}
    # After the due date they are missing.
    period, units = svc.current_quarter_gaps(sekda, bkt.region, today=D(2026, 11, 23))
    assert period["label"] == "Triwulan III 2026"
    assert {u["status"] for u in units} == {"missing"}
    assert bkt.other_dinas.pk in {u["id"] for u in units}
    table = svc.compliance(sekda, bkt.region, today=D(2026, 11, 23))
    assert units == table.not_reported(q3.pk)
    # During the first quarter ever, the running one answers.
    first = bkt.periods["Triwulan I 2026"]
    period, units = svc.current_quarter_gaps(sekda, bkt.region, today=D(2026, 2, 1))
    assert period["id"] == first.pk and {u["status"] for u in units} == {"not_due"}
    # The Asisten gets the portfolio's part of the answer.
    _p, asisten_units = svc.current_quarter_gaps(
        bkt.users["asisten"], bkt.region, today=D(2026, 11, 23)
    )
    assert {u["id"] for u in asisten_units} <= portfolio_units(bkt.asisten)
    assert svc.current_quarter_gaps(
        world.kukar.users["sekda"], world.kukar.region, today=D(2026, 11, 23)
    ) == (None, [])


# --- Exports and chart --------------------------------------------------------------------


def test_the_csv_has_a_bom_and_one_row_per_unit_and_period(world, bkt):
    file_report(world, bkt.obligation, bkt.q2, bkt.dinas, at(bkt.region, bkt.q2.due_date, 23))
    table = svc.compliance(bkt.users["sekda"], bkt.region, today=D(2026, 11, 23))
    content = compliance_exports.export_csv(table)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Region", "Provision", "Unit"] and "Status" in header
    assert len(body) == len(table.cells)
    (dinas,) = [r for r in body if r[2] == bkt.dinas.name and r[5] == "Triwulan II 2026"]
    assert dinas[0] == "13.75" and dinas[1] == BKT_RULE
    assert dinas[4] == bkt.asisten.name
    assert dinas[9:] == ["on_time", "on time", f"{bkt.q2.due_date.isoformat()} 23:00", "", ""]
    assert compliance_exports.filename(table, "csv") == f"kepatuhan-13.75-{bkt.obligation.pk}.csv"


def test_the_xlsx_has_units_by_periods_and_totals(world, bkt):
    late = at(bkt.region, bkt.q2.due_date + datetime.timedelta(days=3), 10)
    file_report(world, bkt.obligation, bkt.q2, bkt.other_dinas, late)
    table = svc.compliance(bkt.users["sekda"], bkt.region, today=D(2026, 11, 23))
    book = openpyxl.load_workbook(io.BytesIO(compliance_exports.export_xlsx(table)))
    assert book.sheetnames == ["Compliance", "Totals"]
    sheet = book["Compliance"]
    labels = [p["label"] for p in table.periods]
    assert [c.value for c in sheet[1]] == ["Unit", "Portfolio", *labels]
    names = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
    assert len(names) == len(table.units)
    column = 2 + labels.index("Triwulan II 2026")
    # Due Tuesday 14 July, submitted Friday 17 July: Wednesday, Thursday, Friday.
    assert names[bkt.other_dinas.name][column].value == "submitted 3 working days late"
    assert names[bkt.dinas.name][column].value.startswith("overdue by ")
    totals = {row[0].value: [c.value for c in row] for row in book["Totals"].iter_rows(min_row=2)}
    assert totals["Triwulan II 2026"][2:7] == [0, 1, len(table.units) - 1, 0, len(table.units)]
    assert BKT_RULE in [row[1].value for row in book["Totals"].iter_rows()]


def test_exports_write_formula_like_names_as_text(world, bkt):
    table = svc.compliance(bkt.users["sekda"], bkt.region, today=D(2026, 11, 23))
    table.units[0]["name"] = '=HYPERLINK("http://evil","x")'
    rows = list(csv.reader(io.StringIO(compliance_exports.export_csv(table).decode("utf-8-sig"))))
    assert rows[1][2].startswith("'=")
    sheet = openpyxl.load_workbook(io.BytesIO(compliance_exports.export_xlsx(table)))["Compliance"]
    assert sheet["A3"].data_type == "s" and sheet["A3"].value.startswith("=HYPERLINK")


def test_the_chart_shows_each_period_and_escapes_labels(world, bkt):
    ob.ensure_periods(bkt.obligation, D(2025, 1, 1), D(2025, 12, 31))
    table = svc.compliance(bkt.users["sekda"], bkt.region, today=D(2026, 11, 23))
    assert len(table.periods) == 8
    svg = compliance_chart.chart_svg(table)
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "<script" not in svg
    for period in table.periods:
        assert period["display_label"] in svg  # "Quarter I 2025" on an English page
    assert "on time" in svg and "missing" in svg
    table.periods[0]["display_label"] = "<b>Triwulan</b>"
    assert "&lt;b&gt;Triwulan&lt;/b&gt;" in compliance_chart.chart_svg(table)


# --- Constant queries ---------------------------------------------------------------------


def _more_units(side, count: int) -> None:
    for n in range(count):
        tree.create_unit(
            region=side.region,
            target=side.asisten,
            name=f"Dinas tambahan {n}",
            kind="dinas",
            line="koordinasi",
        )


@pytest.mark.parametrize("role", ["sekda", "asisten"])
def test_the_dashboard_runs_a_constant_number_of_queries(world, bkt, role, django_user_model):
    def dashboard():
        user = django_user_model.objects.get(pk=bkt.users[role].pk)  # no cached role
        svc.compliance(user, bkt.region, today=D(2026, 11, 23))
        return svc.current_quarter_gaps(user, bkt.region, today=D(2026, 11, 23))

    small, (_period, gaps) = captured(dashboard)
    assert gaps
    ob.ensure_periods(bkt.obligation, D(2024, 1, 1), D(2026, 12, 31))
    _more_units(bkt, 5)
    for period in ReportingPeriod.objects.filter(obligation=bkt.obligation, end__lt=D(2026, 10, 1)):
        for unit in (bkt.dinas, bkt.other_dinas, bkt.acting_dinas):
            file_report(world, bkt.obligation, period, unit, at(bkt.region, period.due_date, 9))
    big, (_period, more_gaps) = captured(dashboard)
    assert big == small
    assert len(more_gaps) >= len(gaps)


# --- Pages --------------------------------------------------------------------------------


@pytest.fixture
def browse(client):
    def login(user=None):
        client.cookies["django_language"] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return login


URLS = ["coordination:compliance", "coordination:compliance-csv", "coordination:compliance-xlsx"]


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("sekda", 200),
        ("kepala_daerah", 200),
        ("wakil", 200),
        ("asisten", 200),
        ("secretariat_staff", 200),
        ("agency_head", 403),
        ("agency_staff", 403),
    ],
)
def test_the_page_and_exports_by_role(world, bkt, browse, name, role, status):
    assert browse(bkt.users[role]).get(reverse(name)).status_code == status


@pytest.mark.parametrize("name", URLS)
def test_anonymous_users_are_sent_to_log_in(world, browse, name):
    response = browse().get(reverse(name))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_page_answers_the_sekdas_question_first(world, bkt, browse):
    q3 = bkt.periods["Triwulan III 2026"]
    file_report(world, bkt.obligation, q3, bkt.dinas, at(bkt.region, q3.due_date, 8))
    page = browse(bkt.users["sekda"]).get(reverse("coordination:compliance")).content.decode()
    question = page.index("Who has not reported this quarter?")
    assert question < page.index("By portfolio") < page.index("<svg")
    assert "have not reported for Quarter III 2026" in page  # the period in the reader's words
    assert bkt.other_dinas.name in page[question : page.index("By portfolio")]
    assert BKT_RULE in page and "portal default" in page
    assert "✓ on time" in page and "✗ missing" in page  # not colour alone
    assert f"obligation={bkt.obligation.pk}" in page


def test_the_exports_are_attachments_with_the_right_types(world, bkt, browse):
    client = browse(bkt.users["sekda"])
    response = client.get(reverse("coordination:compliance-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    expected = f'attachment; filename="kepatuhan-13.75-{bkt.obligation.pk}.csv"'
    assert response["Content-Disposition"] == expected
    assert response.content.startswith(b"\xef\xbb\xbf")
    response = client.get(reverse("coordination:compliance-xlsx"))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith(f'{bkt.obligation.pk}.xlsx"')
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Compliance"


def test_the_asisten_exports_only_the_portfolio(world, bkt, browse):
    response = browse(bkt.users["asisten"]).get(reverse("coordination:compliance-csv"))
    units = {row[2] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert bkt.dinas.name in units and bkt.other_dinas.name not in units


def test_an_obligation_is_picked_among_the_regions(world, browse):
    bkl = world.bkl
    bappeda = obligation_of(bkl, "Pasal 14 angka 25")
    periods_of(bappeda)
    client = browse(bkl.users["sekda"])
    page = client.get(reverse("coordination:compliance"), {"obligation": bappeda.pk})
    assert page.status_code == 200 and bappeda.source in page.content.decode()
    csv_response = client.get(reverse("coordination:compliance-csv"), {"obligation": bappeda.pk})
    assert csv_response["Content-Disposition"].endswith(f'-{bappeda.pk}.csv"')
    foreign = obligation_of(world.bkt)
    for value in (foreign.pk, "x"):
        response = client.get(reverse("coordination:compliance"), {"obligation": value})
        assert response.status_code == 404


def test_the_superadmin_picks_the_region(world, bkt, browse):
    client = browse(world.superadmin)
    page = client.get(reverse("coordination:compliance"), {"region": "13.75"})
    assert page.status_code == 200 and bkt.dinas.name in page.content.decode()
    empty = client.get(reverse("coordination:compliance"), {"region": "64.02"})
    assert "sets no periodic written report" in empty.content.decode()


def test_another_regions_sekda_sees_only_their_own_region(world, bkt, browse):
    page = browse(world.kukar.users["sekda"]).get(
        reverse("coordination:compliance"), {"region": "13.75"}
    )
    assert page.status_code == 200 and bkt.dinas.name not in page.content.decode()


def test_the_page_runs_a_constant_number_of_queries(world, bkt, browse):
    client = browse(bkt.users["sekda"])
    url = reverse("coordination:compliance")
    client.get(url)  # warm the session and the caches
    small, response = captured(lambda: client.get(url))
    assert response.status_code == 200
    _more_units(bkt, 4)
    ob.ensure_periods(bkt.obligation, D(2025, 1, 1), D(2026, 12, 31))
    for period in ReportingPeriod.objects.filter(obligation=bkt.obligation, end__lt=D(2026, 10, 1)):
        file_report(world, bkt.obligation, period, bkt.dinas, at(bkt.region, period.due_date, 9))
    big, response = captured(lambda: client.get(url))
    assert big == small
