"""Resolving a citation to the provision it names, including the flaws of the sources."""

from __future__ import annotations

import pytest

from regulations.models import AmbiguousCitation, Annex, Provision, ProvisionNotFound
from tests.factories import RegulationFactory


def add(regulation, kind, label, position, parent=None, text="", heading=""):
    return Provision.objects.create(
        regulation=regulation,
        kind=kind,
        label=label,
        position=position,
        parent=parent,
        text=text,
        heading=heading,
    )


@pytest.fixture
def text(regulation):
    """BAB III / Bagian Ketiga / Paragraf 1 / Pasal 9 a–g and Pasal 13 (1)–(5), as in the seeds."""
    bab = add(regulation, "bab", "III", 1, heading="KOORDINASI KERJA")
    bagian = add(regulation, "bagian", "Ketiga", 2, bab, heading="Mekanisme Koordinasi")
    paragraf = add(regulation, "paragraf", "1", 3, bagian, heading="Umum")
    pasal9 = add(regulation, "pasal", "9", 4, paragraf, "Pelaksanaan Koordinasi kerja meliputi:")
    for offset, letter in enumerate("abcdefg"):
        add(regulation, "huruf", f"{letter}.", 5 + offset, pasal9, f"isi huruf {letter}")
    pasal13 = add(regulation, "pasal", "13", 20, paragraf)
    for number in range(1, 6):
        add(regulation, "ayat", f"({number})", 20 + number, pasal13, f"ayat {number}")
    return regulation


def test_resolves_a_huruf_of_a_pasal_nested_in_bab_bagian_and_paragraf(text):
    provision = Provision.objects.resolve(text, "Pasal 9 huruf f")
    assert provision.text == "isi huruf f"
    assert provision.citation == "Pasal 9 huruf f"
    assert provision.full_citation() == "Perwal Bukittinggi 4/2017 Pasal 9 huruf f"


def test_resolves_an_ayat_written_in_any_accepted_form(text):
    for form in ("Pasal 13 ayat (5)", "pasal 13 ayat 5", "Pasal 13(5)"):
        assert Provision.objects.resolve(text, form).text == "ayat 5"


def test_resolves_containers_by_their_own_path(text):
    assert Provision.objects.resolve(text, "BAB III").heading == "KOORDINASI KERJA"
    paragraf = Provision.objects.resolve(text, "BAB III Bagian Ketiga Paragraf 1")
    assert paragraf.heading == "Umum"
    assert paragraf.citation == "BAB III Bagian Ketiga Paragraf 1"


def test_a_pasal_that_does_not_exist_is_reported_with_the_regulation(text):
    with pytest.raises(ProvisionNotFound) as caught:
        Provision.objects.resolve(text, "Pasal 28")
    assert str(caught.value) == "Pasal 28 does not exist in Perwal Bukittinggi 4/2017."


def test_a_provision_of_another_regulation_is_not_found(text):
    other = RegulationFactory(region=text.region, number="65", year=2014)
    with pytest.raises(ProvisionNotFound):
        Provision.objects.resolve(other, "Pasal 9 huruf f")


def test_two_provisions_numbered_alike_make_the_citation_ambiguous(regulation):
    """Perwal Bengkulu 24/2018 numbers two Paragraf of one Bagian "Paragraf 1"."""
    bab = add(regulation, "bab", "III", 1)
    bagian = add(regulation, "bagian", "Keempat", 2, bab)
    add(regulation, "paragraf", "1", 3, bagian, heading="Wakil Walikota dengan Sekretariat Daerah")
    add(regulation, "paragraf", "1", 4, bagian, heading="Wakil Walikota dengan Dinas Daerah")
    with pytest.raises(AmbiguousCitation):
        Provision.objects.resolve(regulation, "BAB III Bagian Keempat Paragraf 1")


def test_a_lampiran_resolves_to_the_annex(regulation):
    Annex.objects.create(
        regulation=regulation, number="II", title="KOORDINASI INSTANSI VERTIKAL", kind="chart"
    )
    assert Annex.objects.resolve(regulation, "Lampiran II").title == "KOORDINASI INSTANSI VERTIKAL"
    with pytest.raises(ProvisionNotFound):
        Annex.objects.resolve(regulation, "Lampiran IV")


def test_a_provision_cannot_sit_in_the_wrong_kind_of_container(regulation):
    pasal = add(regulation, "pasal", "1", 1)
    misplaced = Provision(regulation=regulation, kind="bab", label="I", position=2, parent=pasal)
    with pytest.raises(Exception) as caught:
        misplaced.full_clean()
    assert "cannot sit inside" in str(caught.value)


def test_a_region_resolves_a_bare_citation_in_the_regulation_in_force(text):
    import datetime

    from regulations.resolver import resolve

    region = text.region
    assert resolve(region, "Pasal 9 huruf f", datetime.date(2020, 1, 1)).text == "isi huruf f"
    with pytest.raises(ProvisionNotFound) as caught:
        resolve(region, "Pasal 9 huruf f", datetime.date(2010, 1, 1))
    assert "no regulation in force on 2010-01-01" in str(caught.value)


def test_a_qualified_citation_names_its_own_regulation(text):
    from regulations.resolver import resolve

    found = resolve(text.region, "Perwal Bukittinggi 4/2017 Pasal 13 ayat (5)")
    assert (found.regulation, found.text) == (text, "ayat 5")
    with pytest.raises(ProvisionNotFound) as caught:
        resolve(text.region, "Perwal Bukittinggi 65/2014 Pasal 17")
    assert "has no regulation Perwal 65/2014" in str(caught.value)
