"""Bahasa Indonesia first: the Indonesian catalogue is complete, faithful to its placeholders,
compiled, and covers every translatable string of the source."""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"
# What `make messages` leaves out of makemessages' walk (keep in step with the Makefile).
NOT_SCANNED = {".git", ".venv", "var", "bench", "staticfiles", "node_modules", "__pycache__"}
SCANNED = (".py", ".html", ".txt")
# %(name)s / %(count)d / %s / %% (python-format), {name} (python-brace-format), HTML tags.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[a-z]|%[sd]|%%|\{[a-z_]+\}|</?[a-z][^>]*>")


@dataclass
class Entry:
    """One catalogue entry: its flags, context, ids and every translated form."""

    flags: set[str] = field(default_factory=set)
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    forms: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.context}|{self.msgid}" if self.context else self.msgid


def _string(line: str) -> str:
    """The text of a quoted .po line, escapes (\\n, \\", \\\\) decoded."""
    return ast.literal_eval(line[line.index('"') :])


def parse(text: str) -> list[Entry]:
    """Every live entry of a .po text (obsolete ``#~`` entries left out), header included."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        entry, key = Entry(), ""
        for line in lines:
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
                continue
            if line.startswith("#"):
                continue
            if not line.startswith('"'):  # else a continuation of the keyword above
                key = line.split(" ", 1)[0]
            _add(entry, key, _string(line))
        entries.append(entry)
    return entries


def _add(entry: Entry, key: str, text: str) -> None:
    if key == "msgctxt":
        entry.context = (entry.context or "") + text
    elif key == "msgid":
        entry.msgid += text
    elif key == "msgid_plural":
        entry.plural = (entry.plural or "") + text
    elif key.startswith("msgstr"):
        index = int(key[7:-1]) if "[" in key else 0
        entry.forms[index] = entry.forms.get(index, "") + text


def plural_count(entries: list[Entry]) -> int:
    header = next(entry for entry in entries if entry.msgid == "")
    return int(re.search(r"nplurals=(\d+)", header.forms[0]).group(1))


def problems(entries: list[Entry]) -> dict[str, list[str]]:
    """Untranslated and fuzzy entries; plural entries with a missing or surplus form."""
    nplurals = plural_count(entries)
    found: dict[str, list[str]] = {"untranslated": [], "fuzzy": [], "plural forms": []}
    for entry in entries:
        if "fuzzy" in entry.flags:
            found["fuzzy"].append(entry.label or "(header)")
        if not entry.forms or (entry.msgid and not all(entry.forms.values())):
            found["untranslated"].append(entry.label)
        if entry.plural is not None and sorted(entry.forms) != list(range(nplurals)):
            found["plural forms"].append(entry.label)
    return {kind: labels for kind, labels in found.items() if labels}


def test_every_message_has_an_indonesian_translation():
    """No empty msgstr (in any plural form), no fuzzy entry, not even the header."""
    entries = parse(CATALOGUE.read_text(encoding="utf-8"))
    assert len(entries) > 1000
    assert problems(entries) == {}


def test_the_checks_catch_empty_fuzzy_and_incomplete_plural_entries():
    """The parser sees what msgfmt would let through silently."""
    text = (
        'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "Guess %(x)s"\nmsgstr "Tebakan %(x)s"\n\n'
        'msgid "%(n)d day"\nmsgid_plural "%(n)d days"\nmsgstr[0] "%(n)d hari"\nmsgstr[1] ""\n\n'
        'msgid "%(n)d week"\nmsgid_plural "%(n)d weeks"\nmsgstr[0] "%(n)d minggu"\n\n'
        'msgctxt "c"\nmsgid ""\n"Two "\n"lines"\nmsgstr ""\n"Dua "\n"baris"\n'
    )
    entries = parse(text)
    assert entries[-1].label == "c|Two lines" and entries[-1].forms == {0: "Dua baris"}
    assert problems(entries) == {
        "untranslated": ["Empty", "%(n)d day"],
        "fuzzy": ["Guess %(x)s"],
        "plural forms": ["%(n)d week"],
    }


def test_translations_keep_every_placeholder_and_the_edges():
    """%(name)s, {name}, %s, %%, tags, and leading or trailing spaces and newlines survive."""
    changed = []
    for entry in parse(CATALOGUE.read_text(encoding="utf-8")):
        if not entry.msgid:
            continue
        source = entry.plural if entry.plural is not None else entry.msgid
        for form in entry.forms.values():
            same_marks = Counter(PLACEHOLDER.findall(source)) == Counter(PLACEHOLDER.findall(form))
            same_edges = (source[:1].isspace(), source[-1:].isspace(), source.count("\n")) == (
                form[:1].isspace(),
                form[-1:].isspace(),
                form.count("\n"),
            )
            if not (same_marks and same_edges):
                changed.append((entry.label, form))
    assert changed == []


def _compiled(catalogue: gettext.GNUTranslations, entry: Entry) -> str:
    """What the compiled catalogue answers for ``entry`` (the plural form for n = 2)."""
    if entry.plural is not None and entry.context:
        return catalogue.npgettext(entry.context, entry.msgid, entry.plural, 2)
    if entry.plural is not None:
        return catalogue.ngettext(entry.msgid, entry.plural, 2)
    if entry.context:
        return catalogue.pgettext(entry.context, entry.msgid)
    return catalogue.gettext(entry.msgid)


def test_the_compiled_catalogue_matches_its_source():
    """locale/id/.../django.mo says what the .po says: a stale .mo fails here."""
    with CATALOGUE.with_suffix(".mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    entries = parse(CATALOGUE.read_text(encoding="utf-8"))
    nplurals = plural_count(entries)
    stale = [
        entry.label
        for entry in entries
        if entry.msgid and _compiled(catalogue, entry) != entry.forms[min(1, nplurals - 1)]
    ]
    assert stale == []


def _copy_sources(target: Path) -> None:
    """The files makemessages reads, and the catalogue, into ``target``."""
    root = Path(settings.BASE_DIR)

    def skipped(folder: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name in NOT_SCANNED
            or ((Path(folder) / name).is_file() and not name.endswith((*SCANNED, ".po")))
        }

    shutil.copytree(root, target, ignore=skipped, symlinks=False)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
def test_the_catalogue_covers_every_translatable_string_of_the_source(tmp_path):
    """`make messages` on a copy of the tree finds nothing new and nothing changed: a string
    added or reworded in the code without its Indonesian fails here (run `make messages`,
    then translate every empty and fuzzy entry)."""
    copy = tmp_path / "tree"
    _copy_sources(copy)
    before = CATALOGUE.read_bytes()
    run = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "id", "--no-obsolete"],
        cwd=copy,
        env={**os.environ, "PORTAL_VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert CATALOGUE.read_bytes() == before  # the copy's catalogue was refreshed, not ours
    refreshed = parse((copy / CATALOGUE.relative_to(settings.BASE_DIR)).read_text("utf-8"))
    assert problems(refreshed) == {}


TRANSLATING = frozenset(
    {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
)


def _translated_in_f_strings(source: str) -> list[int]:
    """Lines where a translation function is called inside an f-string's braces."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") in TRANSLATING:
                lines.append(inner.lineno)
    return lines


def test_no_message_is_translated_inside_an_f_string():
    """xgettext does not look inside f-strings: a message translated there never reaches the
    catalogue, and the page shows it in English whatever the reader's language."""
    assert _translated_in_f_strings("f\"{gettext('overdue')} x\"") == [1]  # the check works
    found = {}
    for app in ("config", "regulations", "orgchart", "coordination"):
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
            lines = _translated_in_f_strings(path.read_text("utf-8"))
            if lines:
                found[str(path.relative_to(settings.BASE_DIR))] = lines
    assert found == {}
