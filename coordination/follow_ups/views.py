"""Pages of follow-ups: lists, detail with report and evidence, the Sekda's inbox, the
dashboard; the minutes' section of the meeting page and the minutes' PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coordination.core import forms as core_forms
from coordination.core.pages import _back, _picker, _region_for, _require, _today
from coordination.core.uploads import serve
from coordination.follow_ups import dashboard as boards
from coordination.follow_ups import documents
from coordination.follow_ups import filters as wf
from coordination.follow_ups import forms as f
from coordination.follow_ups import services as fu
from coordination.follow_ups.lateness import Clock, clocks
from coordination.follow_ups.models import Evidence, FollowUp
from coordination.meetings.models import Meeting
from coordination.meetings.pages import _meeting_for
from coordination.meetings.views import MEETING_PAGE, _download
from orgchart.models import Unit


def _follow_up_for(user, pk: int) -> FollowUp:
    _require(user, "coordination.view_followup")
    return get_object_or_404(
        FollowUp.objects.visible_to(user).select_related(
            "region", "unit", "decision__meeting__region", "sekda_received_by"
        ),
        pk=pk,
    )


def minutes_form(meeting: Meeting, units: list[Unit], data=None, files=None) -> f.MinutesForm:
    return f.MinutesForm(
        data,
        files,
        initial={"minutes": meeting.minutes, "minutes_taker": meeting.minutes_taker},
        units=units,
    )


@MEETING_PAGE.provide
def minutes_section(meeting: Meeting, bound: dict, *, units: list[Unit], flags: dict) -> dict:
    """The meeting page's minutes: the form (re-shown with the user's input) and the
    decisions with their follow-ups, for those who may see the minutes."""
    return {
        "minutes_form": bound.get("minutes") or minutes_form(meeting, units),
        "decisions": _decisions(meeting) if flags["sees_minutes"] else [],
    }


def _decisions(meeting: Meeting) -> list:
    return list(
        meeting.decisions.prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("unit"))
        ).order_by("position")
    )


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "coordination.view_decision", meeting)
    if meeting.status != Meeting.Status.HELD:
        raise Http404(_("No minutes are recorded for this meeting yet."))
    pdf = documents.minutes_pdf(meeting)
    return _download(pdf, "application/pdf", f"notulen-{meeting.pk}.pdf")


# --- Follow-ups ---------------------------------------------------------------------------


def _due(row: FollowUp) -> str:
    return fu.Due(row.due_date, row.due_working_days, row.due_source).display()


@login_required
@require_GET
def follow_up_list(request: HttpRequest) -> HttpResponse:
    """The user's unit's follow-ups (an agency) or the region's (its leaders, secretariat), by
    status, or by the worklist's filters (?status=pending|due_today|overdue|review|returned)
    in the user's region on its own date."""
    _require(request.user, "coordination.view_followup")
    rows = FollowUp.objects.visible_to(request.user).select_related(
        "region", "unit", "decision__meeting"
    )
    status = request.GET.get("status", "")
    region = _region_for(request)
    today = region.today()
    if status in FollowUp.Status.values:
        rows = rows.filter(status=status)
    elif status == "overdue":
        rows = rows.overdue(today).filter(region=region)
    elif status in wf.FOLLOW_UP_FILTERS:
        rows = rows.filter(wf.follow_up_q(status, today), region=region)
    else:
        status = ""
    page = Paginator(rows.order_by("due_date", "pk"), 50).get_page(request.GET.get("page"))
    known = clocks({row.region_id: row.region for row in page}.values())  # one query
    for row in page:
        row.due_display = _due(row)
        row.late = known[row.region_id].follow_up(row)  # overdue, or done late
        row.overdue = row.late is not None and not row.late.finished
    context = {
        "page": page,
        "status": status,
        "statuses": FollowUp.Status.choices,
        "region": region,
        "today": today,
    }
    return render(request, "coordination/follow_up_list.html", context)


def _follow_up_page(request: HttpRequest, follow_up: FollowUp, **bound) -> HttpResponse:
    user = request.user
    meeting = follow_up.decision.meeting
    today = follow_up.region.today()
    late = Clock.of(follow_up.region, today).follow_up(follow_up)
    can_work = user.has_perm("coordination.change_followup", follow_up)
    context = {
        "follow_up": follow_up,
        "meeting": meeting,
        "due_display": _due(follow_up),
        "overdue": late is not None and not late.finished,
        "late": late,
        "route": fu.report_route_display(follow_up.region, today),
        "transitions": list(follow_up.transitions.select_related("actor").order_by("at", "pk")),
        "evidence": list(follow_up.evidence.select_related("uploaded_by")),
        "notices": list(follow_up.reminders.order_by("claimed_at", "pk")),
        "can_work": can_work and follow_up.status != FollowUp.Status.DONE,
        "can_receive": user.has_perm("coordination.receive_followup", follow_up)
        and follow_up.status == FollowUp.Status.DONE
        and not follow_up.sekda_received_at,
        "can_return": user.has_perm("coordination.return_followup", follow_up)
        and follow_up.status == FollowUp.Status.DONE,
        "report_form": bound.get("report") or f.ReportForm(initial={"report": follow_up.report}),
        "evidence_form": bound.get("evidence") or f.EvidenceForm(),
        "return_form": bound.get("return") or f.NoteForm(),
        "transition_errors": bound.get("transition_errors", []),
    }
    return render(request, "coordination/follow_up_detail.html", context)


