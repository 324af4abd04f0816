"""No request, however malformed, gets a 5xx: every bad parameter of the API and of the pages
is a 400 (or a page) that says why, a path the API does not know is a JSON 404, and the OpenAPI
schema describes what the endpoints answer (issue 12, "Never a 5xx")."""

from __future__ import annotations

import base64
import datetime
import json

import jsonschema
import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient

from apitools import errors
from coordination.core import days_off
from coordination.follow_ups.tests.helpers import held_meeting

NUL = "%00"
PUBLIC_REGION_PATHS = [
    "/api/v1/regions/{code}/",
    "/api/v1/regions/{code}/tree/",
    "/api/v1/regions/{code}/portfolios/",
    "/api/v1/regions/{code}/units/",
    "/api/v1/regions/{code}/popolo/",
    "/api/v1/regions/{code}/lampiran/I.svg",
]
COORDINATION_LISTS = [
    "/api/v1/meetings/",
    "/api/v1/follow-ups/",
    "/api/v1/urgent-decisions/",
    "/api/v1/takeovers/",
    "/api/v1/days-off/",
    "/api/v1/coordination/dashboard/",
    "/api/v1/report-obligations/",
    "/api/v1/report-periods/",
    "/api/v1/reports/",
    "/api/v1/compliance/",
]


