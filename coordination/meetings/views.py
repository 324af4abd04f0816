"""Pages of coordination meetings: list, scheduling, the meeting page (with the sections that
higher workflows add, coordination.core.slots), cancelling, the undangan."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coordination.core import forms as core_forms
from coordination.core.access import follow_up_scope
from coordination.core.clock import moment
from coordination.core.pages import _picker, _region_for, _require, _today
from coordination.core.slots import Slot
from coordination.meetings import attendance as att
from coordination.meetings import documents
from coordination.meetings import filters as wf
from coordination.meetings import forms as f
from coordination.meetings import scheduling as svc
from coordination.meetings.conveners import convening_official
from coordination.meetings.models import Invitation, Meeting
from coordination.meetings.pages import _meeting_for
from orgchart.middleware import show_region_time
from orgchart.models import Role, Unit, assignment_of, role_of
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
    at = moment(_region_for(request)) if when == "week" or todo else None
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
    """Schedule a meeting to come: only the choices the region's text names, with their
    citations."""
    return _schedule(request, recorded_afterwards=False)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record_held(request: HttpRequest) -> HttpResponse:
    """Enter a meeting that was already held (no undangan is sent); attendance and minutes
    can be recorded at once."""
    return _schedule(request, recorded_afterwards=True)


def _schedule(request: HttpRequest, *, recorded_afterwards: bool) -> HttpResponse:
    _require(request.user, "coordination.add_meeting")
    region = _region_for(request)
    show_region_time(region)
    form = f.MeetingForm(request.POST or None, region=region, day=_today(region))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = svc.schedule_meeting(
                _meeting_input(form, region, recorded_afterwards), request.user
            )
        except ValidationError as exc:
            core_forms.add_service_errors(form, exc, f.MeetingForm.RENAMES)
        else:
            messages.success(
                request,
                _("The meeting is recorded: record its attendance and minutes.")
                if recorded_afterwards
                else _("The meeting is scheduled. Check the proposed invitees."),
            )
            return redirect("coordination:meeting", pk=meeting.pk)
    context = {
        "form": form,
        "region": region,
        "picker": _picker(request, region),
        "recorded_afterwards": recorded_afterwards,
    }
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
    show_region_time(region)
    form = f.MeetingForm(
        request.POST or None, region=region, day=_today(region), initial=_initial(meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.update_meeting(
                meeting, _meeting_input(form, region, meeting.recorded_afterwards), request.user
            )
        except ValidationError as exc:
            core_forms.add_service_errors(form, exc, f.MeetingForm.RENAMES)
        else:
            messages.success(request, _("The meeting is changed."))
            return redirect("coordination:meeting", pk=meeting.pk)
    context = {
        "form": form,
        "region": region,
        "meeting": meeting,
        "picker": None,
        "recorded_afterwards": meeting.recorded_afterwards,
    }
    return render(request, "coordination/meeting_form.html", context)


def _meeting_input(form: f.MeetingForm, region: Region, recorded_afterwards: bool):
    starts_at, ends_at = form.starts_and_ends()
    return svc.MeetingInput(
        region=region,
        starts_at=starts_at,
        ends_at=ends_at,
        agenda=form.agenda_lines(),
        affairs=list(form.cleaned_data["affairs"]),
        recorded_afterwards=recorded_afterwards,
        **{name: form.cleaned_data[name] for name in svc.STATED_FIELDS},
    )


def _initial(meeting: Meeting) -> dict:
    start, end = meeting.region.local(meeting.starts_at), meeting.region.local(meeting.ends_at)
    return {
        **{name: getattr(meeting, name) for name in svc.STATED_FIELDS if name != "convener"},
        "convener": meeting.convener_id,
        "date": start.date(),
        "start_time": start.time().replace(tzinfo=None),
        "end_time": end.time().replace(tzinfo=None),
        "affairs": list(meeting.affairs.all()),
        "agenda": "\n".join(item.text for item in meeting.agenda.all()),
    }


# --- The meeting page ---------------------------------------------------------------------------


class Officials:
    """The officials of every invited unit on the meeting day and the representation rule,
    read once for the whole page (two queries), for the attendance and answer forms."""

    def __init__(self, meeting: Meeting, unit_ids: list[int]) -> None:
        self.rule = att.representation_rule(meeting)
        levels = self.rule.value["levels_below"] if self.rule else 1
        self.by_unit = att.officials_of(unit_ids, meeting.date, levels)

    def of(self, unit_id: int) -> att.UnitOfficials:
        return self.by_unit.get(unit_id) or att.UnitOfficials()


def attendance_form(invitation: Invitation, officials: Officials, data=None) -> f.AttendanceForm:
    """The attendance form of one invitation, starting from what was recorded, or else from the
    unit's answer to the undangan."""
    attendance = getattr(invitation, "attendance", None)
    if attendance is not None:
        initial = {
            "status": attendance.status,
            "official": attendance.official_id,
            "attendee_name": attendance.attendee_name,
            "attendee_post": attendance.attendee_post,
            "note": attendance.note,
        }
    else:
        answered = {
            Invitation.Response.ATTEND: "present",
            Invitation.Response.REPRESENTED: "represented",
            Invitation.Response.UNABLE: "absent",
        }
        initial = {
            "status": answered.get(invitation.response, "present"),
            "official": invitation.response_official_id,
        }
    return f.AttendanceForm(
        data,
        initial=initial,
        officials=officials.of(invitation.unit_id),
        bound_by=att.binds(officials.rule, invitation.unit),
        prefix=f"att-{invitation.pk}",
    )


