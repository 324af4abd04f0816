"""NIP validation: each part of the number is checked and named in the error."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from regulations.nip import format_nip, parse_nip

TODAY = datetime.date(2026, 11, 23)


def test_a_valid_nip_is_read_into_its_parts():
    nip = parse_nip("19780605 200212 1 002", today=TODAY)
    assert nip.birth_date == datetime.date(1978, 6, 5)
    assert nip.appointed == (2002, 12)
    assert (nip.sex, nip.sequence) == ("L", 2)
    assert str(nip) == "19780605 200212 1 002"


def test_spacing_as_printed_in_the_seeds_does_not_matter():
    """Perbup Kutai Kartanegara 4/2018 prints both "19780605200212 1 002" and the spaced form."""
    assert parse_nip("19780605200212 1 002", today=TODAY).digits == "197806052002121002"
    assert format_nip("197105032006041010") == "19710503 200604 1 010"


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("19780605-200212-1-002", "nip_characters", "only digits"),
        ("19780605 200212 1 02", "nip_length", "has 17"),
        ("1978060520021210021", "nip_length", "has 19"),
        ("19781305 200212 1 002", "nip_birth_date", "19781305 is not a date"),
        ("19780230 200212 1 002", "nip_birth_date", "19780230 is not a date"),
        ("20300101 205001 1 001", "nip_birth_date", "not plausible"),
        ("19780605 200213 1 002", "nip_appointment", "200213 is not"),
        ("19780605 199001 1 002", "nip_appointment", "before the age of 18"),
        ("19780605 202701 1 002", "nip_appointment", "in the future"),
        ("19780605 200212 3 002", "nip_sex", "not 3"),
        ("19780605 200212 1 000", "nip_sequence", "000 is not one"),
    ],
)
def test_each_faulty_part_gets_its_own_error(value, code, fragment):
    with pytest.raises(ValidationError) as caught:
        parse_nip(value, today=TODAY)
    assert caught.value.code == code
    assert fragment in caught.value.messages[0]


def test_errors_are_in_bahasa_indonesia_by_default():
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        parse_nip("19780605 200212 1 02", today=TODAY)
    assert caught.value.messages[0] == "NIP terdiri atas 18 digit; yang diisi 17 digit."


@pytest.mark.django_db
def test_an_official_stores_the_nip_without_spaces_and_rejects_a_bad_one(region):
    from orgchart.models import Official

    official = Official(region=region, name="PURNOMO, SH", nip="19780605 200212 1 002")
    official.full_clean()
    official.save()
    assert official.nip == "197806052002121002"
    assert official.nip_display == "19780605 200212 1 002"
    bad = Official(region=region, name="X", nip="19780605 200212 1 000")
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "nip" in caught.value.message_dict
