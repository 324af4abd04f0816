"""Pages' actions on a meeting's invitees: invite, remove, send the undangan, the invited
unit's answer, and attendance (Pasal 9 huruf f), each re-rendering its row for htmx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coordination.core import forms as f
from coordination.core.pages import _require
from coordination.meetings import attendance as att
from coordination.meetings import forms as meetings_forms
from coordination.meetings import invitations as inv
from coordination.meetings.models import Invitation
from coordination.meetings.pages import _invitation_for, _meeting_for
from coordination.meetings.views import (
    Officials,
    answer_form,
    attendance_form,
    meeting_flags,
    meeting_page,
    row,
)
from orgchart.middleware import show_region_time
from orgchart.models import Official, Unit


@login_required
@require_POST
def invitation_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "coordination.add_invitation", meeting)
    units = Unit.objects.filter(region=meeting.region_id)
    form = meetings_forms.AddInvitationForm(request.POST, units=units)
    if form.is_valid():
        unit, reason = form.cleaned_data["unit"], form.cleaned_data["reason"]
        try:
            inv.add_invitation(meeting, unit, request.user, reason)
        except ValidationError as exc:
            f.add_service_errors(form, exc)
        else:
            messages.success(request, _("%(unit)s is invited.") % {"unit": unit.name})
            return redirect("coordination:meeting", pk=meeting.pk)
    return meeting_page(request, meeting, add=form)


def _row_response(request: HttpRequest, invitation_pk: int, **forms) -> HttpResponse:
    """One invitation's row, re-read after a change (htmx swaps it in place)."""
    invitation = _invitation_for(request.user, invitation_pk)
    meeting = invitation.meeting
    show_region_time(meeting.region)
    context = {
        "row": row(invitation, Officials(meeting, [invitation.unit_id]), **forms),
        "meeting": meeting,
        **meeting_flags(request.user, meeting),
    }
    return render(request, "coordination/_invitation_row.html", context)


@login_required
@require_POST
def invitation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an invitee; a proposed one needs a written reason (Pasal 9 huruf g)."""
    invitation = _invitation_for(request.user, pk)
    meeting = invitation.meeting
    _require(request.user, "coordination.delete_invitation", meeting)
    form = meetings_forms.RemoveInvitationForm(request.POST, prefix=f"rm-{invitation.pk}")
    form.is_valid()
    try:
        inv.remove_invitation(invitation, request.user, form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        f.add_service_errors(form, exc)
        if request.htmx:
            return _row_response(request, invitation.pk, remove_form=form)
        return meeting_page(request, meeting, **{f"rm-{invitation.pk}": form})
    if request.htmx:
        if not Invitation.objects.filter(pk=invitation.pk).exists():
            return HttpResponse("")  # an unsent invitation staff added is simply deleted
        return _row_response(request, invitation.pk)
    messages.success(request, _("%(unit)s is removed.") % {"unit": invitation.unit.name})
    return redirect("coordination:meeting", pk=meeting.pk)


@login_required
@require_POST
def invitations_send(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request.user, pk)
    try:
        sent = inv.send_invitations(meeting, request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if meeting.recorded_afterwards:
            message = ngettext(
                "%(count)d unit added to the meeting's records.",
                "%(count)d units added to the meeting's records.",
                sent,
            )
        else:
            message = ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent)
        messages.success(request, message % {"count": sent})
    return redirect("coordination:meeting", pk=meeting.pk)


def _official(pk: int | None) -> Official | None:
    return Official.objects.filter(pk=pk).first() if pk is not None else None


@login_required
@require_POST
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The head of the invited unit answers the undangan (Pasal 9 huruf f where it binds)."""
    invitation = _invitation_for(request.user, pk)
    meeting = invitation.meeting
    _require(request.user, "coordination.answer_invitation", invitation)
    form = answer_form(invitation, Officials(meeting, [invitation.unit_id]), request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            inv.answer_invitation(
                invitation,
                inv.AnswerInput(data["response"], _official(data["official"]), data["note"]),
                request.user,
            )
        except ValidationError as exc:
            f.add_service_errors(form, exc)
        else:
            messages.success(request, _("Your answer is sent to the secretariat."))
            return redirect("coordination:meeting", pk=meeting.pk)
    return meeting_page(request, meeting, answer=form)


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Record how one invited unit attended (Pasal 9 huruf f); htmx re-renders its row."""
    invitation = _invitation_for(request.user, pk)
    meeting = invitation.meeting
    _require(request.user, "coordination.change_attendance", meeting)
    form = attendance_form(invitation, Officials(meeting, [invitation.unit_id]), request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            att.record_attendance(
                invitation,
                att.AttendanceInput(
                    status=data["status"],
                    official=_official(data["official"]),
                    attendee_name=data["attendee_name"],
                    attendee_post=data["attendee_post"],
                    note=data["note"],
                ),
                request.user,
            )
        except ValidationError as exc:
            f.add_service_errors(form, exc, form.renames)
        else:
            if request.htmx:
                return _row_response(request, invitation.pk)
            return redirect("coordination:meeting", pk=meeting.pk)
    if request.htmx:
        return _row_response(request, invitation.pk, attendance_form=form)
    return meeting_page(request, meeting, **{f"att-{invitation.pk}": form})
