"""Each rule of the five packs cites the exact provisions that set it, all of them, and every
place that shows the rule shows them all; the resolver's refusals speak the reader's terms."""

from __future__ import annotations

import datetime
import io
import re

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from regulations import citations
from regulations.answers import rules_for
from regulations.models import Provision, Rule
from regulations.rule_kinds import RuleKind

DAY = datetime.date(2024, 1, 8)
BUKITTINGGI_AND_PASAMAN_BARAT = {
    ("meeting_conveners", "Pasal 9 huruf c"),
    ("meeting_conveners", "Pasal 9 huruf e"),
    ("representation_one_level_below", "Pasal 9 huruf f"),
    ("concerned_units_attend", "Pasal 9 huruf g"),
    ("meeting_kinds", "Pasal 9 huruf a dan b"),
    ("urgent_decision_report", "Pasal 10"),
    ("reporting_cadence", "Pasal 16 ayat (2)"),
    ("coordination_forms", "Pasal 6"),
}
# Audited against seeds/000…004: the provisions whose words each rule's value takes.
CITED = {
    "13.75": BUKITTINGGI_AND_PASAMAN_BARAT,
    "13.12": BUKITTINGGI_AND_PASAMAN_BARAT,
    "17.71": {
        ("paraf_required", "Pasal 22 ayat (3)"),
        ("paraf_required", "Pasal 22 ayat (4)"),
        ("reporting_cadence", "Pasal 12 angka 5"),
        ("reporting_cadence", "Pasal 13 angka 4"),
        ("reporting_cadence", "Pasal 14 angka 25"),
        ("reporting_cadence", "Pasal 20 ayat (3)"),
    },
    "32.79": {
        ("reporting_cadence", "Pasal 21 ayat (1), (2) dan (3)"),
        ("coordination_forms", "Pasal 13 ayat (1)"),
        ("meeting_kinds", "Pasal 18 ayat (2)"),
        ("meeting_modes", "Pasal 18 ayat (3)"),
        ("meeting_periodicity", "Pasal 18 ayat (4)"),
    },
    "64.02": {
        ("follow_up_deadline", "Pasal 13 ayat (5)"),
        ("follow_up_report", "Pasal 13 ayat (4)"),
        ("takeover_allowed", "Pasal 14 ayat (1)"),
        ("paraf_required", "Pasal 13 ayat (2) huruf b"),
        ("meeting_kinds", "Pasal 13 ayat (2) huruf c, d dan e"),
    },
}


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            ["Pasal 21 ayat (1)", "Pasal 21 ayat (2)", "Pasal 21 ayat (3)"],
            "Pasal 21 ayat (1), (2) dan (3)",
        ),
        (["Pasal 9 huruf b", "Pasal 9 huruf a"], "Pasal 9 huruf a dan b"),
        (["Pasal 13 ayat (10)", "Pasal 13 ayat (9)"], "Pasal 13 ayat (9) dan (10)"),
        (
            ["Pasal 13 ayat (2) huruf b", "Pasal 13 ayat (4)"],
            "Pasal 13 ayat (2) huruf b dan ayat (4)",
        ),
        (["Pasal 14 angka 25", "Pasal 14 angka 24"], "Pasal 14 angka 24 dan 25"),
        (["Pasal 22 ayat (3)", "Lampiran"], "Pasal 22 ayat (3) dan Lampiran"),
        (["Pasal 13 angka 4", "Pasal 12 angka 5"], "Pasal 13 angka 4 dan Pasal 12 angka 5"),
        (
            ["Pasal 12 angka 5", "Pasal 13 angka 4", "Pasal 12 angka 3"],
            "Pasal 12 angka 3 dan 5, serta Pasal 13 angka 4",
        ),
        (["Pasal 10", "Pasal 10"], "Pasal 10"),
    ],
)
def test_several_citations_are_joined_as_indonesian_drafting_does(texts, expected):
    assert citations.display_many(texts) == expected


@pytest.mark.parametrize("code", sorted(CITED))
def test_each_rule_of_the_pack_cites_exactly_the_provisions_that_set_it(five_regions, db, code):
    rules = five_regions[code].regulation.rules.all()
    assert {(rule.kind, rule.cited) for rule in rules} == CITED[code]


@pytest.mark.parametrize("code", sorted(CITED))
def test_every_provision_a_rule_cites_exists_and_holds_no_other_rules_provision(
    five_regions, db, code
):
    """A rule that cites a whole Pasal or ayat while another rule cites one of its letters
    cites more than says it (Pasal 9 for the kinds of coordination, beside Pasal 9 huruf c)."""
    regulation = five_regions[code].regulation
    keys = {}
    for rule in regulation.rules.all():
        for text in rule.citations:
            keys[(rule.pk, text)] = Provision.objects.resolve(regulation, text).key
    for (rule_id, text), key in keys.items():
        inside = {
            other_text
            for (other_id, other_text), other in keys.items()
            if other_id != rule_id and other.startswith(f"{key}/")
        }
        assert inside == set(), (text, inside)


