"""Bahasa Indonesia first: a visitor whose browser asks for neither Indonesian nor English reads
Indonesian; one who asks for English reads English; the choice made on the page is kept."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        ("fr-FR,fr;q=0.9,de;q=0.8", "id"),
        ("", "id"),
        ("ja", "id"),
        ("en-GB,en;q=0.9", "en"),
        ("id-ID,id;q=0.9,en;q=0.5", "id"),
    ],
)
def test_the_language_follows_the_browser_and_defaults_to_indonesian(db, accept, lang):
    client = Client(HTTP_ACCEPT_LANGUAGE=accept) if accept else Client()
    page = client.get(reverse("regions")).content.decode()
    assert f'<html lang="{lang}">' in page


def test_the_language_chosen_on_the_page_wins_over_the_browser(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(reverse("set_language"), {"language": "id", "next": "/daerah/"})
    assert response.status_code == 302
    assert '<html lang="id">' in client.get(reverse("regions")).content.decode()
