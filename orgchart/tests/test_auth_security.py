"""Brute force and sessions: the lockout (login page, admin, HTTP Basic), the API's rates,
expiring and revocable API tokens, the working-day session and "log out everywhere"."""

from __future__ import annotations

import base64
import datetime
import importlib
import logging

import pytest
import time_machine
from django.apps import apps as django_apps
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token as LegacyToken
from rest_framework.test import APIClient

from orgchart.lockout import client_address
from orgchart.models import ApiToken
from orgchart.models.accounts import hash_key

LOGIN = "/accounts/login/"
TOKENS = "/accounts/tokens/"
FOLLOW_UPS = "/api/v1/follow-ups/"
PASSWORD = "rahasia-demo-123"
START = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)


def browser(address: str = "127.0.0.1") -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)


def log_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def shows(response, template: str) -> bool:
    return template in [t.name for t in response.templates]


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def basic(username: str, password: str, address: str = "127.0.0.1") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)
    credentials = base64.b64encode(f"{username}:{password}".encode()).decode()
    client.credentials(HTTP_AUTHORIZATION=f"Basic {credentials}")
    return client


def token_client(key: str, address: str = "127.0.0.1") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def sessions_outlast_time_travel():
    """Overrides the root conftest's: here a session lasts the working day it does in use."""


# --- Lockout ----------------------------------------------------------------------------------


def test_thirty_wrong_passwords_lock_the_account_against_the_right_one_until_the_cool_off(
    personas,
):
    client = browser()
    with time_machine.travel(START, tick=False) as clock:
        answers = [log_in(client, "alice", f"wrong-{n}").status_code for n in range(30)]
        assert answers == [200] * 4 + [429] * 26  # the form again, then the lock from the 5th

        refused = log_in(client, "alice", PASSWORD)
        assert refused.status_code == 429 and not signed_in(client)
        assert shows(refused, "registration/locked_out.html")
        assert "Logging in is locked for 30 minutes" in refused.content.decode()

        clock.shift(datetime.timedelta(minutes=29))
        assert log_in(client, "alice", PASSWORD).status_code == 429
        assert not signed_in(client)

        clock.shift(datetime.timedelta(minutes=2))
        response = log_in(client, "alice", PASSWORD)
        assert response.status_code == 302 and signed_in(client)


def test_one_address_trying_many_users_is_locked_but_other_addresses_are_not(personas):
    attacker = browser("198.51.100.7")
    tries = ["bob", "charlie", "dina", "outsider", "nobody"]
    assert [log_in(attacker, name, "guess").status_code for name in tries] == [200] * 4 + [429]
    # alice's own password, from the locked address: refused.
    assert log_in(attacker, "alice", PASSWORD).status_code == 429
    assert not signed_in(attacker)
    # alice from her office, and bob too (his one failure is far from the limit).
    for username in ["alice", "bob"]:
        office = browser("192.0.2.10")
        assert log_in(office, username, PASSWORD).status_code == 302 and signed_in(office)


def test_the_admin_login_counts_failures_and_locks_like_the_login_page(personas):
    client = browser()
    for _attempt in range(5):
        client.post("/admin/login/", {"username": "root", "password": "nope"})
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 429
    assert shows(response, "registration/locked_out.html")
    # The same counter: the portal's login page is locked for root as well.
    assert log_in(browser("192.0.2.99"), "root", PASSWORD).status_code == 429


def test_http_basic_failures_count_and_a_locked_caller_gets_a_429_with_the_message(personas):
    with time_machine.travel(START, tick=False) as clock:
        statuses = [basic("alice", "wrong").get(FOLLOW_UPS).status_code for _n in range(5)]
        assert statuses == [401, 401, 401, 401, 429]

        response = basic("alice", PASSWORD).get(FOLLOW_UPS)
        assert response.status_code == 429
        assert response["Content-Type"].startswith("application/json")
        assert "Logging in is locked for 30 minutes" in response.json()["detail"]
        assert response["Retry-After"] == "1800"
        # Failures over Basic lock the login page too.
        assert log_in(browser("192.0.2.50"), "alice", PASSWORD).status_code == 429

        clock.shift(datetime.timedelta(minutes=31))
        assert basic("alice", PASSWORD).get(FOLLOW_UPS).status_code == 200


def test_the_lock_is_logged_with_the_user_and_the_address(personas, caplog):
    client = browser("203.0.113.5")
    with caplog.at_level(logging.WARNING, logger="orgchart.lockout"):
        for _attempt in range(5):
            log_in(client, "bob", "wrong")
    [record] = [r for r in caplog.records if r.name == "orgchart.lockout"]
    assert record.username == "bob" and record.ip_address == "203.0.113.5"
    assert "wrong" not in record.getMessage()


