"""Production settings: ``check --deploy`` is clean with ``DJANGO_DEBUG=0`` and a strong key,
weak or missing keys are refused, and docker-compose.yml will not start without a key."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from config import preflight

BASE_DIR = Path(__file__).resolve().parent.parent
# Switches a developer's shell may carry; each test states the environment it means.
PORTAL_SWITCHES = (
    "DJANGO_SECRET_KEY",
    "DJANGO_DEBUG",
    "DJANGO_SECURE_COOKIES",
    "DJANGO_SSL_REDIRECT",
    "DJANGO_HSTS_SECONDS",
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS",
    "DJANGO_HSTS_PRELOAD",
    "DJANGO_BEHIND_TLS_PROXY",
    "LOG_FORMAT",
)


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in PORTAL_SWITCHES}
    environ |= {"PORTAL_VAR_DIR": str(tmp_path), "DJANGO_ALLOWED_HOSTS": "portal.example.go.id"}
    environ |= env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production_with_a_strong_key(tmp_path):
    strong = secrets.token_urlsafe(64)
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=strong,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_turn_on_https_hsts_and_secure_cookies(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER, s.LOG_JSON)"
    )
    key = secrets.token_urlsafe(64)
    direct = manage(
        tmp_path, "shell", "--no-imports", "-c", code, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key
    )
    assert direct.stdout.split() == ["True", "31536000", "True", "True", "True", "None", "True"], (
        direct.stdout + direct.stderr
    )
    proxied = manage(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=key,
        DJANGO_BEHIND_TLS_PROXY="1",
    )
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in proxied.stdout, proxied.stderr


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("change-me-in-production", "published example key"),
        ("insecure-development-key-never-use-in-production", "published example key"),
        # Fixed keys, not random ones: pytest-xdist's workers must collect the same test ids.
        ("django-insecure-" + "k3Y9qP2xW7mZ" * 5, "starts with 'django-insecure-'"),
        ("Q7wE2rT9yU4iO1pA6sD3fG8hJ5kL0zX", "shorter than 50 characters"),
        ("ab" * 40, "fewer than 5 different characters"),
    ],
)
def test_a_weak_key_is_refused_when_debug_is_off(tmp_path, key, reason):
    result = manage(tmp_path, "check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak for DJANGO_DEBUG=0" in result.stderr
    assert reason in result.stderr


def test_a_missing_key_is_refused_when_debug_is_off(tmp_path):
    result = manage(tmp_path, "check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off." in result.stderr


def test_development_needs_no_key(tmp_path):
    result = manage(tmp_path, "check")
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is missing")
def test_compose_refuses_to_start_without_a_secret_key(tmp_path):
    environ = {k: v for k, v in os.environ.items() if k not in PORTAL_SWITCHES}
    compose = ["docker-compose", "-f", str(BASE_DIR / "docker-compose.yml"), "config", "-q"]
    without = subprocess.run(compose, env=environ, capture_output=True, text=True, timeout=60)
    assert without.returncode != 0
    assert "set DJANGO_SECRET_KEY" in without.stderr
    environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(64)
    with_key = subprocess.run(compose, env=environ, capture_output=True, text=True, timeout=60)
    assert with_key.returncode == 0, with_key.stderr


def test_preflight_names_each_missing_library_and_the_apt_get_line():
    found = {"pango-1.0": "libpango-1.0.so.0", "gobject-2.0": "libgobject-2.0.so.0"}
    missing = preflight.missing_packages(find=found.get)
    assert missing == ["libpangoft2-1.0-0", "libharfbuzz0b", "libfontconfig1"]
    text = preflight.explanation(missing)
    assert "belum terpasang" in text and "are missing" in text
    assert "sudo apt-get install libpangoft2-1.0-0 libharfbuzz0b libfontconfig1" in text


def test_preflight_passes_where_pango_is_installed(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "config.preflight"], cwd=BASE_DIR, capture_output=True, text=True
    )
    assert preflight.missing_packages() == []
    assert result.returncode == 0, result.stderr
