"""The Content-Security-Policy on every kind of page, the redirect to HTTPS and its exemptions,
and the JSON log lines, one per request and one per task (fields present, secrets absent)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from config import celery_app
from config.logging import PortalJsonFormatter, RedactSecrets
from tests.browser import chromium, new_page, page_problems

BASE_DIR = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [
    BASE_DIR / "templates",
    *BASE_DIR.glob("coordination/*/templates"),
    BASE_DIR / "orgchart",
    BASE_DIR / "regulations",
]
# Rendered by WeasyPrint into PDFs, never served to a browser: their styles may stay inline.
PDF_TEMPLATES = ("_pdf.html", "_pdf_style.html", "lampiran_pdf.html")


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def public_pages(tree, regulation) -> list[str]:
    return [
        reverse("home"),
        reverse("regions"),
        reverse("region", args=[tree.root.region.code]),
        reverse("unit", args=[tree.kesehatan.pk]),
        reverse("regulation-reader", args=[regulation.pk]),
        reverse("search") + "?q=sekretaris",
        reverse("lampiran-preview", args=[tree.root.region.code, "I"]),
        reverse("login"),
        reverse("admin:login"),
        reverse("api-schema"),
        "/api/v1/regions/",
        "/halaman-yang-tidak-ada/",
    ]


SIGNED_IN_PAGES = {
    "sekda": [
        "home",
        "coordination:meetings",
        "coordination:follow-ups",
        "coordination:inbox",
        "coordination:reports",
        "coordination:compliance",
        "coordination:dashboard",
    ],
    "setda_staff": ["coordination:meeting-new"],
}


def assert_strict_policy(response, where: str) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{where} ({response.status_code}) has no Content-Security-Policy"
    policy = directives(header)
    assert policy["script-src"] == ["'self'"], f"{where}: script-src {policy['script-src']}"
    assert "'unsafe-eval'" not in header, where
    assert policy["object-src"] == ["'none'"], where
    assert policy["frame-ancestors"] == ["'none'"], where
    return policy


def test_every_public_page_has_a_policy_without_inline_scripts_or_styles(client, tree, regulation):
    for path in public_pages(tree, regulation):
        response = client.get(path)
        assert response.status_code in {200, 404}, f"{path}: {response.status_code}"
        policy = assert_strict_policy(response, path)
        assert policy["style-src"] == ["'self'"], f"{path}: style-src {policy['style-src']}"


def test_every_signed_in_page_has_the_same_strict_policy(client, personas):
    for persona, names in SIGNED_IN_PAGES.items():
        client.force_login(getattr(personas, persona))
        for name in names:
            response = client.get(reverse(name))
            assert response.status_code == 200, f"{name}: {response.status_code}"
            policy = assert_strict_policy(response, name)
            assert policy["style-src"] == ["'self'"], name


def test_the_api_docs_relax_styles_only_and_load_their_script_from_a_file(client, db):
    for name in ("api-docs", "api-redoc"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        policy = assert_strict_policy(response, name)
        assert "'unsafe-inline'" in policy["style-src"]
    body = client.get(reverse("api-docs")).content.decode()
    assert "<script>" not in body  # the start script is its own request
    script = client.get(reverse("api-docs") + "?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_no_served_template_has_an_inline_script_handler_or_style():
    offenders = []
    markers = ("<script>", "<style", " style=", "onchange=", "onclick=", "onsubmit=", "onload=")
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*.html"):
            if template.name.endswith(PDF_TEMPLATES) or "/tests/" in str(template):
                continue
            text = template.read_text()
            offenders += [f"{template}: {m}" for m in markers if m in text]
    assert not offenders, "\n".join(offenders)


def test_htmx_is_told_to_inject_no_style_and_evaluate_nothing(client, db):
    body = client.get(reverse("home")).content.decode()
    config = json.loads(re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', body)[1])
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    # A style attribute left on an element (axe-core leaves empty ones) must not be re-applied.
    assert "style" not in config["attributesToSettle"]
    css = (BASE_DIR / "static/css/portal.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


def test_plain_http_is_sent_to_https_except_the_probes(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("regions"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    secure = client.get(reverse("regions"), secure=True)
    assert secure.status_code == 200


def test_behind_a_tls_proxy_the_forwarded_scheme_counts_as_https(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    response = Client().get(reverse("regions"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=3600")


@pytest.fixture
def request_log(settings, caplog):
    """Turn the request line on (it is on in production) and capture it."""
    settings.PORTAL_REQUEST_LOG = True
    caplog.set_level(logging.INFO, logger="portal.requests")
    return caplog


def request_lines(caplog) -> list[dict]:
    """The captured request records as the production handler writes them: filter, then JSON."""
    formatter, redact = PortalJsonFormatter(), RedactSecrets()
    lines = []
    for record in caplog.records:
        if record.name == "portal.requests":
            redact.filter(record)
            lines.append(json.loads(formatter.format(record)))
    return lines


def test_each_request_writes_one_json_line_with_user_region_and_duration(request_log, personas):
    client = Client()
    client.force_login(personas.sekda)
    response = client.get(reverse("home") + "?token=abc123&nip=198001012005011001")
    assert response.status_code == 200
    (line,) = request_lines(request_log)
    assert line["method"] == "GET"
    assert line["path"] == "/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["user_id"] == personas.sekda.pk
    assert line["region"] == "13.75"
    assert line["level"] == "INFO" and line["time"]
    text = json.dumps(line)
    assert "abc123" not in text and "198001012005011001" not in text and "token=" not in text


def test_an_anonymous_request_logs_no_user_and_a_failed_login_no_password(request_log, db):
    client = Client()
    client.post(reverse("login"), {"username": "alice", "password": "hunter2-rahasia"})
    client.get("/halaman-yang-tidak-ada/")
    login, missing = request_lines(request_log)
    assert login["method"] == "POST" and login["user_id"] is None and login["region"] is None
    assert missing["status"] == 404 and missing["level"] == "WARNING"
    assert "hunter2" not in request_log.text


def test_the_filter_redacts_secret_fields_and_secrets_inside_messages():
    record = logging.LogRecord(
        "portal", logging.INFO, __file__, 1, "login %s with password=%s", ("alice", "s3cret!"), None
    )
    record.token = "abcdef"
    record.headers = {"Authorization": "Token abcdef", "Accept": "text/html"}
    record.official = {"name": "Budi", "nip": "19800101 200501 1 001"}
    record.note = "NIP 198001012005011001 dipindah"
    RedactSecrets().filter(record)
    line = json.loads(PortalJsonFormatter().format(record))
    assert line["message"] == "login alice with password=[REDACTED]"
    assert line["token"] == "[REDACTED]"
    assert line["headers"] == {"Authorization": "[REDACTED]", "Accept": "text/html"}
    assert line["official"] == {"name": "Budi", "nip": "[REDACTED]"}
    assert line["note"] == "NIP [REDACTED] dipindah"
    assert "abcdef" not in json.dumps(line) and "s3cret" not in json.dumps(line)


def csp_problems(page, name: str) -> list[str]:
    # The factories' tree is not the a11y walk's world: only the CSP lines matter here.
    return [line for line in page_problems(page, name, widths=(1366,)) if "CSP violation" in line]


@pytest.fixture
def live_site(tree, regulation, transactional_db, request, settings):
    settings.MEDIA_URL = "/_uploads-are-not-served/"
    return request.getfixturevalue("live_server")


def test_in_the_browser_pages_run_under_the_policy_and_the_check_sees_a_violation(
    live_site, monkeypatch
):
    """The language select still submits without its inline handler, the region page's htmx
    Lampiran loads with no violation, and an inline script is caught by ``page_problems``."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    base = live_site.url
    with chromium() as browser:
        page = new_page(browser, base)
        page.goto(f"{base}/regions/13.75/")
        page.wait_for_load_state("networkidle")
        assert csp_problems(page, "region") == []
        with page.expect_navigation():  # the select submits its form: wait for the new page
            page.select_option("select[name=language]", "en")
        assert page.locator("html").get_attribute("lang") == "en"
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.injected = 1'; document.head.appendChild(s); }"
        )
        assert page.evaluate("() => window.injected") is None  # blocked by script-src 'self'
        problems = csp_problems(page, "injected")
        assert len(problems) == 1 and "CSP violation" in problems[0], problems
        assert "inline script" in problems[0]
        for docs in ("/api/docs/", "/api/redoc/"):
            page.goto(base + docs)
            page.wait_for_load_state("networkidle")
            # ReDoc's sidebar links Redocly's logo from its CDN: blocked, as every other host is.
            problems = [p for p in csp_problems(page, docs) if "https://cdn.redoc.ly/" not in p]
            assert problems == [], "\n".join(problems)
        page.context.close()


