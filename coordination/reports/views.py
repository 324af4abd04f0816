"""Pages of written reports (e.g. Perwal Bengkulu 24/2018 Pasal 12 angka 5): the reports one
may see and, for an agency head, those due; a report with its draft form, attachments, routing
and versions; the inbox of reports waiting for the user; the PDF. Every write goes through
coordination.reports.services, whose refusals, citing the provision, land beside the field."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coordination.core.clock import moment
from coordination.core.forms import add_service_errors
from coordination.core.pages import _picker, _region_for, _require, _today
from coordination.core.uploads import serve
from coordination.follow_ups.lateness import Clock, Lateness
from coordination.reports import access as rp
from coordination.reports import documents as report_documents
from coordination.reports import filters as wf
from coordination.reports import forms as rf
from coordination.reports import obligations as ob
from coordination.reports import services as reports_services
from coordination.reports.models import (
    Report,
    ReportAttachment,
    ReportingObligation,
    ReportingPeriod,
    ReportReminder,
    ReportStep,
)
from orgchart.models import Role, Unit, assignment_of

IN_FLIGHT = (Report.Status.SUBMITTED, Report.Status.REVIEWED, Report.Status.RECEIVED)
STEP_NAMES = {
    rp.REVIEW: gettext_lazy("review"),
    rp.RECEIVE: gettext_lazy("receipt"),
    rp.ACCEPT: gettext_lazy("acceptance"),
}
STEP_BUTTONS = {
    rp.REVIEW: gettext_lazy("Review"),
    rp.RECEIVE: gettext_lazy("Receive"),
    rp.ACCEPT: gettext_lazy("Accept"),
}
STEP_DONE = {
    rp.REVIEW: gettext_lazy("The report is reviewed and goes on."),
    rp.RECEIVE: gettext_lazy("The report is received."),
    rp.ACCEPT: gettext_lazy("The report is accepted."),
}


# --- Lookups ------------------------------------------------------------------------------


def _report_for(user, pk: int) -> Report:
    """The report, if the user sees it (404 otherwise: its existence is not confirmed)."""
    _require(user, "coordination.view_report")
    return get_object_or_404(
        Report.objects.visible_to(user).select_related(
            "region", "obligation", "period", "unit", "created_by"
        ),
        pk=pk,
    )


def _versions(report: Report, user) -> list[Report]:
    """The versions of the report the user sees (a draft stays with its unit), oldest first
    (incidental reports of one unit share no period: the ``previous`` links tell them apart)."""
    rows = Report.objects.filter(
        unit_id=report.unit_id, obligation_id=report.obligation_id, period_id=report.period_id
    ).only("pk", "version", "status", "previous_id", "submitted_at", "created_at")
    by_pk = {row.pk: row for row in rows}
    following = {row.previous_id: row for row in by_pk.values() if row.previous_id}
    first = by_pk.get(report.pk, report)
    while first.previous_id in by_pk:
        first = by_pk[first.previous_id]
    chain = [first]
    while chain[-1].pk in following:
        chain.append(following[chain[-1].pk])
    visible = set(
        Report.objects.visible_to(user)
        .filter(pk__in=[row.pk for row in chain])
        .values_list("pk", flat=True)
    )
    return [row for row in chain if row.pk in visible]


# --- The list and the reports due ---------------------------------------------------------


@dataclass
class DueRow:
    period: ReportingPeriod
    report: Report | None = None
    late: Lateness | None = None  # submitted late, or overdue
    errors: list[str] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return self.late is not None and not self.late.finished


@dataclass
class DueGroup:
    obligation: ReportingObligation
    cadence: str
    due: str
    rows: list[DueRow]
    errors: list[str] = field(default_factory=list)


def _due_periods(obligations: list[ReportingObligation], day: datetime.date) -> dict:
    """The last and the current period of each obligation, created on demand (idempotent)."""
    wanted = {}
    for obligation in obligations:
        start, _end = ob.period_bounds(obligation.cadence, day)
        last, _end = ob.period_bounds(obligation.cadence, start - datetime.timedelta(days=1))
        wanted[obligation.pk] = (last, start)

    def found() -> dict:
        rows = ReportingPeriod.objects.filter(
            obligation__in=obligations, start__in={s for pair in wanted.values() for s in pair}
        )
        return {(p.obligation_id, p.start): p for p in rows}

    periods = found()
    missing = [o for o in obligations if any((o.pk, s) not in periods for s in wanted[o.pk])]
    for obligation in missing:
        ob.ensure_periods(obligation, wanted[obligation.pk][0], day)
    if missing:
        periods = found()
    return {
        o.pk: [periods[(o.pk, s)] for s in wanted[o.pk] if (o.pk, s) in periods]
        for o in obligations
    }


def _due_row(period: ReportingPeriod, report: Report | None, clock: Clock) -> DueRow:
    """Overdue until first submitted, then submitted late (or on time) for good: a revision
    keeps the first submission."""
    first = clock.local_date(report.first_submitted_at) if report is not None else None
    return DueRow(period, report, late=clock.lateness(period.due_date, first))


def _worklist_due(unit: Unit, region, obligations: list[ReportingObligation]) -> dict:
    """The worklist's reports due (?status=due): every period the unit still owes, due soon or
    overdue, by obligation, oldest first; obligations with none are left out."""
    periods: dict[int, list[ReportingPeriod]] = {}
    for period in wf.reports_due(unit, moment(region)).order_by("start", "pk"):
        periods.setdefault(period.obligation_id, []).append(period)
    obligations[:] = [o for o in obligations if o.pk in periods]
    return periods


def _due_groups(
    user,
    region,
    clock: Clock,
    obligations: list[ReportingObligation],
    *,
    only_due: bool = False,
) -> list[DueGroup]:
    """For an agency head: each active obligation that binds the unit, with its last and
    current periods (or, ``only_due``, the periods the worklist counts as due) and the unit's
    latest version for each."""
    assignment = assignment_of(user)
    if assignment is None or assignment.role != Role.AGENCY_HEAD:
        return []
    unit, day = assignment.unit, clock.today
    if unit.region_id != region.pk or not Unit.objects.filter(pk=unit.pk).as_of(day).exists():
        return []
    obligations = [o for o in obligations if o.active and unit.kind in o.reporter_kinds]
    if not obligations:
        return []
    if only_due:
        periods = _worklist_due(unit, region, obligations)
    else:
        periods = _due_periods(obligations, day)
    latest: dict[int, Report] = {}
    for report in Report.objects.filter(
        unit=unit, period__in=[p for rows in periods.values() for p in rows]
    ).order_by("period_id", "version"):
        latest[report.period_id] = report
    return [
        DueGroup(
            obligation=o,
            cadence=ob.cadence_display(o),
            due=ob.due_display(o),
            rows=[_due_row(p, latest.get(p.pk), clock) for p in periods[o.pk]],
        )
        for o in obligations
    ]


def _list_page(request: HttpRequest, start_error: tuple | None = None) -> HttpResponse:
    user = request.user
    region = _region_for(request)
    day = _today(region)
    clock = Clock.of(region, day)
    obligations = list(ReportingObligation.objects.filter(region=region).select_related("region"))
    form = _filter_form(request, region, day, obligations)
    chosen = form.cleaned_data if form.is_valid() else {}
    page = Paginator(_filtered_reports(user, region, day, chosen), 50).get_page(
        request.GET.get("page")
    )
    _mark_steps(page, clock)
    only_due = chosen.get("status") == rf.DUE
    due = _due_groups(user, region, clock, obligations, only_due=only_due)
    unplaced = []
    if start_error is not None and not _place_start_error(due, *start_error):
        unplaced = start_error[2]  # e.g. a period not listed as due
    context = {
        "region": region,
        "picker": _picker(request, region),
        "form": form,
        "page": page,
        "due": due,
        "query": _query_without_page(request),
        "start_errors": unplaced,
        "only_due": only_due,
        "horizon_days": wf.REPORT_HORIZON_DAYS,
        "filtered": bool(chosen and any(chosen.values())),
        "filter_unit": Unit.objects.filter(pk=chosen["unit"], region=region).first()
        if chosen.get("unit")
        else None,
    }
    return render(request, "coordination/reports/list.html", context)


def _filter_form(request: HttpRequest, region, day, obligations) -> rf.ReportFilterForm:
    """The filters: the region's obligations and the labels of the periods begun by ``day``."""
    labels = ReportingPeriod.objects.filter(obligation__region=region, start__lte=day).order_by(
        "-start", "label"
    )
    return rf.ReportFilterForm(
        request.GET,
        obligations=obligations,
        periods=list(dict.fromkeys(labels.values_list("label", flat=True))),
    )


