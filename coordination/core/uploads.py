"""Checks on every uploaded file before it is stored (evidence of follow-ups, attachments of
written reports), and the storing and serving of the files that pass.

A file is accepted only if its content is what its name says, it opens as that format, it is
not empty, not larger than PORTAL_MAX_UPLOAD_MB, and, for Office files (ZIP containers), it
does not inflate to more than MAX_UNCOMPRESSED (a zip bomb). What is stored is the checked
content: a PDF without its active content (coordination.core.pdf_cleaning: scripts and
automatic actions removed, embedded files refused), an image re-encoded without whatever rode
along (coordination.core.image_cleaning). The stored name is generated; the user's name is kept
only as a label."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext

from coordination.core.image_cleaning import reencode_image
from coordination.core.pdf_cleaning import clean_pdf, notice

MAX_UNCOMPRESSED = 200 * 1024 * 1024
# The codes of this module's refusals: they concern the uploaded file itself.
REFUSAL_CODES = frozenset(
    {"extension", "empty", "size", "content", "corrupt", "encrypted", "pixels", "zip_bomb"}
    | {"type", "macro", "mismatch", "embedded"}
)
MAX_ZIP_MEMBERS = 2000


@dataclass(frozen=True)
class FileKind:
    extensions: tuple[str, ...]
    content_type: str
    label: str


PDF = FileKind((".pdf",), "application/pdf", "PDF")
PNG = FileKind((".png",), "image/png", "PNG")
JPEG = FileKind((".jpg", ".jpeg"), "image/jpeg", "JPEG")
DOCX = FileKind(
    (".docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (DOCX)",
)
XLSX = FileKind(
    (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"
)
ALLOWED = (PDF, PNG, JPEG, DOCX, XLSX)


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check: its kind, the bytes to store (the upload's own, or
    its cleaned copy) and the facts of what cleaning removed from a PDF."""

    kind: FileKind
    content: bytes
    removed: tuple[str, ...] = ()

    def notice(self) -> str | None:
        """What the user is told about the stored file, or None if it is stored as sent."""
        return notice(self.removed) if self.removed else None


def max_bytes() -> int:
    return int(getattr(settings, "PORTAL_MAX_UPLOAD_MB", 10)) * 1024 * 1024


def allowed_extensions() -> list[str]:
    return [ext for kind in ALLOWED for ext in kind.extensions]


def _sniff(head: bytes) -> FileKind | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return DOCX  # refined by the container's content below
    return None


def _check_office(data: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise ValidationError(gettext("The document has too many parts."), code="zip_bomb")
            if sum(member.file_size for member in members) > MAX_UNCOMPRESSED:
                raise ValidationError(
                    gettext("The document expands to an unsafe size."), code="zip_bomb"
                )
            names = {member.filename for member in members}
    except zipfile.BadZipFile as exc:
        raise ValidationError(gettext("The document is damaged."), code="corrupt") from exc
    if "[Content_Types].xml" not in names:
        raise ValidationError(
            gettext("Only Word (DOCX) and Excel (XLSX) documents are accepted."), code="type"
        )
    if any(name.startswith("word/") for name in names):
        kind = DOCX
    elif any(name.startswith("xl/") for name in names):
        kind = XLSX
    else:
        raise ValidationError(
            gettext("Only Word (DOCX) and Excel (XLSX) documents are accepted."), code="type"
        )
    if any(name.lower().endswith(("vbaproject.bin", ".bin")) for name in names):
        raise ValidationError(gettext("Documents with macros are not accepted."), code="macro")
    return kind


def validate_upload(upload, allowed_kinds: tuple[FileKind, ...] = ALLOWED) -> CheckedFile:
    """Raise ValidationError unless ``upload`` (a Django UploadedFile) is a file of one of
    ``allowed_kinds``, judged by its content; the checked file, cleaned, otherwise."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    extensions = [ext for kind in allowed_kinds for ext in kind.extensions]
    allowed = ", ".join(extensions)
    if extension not in extensions:
        raise ValidationError(
            gettext("Files of this type are not accepted. Accepted: %(allowed)s.")
            % {"allowed": allowed},
            code="extension",
        )
    if upload.size == 0:
        raise ValidationError(gettext("The file is empty."), code="empty")
    if upload.size > max_bytes():
        raise ValidationError(
            gettext("The file is larger than %(limit)d MB.") % {"limit": max_bytes() // 2**20},
            code="size",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = _sniff(data[:16])
    if kind is None:
        expected = next(kind for kind in allowed_kinds if extension in kind.extensions)
        raise ValidationError(
            gettext(
                "The file is named %(extension)s but its content is not a %(kind)s (checked "
                "from the content, not the name). Accepted: %(allowed)s."
            )
            % {"extension": extension, "kind": expected.label, "allowed": allowed},
            code="content",
        )
    if kind in (PNG, JPEG):
        _check_extension(extension, kind)
        return CheckedFile(kind, reencode_image(data, kind.label))
    if kind is PDF:
        _check_extension(extension, kind)
        return CheckedFile(kind, *clean_pdf(data))
    kind = _check_office(data)
    _check_extension(extension, kind)
    return CheckedFile(kind, data)


def _check_extension(extension: str, kind: FileKind) -> None:
    if extension not in kind.extensions:
        raise ValidationError(
            gettext("The file is named %(extension)s but its content is %(kind)s.")
            % {"extension": extension, "kind": kind.label},
            code="mismatch",
        )


# --- Storing and serving checked files (evidence, report attachments) ---------------------


def store(row, upload, checked: CheckedFile) -> None:
    """Fill the file fields of ``row`` (an Evidence, a ReportAttachment or a MeetingDocument,
    its owner and uploader already set) from the file ``validate_upload`` made of ``upload``,
    and save it: the file under a generated name first, then the row; a row that fails takes
    its file with it. The row keeps ``upload_notice`` (what the user is told about the stored
    file, or None) for the response to this upload."""
    row.original_name = (upload.name or "file")[-200:]
    row.content_type = checked.kind.content_type
    row.size = len(checked.content)
    row.sha256 = hashlib.sha256(checked.content).hexdigest()
    row.file.save(upload.name, ContentFile(checked.content), save=False)
    try:
        row.save()
    except Exception:
        row.file.delete(save=False)
        raise
    row.upload_notice = checked.notice()


def serve(row) -> FileResponse:
    """The stored file of ``row`` as a download under its original name; never sniffed as
    something else by the browser. Http404 (with why) if the storage lost it."""
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise Http404(gettext("The file is missing from the portal's storage.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=row.original_name, content_type=row.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
