"""The embedded default needs no server; the environment switches to PostgreSQL and Redis."""

from __future__ import annotations

import importlib

from config.celery import broker_settings


def test_without_a_broker_url_celery_uses_the_filesystem(tmp_path):
    conf = broker_settings({"PORTAL_VAR_DIR": str(tmp_path)})
    assert conf["broker_url"] == "filesystem://"
    options = conf["broker_transport_options"]
    assert options["data_folder_in"] == options["data_folder_out"]
    assert (tmp_path / "celery" / "queue").is_dir()
    assert conf["result_backend"].startswith("file://")


def test_a_broker_url_switches_celery_to_redis():
    conf = broker_settings({"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"})
    assert conf["broker_url"] == conf["result_backend"] == "redis://127.0.0.1:6379/0"


def test_without_database_url_the_database_is_sqlite_with_immediate_transactions(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings_module = importlib.import_module("config.settings")
    config = settings_module.database_config()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5


def test_database_url_switches_to_postgresql_with_psycopg(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://portal@db:5432/portal")
    config = importlib.import_module("config.settings").database_config()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"]) == ("db", "portal")
    import psycopg  # noqa: F401  psycopg 3 is the driver Django picks for this engine
