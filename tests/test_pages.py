"""The front page, health and readiness checks, login, API docs and language switch."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from config import celery_app, health
from regulations.models import Regulation
from tests.factories import RegionFactory, RegulationFactory, UnitFactory


@pytest.fixture
def three_regions(db):
    for code, name in (("13.75", "Bukittinggi"), ("17.71", "Bengkulu"), ("32.79", "Banjar")):
        region = RegionFactory(code=code, name=name)
        RegulationFactory(region=region, number="4", year=2017, title=f"KOORDINASI {name.upper()}")
        root = UnitFactory(region=region, name=f"Walikota {name}")
        UnitFactory(region=region, parent=root, name="Sekretaris Daerah", kind="setda")


def test_home_lists_regions_with_their_regulation_in_a_constant_number_of_queries(
    client, three_regions, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Perwal Bengkulu 4/2017" in body
    assert "KOORDINASI BANJAR" in body
    RegionFactory(code="13.12", name="Pasaman Barat", kind="kabupaten", head_title="Bupati")
    with django_assert_max_num_queries(4):
        assert client.get(reverse("home")).status_code == 200


def test_home_is_in_bahasa_indonesia_first_and_english_on_request(client, db):
    with translation.override("id"):
        body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Portal Koordinasi Pemerintah Daerah" in body
    assert 'lang="id"' in body
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get(reverse("home")).content.decode()
    assert "Regional Government Coordination Portal" in body
    assert 'lang="en"' in body


def test_health_check_reports_each_dependency_with_its_own_status(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "storage"}
    assert {check["status"] for check in body["checks"].values()} == {"ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_check_names_the_dependency_that_is_down(client, db, monkeypatch):
    # Celery reads CELERY_BROKER_URL before its own setting (CI sets it): point both away. The
    # setting first, while it still reads the real broker, so that undoing it restores that
    # one (the other order left later tests of the worker on this dead broker).
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["status"] == "error"
    assert "broker unreachable" in body["checks"]["broker"]["error"]
    assert body["checks"]["database"]["status"] == "ok"


def test_readiness_needs_every_migration_applied(client, db, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    latest = max(n for n in MigrationLoader(connection).graph.leaf_nodes() if n[0] == "orgchart")
    MigrationRecorder(connection).record_unapplied(*latest)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json() == {"status": "migrating", "pending_migrations": 1}
    MigrationRecorder(connection).record_applied(*latest)
    assert client.get(reverse("readyz")).json() == {"status": "ok"}
    # Once migrated, a probe costs one query.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("readyz")).status_code == 200
    assert len(queries) == 1


def test_login_page_and_admin_login_render(client, db):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("admin:login")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_api_schema_and_docs_work_offline(client, db):
    assert client.get(reverse("api-schema")).status_code == 200
    docs = client.get(reverse("api-docs")).content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in docs
    assert "cdn" not in docs.lower()


def test_pages_load_no_asset_from_another_host(client, db):
    body = client.get(reverse("home")).content.decode()
    assert "http://" not in body.replace("http://testserver", "")
    assert "https://" not in body


def test_static_files_are_served_by_whitenoise(settings):
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE


def test_regulation_in_force_ignores_drafts(db):
    region = RegionFactory(code="13.75", name="Bukittinggi")
    RegulationFactory(region=region, status=Regulation.Status.DRAFT)
    assert region.regulation_in_force(__import__("datetime").date(2024, 1, 1)) is None