def _filtered_reports(user, region, day, chosen: dict):
    """The current version of each report the user may see, filtered as chosen, newest period
    first, then in the order of the structure."""
    rows = (
        Report.objects.visible_to(user)
        .current()
        .filter(region=region)
        .select_related("obligation__region", "period", "unit")
    )
    if chosen:
        if chosen["obligation"]:
            rows = rows.filter(obligation_id=chosen["obligation"])
        if chosen["period"] == "incidental":
            rows = rows.filter(period__isnull=True)
        elif chosen["period"]:
            rows = rows.filter(period__label=chosen["period"])
        if chosen["status"] == rf.WAITING:
            rows = rows.filter(wf.waiting_q(user, region, day))
        elif chosen["status"] == rf.DUE:
            rows = rows.none()  # the periods due are listed above, not reports
        elif chosen["status"]:
            rows = rows.filter(status=chosen["status"])
        if chosen["unit"]:
            rows = rows.filter(unit_id=chosen["unit"])
    return rows.order_by(
        F("period__start").desc(nulls_first=True), "unit__tree_id", "unit__lft", "-pk"
    )


def _mark_steps(page, clock: Clock) -> None:
    """Each row's next step on the region's route, its due day and whether it is late."""
    for row in page:
        row.step = STEP_NAMES.get(rp.next_step(row))
        row.due = ob.due_display(row.obligation) if row.period_id else ""
        row.late = clock.report(row)
        row.overdue = row.late is not None and not row.late.finished


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _place_start_error(due: list[DueGroup], obligation_id: int, period_id, errors) -> bool:
    """Put the refusal in the row of the button that was pressed; False if there is none."""
    for group in due:
        if group.obligation.pk != obligation_id:
            continue
        if period_id is None and group.obligation.incidental:
            group.errors = errors
            return True
        for row in group.rows:
            if row.period.pk == period_id:
                row.errors = errors
                return True
    return False


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """The current version of every report the user sees, filtered; an agency head also sees
    the reports due from the unit, with a button to start each."""
    _require(request.user, "coordination.view_report")
    return _list_page(request)


