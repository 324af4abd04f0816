"""One answer for every date: on a day when only a revoked regulation was in force (its
structure not held), every endpoint and page that takes ``as_of`` refuses in the same words,
naming that regulation; a day before the first regulation names the earliest one held; the
revoked regulations keep the dates the revoking texts give and say "unknown" for the rest."""

from __future__ import annotations

import datetime
import json

import pytest
import yaml
from django.core.management import call_command

from orgchart.models import Unit
from orgchart.packs.export import export_pack
from orgchart.packs.loader import load_pack, read_pack
from regulations.models import Regulation

# Perwal Bukittinggi 4/2017 Pasal 17 revokes Perwal 65/2014 when it takes effect (Pasal 18: on
# promulgation, 28 February 2017); Perbup Kutai Kartanegara 4/2018 Pasal 15 ayat (1) revokes
# Perbup 100/2012 when it takes effect (Pasal 16: on promulgation, 13 February 2018).
REVOKED = {
    "13.75": {
        "day": "2016-06-01",
        "region": "Kota Bukittinggi",
        "citation": "Perwal Bukittinggi 65/2014",
        "number": "65",
        "year": 2014,
        "title": "Mekanisme Koordinasi Kerja Pemerintah Kota Bukittingi",
        "valid_until": "2017-02-27",
        "revoked_by": "Perwal Bukittinggi 4/2017 Pasal 17",
    },
    "64.02": {
        "day": "2018-02-12",  # its last day in force
        "region": "Kabupaten Kutai Kartanegara",
        "citation": "Perbup Kutai Kartanegara 100/2012",
        "number": "100",
        "year": 2012,
        "title": "Hubungan Kerja dan Koordinasi Pemerintah Kabupaten Kutai Kartanegara",
        "valid_until": "2018-02-12",
        "revoked_by": "Perbup Kutai Kartanegara 4/2018 Pasal 15 ayat (1)",
    },
}
CODES = sorted(REVOKED)


def get(client, url: str):
    """Ask in English: the portal answers in the visitor's language, Indonesian by default."""
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


def revoked(code: str) -> Regulation:
    facts = REVOKED[code]
    return Regulation.objects.get(region__code=code, number=facts["number"], year=facts["year"])


def message(code: str) -> str:
    facts = REVOKED[code]
    return (
        f"{facts['citation']} was in force in {facts['region']} on {facts['day']}; "
        "the portal holds no structure from it for that date."
    )


def refusal(code: str) -> dict:
    """The one 400 body every endpoint gives for the day."""
    facts = REVOKED[code]
    return {
        "detail": message(code),
        "code": "structure_not_held",
        "region": code,
        "as_of": facts["day"],
        "regulation": {
            "id": revoked(code).pk,
            "citation": facts["citation"],
            "title": facts["title"],
            "number": facts["number"],
            "year": facts["year"],
            "status": "revoked",
            "valid_from": None,
            "valid_until": facts["valid_until"],
            "text_held": False,
        },
    }


def assert_refused(response, code: str) -> None:
    assert response.status_code == 400, response.content
    assert json.loads(response.content) == refusal(code)


def a_unit(code: str) -> Unit:
    return Unit.objects.get(region__code=code, parent__isnull=True)


@pytest.mark.parametrize("code", CODES)
def test_tree_refuses_a_day_of_the_revoked_regulation_naming_it(client, five_regions, db, code):
    assert_refused(get(client, f"/api/v1/regions/{code}/tree/?as_of={REVOKED[code]['day']}"), code)


@pytest.mark.parametrize("code", CODES)
def test_units_refuse_a_day_of_the_revoked_regulation_naming_it(client, five_regions, db, code):
    assert_refused(get(client, f"/api/v1/regions/{code}/units/?as_of={REVOKED[code]['day']}"), code)


@pytest.mark.parametrize("code", CODES)
def test_portfolios_refuse_a_day_of_the_revoked_regulation_naming_it(
    client, five_regions, db, code
):
    assert_refused(
        get(client, f"/api/v1/regions/{code}/portfolios/?as_of={REVOKED[code]['day']}"), code
    )


@pytest.mark.parametrize("code", CODES)
def test_popolo_refuses_a_day_of_the_revoked_regulation_naming_it(client, five_regions, db, code):
    assert_refused(
        get(client, f"/api/v1/regions/{code}/popolo/?as_of={REVOKED[code]['day']}"), code
    )


@pytest.mark.parametrize("code", CODES)
def test_unit_detail_refuses_a_day_of_the_revoked_regulation_naming_it(
    client, five_regions, db, code
):
    unit = a_unit(code)
    assert_refused(get(client, f"/api/v1/units/{unit.pk}/?as_of={REVOKED[code]['day']}"), code)