def client_for(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def refused(response, *words: str) -> str:
    """The 400's message, after checking that it is a JSON 400 naming each of ``words``."""
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    detail = str(response.json())
    for word in words:
        assert word in detail, detail
    return detail


# --- A NUL byte (PostgreSQL refuses it in a string) ---------------------------------------


@pytest.mark.parametrize("path", PUBLIC_REGION_PATHS)
def test_a_nul_byte_in_a_region_code_is_a_400_on_every_public_endpoint(tree, path):
    response = client_for().get(path.format(code=NUL))
    refused(response, "control character")


@pytest.mark.parametrize("path", [*COORDINATION_LISTS, "/api/v1/regulations/"])
def test_a_nul_byte_in_the_region_parameter_is_a_400_on_every_list(personas, path):
    response = client_for(personas.superadmin).get(path, {"region": "13.75\x00"})
    refused(response, "region", "control character")


@pytest.mark.parametrize("name", ["q", "coordinator", "affair", "kind"])
def test_a_nul_byte_in_a_unit_filter_is_a_400(tree, name):
    response = client_for().get("/api/v1/regions/13.75/units/", {name: "a\x00b"})
    refused(response, name, "control character")


def test_a_nul_byte_in_an_urusan_code_or_a_citation_is_a_400(tree, regulation):
    refused(client_for().get(f"/api/v1/affairs/{NUL}/coordinators/"), "control character")
    response = client_for().get(f"/api/v1/regulations/{regulation.pk}/", {"cite": "Pasal\x001"})
    refused(response, "cite", "control character")


def test_a_nul_byte_in_a_filter_value_is_a_400(personas):
    staff = client_for(personas.setda_staff)
    refused(staff.get("/api/v1/meetings/", {"status": "\x00"}), "status", "control character")
    refused(staff.get("/api/v1/takeovers/", {"active": "\x00"}), "active", "control character")


def test_a_nul_byte_in_a_region_code_in_the_body_is_a_field_error(personas):
    response = client_for(personas.superadmin).post(
        "/api/v1/days-off/",
        {"region": "13.75\x00", "date": "2024-08-17", "name": "Hari Jadi"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "Unknown region code" in " ".join(response.json()["region"])


@pytest.mark.postgres_only
def test_a_nul_byte_in_basic_auth_credentials_is_a_401_not_a_server_error(personas):
    credentials = base64.b64encode(b"ali\x00ce:secret").decode()
    response = APIClient().get("/api/v1/meetings/", HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 401, response.content


@pytest.mark.postgres_only
def test_a_nul_byte_in_an_api_token_is_a_401_not_a_server_error(personas):
    response = APIClient().get("/api/v1/meetings/", HTTP_AUTHORIZATION="Token abc\x00def")
    assert response.status_code == 401, response.content


# --- Years, dates and ids -------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0", "99999999999999999999", "²", "-1", "20 24"])
def test_a_year_outside_the_calendar_is_a_400_on_the_days_off(personas, year):
    response = client_for(personas.setda_staff).get("/api/v1/days-off/", {"year": year})
    refused(response, "year must be a year from 1900 to 2999")


def test_a_year_in_range_still_lists_the_days_off(personas):
    response = client_for(personas.setda_staff).get("/api/v1/days-off/", {"year": "2024"})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize("path", ["/api/v1/meetings/", "/api/v1/report-periods/"])
def test_a_date_past_the_calendar_is_a_400_on_the_lists(personas, path, name):
    response = client_for(personas.setda_staff).get(path, {name: "9999-12-31"})
    refused(response, name, "from 1900-01-01 to 2999-12-31")


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2024-13-01", "20240603", "\x00"])
def test_a_bad_as_of_is_a_400_on_the_tree(tree, value):
    response = client_for().get("/api/v1/regions/13.75/tree/", {"as_of": value})
    refused(response, "as_of")


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "1e3", "-4"])
def test_an_id_that_is_not_plain_digits_is_a_400(personas, value):
    response = client_for(personas.setda_staff).get("/api/v1/follow-ups/", {"unit": value})
    refused(response, "unit must be a numeric id")


def test_a_coordinator_in_other_digits_is_a_400_not_a_server_error(tree):
    response = client_for().get("/api/v1/regions/13.75/units/", {"coordinator": "²"})
    refused(response, "coordinator")


def test_a_huge_id_in_a_path_is_a_json_404(personas):
    response = client_for(personas.setda_staff).get("/api/v1/meetings/99999999999999999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_long_search_is_a_400(tree):
    response = client_for().get("/api/v1/regions/13.75/units/", {"q": "dinas " * 100})
    refused(response, "q is too long")


# --- Paths the API does not know --------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/meetings/abc/",
        "/api/v1/units/abc/",
        "/api/v1/regulations/null,null/",
        "/api/v1/days-off/%C2%84/",
        "/api/v1/no-such-thing/",
        "/api/nothing",
    ],
)
def test_a_path_the_api_does_not_know_is_a_json_404(personas, path):
    response = client_for(personas.setda_staff).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "No API endpoint or object at" in response.json()["detail"]


@pytest.mark.parametrize(
    ("handler", "code"),
    [
        (lambda request: errors.bad_request(request, ValueError()), 400),
        (lambda request: errors.permission_denied(request, PermissionError()), 403),
        (errors.server_error, 500),
    ],
)
def test_the_other_error_handlers_answer_json_under_the_api(db, handler, code):
    api = handler(RequestFactory().get("/api/v1/meetings/"))
    assert api.status_code == code
    assert json.loads(api.content)["detail"]
    page = handler(RequestFactory().get("/koordinasi/"))
    assert page.status_code == code
    assert page["Content-Type"].startswith("text/html")


def test_a_page_that_does_not_exist_is_still_an_html_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


# --- Pages ----------------------------------------------------------------------------------


def test_the_region_page_with_a_nul_byte_is_a_404(client, tree):
    assert client.get(f"/regions/{NUL}/").status_code == 404


@pytest.mark.parametrize("value", ["junk", "9999-12-31", "\x00"])
def test_the_region_page_shows_a_bad_as_of_where_the_reader_sees_it(client, tree, value):
    response = client.get("/regions/13.75/", {"as_of": value}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "as_of must be a date" in response.content.decode()


def test_the_search_page_shows_a_nul_byte_in_the_words_as_an_error(client, tree):
    response = client.get("/search/", {"q": "tindak\x00lanjut"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "control character" in response.content.decode()


def test_the_search_page_shows_a_nul_byte_in_the_region_as_an_error(client, tree):
    response = client.get("/search/", {"q": "rapat", "region": "\x00"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "control character" in response.content.decode()


def test_a_superadmin_page_with_a_nul_byte_region_shows_the_first_region(client, personas):
    client.force_login(personas.superadmin)
    response = client.get("/koordinasi/tindak-lanjut/", {"region": "\x00"})
    assert response.status_code == 200


# --- The schema says what the endpoints answer ------------------------------------------------


@pytest.fixture
def schema(db, client) -> dict:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def _response_schema(schema: dict, path: str, code: str = "200") -> dict:
    answer = schema["paths"][path]["get"]["responses"][code]["content"]["application/json"]
    return answer["schema"]


def test_the_schema_says_the_dashboard_and_the_compliance_table_are_objects(schema):
    for path in ["/api/v1/coordination/dashboard/", "/api/v1/compliance/"]:
        assert "$ref" in _response_schema(schema, path), path  # one object, not an array


def test_the_schema_says_a_field_error_is_a_map_of_field_names(schema):
    refusal = schema["paths"]["/api/v1/meetings/"]["post"]["responses"]["400"]
    body = refusal["content"]["application/json"]["schema"]
    assert body["type"] == "object"
    assert "additionalProperties" in body
    assert "field" not in body.get("properties", {})
    assert not body.get("required")


def test_the_schema_declares_the_json_404_and_429(schema):
    for path in ["/api/v1/regulations/{id}/", "/api/v1/regions/{code}/tree/"]:
        responses = schema["paths"][path]["get"]["responses"]
        assert {"404", "429"} <= set(responses), path
    assert "400" in schema["paths"]["/api/v1/regulations/"]["get"]["responses"]


def _json_schema(node):
    """OpenAPI 3.0's ``nullable`` as JSON Schema's null type, so jsonschema can check it;
    oneOf as anyOf, since the formats that keep its branches apart (uri) go unchecked."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {("anyOf" if key == "oneOf" else key): _json_schema(v) for key, v in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def test_the_workflows_answers_match_the_schema_field_by_field(world, client):
    """Real rows (a held meeting with minutes, its follow-up, a day off, the dashboard, the
    compliance table, the report obligations): every answer, null fields included, is what
    the schema says."""
    side = world.bkt
    meeting, follow_ups = held_meeting(side)
    staff = side.users["secretariat_staff"]
    days_off.add_day_off(side.region, datetime.date(2026, 12, 22), "Hari Jadi", staff)
    raw = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    components = _json_schema(raw["components"])
    api = client_for(side.users["sekda"])
    checked = []
    for template, path in [
        ("/api/v1/meetings/", "/api/v1/meetings/"),
        ("/api/v1/meetings/{id}/", f"/api/v1/meetings/{meeting.pk}/"),
        ("/api/v1/follow-ups/", "/api/v1/follow-ups/"),
        ("/api/v1/follow-ups/{id}/", f"/api/v1/follow-ups/{follow_ups[0].pk}/"),
        ("/api/v1/days-off/", "/api/v1/days-off/"),
        ("/api/v1/coordination/dashboard/", "/api/v1/coordination/dashboard/"),
        ("/api/v1/compliance/", "/api/v1/compliance/"),
        ("/api/v1/compliance/gaps/", "/api/v1/compliance/gaps/"),
        ("/api/v1/report-obligations/", "/api/v1/report-obligations/"),
        ("/api/v1/report-periods/", "/api/v1/report-periods/"),
        ("/api/v1/reports/", "/api/v1/reports/"),
        ("/api/v1/regions/{code}/", "/api/v1/regions/13.75/"),
        ("/api/v1/regulations/", "/api/v1/regulations/?region=13.75"),
    ]:
        response = api.get(path)
        assert response.status_code == 200, (path, response.content)
        body = _json_schema(raw["paths"][template]["get"]["responses"]["200"])
        schema = {**body["content"]["application/json"]["schema"], "components": components}
        errors = [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for found in jsonschema.Draft4Validator(schema).iter_errors(response.json())
            for error in (found.context or [found])  # inside anyOf: each branch's reason
        ]
        assert not errors, "\n".join([path, *errors])
        checked.append(path)
    assert len(checked) == 13
