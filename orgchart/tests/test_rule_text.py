"""The region page reads each rule in a sentence of the reader's language, composed from the
rule's value; the pack's Indonesian summary stays beside it as the regulation's wording."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from orgchart.rule_text import DESCRIBE, describe
from regulations.models import Rule
from regulations.rule_kinds import RuleKind


def test_every_kind_of_rule_has_a_reading():
    assert set(DESCRIBE) == set(RuleKind.values)


def test_every_rule_of_the_five_packs_reads_as_a_sentence(five_regions, db):
    rules = list(Rule.objects.select_related("regulation__region"))
    assert rules
    with translation.override("en"):
        for rule in rules:
            text = DESCRIBE[rule.kind](rule.regulation.region, rule.value)  # never the fallback
            assert text.endswith(".") and "{" not in text and "_" not in text, (rule.kind, text)


def test_the_kutai_kartanegara_deadline_reads_in_the_readers_language(five_regions, db, client):
    kukar = five_regions["64.02"].region
    rule = Rule.objects.get(regulation__region=kukar, kind=RuleKind.FOLLOW_UP_DEADLINE)
    with translation.override("en"):
        assert describe(kukar, rule.kind, rule.value) == (
            "Follow-ups are due 2 working days after the coordination."
        )
    client.cookies["django_language"] = "en"
    page = client.get(reverse("region", args=["64.02"]), {"as_of": "2024-06-03"})
    body = page.content.decode()
    assert "Follow-ups are due 2 working days after the coordination." in body
    assert "{&#x27;working_days&#x27;" not in body and "{'working_days'" not in body


@pytest.mark.parametrize("kind", [RuleKind.MEETING_KINDS, RuleKind.REPORTING_CADENCE])
def test_a_reading_names_the_regions_own_titles(five_regions, db, kind):
    bengkulu = five_regions["17.71"].region
    value = {
        RuleKind.MEETING_KINDS: {"kinds": ["rapat", "konsultasi"]},
        RuleKind.REPORTING_CADENCE: {
            "cadence": "quarterly",
            "reporters": ["perangkat_daerah"],
            "to": "bappeda",
            "through": [],
        },
    }[kind]
    with translation.override("en"):
        text = describe(bengkulu, kind, value)
    assert ("rapat, konsultasi" in text) or (
        "Perangkat Daerah report in writing to the Bappeda" in text
    )
