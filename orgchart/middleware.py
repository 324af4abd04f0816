"""Every page is read in the region's own time zone: the signed-in user's region (WIB, WITA or
WIT), not the server's. Pages about one region's object switch to that region's zone with
``show_region_time`` (a superadmin reads a Kutai Kartanegara meeting in WITA)."""

from __future__ import annotations

from django.utils import timezone

from orgchart.models import RoleAssignment
from regulations.models import Region


def show_region_time(region: Region) -> None:
    """Read the rest of this request's times in ``region``'s zone (undone after the request)."""
    timezone.activate(region.zone)


class RegionTimeMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        # Always inside an override (None: the default zone), so that a view's
        # show_region_time never outlives its request in a reused thread.
        with timezone.override(self._zone_of(getattr(request, "user", None))):
            return self.get_response(request)

    @staticmethod
    def _zone_of(user):
        if user is None or not user.is_authenticated:
            return None
        assignment = RoleAssignment.objects.select_related("region").filter(user_id=user.pk).first()
        if assignment is None or assignment.region is None:
            return None
        # Cached on the user, so later permission checks reuse this one query.
        user.role_assignment = assignment
        return assignment.region.zone