def test_banjars_reporting_rule_cites_its_three_ayat_where_it_acts(five_regions, db):
    """Periodic in Pasal 21 ayat (1), to the Wali Kota through the Sekda in ayat (2), through
    the Asisten in ayat (3): the rule, its answer (which deadlines, obligations and refusals
    print) and the API all cite the three."""
    pack = five_regions["32.79"]
    rule = pack.regulation.rules.get(kind=RuleKind.REPORTING_CADENCE)
    assert rule.citation == "Pasal 21 ayat (1)"
    assert rule.citations == ["Pasal 21 ayat (1)", "Pasal 21 ayat (2)", "Pasal 21 ayat (3)"]
    full = "Perwal Banjar 6/2023 Pasal 21 ayat (1), (2) dan (3)"
    assert rule.source == full
    (answer,) = rules_for(pack.region, RuleKind.REPORTING_CADENCE, datetime.date(2024, 1, 8))
    assert (answer.source, answer.source_display) == (full, full)


def test_the_pages_and_the_api_show_every_provision_of_a_rule(five_regions, db, client):
    pack = five_regions["32.79"]
    regulation = pack.regulation
    region_page = client.get(reverse("region", args=[pack.region.code]))
    reader = reverse("regulation-reader", args=[regulation.pk])
    body = region_page.content.decode()
    assert region_page.status_code == 200
    assert re.search(
        rf'href="{reader}#pasal-21-ayat-1">\s*Perwal Banjar 6/2023 Pasal 21 ayat \(1\), \(2\) dan '
        r"\(3\)\s*</a>",
        body,
    ), "the region page links the rule's provisions to the first"
    text = client.get(reader).content.decode()
    assert '<a href="#pasal-21-ayat-1">Pasal 21 ayat (1), (2) dan (3)</a>' in text
    api = client.get(f"/api/v1/regulations/{regulation.pk}/").json()
    (rule,) = [row for row in api["rules"] if row["kind"] == RuleKind.REPORTING_CADENCE]
    assert (rule["citation"], rule["source"]) == (
        "Pasal 21 ayat (1)",
        "Perwal Banjar 6/2023 Pasal 21 ayat (1), (2) dan (3)",
    )


def test_a_rule_refuses_a_further_provision_the_regulation_does_not_have(five_regions, db):
    regulation = five_regions["32.79"].regulation
    rule = Rule(
        regulation=regulation,
        kind=RuleKind.REPORTING_CADENCE,
        value={"cadence": "periodic", "reporters": ["perangkat_daerah"], "to": "kepala_daerah"},
        citation="Pasal 21 ayat (1)",
        also_cites=["Pasal 21 ayat (2)", "Pasal 21 ayat (9)"],
    )
    with pytest.raises(ValidationError) as exc:
        rule.full_clean(validate_constraints=False)
    assert exc.value.message_dict == {
        "also_cites": [f"Pasal 21 ayat (9) does not exist in {regulation}."]
    }
    rule.also_cites = ["Pasal 21 ayat (2)", "pasal 21 (1)"]
    with pytest.raises(ValidationError) as exc:
        rule.full_clean(validate_constraints=False)
    assert exc.value.message_dict == {
        "also_cites": [
            "Each provision is cited once: Pasal 21 ayat (1), Pasal 21 ayat (2), Pasal 21 ayat (1)."
        ]
    }


def test_a_rules_reversed_period_is_refused_in_words_not_by_constraint_name(five_regions, db):
    rule = five_regions["64.02"].regulation.rules.get(kind=RuleKind.FOLLOW_UP_DEADLINE)
    rule.valid_from, rule.valid_until = datetime.date(2024, 2, 1), datetime.date(2024, 1, 1)
    with pytest.raises(ValidationError) as exc:
        rule.full_clean()
    assert exc.value.message_dict == {
        "valid_until": ["The end of validity cannot precede its start."]
    }


def test_the_pack_loader_refuses_a_rule_whose_further_provision_does_not_exist(
    five_regions, db, tmp_path
):
    data = yaml.safe_load(five_regions["32.79"].path.read_text(encoding="utf-8"))
    rules = data["regulation"]["rules"]
    index = next(i for i, rule in enumerate(rules) if rule["kind"] == "reporting_cadence")
    rules[index]["citation"] = ["Pasal 21 ayat (1)", "Pasal 21 ayat (4)"]
    path = tmp_path / "32.79-banjar-6-2023.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("load_region", str(path), stdout=io.StringIO())
    assert str(exc.value) == (
        f"{path.name}:\nregulation/rules/{index}: Pasal 21 ayat (4) is not in this pack's "
        "provisions."
    )


def test_citing_a_lampiran_as_a_provision_is_refused_in_the_readers_terms(five_regions, db, client):
    """The refusal names no method of the code (it once said "use Annex.objects.resolve()")."""
    regulation = five_regions["13.75"].regulation
    expected = (
        "Lampiran I is an annex (Lampiran) of the regulation, not a provision of its text: cite "
        "a Pasal, ayat, huruf or angka."
    )
    with pytest.raises(citations.CitationSyntaxError) as exc:
        Provision.objects.resolve(regulation, "lampiran i")
    assert str(exc.value) == expected
    response = client.get(
        f"/api/v1/regulations/{regulation.pk}/",
        {"cite": "Lampiran I"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()) == (400, {"detail": expected})