def test_a_json_client_of_the_login_page_gets_the_lock_as_json(personas):
    client = Client(HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="en")
    for _attempt in range(5):
        response = client.post(LOGIN, {"username": "bob", "password": "wrong"})
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.1"),  # no proxy: a forged header is ignored
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the client forged the left entry
        (2, "198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "", "10.0.0.1"),  # a request that did not come through the proxies
    ],
)
def test_the_client_address_is_the_one_the_trusted_proxy_saw(
    settings, rf, proxies, forwarded, expected
):
    settings.PORTAL_TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


# --- API rates ------------------------------------------------------------------------------


def test_anonymous_api_requests_beyond_the_rate_get_a_429_with_a_json_message(settings, db):
    settings.PORTAL_API_ANON_RATE = "3/min"
    address = "198.51.100.200"
    cache.delete(f"throttle_anon_{address}")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)
    assert [client.get("/api/v1/regions/").status_code for _n in range(3)] == [200] * 3
    response = client.get("/api/v1/regions/")
    assert response.status_code == 429
    assert "throttled" in response.json()["detail"] and int(response["Retry-After"]) > 0
    other = APIClient(REMOTE_ADDR="198.51.100.201")
    cache.delete("throttle_anon_198.51.100.201")
    assert other.get("/api/v1/regions/").status_code == 200


def test_the_callers_rate_is_counted_per_token(settings, personas):
    settings.PORTAL_API_USER_RATE = "2/min"
    first, first_key = ApiToken.objects.issue(user=personas.sekda, name="a", days=30)
    second, second_key = ApiToken.objects.issue(user=personas.sekda, name="b", days=30)
    for token in (first, second):
        cache.delete(f"throttle_user_token-{token.pk}")
    busy = token_client(first_key)
    assert [busy.get(FOLLOW_UPS).status_code for _n in range(3)] == [200, 200, 429]
    assert token_client(second_key).get(FOLLOW_UPS).status_code == 200


# --- API tokens -----------------------------------------------------------------------------


def test_a_user_makes_a_token_sees_its_key_once_and_it_authenticates(personas):
    client = browser()
    client.force_login(personas.sekda)
    assert client.get(TOKENS).status_code == 200
    response = client.post(TOKENS, {"name": "laporan-bulanan", "days": "30"})
    key = response.context["new_key"]
    assert response.status_code == 200 and key in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get(user=personas.sekda)
    assert token.key_hash == hash_key(key) and key not in (token.key_hash, token.prefix)
    assert token.expires - token.created == datetime.timedelta(days=30)

    assert token_client(key).get(FOLLOW_UPS).status_code == 200
    page = client.get(TOKENS).content.decode()
    assert key not in page and token.prefix in page and "laporan-bulanan" in page
    token.refresh_from_db()
    assert token.last_used is not None and "never" not in page