@login_required
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    """Open the draft of the unit's report for a period, or an incidental one."""
    _require(request.user, "coordination.view_report")
    form = rf.StartForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose the obligation and the period."))
    region = _region_for(request)
    obligation = get_object_or_404(
        ReportingObligation.objects.filter(region=region).active(),
        pk=form.cleaned_data["obligation"],
    )
    period_id = form.cleaned_data["period"]
    period = get_object_or_404(obligation.periods, pk=period_id) if period_id else None
    assignment = assignment_of(request.user)
    if assignment is None or assignment.unit is None:
        raise PermissionDenied(_("Only the head of the unit files its reports."))
    try:
        report = reports_services.start_report(obligation, period, assignment.unit, request.user)
    except ValidationError as exc:
        return _list_page(request, (obligation.pk, period_id, exc.messages))
    messages.success(request, _("The draft is open; fill it in and submit it."))
    return redirect("coordination:report", pk=report.pk)


# --- One report ---------------------------------------------------------------------------


def _route(report: Report, day: datetime.date) -> list[dict]:
    """Each step after submission, who takes it, and whether it is done, waiting or ahead."""
    steps = rp.steps_of(report.obligation)
    waiting = rp.next_step(report)
    units = {step: rp.actor_units(report, step, day) for step in steps}
    names = dict(
        Unit.objects.filter(pk__in={pk for ids in units.values() for pk in ids}).values_list(
            "pk", "name"
        )
    )
    done_up_to = steps.index(waiting) if waiting else 0
    if report.status == Report.Status.ACCEPTED:
        done_up_to = len(steps)
    route = []
    for index, step in enumerate(steps):
        state = "done" if index < done_up_to else ("waiting" if step == waiting else "ahead")
        if report.status in (Report.Status.DRAFT, Report.Status.RETURNED):
            state = "ahead"
        route.append(
            {
                "step": step,
                "name": STEP_NAMES[step],
                "units": [names[pk] for pk in units[step] if pk in names],
                "state": state,
            }
        )
    return route


