"""Compliance of written reports over the API (/api/v1/compliance/): the table of one
obligation and the Sekda's question, who has not reported this quarter."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.response import Response

from apitools.params import today_in
from coordination.compliance import serializers as io
from coordination.compliance.engine import compliance, current_quarter_gaps
from coordination.core.api import (
    DENIED,
    ERROR,
    REGION,
    CoordinationAPI,
    param_id,
    param_region,
)
from coordination.reports.models import (
    ReportingObligation,
)

# --- Compliance -------------------------------------------------------------------------------


@extend_schema(tags=["coordination: written reports"])
class ComplianceViewSet(CoordinationAPI):
    """Who filed each period's report on time, late or not at all: for the region's leaders
    and secretariat (an Asisten: the portfolio's units)."""

    view_permission = "coordination.view_compliance"
    pagination_class = None

    def region(self):
        region = param_region(self.request) or self.own_region()
        if region is None:
            raise ParseError(_("Name the region: ?region=<code>."))
        return region

    @extend_schema(
        parameters=[
            REGION,
            OpenApiParameter(
                "obligation", int, description="Default: the obligation to the Kepala Daerah."
            ),
            OpenApiParameter("last", int, description="How many periods, 1 to 40 (default 8)."),
        ],
        responses={200: io.ComplianceRead, 400: ERROR, **DENIED},
        operation_id="coordination_compliance",
    )
    def list(self, request):
        region = self.region()
        noun = gettext_lazy("reporting obligation")
        rows = ReportingObligation.objects.filter(region=region).select_related("region")
        obligation = param_id(request, "obligation", rows, noun)
        last = request.query_params.get("last") or "8"
        if not last.isdigit() or not 1 <= int(last) <= 40:
            raise ParseError(
                _("last must be a number from 1 to 40; got “%(value)s”.") % {"value": last}
            )
        table = compliance(
            request.user, region, today=today_in(region), obligation=obligation, last=int(last)
        )
        data = io.compliance_data(table)
        return Response(io.ComplianceRead(data, context={"region": region}).data)

    @extend_schema(
        parameters=[REGION],
        responses={200: io.ComplianceGapsRead, 400: ERROR, **DENIED},
        operation_id="coordination_compliance_gaps",
    )
    @action(detail=False)
    def gaps(self, request):
        """Who has not reported this quarter: the period being collected and the units with no
        submitted report for it (``missing`` once it is due, else ``not_due``)."""
        region = self.region()
        today = today_in(region)
        period, units = current_quarter_gaps(request.user, region, today=today)
        data = {"region": region.code, "today": today, "period": period, "units": units}
        return Response(io.ComplianceGapsRead(data).data)
