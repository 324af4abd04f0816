"""The compliance dashboard of written reports (/koordinasi/kepatuhan/) and its CSV and XLSX
exports: the region's leaders and secretariat see the region, an Asisten the portfolio; 403
for everyone else. Each page runs a constant number of queries."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordination.compliance import chart as compliance_chart
from coordination.compliance import engine as compliance_engine
from coordination.compliance import exports as svc
from coordination.compliance import table as compliance_table
from coordination.compliance.exports import status_words
from coordination.compliance.queries import active_obligations, default_obligation
from coordination.compliance.table import sum_counts
from coordination.core.pages import _picker, _region_for, _require, _today
from coordination.reports.models import ReportingObligation
from coordination.reports.obligations import cadence_display, due_display
from regulations.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _chosen(
    request: HttpRequest, region: Region
) -> tuple[list[ReportingObligation], ReportingObligation | None]:
    """The region's active obligations and the one asked for with ?obligation=<id> (404 if
    it is not one of them), else the default one."""
    obligations = active_obligations(region)
    wanted = request.GET.get("obligation")
    if not wanted:
        return obligations, default_obligation(obligations)
    chosen = next((o for o in obligations if str(o.pk) == wanted), None)
    if chosen is None:
        raise Http404(_("The region has no such active reporting obligation."))
    return obligations, chosen


def _table(
    request: HttpRequest,
) -> tuple[compliance_table.ComplianceTable, list[ReportingObligation]]:
    """Check the permission (403) before anything else, then build the user's table."""
    region = _region_for(request)
    _require(request.user, "coordination.view_compliance", region)
    obligations, chosen = _chosen(request, region)
    table = compliance_engine.compliance(
        request.user, region, today=_today(region), obligation=chosen
    )
    return table, obligations


def _rows(
    table: compliance_table.ComplianceTable,
) -> list[tuple[dict, list[tuple], dict[str, int]]]:
    """The unit × period grid for the template: each unit with (status, first submission,
    lateness) per period, None where the unit was not obliged, and its totals over the
    periods."""
    by_unit = table.totals_by_unit()
    return [
        (
            unit,
            [
                (
                    table.cells.get((unit["id"], period["id"])),
                    table.submitted.get((unit["id"], period["id"])),
                    table.late.get((unit["id"], period["id"])),
                )
                for period in table.periods
            ],
            by_unit[unit["id"]],
        )
        for unit in table.units
    ]


def _portfolio_totals(
    table: compliance_table.ComplianceTable,
) -> tuple[dict | None, list[tuple], tuple | None]:
    """The latest period whose due date has passed; its counts by portfolio, each with the
    units obliged; and their sum with its units (the same counts: a total row always equals
    the rows it totals)."""
    period = table.latest_due_period()
    if period is None:
        return None, [], None
    names = table.portfolio_names()
    totals = table.totals_by_portfolio(period["id"])
    rows = [
        (names.get(key) or _("no coordinator"), counts, sum(counts.values()))
        for key, counts in totals.items()
    ]
    rows.sort(key=lambda row: (-row[1]["missing"], -row[1]["late"], row[0]))
    total = sum_counts(counts for _name, counts, _obliged in rows)
    return period, rows, (total, sum(total.values()))


@login_required
@require_GET
def compliance(request: HttpRequest) -> HttpResponse:
    """Who has not reported this quarter, the totals by portfolio, the unit × period table,
    the chart and the exports."""
    table, obligations = _table(request)
    region = table.region
    gap, missing = compliance_engine.current_quarter_gaps(request.user, region, today=table.today)
    due_period, portfolio_rows, portfolio_total = _portfolio_totals(table)
    obligation = table.obligation
    totals = table.totals_by_period()
    context = {
        "region": region,
        "picker": _picker(request, region),
        "table": table,
        "obligations": obligations,
        "obligation": obligation,
        "cadence": cadence_display(obligation) if obligation else "",
        "due": due_display(obligation) if obligation else "",
        "gap": gap,
        "gap_units": missing,
        "due_period": due_period,
        "portfolio_rows": portfolio_rows,
        "portfolio_total": portfolio_total,
        "rows": _rows(table),
        "totals": [(p, totals[p["id"]]) for p in table.periods],
        "overall": table.overall(),
        "words": status_words(),
        # chart_svg escapes every label itself.
        "chart": mark_safe(compliance_chart.chart_svg(table)),
    }
    return render(request, "coordination/compliance.html", context)


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def compliance_csv(request: HttpRequest) -> HttpResponse:
    table, _obligations = _table(request)
    return _attachment(svc.export_csv(table), "text/csv; charset=utf-8", svc.filename(table, "csv"))


@login_required
@require_GET
def compliance_xlsx(request: HttpRequest) -> HttpResponse:
    table, _obligations = _table(request)
    return _attachment(svc.export_xlsx(table), XLSX, svc.filename(table, "xlsx"))
