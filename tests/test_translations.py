"""Bahasa Indonesia first: the Indonesian catalogue is complete and compiled."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"


def entries(text: str) -> list[tuple[str, str, str]]:
    """(flags, msgid, msgstr) of every entry, joining continued lines."""
    found = []
    for block in text.strip().split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        msgid = "".join(
            re.findall(r'^(?:msgid|msgid_plural)? ?"(.*)"$', block.split("msgstr")[0], re.M)
        )
        msgstr = (
            "".join(re.findall(r'"(.*)"$', block.split("msgstr", 1)[1], re.M))
            if "msgstr" in block
            else ""
        )
        if not block.lstrip().startswith("#~"):
            found.append((flags, msgid, msgstr))
    return found


def test_every_message_has_an_indonesian_translation():
    missing = [
        msgid for flags, msgid, msgstr in entries(CATALOGUE.read_text()) if msgid and not msgstr
    ]
    fuzzy = [msgid for flags, msgid, _ in entries(CATALOGUE.read_text()) if "fuzzy" in flags]
    assert missing == []
    assert fuzzy == []


def test_the_compiled_catalogue_ships_beside_its_source():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists()
    assert compiled.stat().st_size > 1000
