"""The region's yearly sequence of letter numbers (Nomor) for its undangan, and the files the
secretariat attaches to a meeting's minutes (daftar hadir, materials, photographs)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.models.meetings import Meeting
from regulations.models import Region


class LetterSequence(models.Model):
    """The last number given in a region's year; the next undangan takes last + 1. Read and
    bumped under a row lock (coordination.services.letters), so two never share a number."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="letter_sequences", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        ordering = ["region", "year"]
        verbose_name = _("letter number sequence")
        verbose_name_plural = _("letter number sequences")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="lettersequence_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}: {self.last_number}"

    @property
    def owning_region_id(self) -> int:
        return self.region_id


def meeting_document_path(instance: MeetingDocument, filename: str) -> str:
    """A generated name under the region: the user's file name is never a path on disk."""
    suffix = PurePath(filename).suffix.lower()
    return f"meetings/{instance.meeting.region_id}/{uuid.uuid4().hex}{suffix}"


class MeetingDocument(models.Model):
    """A file of the minutes (notulen): checked by coordination.uploads, kept outside the web
    root, served only to those who see the meeting's minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=meeting_document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "uploaded_at", "pk"]
        verbose_name = _("minutes document")
        verbose_name_plural = _("minutes documents")

    def __str__(self) -> str:
        return self.original_name

    @property
    def owning_region_id(self) -> int:
        return self.meeting.region_id
