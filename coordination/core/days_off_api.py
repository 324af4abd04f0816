"""The region's own days off over the API (/api/v1/days-off/): listed by year, added and
removed by its secretariat."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import status
from rest_framework.response import Response

from apitools.params import year_or_400
from coordination.core import days_off as calendar
from coordination.core import serializers as io
from coordination.core.api import (
    DENIED,
    ERROR,
    REGION,
    WRITE_ERRORS,
    CoordinationAPI,
    param_region,
)
from coordination.core.models import RegionalDayOff
from orgchart.models import region_scope

# --- The region's days off --------------------------------------------------------------------


@extend_schema(tags=["coordination: days off"])
class DayOffViewSet(CoordinationAPI):
    """The region's own days off (e.g. Hari Jadi), on top of the national holidays and cuti
    bersama: deadlines in working days skip them."""

    view_permission = "coordination.view_regionaldayoff"
    noun = gettext_lazy("day off")
    serializer_class = io.DayOffRead

    def get_queryset(self):
        rows = RegionalDayOff.objects.select_related("region")
        scope = region_scope(self.request.user)
        return rows if scope == "all" else rows.filter(region_id=scope)

    @extend_schema(
        parameters=[REGION, OpenApiParameter("year", int)],
        responses={200: io.DayOffRead(many=True), 400: ERROR, **DENIED},
    )
    def list(self, request):
        rows = self.get_queryset()
        region = param_region(request)
        if region:
            rows = rows.filter(region=region)
        year = year_or_400(request.query_params.get("year"))
        if year:
            rows = rows.filter(date__year=year)
        return self.page(rows, io.DayOffRead)

    @extend_schema(request=io.DayOffWrite, responses={201: io.DayOffRead, **WRITE_ERRORS})
    def create(self, request):
        region = self.region_in_body()
        self.require(
            "coordination.add_regionaldayoff", RegionalDayOff(region=region) if region else None
        )
        data = self.checked(io.DayOffWrite, region=region).validated_data
        row = calendar.add_day_off(
            data["region"], data["date"], data["name"], request.user, decree=data["decree"]
        )
        return self.out(io.DayOffRead, row, 201)

    @extend_schema(responses={204: None, **DENIED})
    def destroy(self, request, pk=None):
        calendar.remove_day_off(self.get_object(), request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