@pytest.mark.parametrize("name", ["I.svg", "table.pdf"])
@pytest.mark.parametrize("code", CODES)
def test_lampiran_file_refuses_a_day_of_the_revoked_regulation_naming_it(
    client, five_regions, db, code, name
):
    url = f"/api/v1/regions/{code}/lampiran/{name}?as_of={REVOKED[code]['day']}"
    assert_refused(get(client, url), code)


def test_affair_coordinators_name_each_region_that_cannot_answer_and_why(client, five_regions, db):
    """The answer spans regions, so it is a 200: a region that cannot answer carries the very
    body its own endpoints give, instead of silently missing from the list."""
    response = get(client, "/api/v1/affairs/1.02/coordinators/?as_of=2016-06-01")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["regions"] == []
    not_answered = {entry["region"]: entry for entry in body["not_answered"]}
    assert sorted(not_answered) == ["13.12", "13.75", "17.71", "32.79", "64.02"]
    assert not_answered["13.75"] == {**refusal("13.75")}
    kutai = not_answered["64.02"]
    assert (kutai["code"], kutai["regulation"]["citation"]) == (
        "structure_not_held",
        "Perbup Kutai Kartanegara 100/2012",
    )
    assert kutai["detail"] == (
        "Perbup Kutai Kartanegara 100/2012 was in force in Kabupaten Kutai Kartanegara on "
        "2016-06-01; the portal holds no structure from it for that date."
    )
    assert {code: entry["code"] for code, entry in not_answered.items()} == {
        "13.12": "before_first_regulation",
        "13.75": "structure_not_held",
        "17.71": "before_first_regulation",
        "32.79": "before_first_regulation",
        "64.02": "structure_not_held",
    }


def test_affair_coordinators_answer_for_the_regions_that_hold_a_structure(client, five_regions, db):
    body = json.loads(get(client, "/api/v1/affairs/1.02/coordinators/?as_of=2017-06-01").content)
    assert [entry["region"] for entry in body["regions"]] == ["13.12", "13.75"]
    assert [(e["region"], e["code"]) for e in body["not_answered"]] == [
        ("17.71", "before_first_regulation"),
        ("32.79", "before_first_regulation"),
        ("64.02", "structure_not_held"),
    ]
    response = get(client, "/api/v1/affairs/1.02/coordinators/?as_of=2024-06-03")
    assert json.loads(response.content)["not_answered"] == []


@pytest.mark.parametrize("code", CODES)
def test_region_page_shows_the_refusal_and_links_to_the_regulation(client, five_regions, db, code):
    response = get(client, f"/regions/{code}/?as_of={REVOKED[code]['day']}")
    assert response.status_code == 200
    body = response.content.decode()
    reader = f"/regulations/{revoked(code).pk}/"
    assert (
        f'<p class="error" role="alert">{message(code)}' in body
        and f"The portal does not hold the text of {REVOKED[code]['citation']}; "
        f'see <a href="{reader}">what it records of it</a>.'
        in body
    )
    assert "Portfolios of the Asisten" not in body and 'class="tree"' not in body


@pytest.mark.parametrize("code", CODES)
def test_unit_page_shows_the_refusal_instead_of_the_unit_on_that_day(
    client, five_regions, db, code
):
    unit = a_unit(code)
    response = get(client, f"/units/{unit.pk}/?as_of={REVOKED[code]['day']}")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<p class="error" role="alert">{message(code)}' in body
    assert f'see <a href="/regulations/{revoked(code).pk}/">what it records of it</a>' in body
    assert "Coordinated by" not in body and "Units under it" not in body


@pytest.mark.parametrize("code", CODES)
def test_lampiran_preview_shows_the_refusal_naming_the_regulation(client, five_regions, db, code):
    response = get(client, f"/regions/{code}/lampiran/I/?as_of={REVOKED[code]['day']}")
    assert response.status_code == 400
    assert message(code) in response.content.decode()


def test_a_day_before_the_first_regulation_names_the_earliest_held(client, five_regions, db):
    """Perwal Bukittinggi 65/2014 is held (as revoked), with no known start: the year it was
    made is all the revoking text gives."""
    response = get(client, "/api/v1/regions/13.75/portfolios/?as_of=2013-12-31")
    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["detail"] == (
        "2013-12-31 is before the first regulation the portal holds for Kota Bukittinggi: "
        "Perwal Bukittinggi 65/2014, made in 2014; the day it took effect is unknown."
    )
    assert (body["code"], body["regulation"]["citation"]) == (
        "before_first_regulation",
        "Perwal Bukittinggi 65/2014",
    )
    response = get(client, "/api/v1/regions/13.12/tree/?as_of=2017-05-22")
    assert json.loads(response.content)["detail"] == (
        "2017-05-22 is before the first regulation the portal holds for Kabupaten Pasaman Barat: "
        "Perbup Pasaman Barat 49/2017 takes effect on 2017-05-23."
    )
    response = get(client, "/api/v1/regions/13.75/tree/?as_of=2014-01-01")
    assert json.loads(response.content)["code"] == "structure_not_held"


