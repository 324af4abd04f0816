"""Search finds a provision by the normal reading of a typo it prints, on SQLite and on
PostgreSQL (full text, ``indonesian`` configuration), and the stored text keeps the typo."""

from __future__ import annotations

import pytest

from regulations.models import Provision
from regulations.search import search_provisions


def found(code: str, query: str) -> list[str]:
    provisions = Provision.objects.filter(regulation__region__code=code)
    return [provision.citation for provision in search_provisions(provisions, query)]


def test_search_finds_a_misspelt_word_by_its_normal_reading(five_regions, db):
    """Bukittinggi Pasal 8 ayat (1) prints "Sekreatis Daerah berkewajiban …"."""
    assert found("13.75", "Sekretaris berkewajiban") == ["Pasal 8 ayat (1)"]
    provision = Provision.objects.resolve(five_regions["13.75"].regulation, "Pasal 8 ayat (1)")
    assert provision.text.startswith("Sekreatis Daerah berkewajiban")


def test_search_finds_words_run_together_or_split_by_their_reading(five_regions, db):
    assert found("13.75", "dan atau lembaga Pemerintah Non Kementerian") == ["Pasal 1 angka 7"]
    assert found("13.75", "penanggulangan bencana") == ["Pasal 12 huruf a angka 23"]
    # "ditindak lanjuti" in ayat (3); PostgreSQL's stemmer may find "tindak lanjut" as well
    assert {"Pasal 13 ayat (3)", "Pasal 13 ayat (5)"} <= set(found("64.02", "ditindaklanjuti"))
    assert found("32.79", "simplifikasi") == [
        "Pasal 1 angka 20",
        "Pasal 5 ayat (1) huruf d",
        "Pasal 5 ayat (5)",
    ]


def test_search_still_finds_the_printed_words_and_nothing_for_unknown_ones(five_regions, db):
    assert found("13.75", "Sekreatis") == ["Pasal 8 ayat (1)"]
    assert found("13.75", "Sekretaris Kabupaten Kutai") == []


@pytest.mark.postgres_only
def test_full_text_search_ranks_the_reading_like_the_printed_word(five_regions, db):
    """PostgreSQL's ``indonesian`` stemmer reads "penanggulangan" and the printed
    "penanggulanggan" through their own stems; the reading joins them."""
    provisions = Provision.objects.filter(regulation__region__code="13.75")
    ranked = list(search_provisions(provisions, "penanggulangan bencana"))
    assert [p.citation for p in ranked] == ["Pasal 12 huruf a angka 23"]
    assert ranked[0].rank > 0
