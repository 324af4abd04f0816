"""Files of a meeting's minutes (daftar hadir, materials, photographs): checked from their
content by coordination.core.uploads before anything is written, stored privately, removed by the
secretariat while the minutes are open."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from coordination.core.access import require
from coordination.core.uploads import store, validate_upload
from coordination.meetings.attendance import check_started
from coordination.meetings.models import Meeting, MeetingDocument

MAX_DOCUMENTS = 20


def add_minutes_document(meeting: Meeting, upload, user) -> MeetingDocument:
    require(user, "coordination.add_meetingdocument", meeting)
    checked = validate_upload(upload)  # before any lock or write: a refused file costs nothing
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("region").get(pk=meeting.pk)
        if meeting.status not in (Meeting.Status.INVITED, Meeting.Status.HELD):
            raise ValidationError(
                gettext("Files of the minutes belong to a meeting whose invitations went out.")
            )
        check_started(meeting, "files")
        if meeting.documents.count() >= MAX_DOCUMENTS:
            raise ValidationError(
                gettext("A meeting holds at most %(count)d files.") % {"count": MAX_DOCUMENTS}
            )
        document = MeetingDocument(meeting=meeting, uploaded_by=user)
        store(document, upload, checked)
    return document


@transaction.atomic
def remove_minutes_document(document: MeetingDocument, user) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=document.meeting_id)
    require(user, "coordination.delete_meetingdocument", meeting)
    name, storage = document.file.name, document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
