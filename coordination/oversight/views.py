"""Pages of urgent decisions (Pasal 10) and take-overs (Kutai Kartanegara Pasal 14)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coordination.core import forms as core_forms
from coordination.core.pages import _picker, _region_for, _require, _today
from coordination.oversight import forms as f
from coordination.oversight import services as oversight
from coordination.oversight.models import Takeover, UrgentDecision
from orgchart.models import Role, Unit, assignment_of, role_of
from regulations.models import Region

# --- Urgent decisions (Pasal 10) and take-overs (Kutai Kartanegara Pasal 14) -------------


def _urgent_page(request: HttpRequest, form: f.UrgentDecisionForm | None) -> HttpResponse:
    rows = UrgentDecision.objects.visible_to(request.user).select_related("unit", "region")
    unreported = request.GET.get("unreported") == "1"
    if unreported:  # the worklist's count: in the user's region (a superadmin picks one)
        rows = rows.unreported().filter(region=_region_for(request))
    rows = list(rows[:200])
    for row in rows:
        row.may_report = not row.reported_at and request.user.has_perm(
            "coordination.report_urgentdecision", row
        )
        row.may_receive = (
            row.reported_at
            and not row.received_at
            and request.user.has_perm("coordination.receive_urgentdecision", row)
        )
    assignment = assignment_of(request.user)
    rule = None
    if assignment is not None and assignment.region_id:
        region = Region.objects.get(pk=assignment.region_id)
        rule = oversight.urgent_decision_rule(region, region.today())
    context = {"rows": rows, "form": form, "unreported": unreported, "rule": rule}
    return render(request, "coordination/urgent_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def urgent_list(request: HttpRequest) -> HttpResponse:
    """Urgent decisions taken directly by a unit head; the head's own form to record one."""
    _require(request.user, "coordination.view_urgentdecision")
    assignment = assignment_of(request.user)
    heads_unit = role_of(request.user) == Role.AGENCY_HEAD and assignment is not None
    if request.method == "POST" and not heads_unit:
        raise PermissionDenied(_("Only the head of a unit records its urgent decisions."))
    form = None
    if heads_unit:
        form = f.UrgentDecisionForm(
            request.POST or None, initial={"decided_on": assignment.region.today()}
        )
    if request.method == "POST" and form.is_valid():
        unit = Unit.objects.select_related("region").get(pk=assignment.unit_id)
        try:
            oversight.record_urgent_decision(
                oversight.UrgentDecisionInput(unit=unit, **form.cleaned_data), request.user
            )
        except ValidationError as exc:
            core_forms.add_service_errors(form, exc, {"unit": None})
        else:
            messages.success(request, _("The urgent decision is recorded."))
            return redirect("coordination:urgent")
    return _urgent_page(request, form)


def _urgent_for(user, pk: int) -> UrgentDecision:
    _require(user, "coordination.view_urgentdecision")
    rows = UrgentDecision.objects.visible_to(user).select_related("region", "unit")
    return get_object_or_404(rows, pk=pk)


@login_required
@require_POST
def urgent_report(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        oversight.report_urgent_decision(_urgent_for(request.user, pk), request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The decision is reported to the Sekda."))
    return redirect("coordination:urgent")


@login_required
@require_POST
def urgent_receive(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        oversight.receive_urgent_decision(_urgent_for(request.user, pk), request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report is received."))
    return redirect("coordination:urgent")


@login_required
@require_http_methods(["GET", "POST"])
def takeover_list(request: HttpRequest) -> HttpResponse:
    """Take-overs of coordination in the region, and the form for those the text names."""
    _require(request.user, "coordination.view_takeover")
    region = _region_for(request)
    today = _today(region)
    may_add = request.user.has_perm("coordination.add_takeover")
    if request.method == "POST" and not may_add:
        raise PermissionDenied(_("You may not do this."))
    form = None
    if may_add:
        form = f.TakeoverForm(request.POST or None, region=region, day=today)
    if request.method == "POST" and form.is_valid():
        try:
            oversight.record_takeover(oversight.TakeoverInput(**form.cleaned_data), request.user)
        except ValidationError as exc:
            core_forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("The take-over is recorded."))
            return redirect(reverse("coordination:takeovers") + f"?region={region.code}")
    rows = list(
        Takeover.objects.visible_to(request.user)
        .filter(region=region)
        .select_related("region", "unit", "taken_by")
    )
    for row in rows:
        row.label = oversight.takeover_label(row)
        row.active = not row.cancelled_at and row.end >= today
        row.may_end = row.active and request.user.has_perm("coordination.change_takeover", row)
    context = {
        "region": region,
        "picker": _picker(request, region),
        "rule": oversight.takeover_rule(region, today),
        "rows": rows,
        "form": form,
    }
    return render(request, "coordination/takeover_list.html", context)


@login_required
@require_POST
def takeover_end(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, "coordination.view_takeover")
    row = get_object_or_404(
        Takeover.objects.visible_to(request.user).select_related("region"), pk=pk
    )
    try:
        oversight.end_takeover(row, request.user, _today(row.region))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The coordination is handed back to the Asisten."))
    return redirect(reverse("coordination:takeovers") + f"?region={row.region.code}")
