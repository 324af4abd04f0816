"""Helpers shared by the coordination pages: scoped lookups, the user's region, redirects."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from apitools.params import find_region
from coordination.core import forms as f
from orgchart.models import Role, assignment_of, role_of
from regulations.models import Region

ACTING_PREFIX = {"plt": "Plt. ", "plh": "Plh. ", "pj": "Pj. "}


# --- Shared helpers -----------------------------------------------------------------------


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this."))


def _region_for(request: HttpRequest) -> Region:
    """The user's own region; a superadmin picks one with ?region=<code> (else the first)."""
    assignment = assignment_of(request.user)
    if assignment is not None and assignment.region_id:
        return Region.objects.get(pk=assignment.region_id)
    code = request.GET.get("region") or request.POST.get("region")
    region = find_region(code) or Region.objects.order_by("code").first()
    if region is None:
        raise Http404(_("No region is loaded yet."))
    return region


def _picker(request: HttpRequest, region: Region) -> f.RegionForm | None:
    """The superadmin's region picker, None for everyone else (bound to their region)."""
    if role_of(request.user) != Role.SUPERADMIN:
        return None
    return f.RegionForm(initial={"region": region.code})


def _today(region: Region) -> datetime.date:
    return region.today()


def _back(request: HttpRequest, default: str):
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return redirect(target if target and safe else default)