def test_a_bad_token_form_is_a_400_that_says_why(personas):
    client = browser()
    client.force_login(personas.sekda)
    for days in ["0", "366", "many"]:
        response = client.post(TOKENS, {"name": "x", "days": days})
        assert response.status_code == 400
        assert response.context["form"].errors["days"]
    response = client.post(TOKENS, {"name": "", "days": "30"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_last_used_is_written_at_most_once_a_minute(personas):
    token, key = ApiToken.objects.issue(user=personas.sekda, name="skrip", days=30)
    client = token_client(key)
    with time_machine.travel(START + datetime.timedelta(days=1), tick=False) as clock:
        client.get(FOLLOW_UPS)
        token.refresh_from_db()
        first = token.last_used
        assert first == START + datetime.timedelta(days=1)

        clock.shift(datetime.timedelta(seconds=50))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(FOLLOW_UPS).status_code == 200
        assert not [q for q in queries if q["sql"].startswith('UPDATE "orgchart_apitoken"')]
        token.refresh_from_db()
        assert token.last_used == first

        clock.shift(datetime.timedelta(seconds=20))
        client.get(FOLLOW_UPS)
        token.refresh_from_db()
        assert token.last_used == first + datetime.timedelta(seconds=70)


def test_an_expired_token_is_refused_with_its_expiry_in_the_owners_zone(personas):
    with time_machine.travel(START, tick=False) as clock:
        _token, key = ApiToken.objects.issue(user=personas.sekda, name="lama", days=1)
        assert token_client(key).get(FOLLOW_UPS).status_code == 200
        clock.shift(datetime.timedelta(days=1, seconds=1))
        response = token_client(key).get(FOLLOW_UPS)
    assert response.status_code == 401
    zone = personas.sekda.role_assignment.region.zone
    expiry = (START + datetime.timedelta(days=1)).astimezone(zone).isoformat(timespec="minutes")
    assert response.json()["detail"] == f"This token expired on {expiry}."


def test_the_owner_revokes_a_token_and_nobody_else_can(personas):
    token, key = ApiToken.objects.issue(user=personas.sekda, name="skrip", days=30)
    other = browser()
    other.force_login(personas.asisten_pemerintahan)
    assert other.post(f"{TOKENS}{token.pk}/revoke/").status_code == 404
    assert token_client(key).get(FOLLOW_UPS).status_code == 200

    owner = browser()
    owner.force_login(personas.sekda)
    assert owner.get(f"{TOKENS}{token.pk}/revoke/").status_code == 405
    response = owner.post(f"{TOKENS}{token.pk}/revoke/", follow=True)
    assert f"The token {token.prefix}… is revoked." in response.content.decode()
    response = token_client(key).get(FOLLOW_UPS)
    assert response.status_code == 401
    assert response.json()["detail"] == "This token was revoked."
    assert response["WWW-Authenticate"] == "Token"


def test_a_legacy_authtoken_key_still_works_once_carried_over_hashed_and_expiring(personas):
    legacy = LegacyToken.objects.create(user=personas.sekda)
    assert token_client(legacy.key).get(FOLLOW_UPS).status_code == 200
    assert not LegacyToken.objects.exists()  # the clear-text key is gone
    token = ApiToken.objects.get(key_hash=hash_key(legacy.key))
    assert token.user == personas.sekda and token.expires > token.created
    assert token_client(legacy.key).get(FOLLOW_UPS).status_code == 200
    assert token_client("0" * 40).get(FOLLOW_UPS).status_code == 401


def test_the_migration_carries_authtoken_keys_over_and_deletes_them(personas):
    migration = importlib.import_module("orgchart.migrations.0003_carry_over_authtoken_tokens")
    legacy = LegacyToken.objects.create(user=personas.kadis_kesehatan)
    migration.carry_over(django_apps, None)
    assert not LegacyToken.objects.exists()
    token = ApiToken.objects.get(user=personas.kadis_kesehatan)
    assert token.key_hash == hash_key(legacy.key) and token.prefix == legacy.key[:8]
    assert token_client(legacy.key).get(FOLLOW_UPS).status_code in {200, 403}


def test_the_token_page_asks_for_a_login(db):
    response = browser().get(TOKENS)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


# --- Sessions -------------------------------------------------------------------------------


def test_a_session_lasts_a_working_day(personas):
    client = browser()
    with time_machine.travel(START, tick=False) as clock:
        response = log_in(client, "alice", PASSWORD)
        assert response.status_code == 302
        assert response.cookies["sessionid"]["max-age"] == 10 * 3600
        clock.shift(datetime.timedelta(hours=9, minutes=59))
        assert client.get(TOKENS).status_code == 200
        clock.shift(datetime.timedelta(minutes=2))
        response = client.get(TOKENS)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_logging_out_everywhere_ends_every_session_of_that_user_only(personas):
    laptop, phone, bobs = browser(), browser("192.0.2.20"), browser()
    assert log_in(laptop, "alice", PASSWORD).status_code == 302
    phone.force_login(personas.sekda)
    bobs.force_login(personas.asisten_pemerintahan)
    assert phone.get(TOKENS).status_code == 200

    response = laptop.post("/accounts/logout/everywhere/", follow=True)
    assert "You are logged out on every device." in response.content.decode()
    for client in (laptop, phone):
        response = client.get(TOKENS)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
        assert not signed_in(client)
    assert bobs.get(TOKENS).status_code == 200

    # A new login after that is a session like any other.
    assert log_in(phone, "alice", PASSWORD).status_code == 302
    assert phone.get(TOKENS).status_code == 200


def test_log_out_everywhere_is_a_post(personas):
    client = browser()
    client.force_login(personas.sekda)
    assert client.get("/accounts/logout/everywhere/").status_code == 405
    assert client.get(TOKENS).status_code == 200


def test_the_session_check_costs_no_query_of_its_own(personas):
    client = browser()
    client.force_login(personas.sekda)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(TOKENS).status_code == 200
    alone = [q["sql"] for q in queries if q["sql"].startswith('SELECT "orgchart_sessionepoch"')]
    assert alone == []
    assert any("orgchart_sessionepoch" in q["sql"] for q in queries)  # joined to the user


def test_the_superadmin_revokes_tokens_in_the_admin_but_cannot_make_one(personas):
    token, key = ApiToken.objects.issue(user=personas.sekda, name="skrip", days=30)
    client = browser()
    client.force_login(personas.superadmin)
    url = "/admin/orgchart/apitoken/"
    assert client.get(f"{url}add/").status_code == 403
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404
    client.post(url, {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked is not None
    assert token_client(key).get(FOLLOW_UPS).status_code == 401
