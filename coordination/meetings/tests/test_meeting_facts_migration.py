"""A database written by the previous release keeps its meetings: the sentences it stored (why a
unit was invited, a breach of Pasal 9 huruf f, the "portal default" notice) become the facts
behind them, and each page then composes them in its reader's language."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from coordination.meetings.models import Attendance, Invitation, Meeting
from tests.factories import RegionFactory, UnitFactory

BEFORE = [("coordination", "0004_notice_outcome")]
SOURCE_G = "Perwal Bukittinggi 4/2017 Pasal 9 huruf g"
SOURCE_F = "Perwal Bukittinggi 4/2017 Pasal 9 huruf f"


def _latest(executor: MigrationExecutor) -> list:
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


def _old_rows(apps, region, units) -> None:
    Meeting = apps.get_model("coordination", "Meeting")
    Invitation = apps.get_model("coordination", "Invitation")
    Attendance = apps.get_model("coordination", "Attendance")
    start = datetime.datetime(2025, 3, 5, 2, tzinfo=datetime.UTC)
    meeting = Meeting.objects.create(
        region_id=region.pk,
        title="Rapat lama",
        convener_id=units["setda"].pk,
        scope="general",
        form="hierarki",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        status="held",
        sources={
            "convener": "Perwal Bukittinggi 4/2017 Pasal 9 huruf c",
            "mode": "portal default: the region's regulation sets no such rule",
            "kind": "ketentuan bawaan portal: peraturan daerah ini tidak mengatur hal tersebut",
        },
    )
    rows = {
        "dinas": f"carries out Kesehatan; concerned units must attend ({SOURCE_G})",
        "asisten": "mengoordinasikan Dinas kesehatan, Badan Perencanaan, Penelitian",
        "polres": "added by the secretariat",
        "rsud": "Diminta Walikota",
    }
    for key, reason in rows.items():
        invitation = Invitation.objects.create(
            meeting_id=meeting.pk,
            unit_id=units[key].pk,
            proposed=key in ("dinas", "asisten"),
            reason=reason,
            sent_at=start,
        )
        if key == "dinas":
            Attendance.objects.create(
                invitation_id=invitation.pk,
                status="absent",
                breach=f"absent and not represented, although {SOURCE_F} requires a representative",
            )


@pytest.mark.django_db(transaction=True)
def test_the_previous_releases_sentences_become_facts_read_in_either_language():
    region = RegionFactory(code="13.75", name="Bukittinggi")
    root = UnitFactory(region=region, name="Walikota Bukittinggi", kind="kepala_daerah")
    units = {
        "setda": UnitFactory(region=region, parent=root, name="Sekretaris Daerah", kind="setda"),
        "dinas": UnitFactory(region=region, parent=root, name="Dinas kesehatan"),
        "asisten": UnitFactory(region=region, parent=root, name="Asisten I", kind="asisten"),
        "polres": UnitFactory(region=region, parent=root, name="Polres", kind="instansi_vertikal"),
        "rsud": UnitFactory(region=region, parent=root, name="RSUD", kind="rsud"),
    }
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        _old_rows(executor.loader.project_state(BEFORE).apps, region, units)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(_latest(executor))
    meeting = Meeting.objects.get()
    invited = {row.unit.name: row for row in Invitation.objects.select_related("unit")}
    dinas, asisten = invited["Dinas kesehatan"], invited["Asisten I"]
    assert (dinas.reason_kind, dinas.reason_data["source"], dinas.reason) == (
        "concerned",
        SOURCE_G,
        "",
    )
    assert asisten.reason_kind == "coordinates" and asisten.reason == ""
    assert invited["Polres"].reason == ""  # the portal's own sentence, not staff's words
    assert invited["RSUD"].reason == "Diminta Walikota"  # staff's words are kept
    attendance = Attendance.objects.get()
    assert attendance.breached and attendance.breach_source == SOURCE_F
    assert meeting.sources["mode"] is None and meeting.sources["kind"] is None
    with translation.override("en"):
        assert SOURCE_G in dinas.reason_display and "concerned units" in dinas.reason_display
        assert meeting.provisions()["mode"].startswith("portal default")
        assert invited["Polres"].reason_display == "added by the secretariat"
    with translation.override("id"):
        assert "wajib hadir" in dinas.reason_display
        assert meeting.provisions()["kind"].startswith("ketentuan bawaan portal")
