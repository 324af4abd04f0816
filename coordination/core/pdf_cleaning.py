"""Active content in uploaded PDFs: what is taken out before storing, and what is refused.

The policy, one per kind:
- JavaScript (the document's /JavaScript name tree, any /JS, any JavaScript action), actions
  run on opening (an /OpenAction that is an action rather than a page to open at), automatic
  actions (/AA on the document, pages, annotations and fields), program launches and the other
  actions that reach outside the document (Launch, ImportData, SubmitForm, GoToE, Rendition,
  RichMediaExecute) and XFA forms (which carry their own scripts) are **removed**: the pages
  stay as they are, the user is told what went.
- Embedded files (/EmbeddedFiles, /FileAttachment annotations, any file specification carrying
  its file) are **refused**: removing them would silently drop what the uploader meant to
  hand in, and uploaded on its own each file gets checked for what it is."""

from __future__ import annotations

import io

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

# The facts cleaning records, in the order the notice names them.
JAVASCRIPT = "javascript"
OPEN_ACTION = "open_action"
AUTOMATIC_ACTION = "automatic_action"
LAUNCH = "launch"
OUTSIDE_ACTION = "outside_action"
XFA = "xfa"
FACTS = (JAVASCRIPT, OPEN_ACTION, AUTOMATIC_ACTION, LAUNCH, OUTSIDE_ACTION, XFA)

_ACTION_FACTS = {
    "/JavaScript": JAVASCRIPT,
    "/Launch": LAUNCH,
    "/ImportData": OUTSIDE_ACTION,
    "/SubmitForm": OUTSIDE_ACTION,
    "/GoToE": OUTSIDE_ACTION,
    "/Rendition": OUTSIDE_ACTION,
    "/RichMediaExecute": OUTSIDE_ACTION,
}
_DICTIONARY = (pikepdf.Dictionary, pikepdf.Stream)


def clean_pdf(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """``data`` with its active content removed, and the facts of what was removed (none: the
    bytes come back unchanged). ValidationError if it does not open as a PDF, is
    password-protected, has no pages or carries an embedded file."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise _encrypted() from exc
    except (pikepdf.PdfError, ValueError) as exc:
        raise ValidationError(gettext("The file is not a readable PDF."), code="corrupt") from exc
    with pdf:
        if pdf.is_encrypted:
            raise _encrypted()
        if len(pdf.pages) == 0:
            raise ValidationError(gettext("The PDF has no pages."), code="empty")
        removed: set[str] = set()
        for holder in _dictionaries(pdf):
            _refuse_embedded(holder)
            _strip(holder, removed)
        if not removed:
            return data, ()
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue(), tuple(fact for fact in FACTS if fact in removed)


def _encrypted() -> ValidationError:
    return ValidationError(
        gettext("The PDF is password-protected; upload it without a password."),
        code="encrypted",
    )


def notice(removed: tuple[str, ...]) -> str:
    """What the user is told about a cleaned PDF, in the reader's language."""
    labels = {
        JAVASCRIPT: gettext("JavaScript"),
        OPEN_ACTION: gettext("an action run on opening"),
        AUTOMATIC_ACTION: gettext("automatic actions"),
        LAUNCH: gettext("a program launch"),
        OUTSIDE_ACTION: gettext("actions that reach outside the document"),
        XFA: gettext("an XFA form with scripts"),
    }
    return gettext(
        "JavaScript and automatic actions were removed from this PDF before it was stored "
        "(%(what)s); its pages are unchanged."
    ) % {"what": ", ".join(labels[fact] for fact in removed)}


def _dictionaries(pdf: pikepdf.Pdf):
    """Every dictionary (and stream dictionary) reachable from the trailer, each once."""
    seen: set[tuple[int, int]] = set()
    stack = [pdf.trailer]
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Object):
            continue  # numbers and booleans come back as Python's own
        if item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, _DICTIONARY):
            yield item
            stack.extend(item[key] for key in list(item.keys()))
        elif isinstance(item, pikepdf.Array):
            stack.extend(item)


def _refuse_embedded(holder) -> None:
    if (
        "/EmbeddedFiles" in holder
        or "/EF" in holder
        or holder.get("/Type") == "/EmbeddedFile"
        or holder.get("/Subtype") == "/FileAttachment"
    ):
        raise ValidationError(
            gettext(
                "PDFs with embedded files (attachments inside the PDF) are not accepted: "
                "upload each file on its own, or save the PDF again without its attachments."
            ),
            code="embedded",
        )


def _strip(holder, removed: set[str]) -> None:
    """Take the active content out of one dictionary, in place."""
    if "/OpenAction" in holder and isinstance(holder["/OpenAction"], _DICTIONARY):
        removed.add(OPEN_ACTION)  # an array is a page to open at, and harmless
        del holder["/OpenAction"]
    if "/AA" in holder:
        removed.add(AUTOMATIC_ACTION)
        del holder["/AA"]
    if "/JS" in holder:
        removed.add(JAVASCRIPT)
        del holder["/JS"]
    if "/JavaScript" in holder and isinstance(holder["/JavaScript"], _DICTIONARY):
        removed.add(JAVASCRIPT)  # the document-level name tree of scripts
        del holder["/JavaScript"]
    if "/XFA" in holder:
        removed.add(XFA)
        del holder["/XFA"]
    fact = _ACTION_FACTS.get(str(holder.get("/S", "")))
    if fact is not None:
        removed.add(fact)
        # Emptied where it stands, so that every place pointing at it (a link's /A, an
        # outline item, another action's /Next) is left pointing at nothing to run.
        for key in list(holder.keys()):
            del holder[key]
