"""Reading and printing citations of provisions."""

from __future__ import annotations

import pytest

from regulations import citations
from regulations.citations import CitationSyntaxError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pasal 9 huruf f", "Pasal 9 huruf f"),
        ("pasal 9 HURUF F", "Pasal 9 huruf f"),
        ("Pasal 13 ayat (5)", "Pasal 13 ayat (5)"),
        ("Pasal 13 ayat 5", "Pasal 13 ayat (5)"),
        ("Pasal 13(5)", "Pasal 13 ayat (5)"),
        ("Pasal 9 f", "Pasal 9 huruf f"),
        ("Pasal 12 huruf a angka 4", "Pasal 12 huruf a angka 4"),
        ("Pasal 10 ayat (2) huruf a angka 1)", "Pasal 10 ayat (2) huruf a angka 1"),
        ("Pasal 14 angka 24", "Pasal 14 angka 24"),
        ("BAB iii", "BAB III"),
        ("BAB III Bagian Kedua Paragraf 1", "BAB III Bagian Kedua Paragraf 1"),
        ("Lampiran I", "Lampiran I"),
        ("Lampiran", "Lampiran"),
    ],
)
def test_citations_are_read_in_every_form_the_texts_use(text, expected):
    assert citations.canonical(text) == expected


def test_key_starts_at_the_pasal_and_ignores_label_punctuation():
    assert citations.key(citations.parse("Pasal 13 ayat (5)")) == "pasal:13/ayat:5"
    assert citations.key(citations.parse("Pasal 10 ayat (2) huruf a angka 1)")) == (
        "pasal:10/ayat:2/huruf:a/angka:1"
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("ayat (5)", "cannot come at the start"),
        ("Pasal 9 huruf 5", "one letter"),
        ("Pasal sembilan", "takes a number"),
        ("Pasal 13 huruf a ayat (2)", "cannot come after huruf"),
        ("BAB 3x", "Roman numerals"),
        ("BAB III Bagian Dua", "ordinal word"),
        ("Pasal 9 foo bar", "not part of a citation"),
    ],
)
def test_malformed_citations_are_refused_with_a_reason(text, fragment):
    with pytest.raises(CitationSyntaxError) as caught:
        citations.parse(text)
    assert fragment in str(caught.value)
