"""The compliance API's shapes: the unit × period table with its totals, and the gaps of the
current quarter."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from coordination.core.times import RegionalTimes
from coordination.reports.serializers import ReportingObligationRead

# --- Compliance -------------------------------------------------------------------------------


class ComplianceCounts(serializers.Serializer):
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    missing = serializers.IntegerField()
    not_due = serializers.IntegerField(help_text="No report yet, and not due yet.")


class CompliancePeriod(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    due_date = serializers.DateField()


class ComplianceUnit(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    portfolio_id = serializers.IntegerField(
        allow_null=True, help_text="The coordinating Asisten's unit (or who took it over)."
    )
    portfolio_name = serializers.CharField()


class ComplianceCell(serializers.Serializer):
    unit = serializers.IntegerField()
    period = serializers.IntegerField()
    status = serializers.CharField(help_text="One of: on_time, late, missing, not_due")
    first_submitted_at = serializers.DateTimeField(
        allow_null=True, help_text="When the first version was submitted (what counts)."
    )
    late_working_days = serializers.IntegerField(
        allow_null=True,
        help_text="Late: working days from the due date to the first submission; missing: to "
        "today. Null when on time or not yet due.",
    )


class CompliancePeriodTotals(ComplianceCounts):
    period = serializers.IntegerField()


class CompliancePortfolioTotals(CompliancePeriodTotals):
    portfolio_id = serializers.IntegerField(allow_null=True)
    portfolio_name = serializers.CharField()


@extend_schema_serializer(many=False)  # served by the viewset's list, yet one object
class ComplianceRead(RegionalTimes, serializers.Serializer):
    """Units × periods of one obligation: on time, late, missing or not yet due. Times in the
    region of the context (``region``)."""

    region = serializers.CharField()
    today = serializers.DateField()
    obligation = ReportingObligationRead(allow_null=True)
    periods = CompliancePeriod(many=True)
    units = ComplianceUnit(many=True)
    cells = ComplianceCell(many=True, help_text="Only where the unit is obliged in the period.")
    totals = CompliancePeriodTotals(many=True)
    by_portfolio = CompliancePortfolioTotals(many=True)


class ComplianceGapUnit(ComplianceUnit):
    status = serializers.CharField(help_text="One of: missing, not_due")
    late_working_days = serializers.SerializerMethodField(
        help_text="Missing: working days overdue to today; null when not yet due."
    )

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_late_working_days(self, row: dict) -> int | None:
        return row["late"].working_days if row.get("late") else None


class ComplianceGapPeriod(CompliancePeriod):
    obligation_id = serializers.IntegerField()


class ComplianceGapsRead(serializers.Serializer):
    """Who has not reported for the quarter being collected."""

    region = serializers.CharField()
    today = serializers.DateField()
    period = ComplianceGapPeriod(allow_null=True)
    units = ComplianceGapUnit(many=True)


def _late_days(table, unit_id: int, period_id: int) -> int | None:
    late = table.late.get((unit_id, period_id))
    return late.working_days if late else None


def compliance_data(table) -> dict:
    """A ComplianceTable (coordination.compliance) as ComplianceRead's data."""
    names = table.portfolio_names()
    return {
        "region": table.region.code,
        "today": table.today,
        "obligation": table.obligation,
        "periods": table.periods,
        "units": table.units,
        "cells": [
            {
                "unit": unit["id"],
                "period": period["id"],
                "status": table.cells[(unit["id"], period["id"])],
                "first_submitted_at": table.submitted.get((unit["id"], period["id"])),
                "late_working_days": _late_days(table, unit["id"], period["id"]),
            }
            for unit in table.units
            for period in table.periods
            if (unit["id"], period["id"]) in table.cells
        ],
        "totals": [
            {"period": period_id, **counts}
            for period_id, counts in table.totals_by_period().items()
        ],
        "by_portfolio": [
            {
                "period": period["id"],
                "portfolio_id": portfolio_id,
                "portfolio_name": names.get(portfolio_id, ""),
                **counts,
            }
            for period in table.periods
            for portfolio_id, counts in table.totals_by_portfolio(period["id"]).items()
        ],
    }