@login_required
@require_GET
def follow_up_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _follow_up_page(request, _follow_up_for(request.user, pk))


@login_required
@require_POST
def follow_up_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the report as a draft, send it by marking the follow-up done, or attach an
    evidence file from within the form (action=attach), saving what was typed with it."""
    follow_up = _follow_up_for(request.user, pk)
    form = f.ReportForm(request.POST)
    form.is_valid()
    report = form.cleaned_data.get("report", "")
    if request.POST.get("action") == "attach":
        return _attach_in_report(request, follow_up, form, report)
    done = request.POST.get("action") == "done"
    try:
        if done:
            fu.transition(follow_up, FollowUp.Status.DONE, request.user, report=report)
        else:
            fu.update_report(follow_up, request.user, report)
    except ValidationError as exc:
        core_forms.add_service_errors(form, exc, {"to": None})
        return _follow_up_page(request, follow_up, report=form)
    messages.success(
        request, _("The report is sent to the Sekda.") if done else _("The draft is saved.")
    )
    return redirect("coordination:follow-up", pk=follow_up.pk)


def _attach_in_report(request, follow_up: FollowUp, form: f.ReportForm, report: str):
    """What was typed is saved as the draft and shown again either way, beside the file's
    outcome: a refused file loses nothing."""
    try:
        follow_up = fu.update_report(follow_up, request.user, report)
    except ValidationError as exc:
        core_forms.add_service_errors(form, exc, {"to": None})
        return _follow_up_page(request, follow_up, report=form)
    files = f.EvidenceForm(request.POST, request.FILES)
    if files.is_valid():
        try:
            evidence = fu.add_evidence(follow_up, files.cleaned_data["file"], request.user)
        except ValidationError as exc:
            files.add_error("file", exc.messages)
        else:
            messages.success(request, _("The draft is saved and the file is added."))
            if evidence.upload_notice:
                messages.warning(request, evidence.upload_notice)
            return redirect("coordination:follow-up", pk=follow_up.pk)
    return _follow_up_page(request, follow_up, report=form, evidence=files)


@login_required
@require_POST
def follow_up_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Start work (open → in progress), or the Sekda returns a report with a note."""
    follow_up = _follow_up_for(request.user, pk)
    to = request.POST.get("to", "")
    form = f.NoteForm(request.POST)
    form.is_valid()
    try:
        fu.transition(follow_up, to, request.user, note=form.cleaned_data.get("note", ""))
    except ValidationError as exc:
        if follow_up.status == FollowUp.Status.DONE:
            core_forms.add_service_errors(form, exc, {"to": None})
            return _follow_up_page(request, follow_up, **{"return": form})
        return _follow_up_page(request, follow_up, transition_errors=exc.messages)
    messages.success(
        request,
        _("The follow-up is now %(status)s.") % {"status": FollowUp.Status(to).label},
    )
    return _back(request, reverse("coordination:follow-up", args=[follow_up.pk]))


@login_required
@require_POST
def follow_up_receive(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = _follow_up_for(request.user, pk)
    try:
        fu.receive_report(follow_up, request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The report is received."))
    return _back(request, reverse("coordination:follow-up", args=[follow_up.pk]))


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    _require(request.user, "coordination.view_evidence")
    visible = FollowUp.objects.visible_to(request.user)
    return serve(get_object_or_404(Evidence.objects.filter(follow_up__in=visible), pk=pk))


@login_required
@require_GET
def sekda_inbox(request: HttpRequest) -> HttpResponse:
    """Reports marked done that the Sekda has not received yet, oldest first."""
    _require(request.user, "coordination.receive_followup")
    region = _region_for(request)
    rows = list(boards.sekda_inbox(request.user, region))
    for row in rows:
        row.due_display = _due(row)
    context = {
        "region": region,
        "picker": _picker(request, region),
        "rows": rows,
        "return_form": f.NoteForm(),
    }
    return render(request, "coordination/sekda_inbox.html", context)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Late and pending follow-ups by portfolio, for the region's leaders and secretariat."""
    _require(request.user, "coordination.view_dashboard")
    region = _region_for(request)
    board = boards.dashboard(request.user, region, _today(region))
    context = {
        "region": region,
        "picker": _picker(request, region),
        "board": board,
        # chart_svg escapes every label itself.
        "chart": mark_safe(boards.chart_svg(board)),
        "overdue_items": [
            (row, item, late) for row in board.rows for item, late in row.overdue_items()
        ],
        "receives": request.user.has_perm("coordination.receive_followup"),
    }
    return render(request, "coordination/dashboard.html", context)