def answer_form(invitation: Invitation, officials: Officials, data=None) -> f.AnswerForm:
    initial = {
        "response": invitation.response,
        "official": invitation.response_official_id,
        "note": invitation.response_note,
    }
    return f.AnswerForm(
        data, initial=initial, officials=officials.of(invitation.unit_id), prefix="answer"
    )


def row(invitation: Invitation, officials: Officials, **bound) -> SimpleNamespace:
    return SimpleNamespace(
        invitation=invitation,
        attendance=getattr(invitation, "attendance", None),
        attendance_form=bound.get("attendance_form") or attendance_form(invitation, officials),
        remove_form=bound.get("remove_form")
        or f.RemoveInvitationForm(prefix=f"rm-{invitation.pk}"),
        bound_by=att.binds(officials.rule, invitation.unit),
        has_officials=officials.of(invitation.unit_id).on_record,
        outside=invitation.unit.kind in att.NAMED_BY_THEMSELVES,
    )


def meeting_flags(user, meeting: Meeting) -> dict:
    can_run = user.has_perm("coordination.change_meeting", meeting)
    started = timezone.now() >= meeting.starts_at
    recordable = meeting.status in (Meeting.Status.INVITED, Meeting.Status.HELD)
    return {
        "can_run": can_run,
        "started": started,
        "takes_attendance": can_run and recordable and started,
        "awaits_start": can_run and recordable and not started,
        "sees_invitations": user.has_perm("coordination.view_invitation", meeting),
        "sees_minutes": user.has_perm("coordination.view_decision", meeting),
        # An invited agency reads every decision and follow-up but opens only its own.
        "follow_ups_of": _agency_unit_id(user),
    }


def _agency_unit_id(user) -> int | None:
    """The unit whose business alone the user sees (an agency's), or None for region-wide."""
    scope = follow_up_scope(user)
    return scope[1] if isinstance(scope, tuple) else None


def region_units(meeting: Meeting) -> list[Unit]:
    return list(
        Unit.objects.as_of(meeting.date)
        .filter(region=meeting.region_id)
        .order_by("tree_id", "lft")
        .only("id", "name", "kind", "region_id")
    )


