"""Urgent decisions (Pasal 10) and take-overs of coordination (Kutai Kartanegara Pasal 14)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from coordination.follow_ups.dashboard import dashboard
from coordination.follow_ups.tests.helpers import held_meeting, meeting_input, schedule
from coordination.meetings.invitations import propose_invitations
from coordination.oversight.models import Takeover, UrgentDecision
from coordination.oversight.routing import Routes
from coordination.oversight.services import (
    TakeoverInput,
    UrgentDecisionInput,
    end_takeover,
    receive_urgent_decision,
    record_takeover,
    record_urgent_decision,
    report_urgent_decision,
)

D = datetime.date


def urgent(side, unit=None, **overrides):
    values = {
        "unit": unit or side.dinas,
        "decided_on": D(2026, 6, 2),
        "subject": "Wabah diare di sekolah",
        "decision": "Menutup kantin sekolah selama tiga hari",
        "urgency": "Puluhan siswa dirawat pada hari yang sama",
        "not_a_matter_of_principle": True,
        "report_now": False,
    }
    values.update(overrides)
    return UrgentDecisionInput(**values)


def errors(exc):
    return " ".join(m for values in exc.value.message_dict.values() for m in values)


def test_a_head_records_an_urgent_decision_that_is_not_a_matter_of_principle(world):
    side = world.bkt
    head = side.users["agency_head"]
    with pytest.raises(ValidationError) as exc:
        record_urgent_decision(urgent(side, not_a_matter_of_principle=False), head)
    assert "Perwal Bukittinggi 4/2017 Pasal 10" in errors(exc)
    row = record_urgent_decision(urgent(side), head)
    assert row.source == "Perwal Bukittinggi 4/2017 Pasal 10" and row.reported_at is None
    # Unreported decisions are flagged on the Sekda's dashboard.
    board = dashboard(side.users["sekda"], side.region, D(2026, 6, 3))
    assert board.unreported_urgent == 1
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        report_urgent_decision(row, head)
    assert mail.outbox[0].to == ["bkt_sekda@example.go.id"]
    assert dashboard(side.users["sekda"], side.region, D(2026, 6, 3)).unreported_urgent == 0
    with pytest.raises(PermissionDenied):
        receive_urgent_decision(row, head)
    receive_urgent_decision(row, side.users["sekda"])
    row.refresh_from_db()
    assert row.received_by == side.users["sekda"]


def test_only_heads_of_the_kinds_the_text_names_and_only_for_their_own_unit(world):
    side = world.bkt
    with pytest.raises(PermissionDenied):
        record_urgent_decision(urgent(side), side.users["agency_head_other"])
    with pytest.raises(PermissionDenied):
        record_urgent_decision(urgent(side), side.users["agency_staff"])
    with pytest.raises(ValidationError) as exc:
        record_urgent_decision(urgent(side, decided_on=D(2999, 1, 1)), side.users["agency_head"])
    assert "future" in errors(exc)
    # Kutai Kartanegara's text has no Pasal 10: no direct decisions there.
    kukar = world.kukar
    with pytest.raises(ValidationError) as exc:
        record_urgent_decision(urgent(kukar), kukar.users["agency_head"])
    assert "does not let a unit head take decisions directly" in errors(exc)
    assert not UrgentDecision.objects.exists()


def test_takeover_exists_only_where_the_text_provides_for_it(world):
    bkt = world.bkt
    with pytest.raises(ValidationError) as exc:
        record_takeover(
            TakeoverInput(bkt.dinas, bkt.setda, D(2026, 6, 1), D(2026, 6, 30), "Perlu"),
            bkt.users["sekda"],
        )
    assert "does not provide for taking over" in errors(exc)
    assert not Takeover.objects.exists()


def test_takeover_rules(world):
    side = world.kukar
    sekda = side.users["sekda"]
    data = TakeoverInput(
        side.dinas, side.setda, D(2026, 6, 1), D(2026, 6, 30), "Kejadian luar biasa"
    )
    for user in (side.users["asisten"], side.users["secretariat_staff"], world.bkt.users["sekda"]):
        with pytest.raises(PermissionDenied):
            record_takeover(data, user)
    with pytest.raises(ValidationError) as exc:
        record_takeover(
            TakeoverInput(side.dinas, side.other_dinas, D(2026, 6, 1), D(2026, 6, 30), "x"), sekda
        )
    assert "Perbup Kutai Kartanegara 4/2018 Pasal 14 ayat (1)" in errors(exc)
    with pytest.raises(ValidationError) as exc:
        record_takeover(
            TakeoverInput(side.dinas, side.setda, D(2026, 6, 1), D(2026, 6, 30), " "), sekda
        )
    assert "necessary" in errors(exc)
    with pytest.raises(ValidationError, match="no Asisten"):
        record_takeover(
            TakeoverInput(side.asisten, side.setda, D(2026, 6, 1), D(2026, 6, 30), "x"), sekda
        )
    row = record_takeover(data, sekda)
    assert row.source == "Perbup Kutai Kartanegara 4/2018 Pasal 14 ayat (1)"
    with pytest.raises(ValidationError, match="already holds"):
        record_takeover(
            TakeoverInput(side.dinas, side.root, D(2026, 6, 15), D(2026, 7, 15), "x"),
            side.users["kepala_daerah"],
        )
    routes = Routes(side.region, D(2026, 6, 10))
    (route,) = routes.of(side.dinas.pk)
    assert route.coordinator_id == side.setda.pk and route.via_takeover
    assert Routes(side.region, D(2026, 7, 1)).of(side.dinas.pk)[0].coordinator_id == side.asisten.pk
    end_takeover(row, sekda, day=D(2026, 6, 20))
    row.refresh_from_db()
    assert row.end == D(2026, 6, 19)
    assert (
        Routes(side.region, D(2026, 6, 20)).of(side.dinas.pk)[0].coordinator_id == side.asisten.pk
    )


def test_during_a_takeover_invitations_and_dashboards_route_to_who_took_over(world):
    side = world.kukar
    record_takeover(
        TakeoverInput(side.dinas, side.root, D(2026, 6, 1), D(2026, 6, 30), "Kejadian luar biasa"),
        side.users["kepala_daerah"],
    )
    meeting = schedule(meeting_input(side, day=D(2026, 6, 3)), side.users["secretariat_staff"])
    invited = {i.unit_id: i.reason_display for i in meeting.invitations.all()}
    assert side.root.pk in invited and "Dinas Kesehatan" in invited[side.root.pk]
    # The Asisten still coordinates the RSUD (1.02) but no longer the Dinas.
    assert "Dinas Kesehatan" not in invited.get(side.asisten.pk, "")
    assert propose_invitations(meeting) == []
    _meeting, (_follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    board = dashboard(side.users["sekda"], side.region, D(2026, 6, 10))
    (row,) = [r for r in board.rows if r.overdue]
    assert row.coordinator_id == side.root.pk and row.via_takeover
    asisten_board = dashboard(side.users["asisten"], side.region, D(2026, 6, 10))
    assert all(r.overdue == 0 for r in asisten_board.rows)