def test_the_first_day_of_the_new_regulation_answers(client, five_regions, db):
    response = get(client, "/api/v1/regions/64.02/tree/?as_of=2018-02-13")
    assert response.status_code == 200
    assert json.loads(response.content)["root"]["kind"] == "kepala_daerah"


@pytest.mark.parametrize("code", CODES)
def test_revoked_regulations_keep_the_dates_the_revoking_text_gives_and_no_other(
    five_regions, db, code
):
    """Neither revoking text dates the revoked regulation's enactment or promulgation (Pasal 17
    of Perwal Bukittinggi 4/2017 and Pasal 15 ayat (1) of Perbup Kutai Kartanegara 4/2018 name
    it by number, year and title only, the Menimbang and Mengingat not at all); both give its
    last day in force: the day before the revoking regulation takes effect."""
    facts = REVOKED[code]
    until = datetime.date.fromisoformat(facts["valid_until"])
    assert revoked(code).known_dates() == {
        "enacted_on": {"date": None, "source": ""},
        "promulgated_on": {"date": None, "source": ""},
        "valid_from": {"date": None, "source": ""},
        "valid_until": {"date": until, "source": facts["revoked_by"]},
    }


@pytest.mark.parametrize("code", CODES)
def test_reader_page_of_a_revoked_regulation_says_which_dates_are_unknown(
    client, five_regions, db, code
):
    facts = REVOKED[code]
    until = datetime.date.fromisoformat(facts["valid_until"]).strftime("%-d %B %Y")
    response = get(client, f"/regulations/{revoked(code).pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    facts_shown = body[body.index('<dl class="facts">') : body.index("</dl>")]
    assert f"revoked · from unknown until {until}" in facts_shown, facts_shown
    assert "<dt>Enacted</dt><dd>unknown</dd>" in body
    assert "<dt>Promulgated</dt><dd>unknown</dd>" in body
    assert f"<dt>Last day in force</dt><dd>{until} ({facts['revoked_by']})</dd>" in body


def test_a_date_the_revoking_text_gives_is_loaded_with_its_provision(five_regions, db):
    data = read_pack(five_regions["13.75"].path)
    data["regulation"]["revokes"][0]["promulgated_on"] = "2014-12-31"
    load_pack(data)
    dates = revoked("13.75").known_dates()
    assert dates["promulgated_on"] == {
        "date": datetime.date(2014, 12, 31),
        "source": "Perwal Bukittinggi 4/2017 Pasal 17",
    }
    assert dates["enacted_on"] == {"date": None, "source": ""}
    pack = yaml.safe_load(export_pack(five_regions["13.75"].regulation))
    (exported,) = pack["regulation"]["revokes"]
    assert exported["promulgated_on"] == datetime.date(2014, 12, 31)  # written back
    assert "enacted_on" not in exported  # unknown stays unsaid
    del data["regulation"]["revokes"][0]["promulgated_on"]
    load_pack(data)  # leaving it out says nothing: the date stays
    assert revoked("13.75").promulgated_on == datetime.date(2014, 12, 31)


def test_regulations_api_gives_the_revoked_regulations_dates_unknown_as_null(
    client, five_regions, db
):
    regulation = revoked("13.75")
    body = json.loads(get(client, f"/api/v1/regulations/{regulation.pk}/").content)
    assert body["dates"] == {
        "enacted_on": {"date": None, "source": ""},
        "promulgated_on": {"date": None, "source": ""},
        "valid_from": {"date": None, "source": ""},
        "valid_until": {"date": "2017-02-27", "source": "Perwal Bukittinggi 4/2017 Pasal 17"},
    }


def test_the_openapi_schema_documents_the_refusal(db, tmp_path):
    out = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(out))
    schema = json.loads(out.read_text())
    refused = schema["components"]["schemas"]["AsOfError"]
    assert set(refused["properties"]) == {"detail", "code", "region", "as_of", "regulation"}
    assert refused["properties"]["code"]["$ref"].endswith("CodeEnum")
    for path in (
        "/api/v1/regions/{code}/tree/",
        "/api/v1/regions/{code}/units/",
        "/api/v1/regions/{code}/portfolios/",
        "/api/v1/regions/{code}/popolo/",
        "/api/v1/units/{id}/",
        "/api/v1/regions/{code}/lampiran/{name}",
    ):
        response = schema["paths"][path]["get"]["responses"]["400"]
        assert response["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/AsOfError"
        }, path
