"""An Indonesian page shows no English and an English page no Indonesian, apart from the
regulations' own text and names: every sentence the portal writes comes from the catalogue in
the reader's language. The check reads the visible text of the daily pages and looks for the
catalogue's sentences (four words or more between placeholders) in the other language."""

from __future__ import annotations

import gettext
import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from coordination.core.workdays import region_today
from coordination.follow_ups import services as fu
from coordination.follow_ups.tests.helpers import held_meeting
from coordination.reports import services as rp
from coordination.reports.obligations import ensure_periods, sync_obligations
from tests.visible import visible_text

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|\{[\w]+\}|<[^>]+>")
MIN_WORDS = 4


@cache
def catalogue() -> dict[str, str]:
    path = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        found = gettext.GNUTranslations(handle)._catalog
    pairs = {}
    for key, value in found.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and value and msgid != value:
            pairs[msgid] = value
    return pairs


def chunks(message: str) -> set[str]:
    """The runs of four words or more of ``message`` that no placeholder interrupts."""
    found = set()
    for part in PLACEHOLDER.split(message):
        words = part.replace("\n", " ").split()
        if len(words) >= MIN_WORDS:
            found.add(" ".join(words).strip(" .,;:()"))
    return found


def foreign(text: str, language: str) -> list[str]:
    """The catalogue's sentences of the other language that ``text`` shows."""
    pairs = catalogue()
    other = pairs.keys() if language == "id" else pairs.values()
    mine = set().union(*(chunks(m) for m in (pairs.values() if language == "id" else pairs)))
    hits = []
    for message in other:
        for chunk in chunks(message) - mine:  # a phrase both languages share proves nothing
            if chunk in text:
                hits.append(chunk)
    return sorted(set(hits))


def pages(world) -> list[tuple[str, object, str]]:
    """(name, user, url) of the daily pages, with data behind them."""
    bkt, bkl = world.bkt, world.bkl
    meeting, (follow_up,) = held_meeting(bkt)
    head = bkt.users["agency_head"]
    fu.transition(follow_up, "in_progress", head)
    fu.transition(follow_up, "done", head, report="Fogging selesai di 12 kelurahan.")
    obligation = next(
        o for o in sync_obligations(bkl.region) if o.source.endswith("Pasal 12 angka 5")
    )
    today = region_today(bkl.region)
    ensure_periods(obligation, today, today)
    period = obligation.periods.get(start__lte=today, end__gte=today)
    report = rp.start_report(obligation, period, bkl.dinas, bkl.users["agency_head"])
    return [
        ("worklist (secretariat)", bkt.users["secretariat_staff"], reverse("home")),
        ("worklist (agency head)", head, reverse("home")),
        ("worklist (Sekda)", bkt.users["sekda"], reverse("home")),
        ("meetings", bkt.users["secretariat_staff"], reverse("coordination:meetings")),
        (
            "meeting",
            bkt.users["secretariat_staff"],
            reverse("coordination:meeting", args=[meeting.pk]),
        ),
        ("follow-ups", head, reverse("coordination:follow-ups")),
        ("follow-up", bkt.users["sekda"], reverse("coordination:follow-up", args=[follow_up.pk])),
        ("Sekda inbox", bkt.users["sekda"], reverse("coordination:inbox")),
        ("dashboard", bkt.users["sekda"], reverse("coordination:dashboard")),
        ("urgent decisions", head, reverse("coordination:urgent")),
        ("take-overs", world.kukar.users["sekda"], reverse("coordination:takeovers")),
        ("reports", bkl.users["agency_head"], reverse("coordination:reports")),
        ("report", bkl.users["agency_head"], reverse("coordination:report", args=[report.pk])),
        ("compliance", bkl.users["sekda"], reverse("coordination:compliance")),
        ("region", None, reverse("region", args=["13.75"])),
    ]


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_daily_page_speaks_only_the_readers_language(world, settings, tmp_path, language):
    settings.MEDIA_ROOT = tmp_path
    wrong = []
    for name, user, url in pages(world):
        client = Client()
        client.cookies["django_language"] = language
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        hits = foreign(visible_text(response.content.decode()), language)
        if hits:
            wrong.append(f"{name}: {hits}")
    assert not wrong, "\n".join(wrong)