def _facts(meeting: Meeting) -> list[SimpleNamespace]:
    """What the meeting is, each with the provision the portal checked it against, composed in
    the reader's language."""
    provisions = meeting.provisions()
    periodicity = meeting.get_periodicity_display()
    return [
        SimpleNamespace(label=label, value=value, source=provisions.get(key, ""))
        for key, label, value in (
            ("convener", _("Convener"), str(convening_official(meeting))),
            ("scope", _("Matter"), meeting.get_scope_display()),
            ("form", _("Form of coordination"), meeting.get_form_display()),
            ("kind", _("Kind"), meeting.get_kind_display()),
            ("mode", _("Mode"), meeting.get_mode_display()),
            ("periodicity", _("Periodicity"), periodicity),
        )
    ]


def _own_invitation(user, rows: list) -> SimpleNamespace | None:
    """The row of the user's own unit, for its head's answer to the undangan."""
    if role_of(user) not in (Role.AGENCY_HEAD, Role.AGENCY_STAFF):
        return None
    unit_id = assignment_of(user).unit_id
    return next((item for item in rows if item.invitation.unit_id == unit_id), None)


def _invitations(meeting: Meeting) -> list[Invitation]:
    return list(
        meeting.invitations.select_related(
            "unit", "attendance__official", "attendance__position", "response_official"
        ).order_by(F("removed_at").asc(nulls_first=True), "unit__tree_id", "unit__lft")
    )


# The sections higher workflows add to the meeting page (the minutes and their decisions).
MEETING_PAGE = Slot("meeting page")


def meeting_page(request: HttpRequest, meeting: Meeting, **bound) -> HttpResponse:
    """The meeting page; ``bound`` holds forms re-shown with the user's input and errors."""
    user = request.user
    show_region_time(meeting.region)
    flags = meeting_flags(user, meeting)
    rows, units, officials = [], [], None
    if flags["sees_invitations"]:
        invitations = _invitations(meeting)
        officials = Officials(meeting, [invitation.unit_id for invitation in invitations])
        rows = [
            row(
                invitation,
                officials,
                attendance_form=bound.get(f"att-{invitation.pk}"),
                remove_form=bound.get(f"rm-{invitation.pk}"),
            )
            for invitation in invitations
        ]
    if flags["can_run"]:
        units = region_units(meeting)
    own = _own_invitation(user, rows)
    may_answer = own is not None and user.has_perm("coordination.answer_invitation", own.invitation)
    context = {
        "meeting": meeting,
        "facts": _facts(meeting),
        "agenda": list(meeting.agenda.order_by("position")),
        "affairs": list(meeting.affairs.order_by("code")),
        "occurrences": meeting.occurrences(6) if meeting.recurrence else [],
        "rows": rows,
        "own": own,
        "answer_form": (bound.get("answer") or answer_form(own.invitation, officials))
        if may_answer
        else None,
        "answerable": may_answer
        and meeting.status == Meeting.Status.INVITED
        and not flags["started"],
        "unsent": any(item.invitation.active and not item.invitation.sent_at for item in rows),
        "add_form": bound.get("add") or _add_form(units, rows),
        "cancel_form": bound.get("cancel") or f.CancelMeetingForm(),
        **MEETING_PAGE.collect(meeting, bound, units=units, flags=flags),
        "documents": list(meeting.documents.select_related("uploaded_by"))
        if flags["sees_minutes"]
        else [],
        **flags,
    }
    return render(request, "coordination/meeting_detail.html", context)


def _add_form(units: list[Unit], rows: list) -> f.AddInvitationForm:
    invited = {item.invitation.unit_id for item in rows if item.invitation.active}
    return f.AddInvitationForm(
        units=Unit.objects.filter(pk__in=[unit.pk for unit in units if unit.pk not in invited])
    )


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return meeting_page(request, _meeting_for(request.user, pk))


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request.user, pk)
    form = f.CancelMeetingForm(request.POST)
    form.is_valid()
    try:
        svc.cancel_meeting(meeting, request.user, form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        core_forms.add_service_errors(form, exc)
        return meeting_page(request, meeting, cancel=form)
    messages.success(request, _("The meeting is cancelled."))
    return redirect("coordination:meeting", pk=meeting.pk)


# --- Documents ------------------------------------------------------------------------------------


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