def test_each_task_writes_one_line_with_name_id_status_and_duration(db, caplog):
    caplog.set_level(logging.INFO, logger="portal.tasks")
    result = celery_app.tasks["orgchart.check_all_trees"].apply()
    assert result.successful()
    (record,) = [r for r in caplog.records if r.name == "portal.tasks"]
    line = json.loads(PortalJsonFormatter().format(record))
    assert line["task"] == "orgchart.check_all_trees"
    assert line["task_id"] == result.id
    assert line["status"] == "SUCCESS"
    assert isinstance(line["duration_ms"], float)


def test_in_the_browser_a_refused_lampiran_request_shows_its_message_in_the_panel(
    live_site, monkeypatch
):
    """htmx leaves a 400 unswapped by default: the Lampiran panel must show the server's
    refusal (here a paper size it does not know) instead of keeping its old content."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    base = live_site.url
    with chromium() as browser:
        page = new_page(browser, base, language="en")
        page.goto(f"{base}/regions/13.75/")
        page.wait_for_load_state("networkidle")
        page.evaluate(
            "() => htmx.ajax('GET', '/regions/13.75/lampiran/I/?paper=a0', '#lampiran-panel')"
        )
        alert = page.locator("#lampiran-panel p.error[role=alert]")
        alert.wait_for(timeout=10_000)
        assert "a0" in alert.inner_text()
        assert csp_problems(page, "lampiran-refused") == []
