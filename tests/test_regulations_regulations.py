"""Regions and regulations: naming, citation, validation."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from regulations.models import Region, Rule
from tests.factories import ProvisionFactory, RegionFactory, RegulationFactory


@pytest.mark.django_db
def test_short_citation_follows_the_region_kind_and_spelling():
    kukar = RegionFactory(
        code="64.02", name="Kutai Kartanegara", kind="kabupaten", head_title="Bupati"
    )
    banjar = RegionFactory(code="32.79", name="Banjar", kind="kota", head_title="Wali Kota")
    perbup = RegulationFactory(region=kukar, number="4", year=2018, title="POLA KOORDINASI")
    perwal = RegulationFactory(region=banjar, number="6", year=2023, title="PEDOMAN")
    assert perbup.short_citation == "Perbup Kutai Kartanegara 4/2018"
    assert perwal.short_citation == "Perwal Banjar 6/2023"
    assert perwal.kind_name == "Peraturan Wali Kota Banjar"
    assert perbup.cite("Pasal 13 ayat (5)") == "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)"
    assert perbup.full_title.startswith("Peraturan Bupati Kutai Kartanegara Nomor 4 Tahun 2018")


@pytest.mark.django_db
def test_signer_title_keeps_the_acting_prefix():
    regulation = RegulationFactory(
        signer_acting="Plt.", signer_title="BUPATI KUTAI KARTANEGARA", signer_name="EDI DAMANSYAH"
    )
    assert regulation.signer_display == "Plt. BUPATI KUTAI KARTANEGARA"


@pytest.mark.django_db
def test_region_code_must_have_the_kemendagri_form():
    region = Region(
        code="1375", name="X", kind="kota", province="P", head_title="Walikota", seat="X"
    )
    with pytest.raises(ValidationError) as caught:
        region.full_clean()
    assert "13.75" in str(caught.value)


@pytest.mark.django_db
def test_a_kabupaten_is_headed_by_a_bupati_even_below_the_form():
    region = Region(
        code="13.12",
        name="Pasaman Barat",
        kind="kabupaten",
        province="P",
        head_title="Walikota",
        seat="Simpang Empat",
    )
    with pytest.raises(ValidationError):
        region.full_clean()
    with pytest.raises(IntegrityError):
        region.save()


@pytest.mark.django_db
def test_a_regulation_cannot_be_promulgated_before_enactment():
    regulation = RegulationFactory.build(
        region=RegionFactory(),
        enacted_on=datetime.date(2018, 2, 13),
        promulgated_on=datetime.date(2018, 2, 12),
    )
    with pytest.raises(ValidationError) as caught:
        regulation.full_clean()
    assert "promulgated_on" in caught.value.message_dict


@pytest.mark.django_db
def test_a_rule_value_must_match_its_kind(regulation):
    rule = Rule(
        regulation=regulation,
        kind=Rule.Kind.FOLLOW_UP_DEADLINE,
        value={"working_days": "two"},
        citation="Pasal 13 ayat (5)",
    )
    with pytest.raises(ValidationError) as caught:
        rule.full_clean()
    assert "working_days" in caught.value.message_dict["value"][0]


@pytest.mark.django_db
def test_a_rule_must_cite_a_provision_that_exists(regulation):
    ProvisionFactory(regulation=regulation, label="13")
    rule = Rule(
        regulation=regulation,
        kind=Rule.Kind.FOLLOW_UP_DEADLINE,
        value={"working_days": 2},
        citation="Pasal 28",
    )
    with pytest.raises(ValidationError) as caught:
        rule.full_clean()
    assert caught.value.message_dict["citation"] == [
        "Pasal 28 does not exist in Perwal Bukittinggi 4/2017."
    ]


@pytest.mark.django_db
def test_a_rule_citation_is_stored_in_canonical_form(regulation):
    rule = Rule.objects.create(
        regulation=regulation,
        kind=Rule.Kind.FOLLOW_UP_DEADLINE,
        value={"working_days": 2},
        citation="pasal 13(5)",
    )
    assert rule.citation == "Pasal 13 ayat (5)"
    assert rule.source == "Perwal Bukittinggi 4/2017 Pasal 13 ayat (5)"
