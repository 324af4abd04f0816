"""The minutes of a meeting: decisions with their follow-ups, and the files attached to them.
Attaching a file keeps everything typed in the form, whether the file is accepted or not."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from coordination.core import forms as core_forms
from coordination.core.pages import _require
from coordination.core.uploads import serve
from coordination.follow_ups import forms as f
from coordination.follow_ups import services as fu
from coordination.follow_ups.views import minutes_form
from coordination.meetings import files as docs
from coordination.meetings.models import Meeting, MeetingDocument
from coordination.meetings.pages import _meeting_for
from coordination.meetings.views import meeting_page, region_units
from orgchart.middleware import show_region_time


def _form_response(request: HttpRequest, meeting: Meeting, form: f.MinutesForm) -> HttpResponse:
    if request.htmx:
        show_region_time(meeting.region)
        context = {
            "meeting": meeting,
            "minutes_form": form,
            "documents": list(meeting.documents.select_related("uploaded_by")),
            "takes_attendance": True,
        }
        return render(request, "coordination/_minutes_form.html", context)
    return meeting_page(request, meeting, minutes=form)


def _attach(request: HttpRequest, meeting: Meeting, form: f.MinutesForm) -> None:
    """Store the chosen file; a refusal lands on the file field. Nothing typed is lost: the
    form is shown again with the user's text either way."""
    upload = request.FILES.get("file")
    if upload is None:
        form.add_error("file", _("Choose a file to attach."))
        return
    try:
        document = docs.add_minutes_document(meeting, upload, request.user)
    except ValidationError as exc:
        form.add_error("file", exc.messages)
    else:
        form.attached = document


def _remove(request: HttpRequest, meeting: Meeting, form: f.MinutesForm, pk: str) -> None:
    document = meeting.documents.filter(pk=int(pk) if pk.isdigit() else 0).first()
    if document is None:
        form.add_error("file", _("That file is no longer attached."))
        return
    try:
        docs.remove_minutes_document(document, request.user)
    except ValidationError as exc:
        form.add_error("file", exc.messages)


def _record(request: HttpRequest, meeting: Meeting, form: f.MinutesForm) -> HttpResponse | None:
    decisions = form.decisions()
    if decisions is None:
        return None
    try:
        created = fu.record_minutes(
            meeting,
            request.user,
            minutes=form.cleaned_data["minutes"],
            minutes_taker=form.cleaned_data["minutes_taker"],
            decisions=decisions,
        )
    except ValidationError as exc:
        core_forms.add_service_errors(form, exc)
        return None
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


@login_required
@require_POST
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the minutes and their decisions; "add" buttons only add blank rows; "attach"
    stores a file (or "remove-N" takes one off) and gives the form back as typed."""
    meeting = _meeting_for(request.user, pk)
    _require(request.user, "coordination.add_decision", meeting)
    form = minutes_form(meeting, region_units(meeting), request.POST, request.FILES)
    adding = request.POST.get("add", "")
    form.is_valid()
    if adding == "file":
        _attach(request, meeting, form)
    elif adding.startswith("remove-"):
        _remove(request, meeting, form, adding.removeprefix("remove-"))
    elif adding:
        form.add_blank(adding)
    elif form.is_valid() and (done := _record(request, meeting, form)) is not None:
        return done
    return _form_response(request, meeting, form)


@login_required
@require_GET
def minutes_document(request: HttpRequest, pk: int) -> FileResponse:
    _require(request.user, "coordination.view_meeting")
    visible = Meeting.objects.visible_to(request.user)
    document = get_object_or_404(MeetingDocument.objects.filter(meeting__in=visible), pk=pk)
    _require(request.user, "coordination.view_decision", document.meeting)
    return serve(document)