def _report_page(request: HttpRequest, report: Report, status: int = 200, **bound) -> HttpResponse:
    user = request.user
    day = _today(report.region)
    can_file = user.has_perm("coordination.file_report", report)
    step = rp.next_step(report)
    can_act = step is not None and user.has_perm("coordination.act_report", report)
    versions = _versions(report, user)
    newer = [v for v in versions if v.version > report.version]
    steps = list(
        ReportStep.objects.filter(report__in=[v.pk for v in versions])
        .select_related("actor", "report")
        .order_by("at", "pk")
    )
    # The notes the unit must act on: this version's return, or, while the revision is a
    # draft, the return that led to it.
    noted = {report.pk, report.previous_id if report.editable else None}
    returned = [s for s in steps if s.report_id in noted and s.to_status == "returned"]
    route = _route(report, day)
    late = Clock.of(report.region, day).report(report)
    context = {
        "report": report,
        "obligation": report.obligation,
        "cadence": ob.cadence_display(report.obligation),
        "due": ob.due_display(report.obligation),
        "late": late,
        "overdue": late is not None and not late.finished,
        "can_edit": can_file and report.editable,
        "can_revise": can_file and report.status == Report.Status.RETURNED and not newer,
        "can_act": can_act,
        "step": step,
        "step_name": STEP_NAMES.get(step),
        "step_button": STEP_BUTTONS.get(step),
        "route": route,
        "waiting": next((item for item in route if item["state"] == "waiting"), None),
        "lines": list(report.lines.all()),
        "attachments": list(report.attachments.select_related("uploaded_by")),
        "notices": list(
            ReportReminder.objects.filter(unit=report.unit_id, period=report.period_id)
        ),
        "versions": versions,
        "newer": newer[0] if newer else None,
        "steps": steps,
        "returned": returned[-1] if returned else None,
        "draft": bound.get("draft")
        or (rf.ReportDraftForm(report=report) if can_file and report.editable else None),
        "attachment_form": bound.get("attachment") or rf.AttachmentForm(),
        "attached": bound.get("attached"),
        "act_form": rf.NoteForm(auto_id="act_%s"),
        "return_form": bound.get("return") or rf.ReturnForm(auto_id="return_%s"),
        "max_attachments": reports_services.MAX_ATTACHMENTS,
    }
    return render(request, "coordination/reports/detail.html", context, status=status)


