"""The dashboard over the API: what is late, by portfolio, and the Sekda's inbox."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.response import Response

from config.api_params import today_in
from coordination import serializers as io
from coordination.api._base import DENIED, ERROR, REGION, CoordinationAPI, param_region
from coordination.services.dashboard import dashboard, sekda_inbox
from orgchart.models import region_scope

# --- Dashboard --------------------------------------------------------------------------------


class DashboardRow(serializers.Serializer):
    coordinator_id = serializers.IntegerField(allow_null=True)
    coordinator_name = serializers.CharField()
    via_takeover = serializers.BooleanField()
    overdue = serializers.IntegerField()
    due_today = serializers.IntegerField()
    due_soon = serializers.IntegerField(help_text="Due within the next working day.")
    pending = serializers.IntegerField()
    done = serializers.IntegerField()
    items = serializers.ListField(child=serializers.DictField(), help_text="The overdue ones.")


DASHBOARD = inline_serializer(
    "CoordinationDashboard",
    {
        "region": serializers.CharField(),
        "today": serializers.DateField(),
        "overdue": serializers.IntegerField(),
        "pending": serializers.IntegerField(),
        "unreported_urgent_decisions": serializers.IntegerField(),
        "inbox": io.FollowUpBrief(many=True),
        "rows": DashboardRow(many=True),
    },
)


@extend_schema(tags=["coordination: dashboard"])
class DashboardViewSet(CoordinationAPI):
    """What is late and whose it is, by coordinating portfolio; for the region's leaders."""

    view_permission = "coordination.view_dashboard"
    pagination_class = None

    @extend_schema(
        parameters=[REGION],
        responses={200: DASHBOARD, 400: ERROR, **DENIED},
        operation_id="coordination_dashboard",
    )
    def list(self, request):
        region = param_region(request) or self.own_region()
        if region is None:
            raise ParseError(_("Name the region: ?region=<code>."))
        scope = region_scope(request.user)
        if scope != "all" and scope != region.pk:
            raise PermissionDenied(_("You may see only your own region's dashboard."))
        board = dashboard(request.user, region, today_in(region))
        inbox = sekda_inbox(request.user, region)[:100]
        return Response(
            {
                "region": region.code,
                "today": board.today,
                "overdue": board.overdue,
                "pending": board.pending,
                "unreported_urgent_decisions": board.unreported_urgent,
                "inbox": io.FollowUpBrief(inbox, many=True).data,
                "rows": DashboardRow(board.rows, many=True).data,
            }
        )


# (prefix, viewset, basename) of every coordination route: config/api.py registers them and
# the permission walk checks that each one has a row in its table.
