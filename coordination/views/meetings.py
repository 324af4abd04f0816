"""Pages of coordination meetings: list, scheduling, invitations, attendance, minutes, documents."""

from __future__ import annotations

import zoneinfo
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from coordination import documents
from coordination import forms as f
from coordination.models import FollowUp, Invitation, Meeting
from coordination.services import follow_ups as fu
from coordination.services import meetings as svc
from coordination.services import worklist_filters as wf
from coordination.views._common import (
    ACTING_PREFIX,
    _invitation_for,
    _meeting_for,
    _picker,
    _region_for,
    _require,
    _today,
)
from orgchart.models import Appointment, Official, Unit
from regulations.models import Region

# --- Meetings -----------------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    """The meetings the user may see, by status and upcoming, past or this week, and the
    worklist's filters (?todo=answer|attendance|minutes), each in the user's region."""
    _require(request.user, "coordination.view_meeting")
    rows = Meeting.objects.visible_to(request.user).select_related("region", "convener")
    status = request.GET.get("status", "")
    if status in Meeting.Status.values:
        rows = rows.filter(status=status)
    when = request.GET.get("when", "")
    when = when if when in ("upcoming", "past", "week") else ""
    todo = request.GET.get("todo", "")
    todo = todo if todo in wf.MEETING_TODOS else ""
    at = wf.moment(_region_for(request)) if when == "week" or todo else None
    if when == "upcoming":
        rows = rows.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    elif when == "past":
        rows = rows.filter(starts_at__lt=timezone.now())
    elif when == "week":
        rows = rows.filter(wf.week_q(at), region=at.region).order_by("starts_at")
    if todo:
        rows = rows.filter(wf.meeting_q(todo, request.user, at), region=at.region)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "when": when,
        "todo": todo,
        "week": at.week if when == "week" else None,
        "region": at.region if at else None,
        "statuses": Meeting.Status.choices,
        "can_schedule": request.user.has_perm("coordination.add_meeting"),
    }
    return render(request, "coordination/meeting_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    """Schedule a meeting: only the choices the region's text names, with their citations."""
    _require(request.user, "coordination.add_meeting")
    region = _region_for(request)
    form = f.MeetingForm(request.POST or None, region=region, day=_today(region))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = svc.schedule_meeting(_meeting_input(form, region), request.user)
        except ValidationError as exc:
            f.add_service_errors(form, exc, f.MeetingForm.RENAMES)
        else:
            messages.success(request, _("The meeting is scheduled. Check the proposed invitees."))
            return redirect("coordination:meeting", pk=meeting.pk)
    context = {"form": form, "region": region, "picker": _picker(request, region)}
    return render(request, "coordination/meeting_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a meeting not yet held: the same checks as scheduling; if the undangan went
    out, every invitee gets the changed one."""
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "coordination.change_meeting", meeting)
    if not meeting.editable:
        raise PermissionDenied(_("A meeting that was held or cancelled cannot be changed."))
    region = meeting.region
    form = f.MeetingForm(
        request.POST or None, region=region, day=_today(region), initial=_initial(meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.update_meeting(meeting, _meeting_input(form, region), request.user)
        except ValidationError as exc:
            f.add_service_errors(form, exc, f.MeetingForm.RENAMES)
        else:
            messages.success(request, _("The meeting is changed."))
            return redirect("coordination:meeting", pk=meeting.pk)
    context = {"form": form, "region": region, "meeting": meeting, "picker": None}
    return render(request, "coordination/meeting_form.html", context)


def _meeting_input(form: f.MeetingForm, region: Region) -> svc.MeetingInput:
    starts_at, ends_at = form.starts_and_ends()
    return svc.MeetingInput(
        region=region,
        starts_at=starts_at,
        ends_at=ends_at,
        agenda=form.agenda_lines(),
        affairs=list(form.cleaned_data["affairs"]),
        **{name: form.cleaned_data[name] for name in svc.STATED_FIELDS},
    )


def _initial(meeting: Meeting) -> dict:
    zone = zoneinfo.ZoneInfo(meeting.region.timezone)
    start, end = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
    return {
        **{name: getattr(meeting, name) for name in svc.STATED_FIELDS if name != "convener"},
        "convener": meeting.convener_id,
        "date": start.date(),
        "start_time": start.time().replace(tzinfo=None),
        "end_time": end.time().replace(tzinfo=None),
        "affairs": list(meeting.affairs.all()),
        "agenda": "\n".join(item.text for item in meeting.agenda.all()),
    }


def _officials(meeting: Meeting, unit_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """The officials holding a post in each unit on the meeting day, head first: one query."""
    found: dict[int, list[tuple[int, str]]] = {}
    rows = (
        Appointment.objects.as_of(meeting.date)
        .filter(position__unit_id__in=unit_ids)
        .select_related("official", "position")
        .order_by("position__unit_id", "position__level", "official__name")
    )
    for row in rows:
        label = _("%(official)s — %(prefix)s%(title)s (level %(level)d)") % {
            "official": row.official.name,
            "prefix": ACTING_PREFIX.get(row.kind, ""),
            "title": row.position.title,
            "level": row.position.level,
        }
        found.setdefault(row.position.unit_id, []).append((row.official_id, label))
    return found


def _attendance_form(invitation: Invitation, officials, data=None) -> f.AttendanceForm:
    initial = {}
    attendance = getattr(invitation, "attendance", None)
    if attendance is not None:
        initial = {
            "status": attendance.status,
            "official": attendance.official_id,
            "attendee_name": attendance.attendee_name,
            "note": attendance.note,
        }
    return f.AttendanceForm(
        data,
        initial=initial,
        officials=officials.get(invitation.unit_id, []),
        prefix=f"att-{invitation.pk}",
    )


def _row(invitation: Invitation, officials, *, attendance_form=None, remove_form=None):
    return SimpleNamespace(
        invitation=invitation,
        attendance=getattr(invitation, "attendance", None),
        attendance_form=attendance_form or _attendance_form(invitation, officials),
        remove_form=remove_form or f.RemoveInvitationForm(prefix=f"rm-{invitation.pk}"),
    )


def _meeting_flags(user, meeting: Meeting) -> dict:
    can_run = user.has_perm("coordination.change_meeting", meeting)
    return {
        "can_run": can_run,
        "takes_attendance": can_run
        and meeting.status in (Meeting.Status.INVITED, Meeting.Status.HELD),
        "sees_invitations": user.has_perm("coordination.view_invitation", meeting),
        "sees_minutes": user.has_perm("coordination.view_decision", meeting),
    }


def _region_units(meeting: Meeting) -> list[Unit]:
    return list(
        Unit.objects.as_of(meeting.date)
        .filter(region=meeting.region_id)
        .order_by("tree_id", "lft")
        .only("id", "name", "kind", "region_id")
    )


def _facts(meeting: Meeting) -> list[SimpleNamespace]:
    """What the meeting is, each with the provision the portal checked it against."""
    sources = meeting.sources or {}
    periodicity = meeting.get_periodicity_display()
    if meeting.recurrence:
        periodicity = f"{periodicity} ({meeting.recurrence})"
    return [
        SimpleNamespace(label=label, value=value, source=sources.get(key, ""))
        for key, label, value in (
            ("convener", _("Convener"), svc.convener_label(meeting)),
            ("scope", _("Matter"), meeting.get_scope_display()),
            ("form", _("Form of coordination"), meeting.get_form_display()),
            ("kind", _("Kind"), meeting.get_kind_display()),
            ("mode", _("Mode"), meeting.get_mode_display()),
            ("periodicity", _("Periodicity"), periodicity),
        )
    ]


def _meeting_page(request: HttpRequest, meeting: Meeting, **bound) -> HttpResponse:
    """The meeting page; ``bound`` holds forms re-shown with the user's input and errors."""
    user = request.user
    flags = _meeting_flags(user, meeting)
    rows, units = [], []
    if flags["sees_invitations"]:
        invitations = list(
            meeting.invitations.select_related(
                "unit", "attendance__official", "attendance__position"
            ).order_by(F("removed_at").asc(nulls_first=True), "unit__tree_id", "unit__lft")
        )
        officials = _officials(meeting, [invitation.unit_id for invitation in invitations])
        rows = [
            _row(
                invitation,
                officials,
                attendance_form=bound.get(f"att-{invitation.pk}"),
                remove_form=bound.get(f"rm-{invitation.pk}"),
            )
            for invitation in invitations
        ]
    if flags["can_run"]:
        units = _region_units(meeting)
    invited = {row.invitation.unit_id for row in rows if row.invitation.active}
    add_form = bound.get("add") or f.AddInvitationForm(
        units=Unit.objects.filter(pk__in=[u.pk for u in units if u.pk not in invited])
    )
    decisions = []
    if flags["sees_minutes"]:
        decisions = list(
            meeting.decisions.prefetch_related(
                Prefetch("follow_ups", queryset=FollowUp.objects.select_related("unit"))
            ).order_by("position")
        )
    minutes_form = bound.get("minutes") or f.MinutesForm(
        initial={"minutes": meeting.minutes, "minutes_taker": meeting.minutes_taker},
        units=units,
    )
    context = {
        "meeting": meeting,
        "facts": _facts(meeting),
        "agenda": list(meeting.agenda.order_by("position")),
        "affairs": list(meeting.affairs.order_by("code")),
        "rows": rows,
        "unsent": any(row.invitation.active and not row.invitation.sent_at for row in rows),
        "add_form": add_form,
        "cancel_form": bound.get("cancel") or f.CancelMeetingForm(),
        "minutes_form": minutes_form,
        "decisions": decisions,
        **flags,
    }
    return render(request, "coordination/meeting_detail.html", context)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting_for(request.user, pk))


