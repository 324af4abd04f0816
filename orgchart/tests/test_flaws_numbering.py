"""The numbering checks (orgchart/packs/flaws/numbering.py) over the five texts.

Catalogue of the instances in the five seeds (region, provision, text, why):

Bengkulu (17.71), Perwal 24/2018
- BAB III Bagian Keempat numbers "Paragraf 1 Wakil Walikota dengan Sekretariat Daerah" and
  again "Paragraf 1 Wakil Walikota dengan Dinas Daerah" (then Paragraf 2): Paragraf restart per
  Bagian, so the second "Paragraf 1" makes the citation ambiguous: numbered-twice.
Bukittinggi (13.75), Pasaman Barat (13.12), Kutai Kartanegara (64.02), Banjar (32.79): BAB I …
V/VI/VII, Pasal 1 … 17/18/16/24, Bagian and Paragraf per container, ayat, huruf and angka all
count without gap or repeat. (Pasaman Barat Pasal 12 huruf c angka 8 repeats a unit of huruf b,
not a number: that is a list contradiction.) No instance.
"""

from __future__ import annotations

from orgchart.packs.flaws import numbering
from orgchart.packs.flaws.base import FlawClass, Severity, Source
from regulations.models import Provision

CLEAN = ("13.75", "13.12", "64.02", "32.79")


def found(regulation) -> set[tuple[str, str, tuple[str, ...]]]:
    source = Source(regulation)
    return {
        (flaw.code, flaw.citation, flaw.related)
        for check in numbering.CHECKS
        for flaw in check(source)
    }


def relabel(regulation, citation: str, label: str) -> Provision:
    """Print another number on a provision (keys of what it holds follow, as on loading)."""
    provision = Provision.objects.resolve(regulation, citation)
    provision.label = label
    provision.save()
    stack = list(provision.children.all())
    while stack:
        child = stack.pop()
        child.save()
        stack.extend(child.children.all())
    return provision


def test_bengkulu_numbers_paragraf_1_twice_in_bagian_keempat(five_regions, db):
    regulation = five_regions["17.71"].regulation
    assert found(regulation) == {("numbered-twice", "BAB III Bagian Keempat Paragraf 1", ())}
    (flaw,) = [f for check in numbering.CHECKS for f in check(Source(regulation))]
    assert (flaw.klass, flaw.severity) == (FlawClass.NUMBERING, Severity.MEANING)
    assert "“Wakil Walikota dengan Dinas Daerah”" in flaw.explanation("en")


def test_the_other_four_texts_number_every_run_without_gap_or_repeat(five_regions, db):
    for code in CLEAN:
        assert found(five_regions[code].regulation) == set(), code


def test_a_skipped_huruf_and_a_repeated_one_are_both_found(five_regions, db):
    regulation = five_regions["64.02"].regulation
    relabel(regulation, "Pasal 13 ayat (2) huruf c", "d.")
    assert found(regulation) == {
        ("numbering-skipped", "Pasal 13 ayat (2) huruf d", ("Pasal 13 ayat (2) huruf b",)),
        ("numbered-twice", "Pasal 13 ayat (2) huruf d", ()),
    }
    source = Source(regulation)
    (skipped,) = numbering.numbers_skipped_or_backwards(source)
    assert skipped.explanation("en") == (
        "Pasal 13 ayat (2) huruf d comes after Pasal 13 ayat (2) huruf b: huruf c is missing "
        "from the numbering."
    )


def test_pasal_run_through_the_whole_text_and_a_gap_between_bab_counts(five_regions, db):
    regulation = five_regions["32.79"].regulation
    relabel(regulation, "Pasal 24", "26")
    assert found(regulation) == {("numbering-skipped", "Pasal 26", ("Pasal 23",))}
    (flaw,) = numbering.numbers_skipped_or_backwards(Source(regulation))
    assert flaw.fact_dict["missing"] == "Pasal 24, Pasal 25"


def test_a_pasal_numbered_twice_is_one_finding_not_one_per_ayat(five_regions, db):
    regulation = five_regions["32.79"].regulation
    relabel(regulation, "Pasal 6", "5")
    assert found(regulation) == {
        ("numbered-twice", "Pasal 5", ()),
        ("numbering-skipped", "Pasal 7", ("Pasal 5",)),
    }


def test_bab_in_roman_numerals_and_bagian_in_ordinal_words_are_counted(five_regions, db):
    kukar = five_regions["64.02"].regulation
    relabel(kukar, "BAB VII", "IX")
    assert found(kukar) == {("numbering-skipped", "BAB IX", ("BAB VI",))}
    assert numbering.numbers_skipped_or_backwards(Source(kukar))[0].fact_dict["missing"] == (
        "BAB VII, BAB VIII"
    )
    banjar = five_regions["32.79"].regulation
    relabel(banjar, "BAB IV Bagian Kedua", "Kelima")
    relabel(banjar, "BAB IV Bagian Ketiga", "Kedua")
    relabel(banjar, "BAB IV Bagian Kelima", "Ketiga")
    assert found(banjar) == {
        ("numbering-out-of-order", "BAB IV Bagian Kedua", ("BAB IV Bagian Ketiga",)),
    }


def test_one_misprinted_number_is_one_gap_and_one_step_back(five_regions, db):
    regulation = five_regions["32.79"].regulation
    relabel(regulation, "Pasal 15 ayat (2)", "(9)")
    # (1), (9), (3) … (8), (9), (10): ayat (2) is never printed, (9) twice, (3) steps back.
    assert found(regulation) == {
        ("numbering-skipped", "Pasal 15 ayat (9)", ("Pasal 15 ayat (1)",)),
        ("numbering-out-of-order", "Pasal 15 ayat (3)", ("Pasal 15 ayat (9)",)),
        ("numbered-twice", "Pasal 15 ayat (9)", ()),
    }


def test_a_run_that_does_not_start_at_its_first_number_is_found(five_regions, db):
    regulation = five_regions["32.79"].regulation
    for letter, label in (("c", "d."), ("b", "c."), ("a", "b.")):
        relabel(regulation, f"Pasal 18 ayat (1) huruf {letter}", label)
    assert found(regulation) == {("numbering-starts-late", "Pasal 18 ayat (1) huruf b", ())}
    (flaw,) = numbering.numbers_skipped_or_backwards(Source(regulation))
    assert flaw.explanation("en") == (
        "Pasal 18 ayat (1) huruf b opens its run of numbers: huruf a is missing from the numbering."
    )
