"""The public structure API: the contract REST clients rely on, for every region."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from orgchart import services
from orgchart.models import Appointment, Unit

CODES = ["13.12", "13.75", "17.71", "32.79", "64.02"]
POPOLO = Path(__file__).parent / "standards" / "popolo"


def get(client, url, **headers):
    """Ask in English: the API answers in the visitor's language, Bahasa Indonesia by default."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en", **headers)
    return response, (json.loads(response.content) if response.content else None)


def walk(node):
    yield node
    for child in node["children"]:
        yield from walk(child)


def test_regions_list_gives_each_region_and_its_regulation_in_force(client, five_regions, db):
    response, body = get(client, "/api/v1/regions/")
    assert response.status_code == 200
    by_code = {region["code"]: region for region in body}
    assert sorted(by_code) == CODES
    kukar = by_code["64.02"]
    assert {k: kukar[k] for k in ("name", "kind", "province", "head_title")} == {
        "name": "Kutai Kartanegara",
        "kind": "kabupaten",
        "province": "Kalimantan Timur",
        "head_title": "Bupati",
    }
    assert {k: kukar["regulation"][k] for k in ("number", "year")} == {"number": "4", "year": 2018}
    assert by_code["32.79"]["head_title"] == "Wali Kota"


@pytest.mark.parametrize("code", CODES)
def test_tree_is_one_nested_node_in_at_most_four_queries(
    client, five_regions, db, code, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response, body = get(client, f"/api/v1/regions/{code}/tree/?as_of=2024-06-03")
    assert response.status_code == 200
    assert (body["region"], body["as_of"]) == (code, "2024-06-03")
    nodes = list(walk(body["root"]))
    assert body["root"]["kind"] == "kepala_daerah" and body["root"]["line"] is None
    assert len(nodes) == Unit.objects.filter(region__code=code).count()
    for node in nodes:
        assert set(node) >= {"id", "name", "kind", "line", "category", "children"}
        assert node["line"] in {None, "komando", "koordinasi"}


def test_portfolios_show_a_unit_placed_under_two_asisten_under_both(client, five_regions, db):
    _response, body = get(client, "/api/v1/regions/13.12/portfolios/")
    holders = [
        assistant["name"]
        for assistant in body["assistants"]
        if any("pelayanan terpadu satu pintu" in unit["name"] for unit in assistant["units"])
    ]
    assert holders == ["Asisten Perekonomian dan pembangunan", "Asisten Administrasi Umum"]
    second = body["assistants"][2]["units"]
    assert "pelayanan terpadu satu pintu" in second[7]["name"]  # angka 8, in the text's order
    assert second[7]["citation"] == "Pasal 12 huruf c angka 8"
    for assistant in body["assistants"]:
        assert set(assistant) >= {"id", "name", "affairs", "staf_ahli", "units"}
        for unit in assistant["units"]:
            assert set(unit) >= {"id", "name", "kind", "category", "vertical"}


def test_portfolios_carry_categories_staf_ahli_and_vertical_agencies(client, five_regions, db):
    _response, kukar = get(client, "/api/v1/regions/64.02/portfolios/")
    categories = {unit["category"] for a in kukar["assistants"] for unit in a["units"]}
    assert categories == {
        "administrasi",
        "operasional",
        "teknis",
        "dekonsentrasi",
        "unsur_pelayanan_lainnya",
    }
    polres = next(
        u for a in kukar["assistants"] for u in a["units"] if u["name"].startswith("Polres")
    )
    assert polres["vertical"] is True
    _response, bengkulu = get(client, "/api/v1/regions/17.71/portfolios/")
    assert all(assistant["staf_ahli"] for assistant in bengkulu["assistants"])
    _response, bukittinggi = get(client, "/api/v1/regions/13.75/portfolios/")
    assert "1.02" in bukittinggi["assistants"][0]["affairs"]  # kesehatan, Pasal 11 huruf a


def test_units_filter_by_kind_coordinator_affair_and_words(client, five_regions, db):
    _response, body = get(client, "/api/v1/regions/13.75/units/?kind=dinas&q=DINAS%20%20Kesehatan!")
    assert [unit["name"] for unit in body] == ["Dinas kesehatan"]
    unit = body[0]
    assert unit["parent"] == Unit.objects.get(pk=unit["id"]).parent_id
    _response, body = get(
        client, "/api/v1/regions/13.12/units/?coordinator=asisten-administrasi-umum"
    )
    assert any("pelayanan terpadu satu pintu" in u["name"] for u in body)
    _response, body = get(client, "/api/v1/regions/64.02/units/?affair=1.02")
    assert "Dinas Kesehatan" in [u["name"] for u in body]


def test_unit_detail_gives_ancestors_coordinators_head_affairs_and_source(client, five_regions, db):
    kesehatan = Unit.objects.get(region__code="13.75", name="Dinas kesehatan")
    response, body = get(client, f"/api/v1/units/{kesehatan.pk}/")
    assert response.status_code == 200
    assert [a["kind"] for a in body["ancestors"]] == ["kepala_daerah", "setda", "asisten"]
    assert [c["name"] for c in body["coordinators"]] == [
        "Asisten pemerintahan dan kesejahteraan rakyat"
    ]
    assert body["source"]["citation"] == "Pasal 12 huruf a angka 4"
    assert body["source"]["full_citation"] == "Perwal Bukittinggi 4/2017 Pasal 12 huruf a angka 4"
    assert body["head"] is None


def test_unit_detail_names_an_acting_head_only_where_the_structure_is_held(
    client, five_regions, db
):
    """The Plt. Bupati signed Perbup Kutai Kartanegara 4/2018 on 12 February 2018, a day when
    Perbup 100/2012 was still in force: the portal holds no structure for that day, so the
    unit answers as every endpoint does. Had his appointment run a day longer, into the first
    day of 4/2018, the Bupati's detail names him with his Plt. title."""
    bupati = Unit.objects.get(region__code="64.02", parent__isnull=True)
    response, body = get(client, f"/api/v1/units/{bupati.pk}/?as_of=2018-02-12")
    assert response.status_code == 400 and body["code"] == "structure_not_held"
    assert "Perbup Kutai Kartanegara 100/2012" in body["detail"]
    Appointment.objects.filter(official__name="EDI DAMANSYAH").update(
        end=datetime.date(2018, 2, 13)
    )
    _response, body = get(client, f"/api/v1/units/{bupati.pk}/?as_of=2018-02-13")
    assert body["head"]["name"] == "EDI DAMANSYAH"
    assert body["head"]["kind"] == "plt" and body["head"]["title"].startswith("Plt. ")
    _response, body = get(client, f"/api/v1/units/{bupati.pk}/?as_of=2024-01-01")
    assert body["head"] is None


def test_no_public_response_contains_a_nip(client, five_regions, db):
    """Perbup Kutai Kartanegara prints its certifier's NIP; it holds his birth date."""
    hukum = Unit.objects.get(region__code="64.02", name="Bagian Hukum")
    regulation_id = five_regions["64.02"].regulation.pk
    urls = [
        "/api/v1/regions/64.02/popolo/",
        f"/api/v1/units/{hukum.pk}/?as_of=2018-02-13",
        f"/api/v1/regulations/{regulation_id}/",
        f"/regulations/{regulation_id}/",
        f"/units/{hukum.pk}/?as_of=2018-02-13",
    ]
    for url in urls:
        text = client.get(url).content.decode()
        assert "PURNOMO" in text or "Bagian Hukum" in text, url
        for nip in ("197806052002121002", "19780605 200212 1 002", "19780605200212"):
            assert nip not in text, url


def test_regulations_give_the_provision_tree_and_resolve_a_citation(client, five_regions, db):
    _response, listing = get(client, "/api/v1/regulations/?region=13.75")
    assert [r["citation"] for r in listing] == [
        "Perwal Bukittinggi 4/2017",
        "Perwal Bukittinggi 65/2014",
    ]
    assert listing[1]["revoked_by"][0]["by"] == "Pasal 17"
    regulation_id = listing[0]["id"]
    _response, detail = get(client, f"/api/v1/regulations/{regulation_id}/")
    assert detail["provisions"][0]["kind"] == "bab"
    response, cited = get(client, f"/api/v1/regulations/{regulation_id}/?cite=Pasal 9 huruf f")
    assert response.status_code == 200
    assert cited["source"] == "Perwal Bukittinggi 4/2017 Pasal 9 huruf f"
    assert cited["provision"]["text"].startswith("Dalam pelaksanaan rapat koordinasi")
    response, body = get(client, f"/api/v1/regulations/{regulation_id}/?cite=Pasal 28")
    assert response.status_code == 404 and "does not exist" in body["detail"]
    response, body = get(client, f"/api/v1/regulations/{regulation_id}/?cite=Pasal sembilan")
    assert response.status_code == 400


def test_affairs_and_who_coordinates_them_in_each_region(client, five_regions, db):
    _response, affairs = get(client, "/api/v1/affairs/")
    assert {"code": "1.02", "name": "Kesehatan"}.items() <= next(
        a for a in affairs if a["code"] == "1.02"
    ).items()
    _response, body = get(client, "/api/v1/affairs/1.02/coordinators/")
    regions = {entry["region"]: entry for entry in body["regions"]}
    assert set(regions) == set(CODES)
    bukittinggi = regions["13.75"]["assistants"][0]
    assert bukittinggi["name"] == "Asisten pemerintahan dan kesejahteraan rakyat"
    assert bukittinggi["bidang"] and bukittinggi["units"]


def _popolo_validator(name: str) -> jsonschema.Draft3Validator:
    """Popolo's draft-03 schemas, their $refs resolved from the copies in tests/standards."""
    base = "http://www.popoloproject.com/schemas/"
    schemas = {
        f"{base}{path.stem}.json#": json.loads(path.read_text()) for path in POPOLO.glob("*.json")
    }
    for missing in ("motion", "vote_event", "count", "vote", "speech", "event"):
        schemas.setdefault(f"{base}{missing}.json#", {})
    registry = Registry().with_resources(
        (uri, Resource(contents=schema, specification=DRAFT3)) for uri, schema in schemas.items()
    )
    return jsonschema.Draft3Validator(schemas[f"{base}{name}.json#"], registry=registry)


@pytest.mark.parametrize("code", CODES)
def test_popolo_export_validates_against_the_popolo_schemas(client, five_regions, db, code):
    assert list(_popolo_validator("organization").iter_errors({"founding_date": "31/12/2020"}))
    _response, body = get(client, f"/api/v1/regions/{code}/popolo/")
    assert len(body["organizations"]) == Unit.objects.filter(region__code=code).count() + 1
    for collection, schema in (
        ("organizations", "organization"),
        ("posts", "post"),
        ("persons", "person"),
        ("memberships", "membership"),
    ):
        validator = _popolo_validator(schema)
        for item in body[collection]:
            errors = [error.message for error in validator.iter_errors(item)]
            assert errors == [], (collection, item)
    ids = {o["id"] for o in body["organizations"]}
    assert all(o.get("parent_id") in ids for o in body["organizations"][1:])


def test_etag_revalidation_answers_304_without_running_the_view(
    client, five_regions, db, django_assert_num_queries
):
    url = "/api/v1/regions/13.75/tree/?as_of=2024-06-03"
    first = client.get(url)
    etag = first.headers["ETag"]
    with django_assert_num_queries(1):  # the structure version, nothing else
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    kesehatan = Unit.objects.get(region__code="13.75", name="Dinas kesehatan")
    services.update_unit(unit=kesehatan, acronym="Dinkes")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    for path in ("portfolios", "units"):
        assert client.get(f"/api/v1/regions/13.75/{path}/").headers.get("ETag")
    assert client.get(f"/api/v1/units/{kesehatan.pk}/").headers.get("ETag")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("/api/v1/regions/99.99/tree/", "Unknown region code “99.99”"),
        ("/api/v1/regions/bukittinggi/portfolios/", "Unknown region code"),
        ("/api/v1/regions/13.75/tree/?as_of=2024-13-01", "YYYY-MM-DD"),
        ("/api/v1/regions/13.75/tree/?as_of=yesterday", "YYYY-MM-DD"),
        ("/api/v1/regions/13.75/tree/?as_of=2010-01-01", "before the first regulation"),
        ("/api/v1/regions/13.75/portfolios/?as_of=1999-01-01", "before the first regulation"),
        ("/api/v1/regions/13.75/tree/?as_of=2016-06-01", "holds no structure"),
        ("/api/v1/regions/13.75/units/?kind=kementerian", "Unknown kind"),
        ("/api/v1/regions/13.75/units/?affair=9.99", "Unknown urusan code"),
        ("/api/v1/regions/13.75/units/?coordinator=dinas-kesehatan", "coordinator must be"),
        ("/api/v1/regulations/?region=00.00", "Unknown region code"),
        ("/api/v1/affairs/1.02/coordinators/?as_of=2024/01/01", "YYYY-MM-DD"),
    ],
)
def test_bad_input_gets_a_400_that_says_why(client, five_regions, db, url, fragment):
    response, body = get(client, url)
    assert response.status_code == 400, body
    assert fragment in body["detail"]


def test_errors_are_in_bahasa_indonesia_unless_english_is_asked_for(client, five_regions, db):
    body = json.loads(client.get("/api/v1/regions/13.75/tree/?as_of=kemarin").content)
    assert body["detail"].startswith("as_of harus")


def test_the_openapi_schema_validates(db):
    out = io.StringIO()
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", stdout=out
    )
    schema = json.loads(out.getvalue())
    for path in (
        "/api/v1/regions/{code}/tree/",
        "/api/v1/regions/{code}/portfolios/",
        "/api/v1/units/{id}/",
        "/api/v1/regions/{code}/popolo/",
    ):
        assert path in schema["paths"], path


def test_as_of_defaults_to_today_in_the_regions_time_zone(client, five_regions, db):
    _response, body = get(client, "/api/v1/regions/64.02/tree/")
    assert datetime.date.fromisoformat(body["as_of"]) >= datetime.date(2026, 1, 1)
