"""Is a message shown where the user sees it? A small reading of the page's HTML: text inside
a closed <details> (outside its <summary>), a ``hidden`` element, a hidden input, <template>,
<script>, <style>, ``display: none`` or a screen-reader-only box is not visible."""

from __future__ import annotations

import html
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
INVISIBLE_TAGS = {"template", "script", "style", "noscript", "title", "head"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        self.visible: list[str] = []
        self.hidden: list[str] = []

    def _hides(self, tag: str, attrs: dict) -> bool:
        style = (attrs.get("style") or "").replace(" ", "").lower()
        classes = (attrs.get("class") or "").split()
        return (
            tag in INVISIBLE_TAGS
            or "hidden" in attrs
            or attrs.get("aria-hidden") == "true"
            or "display:none" in style
            or "visually-hidden" in classes
            or (tag == "details" and "open" not in attrs)
        )

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag in VOID:
            if tag == "input" and attrs.get("type") != "hidden" and attrs.get("value"):
                self._text(attrs["value"])
            return
        hides = self._hides(tag, attrs)
        if tag == "summary" and self.stack and self.stack[-1][0] == "details":
            hides = False  # a closed <details> still shows its summary
            self.stack.append((tag, hides))
            self._summary_depth = len(self.stack)
            return
        self.stack.append((tag, hides))

    def handle_endtag(self, tag) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def _shown(self) -> bool:
        for depth, (tag, hides) in enumerate(self.stack):
            if not hides:
                continue
            if tag == "details":
                # inside its own <summary>, the text shows
                rest = self.stack[depth + 1 :]
                if rest and rest[0][0] == "summary":
                    continue
            return False
        return True

    def handle_data(self, data) -> None:
        self._text(data)

    def _text(self, data: str) -> None:
        if data.strip():
            (self.visible if self._shown() else self.hidden).append(" ".join(data.split()))


def visible_text(page: str) -> str:
    reader = _Reader()
    reader.feed(page)
    return " ".join(reader.visible)


def assert_visible(page: str | bytes, message: str) -> None:
    """``message`` (whitespace folded) is shown on ``page``, not only hidden in it."""
    if isinstance(page, bytes):
        page = page.decode()
    wanted = " ".join(html.unescape(message).split())
    shown = visible_text(page)
    assert wanted in shown, f"not visible on the page: {wanted!r}\nvisible text: {shown[:3000]}"
