"""Uploads are stored without their active content: PDF scripts and automatic actions are
removed (and the user told so), PDFs with embedded files are refused, images are re-encoded so
that appended HTML does not survive, and decompression bombs are refused. What the user sees of
it (the API's answer, the page's notice) is in tests/test_upload_notices.py."""

from __future__ import annotations

import io
import struct
import zlib

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from coordination.core.uploads import validate_upload

PAYLOAD = "app.alert('pwned')"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
Name, Dictionary, String = pikepdf.Name, pikepdf.Dictionary, pikepdf.String


# --- Building the files -----------------------------------------------------------------------


def pdf_with(build) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.add_blank_page(page_size=(200, 200))
    build(pdf)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def _javascript_action() -> Dictionary:
    return Dictionary(Type=Name.Action, S=Name.JavaScript, JS=String(PAYLOAD))


def with_javascript(pdf: pikepdf.Pdf) -> None:
    tree = pdf.make_indirect(Dictionary(Names=[String("run"), _javascript_action()]))
    pdf.Root.Names = Dictionary(JavaScript=tree)


def with_open_action(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = pdf.make_indirect(_javascript_action())


def with_launch(pdf: pikepdf.Pdf) -> None:
    launch = Dictionary(S=Name.Launch, F=String("cmd.exe"), Win=Dictionary(F=String("cmd.exe")))
    link = Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50], A=launch, Border=[0, 0, 0]
    )
    page = pdf.pages[1].obj
    page.Annots = pdf.make_indirect(pikepdf.Array([link]))
    page.AA = Dictionary(O=Dictionary(S=Name.Launch, F=String("calc.exe")))


def with_embedded_file(pdf: pikepdf.Pdf) -> None:
    pdf.attachments["virus.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00", mime_type="x")


def with_file_attachment_annotation(pdf: pikepdf.Pdf) -> None:
    spec = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00").obj
    note = Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[0, 0, 9, 9], FS=spec)
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([note]))


def active_content(data: bytes) -> list[str]:
    """What active content ``data`` still holds, found by reading every object of the PDF."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, (Dictionary, pikepdf.Stream)):
                continue
            for key in ("/JS", "/AA", "/XFA"):
                if key in obj:
                    found.append(key)
            if isinstance(obj.get("/OpenAction"), Dictionary):
                found.append("/OpenAction")
            if obj.get("/S") in (Name.JavaScript, Name.Launch):
                found.append(str(obj.S))
        if "/JavaScript" in pdf.Root.get("/Names", Dictionary()):
            found.append("/Names/JavaScript")
        # Direct dictionaries inside the pages (a link's own /A) are not in pdf.objects.
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                if "/A" in annotation and annotation.A.get("/S") == Name.Launch:
                    found.append("/Annots/A/Launch")
            if "/AA" in page.obj:
                found.append("/Page/AA")
    return found


def png(size=(8, 6), colour="red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_on_its_side() -> bytes:
    """An 8×4 photograph whose EXIF says "rotate 90° to show it" and where it was taken."""
    image = Image.new("RGB", (8, 4), "blue")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "KameraDinas"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


# --- PDFs: what is removed, what is refused ---------------------------------------------------


@pytest.mark.parametrize(
    ("build", "named"),
    [
        (with_javascript, "JavaScript"),
        (with_open_action, "an action run on opening"),
        (with_launch, "a program launch"),
    ],
)
def test_active_content_is_removed_from_a_pdf_and_the_user_is_told(build, named):
    data = pdf_with(build)
    assert active_content(data), "the test PDF carries no active content"
    checked = validate_upload(upload("bukti.pdf", data))
    assert active_content(checked.content) == []
    assert PAYLOAD.encode() not in checked.content and b"cmd.exe" not in checked.content
    with pikepdf.open(io.BytesIO(checked.content)) as cleaned:
        assert len(cleaned.pages) == 2
    assert "were removed from this PDF" in checked.notice() and named in checked.notice()


def test_a_launch_action_records_automatic_actions_too():
    checked = validate_upload(upload("bukti.pdf", pdf_with(with_launch)))
    assert checked.removed == ("automatic_action", "launch")


@pytest.mark.parametrize("build", [with_embedded_file, with_file_attachment_annotation])
def test_a_pdf_with_an_embedded_file_is_refused(build):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("bukti.pdf", pdf_with(build)))
    assert exc.value.code == "embedded"
    assert "embedded files" in exc.value.messages[0]


def test_a_plain_pdf_is_stored_byte_for_byte_and_without_a_notice():
    def open_at_second_page(pdf):
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[1].obj, Name.Fit])

    data = pdf_with(open_at_second_page)
    checked = validate_upload(upload("bukti.pdf", data))
    assert checked.content == data and checked.removed == () and checked.notice() is None


def _saved(pdf: pikepdf.Pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)
    return out.getvalue()


def _one_page() -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    return pdf


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (
            _saved(_one_page(), encryption=pikepdf.Encryption(user="rahasia", owner="rahasia")),
            "encrypted",
            "password-protected",
        ),
        (
            _saved(_one_page(), encryption=pikepdf.Encryption(user="", owner="pemilik")),
            "encrypted",
            "password-protected",
        ),
        (_saved(pikepdf.new()), "empty", "no pages"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 50, "corrupt", "not a readable PDF"),
    ],
    ids=["user-password", "owner-password", "no-pages", "garbage"],
)
def test_a_pdf_that_is_locked_empty_or_unreadable_is_refused_with_its_reason(data, code, words):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("bukti.pdf", data))
    assert exc.value.code == code
    assert words in exc.value.messages[0]


# --- Images: re-encoded -----------------------------------------------------------------------


def test_html_appended_to_a_png_does_not_survive():
    checked = validate_upload(upload("foto.png", png() + HTML))
    assert HTML not in checked.content and b"<script" not in checked.content
    with Image.open(io.BytesIO(checked.content)) as stored:
        assert (stored.format, stored.size) == ("PNG", (8, 6))
        assert stored.convert("RGB").getpixel((3, 3)) == (255, 0, 0)


def test_html_appended_to_a_jpeg_does_not_survive_and_the_photograph_stands_upright():
    checked = validate_upload(upload("foto.jpg", jpeg_on_its_side() + HTML))
    assert b"<script" not in checked.content and b"KameraDinas" not in checked.content
    with Image.open(io.BytesIO(checked.content)) as stored:
        assert stored.format == "JPEG" and stored.size == (4, 8)  # the orientation applied
        assert dict(stored.getexif()) == {}
        red, green, blue = stored.convert("RGB").getpixel((2, 4))
        assert blue > 200 and red < 60 and green < 60


@pytest.mark.parametrize(("width", "height"), [(20_000, 20_000), (10_000, 7_000)])
def test_a_decompression_bomb_is_refused_before_it_is_decoded(width, height):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("foto.png", png_claiming(width, height)))
    assert exc.value.code == "pixels" and "too large in pixels" in exc.value.messages[0]
