"""Browser pages of the five regions: list, region, unit, regulation reader, search."""

from __future__ import annotations

import datetime
import re

import pytest

from orgchart.models import Appointment, Unit

CODES = ["13.12", "13.75", "17.71", "32.79", "64.02"]


def page(client, url: str, language: str = "en") -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_links_every_region_and_its_regulation(client, five_regions, db):
    body = page(client, "/")
    for code, pack in five_regions.items():
        assert f'href="/regions/{code}/"' in body
        assert f'href="/regulations/{pack.regulation.pk}/"' in body


@pytest.mark.parametrize("code", CODES)
def test_region_page_shows_tree_portfolios_and_rules_linked_to_provisions(
    client, five_regions, db, code
):
    pack = five_regions[code]
    body = page(client, f"/regions/{code}/?as_of=2024-06-03")
    assert body.count("<details") >= 3  # the collapsible tree
    assert 'class="columns"' in body
    reader = f"/regulations/{pack.regulation.pk}/#"
    for unit in Unit.objects.filter(region=pack.region, parent__kind="asisten"):
        assert unit.name in body.replace("&#x27;", "'").replace("&amp;", "&"), unit.name
    for rule in pack.regulation.rules.all():
        anchor = re.sub(r"[^a-z0-9]+", "-", rule.citation.lower()).strip("-")
        assert f'href="{reader}{anchor}"' in body, rule.citation


def test_region_pages_take_a_constant_number_of_queries(
    client, five_regions, db, django_assert_max_num_queries
):
    """Kutai Kartanegara has 85 units, Banjar 44: the same budget serves both."""
    with django_assert_max_num_queries(30):
        page(client, "/regions/64.02/?as_of=2024-06-03")
    with django_assert_max_num_queries(30):
        page(client, "/regions/32.79/?as_of=2024-06-03")


def test_region_page_flags_the_flaws_of_the_text(client, five_regions, db):
    body = page(client, "/regions/13.12/")
    assert "Flaws in the published text" in body
    assert "rumah sakit; dan" in body


def test_region_page_explains_a_date_before_the_first_regulation(client, five_regions, db):
    body = page(client, "/regions/13.75/?as_of=2001-01-01")
    assert "before the first regulation" in body


def test_unit_page_shows_coordinator_source_and_acting_head(client, five_regions, db):
    bupati = Unit.objects.get(region__code="64.02", parent__isnull=True)
    body = page(client, f"/units/{bupati.pk}/?as_of=2018-02-12")  # only Perbup 100/2012
    assert "Perbup Kutai Kartanegara 100/2012" in body and "EDI DAMANSYAH" not in body
    Appointment.objects.filter(official__name="EDI DAMANSYAH").update(
        end=datetime.date(2018, 2, 13)
    )
    body = page(client, f"/units/{bupati.pk}/?as_of=2018-02-13")
    assert "EDI DAMANSYAH" in body and "Plt. " in body
    dinkes = Unit.objects.get(region__code="13.75", name="Dinas kesehatan")
    body = page(client, f"/units/{dinkes.pk}/")
    assert "Asisten pemerintahan dan kesejahteraan rakyat" in body
    assert "Perwal Bukittinggi 4/2017 Pasal 12 huruf a angka 4" in body
    assert "#pasal-12-huruf-a-angka-4" in body


def test_reader_has_an_anchor_for_every_provision_and_shows_revocations(client, five_regions, db):
    regulation = five_regions["13.75"].regulation
    body = page(client, f"/regulations/{regulation.pk}/")
    for anchor in ("pasal-9", "pasal-9-huruf-f", "pasal-16-ayat-2", "pasal-12-huruf-a-angka-4"):
        assert f'id="{anchor}"' in body, anchor
    assert "Peraturan Walikota Bukittinggi Nomor 65 Tahun 2014" in body
    revoked = regulation.revocations.get().revoked
    assert "Revoked by" in page(client, f"/regulations/{revoked.pk}/")


def test_reader_is_in_bahasa_indonesia_by_default(client, five_regions, db):
    regulation = five_regions["64.02"].regulation
    body = page(client, f"/regulations/{regulation.pk}/", language="id")
    assert "Menimbang" in body and 'lang="id"' in body
    assert "Aturan yang ditegakkan portal" in body


def test_search_finds_provisions_and_links_to_them(client, five_regions, db):
    body = page(client, "/search/?q=paling+lambat+hari+kerja&region=64.02")
    assert "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)" in body
    assert "#pasal-13-ayat-5" in body
    assert "provisions found" in body or "provision found" in body
    empty = page(client, "/search/?q=zzzzqqq")
    assert "0 provisions found" in empty
