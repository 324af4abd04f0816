"""GET /api/v1/regions/{code}/flaws/ and the region page's list of flaws."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgchart.packs.flaws import find_flaws
from regulations.models import AnnexEntry, Provision, Region


def flaws(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_api_gives_each_flaw_with_class_severity_provision_and_both_languages(
    client, five_regions, db
):
    body = flaws(client, "/api/v1/regions/17.71/flaws/?as_of=2024-06-03")
    regulation = five_regions["17.71"].regulation
    assert body["regulation"]["citation"] == "Perwal Bengkulu 24/2018"
    assert body["count"] == len(body["flaws"]) == len(find_flaws(regulation))
    missing = [f for f in body["flaws"] if f["code"] == "reference-to-missing-provision"]
    assert [(f["class"], f["citation"], f["facts"]["target"]) for f in missing] == [
        ("cross-reference", "Pasal 22 ayat (1)", "Pasal 28")
    ]
    (flaw,) = missing
    assert flaw["full_citation"] == "Perwal Bengkulu 24/2018 Pasal 22 ayat (1)"
    assert flaw["url"].endswith(f"/regulations/{regulation.pk}/#pasal-22-ayat-1")
    assert "Pasal 28" in flaw["explanation"]["en"] and "Pasal 28" in flaw["explanation"]["id"]
    assert flaw["explanation"]["id"] != flaw["explanation"]["en"]  # translated, not copied
    ranks = [f["severity_rank"] for f in body["flaws"]]
    assert ranks == sorted(ranks, reverse=True)  # most severe first


def test_the_api_filters_by_class_and_severity_and_refuses_unknown_ones(client, five_regions, db):
    body = flaws(client, "/api/v1/regions/13.12/flaws/?class=list-contradiction")
    assert body["flaws"] and {f["class"] for f in body["flaws"]} == {"list-contradiction"}
    body = flaws(client, "/api/v1/regions/13.12/flaws/?severity=responsibility")
    assert "unit-under-two-asisten" in {f["code"] for f in body["flaws"]}
    assert {f["severity"] for f in body["flaws"]} == {"responsibility"}
    response = client.get("/api/v1/regions/13.12/flaws/?class=spelling")
    assert response.status_code == 400 and "spelling" in response.json()["detail"]
    assert client.get("/api/v1/regions/99.99/flaws/").status_code in {400, 404}
    response = client.get("/api/v1/regions/13.75/flaws/?as_of=2001-01-01")
    assert (response.status_code, response.json()["code"]) == (400, "before_first_regulation")
    response = client.get(
        "/api/v1/regions/13.75/flaws/?as_of=2016-06-01", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (response.status_code, response.json()["code"]) == (400, "structure_not_held")
    assert "Perwal Bukittinggi 65/2014" in response.json()["detail"]


def test_the_api_takes_the_same_number_of_queries_for_every_region(client, five_regions, db):
    counts = set()
    for code in five_regions:
        with CaptureQueriesContext(connection) as queries:
            flaws(client, f"/api/v1/regions/{code}/flaws/")
        counts.add(len(queries))
    assert len(counts) == 1, counts


def test_the_region_page_groups_the_flaws_by_class_with_links_to_the_provisions(
    client, five_regions, db
):
    regulation = five_regions["17.71"].regulation
    body = client.get("/regions/17.71/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Flaws in the published text" in body
    assert f'href="/regulations/{regulation.pk}/#pasal-22-ayat-1">Pasal 22 ayat (1)</a>' in body
    assert "Cross-reference" in body and "Numbering" in body
    assert 'href="/api/v1/regions/17.71/flaws/"' in body


def test_a_change_to_the_text_renews_the_caches_the_lampiran_notes_rest_on(five_regions, db):
    """The Lampiran's notes quote the text's flaws: a corrected provision or annex row bumps
    the region's structure version, which keys the rendered files and the ETags."""
    regulation = five_regions["17.71"].regulation
    before = Region.objects.get(pk=regulation.region_id).structure_version
    provision = Provision.objects.get(regulation=regulation, key="pasal:22/ayat:1")
    provision.text = provision.text.replace("Pasal 28", "Pasal 21")
    provision.save()
    entry = AnnexEntry.objects.filter(annex__regulation=regulation).first()
    entry.save()
    assert Region.objects.get(pk=regulation.region_id).structure_version == before + 2