def _service_errors(form: rf.ReportDraftForm, exc: ValidationError) -> None:
    """The service's refusals beside their field; those about program lines above the lines
    (or at the top, for a report that has none)."""
    if hasattr(exc, "error_dict") and form.with_lines:
        form.line_errors += [m for e in exc.error_dict.pop("lines", []) for m in e.messages]
    if not hasattr(exc, "error_dict") or exc.error_dict:
        add_service_errors(form, exc)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report: its content (a form while it is a draft), attachments, route and versions.
    POST saves the draft (action=save), submits it (action=submit) or adds a blank program
    line (action=add-line)."""
    report = _report_for(request.user, pk)
    if request.method == "GET":
        return _report_page(request, report)
    _require(request.user, "coordination.file_report", report)
    form = rf.ReportDraftForm(request.POST, report=report)
    action = request.POST.get("action", "save")
    valid = form.is_valid()
    if action == "add-line":
        form.add_blank_line()
        return _report_page(request, report, draft=form)
    if action == "attach" or action.startswith("remove-"):
        return _files_in_draft(request, report, form, action)
    data = form.report_input() if valid else None
    if data is None:
        return _report_page(request, report, draft=form)
    try:
        reports_services.save_draft(report, data, request.user)
    except ValidationError as exc:
        if not report.editable:  # submitted meanwhile: show the report as it now stands
            for message in exc.messages:
                messages.error(request, message)
            return redirect("coordination:report", pk=report.pk)
        _service_errors(form, exc)
        return _report_page(request, report, draft=form)
    if action != "submit":
        messages.success(request, _("The draft is saved."))
        return redirect("coordination:report", pk=report.pk)
    try:
        reports_services.submit(report, request.user)
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        form.mark_missing(report.obligation.source)
        if form.with_lines and not data.lines:
            form.line_errors.append(
                _("Required before submitting (%(source)s).") % {"source": report.obligation.source}
            )
        return _report_page(request, report, draft=form)
    messages.success(request, _("The report is submitted. A submitted version does not change."))
    return redirect("coordination:report", pk=report.pk)


def _files_in_draft(request, report: Report, form: rf.ReportDraftForm, action: str):
    """Attach or remove a file from within the draft form: what was typed is saved as the
    draft (when it is valid) and shown again either way, beside the file's outcome."""
    data = form.report_input() if form.is_valid() else None
    if data is not None:
        try:
            reports_services.save_draft(report, data, request.user)
        except ValidationError as exc:
            _service_errors(form, exc)
    files, attached = rf.AttachmentForm(), None
    if action == "attach":
        files = rf.AttachmentForm(request.POST, request.FILES)
        if files.is_valid():
            try:
                attached = reports_services.add_attachment(
                    report, files.cleaned_data["file"], request.user
                )
            except ValidationError as exc:
                files.add_error("file", exc.messages)
    else:
        pk = action.removeprefix("remove-")
        item = report.attachments.filter(pk=int(pk) if pk.isdigit() else 0).first()
        try:
            if item is None:
                raise ValidationError(_("That file is no longer attached."))
            reports_services.remove_attachment(item, request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    report.refresh_from_db()
    return _report_page(request, report, draft=form, attachment=files, attached=attached)


@login_required
@require_POST
def report_attach(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request.user, pk)
    _require(request.user, "coordination.file_report", report)
    form = rf.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attached = reports_services.add_attachment(
                report, form.cleaned_data["file"], request.user
            )
        except ValidationError as exc:
            if not report.editable:
                for message in exc.messages:
                    messages.error(request, message)
                return redirect("coordination:report", pk=report.pk)
            form.add_error("file", exc.messages)
        else:
            messages.success(request, _("The file is attached."))
            if attached.upload_notice:
                messages.warning(request, attached.upload_notice)
            return redirect("coordination:report", pk=report.pk)
    return _report_page(request, report, attachment=form)


@login_required
@require_POST
def report_attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a file off the draft (the head of the unit only)."""
    _require(request.user, "coordination.view_report")
    visible = Report.objects.visible_to(request.user)
    attachment = get_object_or_404(
        ReportAttachment.objects.filter(report__in=visible).select_related("report"), pk=pk
    )
    _require(request.user, "coordination.file_report", attachment.report)
    try:
        reports_services.remove_attachment(attachment, request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The file is removed."))
    return redirect("coordination:report", pk=attachment.report_id)


@login_required
@require_GET
def report_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment, to those who see its report; the stored name is never shown."""
    _require(request.user, "coordination.view_report")
    visible = Report.objects.visible_to(request.user)
    return serve(get_object_or_404(ReportAttachment.objects.filter(report__in=visible), pk=pk))


@login_required
@require_POST
def report_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Review, receive or accept: the step the report waits for, by whoever takes it."""
    report = _report_for(request.user, pk)
    step = rp.next_step(report)
    form = rf.NoteForm(request.POST)
    form.is_valid()
    try:
        reports_services.advance(
            report, request.user, form.cleaned_data.get("note", "")
        )  # 403 if not theirs
    except ValidationError as exc:  # e.g. taken meanwhile by someone else: say so, at the top
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, STEP_DONE[step])
    return redirect("coordination:report", pk=report.pk)


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the report back to the unit with what it must revise (the note is required)."""
    report = _report_for(request.user, pk)
    form = rf.ReturnForm(request.POST, auto_id="return_%s")
    form.is_valid()
    try:
        reports_services.return_report(report, request.user, form.cleaned_data.get("note", ""))
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _report_page(request, report, **{"return": form})
    messages.success(request, _("The report is returned to the unit for revision."))
    return redirect("coordination:report", pk=report.pk)


@login_required
@require_POST
def report_revise(request: HttpRequest, pk: int) -> HttpResponse:
    """A new draft version of a returned report; the returned version stays as it was."""
    report = _report_for(request.user, pk)
    _require(request.user, "coordination.file_report", report)
    try:
        draft = reports_services.revise(report, request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("coordination:report", pk=report.pk)
    messages.success(
        request,
        _("Version %(version)d is open as a draft; revise it and submit it again.")
        % {"version": draft.version},
    )
    return redirect("coordination:report", pk=draft.pk)


@login_required
@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request.user, pk)
    response = HttpResponse(report_documents.report_pdf(report), content_type="application/pdf")
    name = f"laporan-{report.unit_id}-{report.pk}-v{report.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- The inbox ----------------------------------------------------------------------------


@login_required
@require_GET
def report_inbox(request: HttpRequest) -> HttpResponse:
    """The reports whose next step (review, receipt, acceptance) is the user's, oldest first."""
    _require(request.user, "coordination.view_report")
    region = _region_for(request)
    day = _today(region)
    rows = list(
        Report.objects.visible_to(request.user)
        .filter(region=region, status__in=IN_FLIGHT)
        .select_related("region", "obligation__region", "period", "unit")
        .order_by("submitted_at", "pk")
    )
    rows = rp.waiting_for(request.user, rows, day)
    clock = Clock.of(region, day)
    for row in rows:
        row.late = clock.report(row)
        step = rp.next_step(row)
        row.step_name = STEP_NAMES[step]
        row.step_button = STEP_BUTTONS[step]
        row.due = ob.due_display(row.obligation) if row.period_id else ""
    context = {"region": region, "picker": _picker(request, region), "rows": rows}
    return render(request, "coordination/reports/inbox.html", context)