@login_required
@require_POST
def invitation_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "coordination.add_invitation", meeting)
    units = Unit.objects.filter(region=meeting.region_id)
    form = f.AddInvitationForm(request.POST, units=units)
    if form.is_valid():
        unit, reason = form.cleaned_data["unit"], form.cleaned_data["reason"]
        try:
            svc.add_invitation(meeting, unit, request.user, reason)
        except ValidationError as exc:
            f.add_service_errors(form, exc)
        else:
            messages.success(request, _("%(unit)s is invited.") % {"unit": unit.name})
            return redirect("coordination:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, add=form)


def _row_response(request: HttpRequest, invitation_pk: int, **forms) -> HttpResponse:
    """One invitation's row, re-read after a change (htmx swaps it in place)."""
    invitation = _invitation_for(request.user, invitation_pk)
    meeting = invitation.meeting
    officials = _officials(meeting, [invitation.unit_id])
    context = {
        "row": _row(invitation, officials, **forms),
        "meeting": meeting,
        **_meeting_flags(request.user, meeting),
    }
    return render(request, "coordination/_invitation_row.html", context)


@login_required
@require_POST
def invitation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an invitee; a proposed one needs a written reason (Pasal 9 huruf g)."""
    invitation = _invitation_for(request.user, pk)
    meeting = invitation.meeting
    _require(request.user, "coordination.delete_invitation", meeting)
    form = f.RemoveInvitationForm(request.POST, prefix=f"rm-{invitation.pk}")
    form.is_valid()
    try:
        svc.remove_invitation(invitation, request.user, form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        f.add_service_errors(form, exc)
        if request.htmx:
            return _row_response(request, invitation.pk, remove_form=form)
        return _meeting_page(request, meeting, **{f"rm-{invitation.pk}": form})
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
        sent = svc.send_invitations(meeting, request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        message = ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent)
        messages.success(request, message % {"count": sent})
    return redirect("coordination:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request.user, pk)
    form = f.CancelMeetingForm(request.POST)
    form.is_valid()
    try:
        svc.cancel_meeting(meeting, request.user, form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        f.add_service_errors(form, exc)
        return _meeting_page(request, meeting, cancel=form)
    messages.success(request, _("The meeting is cancelled."))
    return redirect("coordination:meeting", pk=meeting.pk)


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Record how one invited unit attended (Pasal 9 huruf f); htmx re-renders its row."""
    invitation = _invitation_for(request.user, pk)
    meeting = invitation.meeting
    _require(request.user, "coordination.change_attendance", meeting)
    officials = _officials(meeting, [invitation.unit_id])
    form = _attendance_form(invitation, officials, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        official = None
        if data["official"] is not None:
            official = Official.objects.filter(pk=data["official"]).first()
        try:
            svc.record_attendance(
                invitation,
                svc.AttendanceInput(
                    status=data["status"],
                    official=official,
                    attendee_name=data["attendee_name"],
                    note=data["note"],
                ),
                request.user,
            )
        except ValidationError as exc:
            f.add_service_errors(form, exc)
        else:
            if request.htmx:
                return _row_response(request, invitation.pk)
            return redirect("coordination:meeting", pk=meeting.pk)
    if request.htmx:
        return _row_response(request, invitation.pk, attendance_form=form)
    return _meeting_page(request, meeting, **{f"att-{invitation.pk}": form})


@login_required
@require_POST
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the minutes and their decisions; "add" buttons only add blank rows."""
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "coordination.add_decision", meeting)
    form = f.MinutesForm(request.POST, units=_region_units(meeting))
    adding = request.POST.get("add", "")
    if adding:
        form.is_valid()
        form.add_blank(adding)
    elif form.is_valid() and (decisions := form.decisions()) is not None:
        try:
            created = fu.record_minutes(
                meeting,
                request.user,
                minutes=form.cleaned_data["minutes"],
                minutes_taker=form.cleaned_data["minutes_taker"],
                decisions=decisions,
            )
        except ValidationError as exc:
            f.add_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "The minutes are recorded with %(count)d follow-up.",
                    "The minutes are recorded with %(count)d follow-ups.",
                    len(created),
                )
                % {"count": len(created)},
            )
            url = reverse("coordination:meeting", args=[meeting.pk])
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        context = {"meeting": meeting, "minutes_form": form}
        return render(request, "coordination/_minutes_form.html", context)
    return _meeting_page(request, meeting, minutes=form)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def invitation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request.user, pk)
    pdf = documents.invitation_pdf(meeting)
    return _download(pdf, "application/pdf", f"undangan-{meeting.pk}.pdf")


@login_required
@require_GET
def invitation_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request.user, pk)
    ics = documents.invitation_ics(meeting)
    return _download(ics, "text/calendar; charset=utf-8", f"undangan-{meeting.pk}.ics")


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "coordination.view_decision", meeting)
    if meeting.status != Meeting.Status.HELD:
        raise Http404(_("No minutes are recorded for this meeting yet."))
    pdf = documents.minutes_pdf(meeting)
    return _download(pdf, "application/pdf", f"notulen-{meeting.pk}.pdf")
