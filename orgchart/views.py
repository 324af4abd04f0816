"""Pages of the portal's front: the home page and the health check."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from orgchart.models import Unit, assignment_of
from regulations.models import Region, Regulation


def home(request: HttpRequest) -> HttpResponse:
    """What the portal is, and the regions it holds with the regulation in force today."""
    today = timezone.localdate()
    unit_count = (
        Unit.objects.as_of(today)
        .filter(region=OuterRef("pk"))
        .order_by()
        .values("region")
        .annotate(count=Count("pk"))
        .values("count")
    )
    regions = Region.objects.annotate(
        unit_count=Subquery(unit_count, output_field=IntegerField())
    ).prefetch_related(
        Prefetch(
            "regulations",
            queryset=Regulation.objects.in_force(today).select_related("region"),
            to_attr="in_force",
        )
    )
    assignment = assignment_of(request.user)
    if assignment is not None:
        assignment = type(assignment).objects.select_related("region", "unit").get(pk=assignment.pk)
    return render(
        request,
        "home.html",
        {"regions": regions, "today": today, "assignment": assignment},
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for docker-compose and load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok", "database": connection.vendor})
