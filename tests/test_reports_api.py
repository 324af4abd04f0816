"""Written reports over the API: obligations that cite their provisions, periods made on
demand, filing and routing (through the Asisten and the Sekda, the Sekda only, or to the
Bappeda with program lines), versions, attachments checked from their content, scoping by
role, compliance, token authentication, list query counts and the schema."""

from __future__ import annotations

import functools
import hashlib
import io
import zipfile
from datetime import date as D
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from coordination.reports import services as rp
from coordination.reports.models import Report, ReportAttachment, ReportingPeriod
from coordination.reports.obligations import ensure_periods, sync_obligations

BKT = "Perwal Bukittinggi 4/2017"
BKL = "Perwal Bengkulu 24/2018"
REPORTS = "/api/v1/reports/"


def client_for(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def text_of(body) -> str:
    """Every message of an error body, as one string."""
    if isinstance(body, dict):
        return " ".join(text_of(value) for value in body.values())
    if isinstance(body, list):
        return " ".join(text_of(value) for value in body)
    return str(body)


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@functools.cache
def zip_bomb() -> bytes:
    """An "XLSX" whose one sheet inflates to 260 MB of zeros (about 250 kB compressed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (260 * 1024 * 1024))
    return buffer.getvalue()


def stored_files(root) -> set[Path]:
    root = Path(root)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def obligation_of(side, citation: str):
    return next(
        o for o in sync_obligations(side.region, D(2026, 6, 1)) if o.source.endswith(citation)
    )


def period_of(obligation, start: D) -> ReportingPeriod:
    ensure_periods(obligation, start, start)
    return ReportingPeriod.objects.get(obligation=obligation, start=start)


CONTENT = {"summary": "Ringkasan", "achievements": "Capaian", "problems": "-", "plans": "-"}


def filed(side, user, obligation, start: D, unit=None, **extra) -> int:
    """A filled draft of ``unit``'s report (default the Dinas) for the period from ``start``,
    opened and saved through the API; its id."""
    client = client_for(user)
    body = {"obligation": obligation.pk, "period": period_of(obligation, start).pk}
    if unit is not None:
        body["unit"] = unit.pk
    response = client.post(REPORTS, body, format="json")
    assert response.status_code == 201, response.content
    report_id = response.json()["id"]
    saved = client.put(f"{REPORTS}{report_id}/", {**CONTENT, **extra}, format="json")
    assert saved.status_code == 200, saved.content
    return report_id


def submitted(side, user, obligation, start: D, unit=None) -> int:
    report_id = filed(side, user, obligation, start, unit)
    response = client_for(user).post(f"{REPORTS}{report_id}/submit/")
    assert response.status_code == 200, response.content
    return report_id


# --- Obligations and periods ------------------------------------------------------------------


def test_obligations_cite_their_provisions_and_say_where_the_portal_default_applies(world):
    sync_obligations(world.bkl.region, D(2026, 6, 1))
    rows = client_for(world.bkt.users["agency_head"]).get("/api/v1/report-obligations/").json()
    assert rows["count"] == 0  # nothing synced in Bukittinggi yet
    obligation_of(world.bkt, "Pasal 16 ayat (2)")
    (row,) = (
        client_for(world.bkt.users["sekda"]).get("/api/v1/report-obligations/").json()["results"]
    )
    assert row["provision"] == f"{BKT} Pasal 16 ayat (2)" and row["region"] == "13.75"
    assert (row["recipient"], row["recipient_display"]) == ("kepala_daerah", "Walikota")
    assert (row["through"], row["through_display"]) == (["sekda"], ["Sekretaris Daerah"])
    assert row["cadence"] == "quarterly" and row["cadence_source"] == ""
    assert "portal default" in row["cadence_display"]
    assert row["due_working_days"] == 10 and "portal default" in row["due_display"]
    assert row["incidental"] is True and row["form"] == "standard"
    assert "dinas" in row["reporter_kinds"] and "instansi_vertikal" in row["reporter_kinds"]
    bkl = client_for(world.bkl.users["agency_staff"]).get("/api/v1/report-obligations/").json()
    bappeda = next(o for o in bkl["results"] if o["provision"].endswith("Pasal 14 angka 25"))
    assert bappeda["form"] == "bappeda" and bappeda["recipient_display"] == "Bappeda"
    assert bappeda["cadence_display"] == f"quarterly ({BKL} Pasal 14 angka 25)"
    # Another region's obligation answers as one that does not exist.
    sekda = client_for(world.bkt.users["sekda"])
    assert sekda.get(f"/api/v1/report-obligations/{bappeda['id']}/").status_code == 404
    assert sekda.get("/api/v1/report-obligations/?region=17.71").json()["results"] == []
    assert (
        client_for(world.kukar.users["sekda"]).get("/api/v1/report-obligations/").json()["results"]
        == []
    )


def test_the_secretariat_creates_periods_on_demand_and_asking_again_creates_nothing(world):
    obligation = obligation_of(world.bkt, "Pasal 16 ayat (2)")
    staff = client_for(world.bkt.users["secretariat_staff"])
    body = {"obligation": obligation.pk, "from": "2027-02-01", "to": "2027-08-31"}
    response = staff.post("/api/v1/report-periods/", body, format="json")
    assert response.status_code == 201, response.content
    created = response.json()["created"]
    assert [p["label"] for p in created] == [
        "Triwulan I 2027",
        "Triwulan II 2027",
        "Triwulan III 2027",
    ]
    assert created[0]["start"] == "2027-01-01" and created[0]["end"] == "2027-03-31"
    assert response.json()["existing"] == []
    again = staff.post("/api/v1/report-periods/", body, format="json")
    assert again.status_code == 200 and again.json()["created"] == []
    assert [p["id"] for p in again.json()["existing"]] == [p["id"] for p in created]
    wider = staff.post(
        "/api/v1/report-periods/",
        {"obligation": obligation.pk, "from": "2026-12-01", "to": "2027-01-31"},
        format="json",
    )
    assert [p["label"] for p in wider.json()["created"]] == ["Triwulan IV 2026"]
    assert [p["label"] for p in wider.json()["existing"]] == ["Triwulan I 2027"]
    listed = staff.get(
        f"/api/v1/report-periods/?obligation={obligation.pk}&from=2027-01-01&to=2027-06-30"
    ).json()["results"]
    assert [p["label"] for p in listed] == ["Triwulan I 2027", "Triwulan II 2027"]
    for change, field, message in (
        ({"to": "2027-01-01"}, "to", "“to” is before “from”"),
        ({"from": "2027-02-30"}, "from", "Date has wrong format"),
        ({"from": None}, "from", "may not be null"),
        ({"to": "2033-01-01"}, "to", "at most five years"),
        ({"obligation": 999999}, "obligation", "No reporting obligation with id 999999."),
        ({"obligation": "satu"}, "obligation", "id as a number."),
    ):
        response = staff.post("/api/v1/report-periods/", {**body, **change}, format="json")
        assert response.status_code == 400, change
        assert message in text_of(response.json()[field]), response.json()
    # Only the secretariat makes periods, and only its own region's.
    assert (
        client_for(world.bkt.users["sekda"])
        .post("/api/v1/report-periods/", body, format="json")
        .status_code
        == 403
    )
    theirs = {**body, "obligation": obligation_of(world.bkl, "Pasal 12 angka 5").pk}
    assert staff.post("/api/v1/report-periods/", theirs, format="json").status_code == 403
    for query, message in (
        ("from=2027-13-01", "YYYY-MM-DD"),
        ("from=2027-06-01&to=2027-01-01", "“to” is before “from”"),
        ("obligation=999999", "No reporting obligation with id 999999 among those you may see."),
    ):
        response = staff.get(f"/api/v1/report-periods/?{query}")
        assert response.status_code == 400 and message in response.json()["detail"], query


# --- Filing and routing -----------------------------------------------------------------------


def test_a_bengkulu_dinas_report_is_returned_revised_and_accepted_through_asisten_and_sekda(
    world,
):
    side = world.bkl
    obligation = obligation_of(side, "Pasal 12 angka 5")
    period = period_of(obligation, D(2026, 7, 1))
    head = client_for(side.users["agency_head"])
    response = head.post(REPORTS, {"obligation": obligation.pk, "period": period.pk}, format="json")
    assert response.status_code == 201, response.content
    first = response.json()
    assert first["unit"]["id"] == side.dinas.pk and first["region"] == "17.71"  # own unit
    assert (first["status"], first["version"], first["next_step"]) == ("draft", 1, None)
    assert first["obligation"]["provision"] == f"{BKL} Pasal 12 angka 5"
    assert first["period"]["label"] == "Triwulan III 2026"
    assert first["may_file"] is True and first["may_act"] is False
    url = f"{REPORTS}{first['id']}/"
    refused = head.post(f"{url}submit/")
    assert refused.status_code == 400
    assert f"{BKL} Pasal 12 angka 5: fill in" in text_of(refused.json())
    head.patch(url, {"summary": "Ringkasan", "achievements": "Capaian"}, format="json")
    saved = head.patch(url, {"problems": "Kendala", "plans": "Rencana"}, format="json").json()
    assert (saved["summary"], saved["plans"]) == ("Ringkasan", "Rencana")  # PATCH keeps the rest
    body = head.post(f"{url}submit/").json()
    assert (body["status"], body["next_step"]) == ("submitted", "review")
    # Not the Sekda's turn yet; the other Asisten does not even see it.
    sekda, asisten = client_for(side.users["sekda"]), client_for(side.users["asisten"])
    assert sekda.post(f"{url}advance/", {}, format="json").status_code == 403
    assert client_for(side.users["asisten_other"]).get(url).status_code == 404
    assert asisten.get(url).json()["may_act"] is True
    blank = asisten.post(f"{url}return/", {"note": " "}, format="json")
    assert blank.status_code == 400 and "revise" in text_of(blank.json()["note"])
    returned = asisten.post(f"{url}return/", {"note": "Lengkapi data capaian."}, format="json")
    assert returned.json()["status"] == "returned"
    assert returned.json()["steps"][-1]["note"] == "Lengkapi data capaian."
    frozen = head.patch(url, {"summary": "Diubah"}, format="json")
    assert frozen.status_code == 400 and "does not change" in text_of(frozen.json())
    response = head.post(f"{url}revise/")
    assert response.status_code == 201, response.content
    second = response.json()
    assert (second["version"], second["previous"], second["status"]) == (2, first["id"], "draft")
    assert second["summary"] == "Ringkasan"
    assert [v["id"] for v in second["versions"]] == [first["id"], second["id"]]
    assert head.get(url).json()["newer"] == second["id"]
    assert head.post(f"{url}revise/").status_code == 400  # already revised
    url2 = f"{REPORTS}{second['id']}/"
    assert head.post(f"{url2}submit/").json()["next_step"] == "review"
    reviewed = asisten.post(f"{url2}advance/", {"note": "Sudah lengkap"}, format="json").json()
    assert (reviewed["status"], reviewed["next_step"]) == ("reviewed", "receive")
    assert asisten.post(f"{url2}advance/", {}, format="json").status_code == 403
    assert sekda.post(f"{url2}advance/", {}, format="json").json()["next_step"] == "accept"
    accepted = sekda.post(f"{url2}advance/", {}, format="json").json()
    assert (accepted["status"], accepted["next_step"], accepted["may_act"]) == (
        "accepted",
        None,
        False,
    )
    steps = [(s["from_status"], s["to_status"], s["actor"], s["note"]) for s in accepted["steps"]]
    assert steps == [
        ("draft", "submitted", "bkl_kadis", ""),
        ("submitted", "reviewed", "bkl_asisten", "Sudah lengkap"),
        ("reviewed", "received", "bkl_sekda", ""),
        ("received", "accepted", "bkl_sekda", ""),
    ]
    assert accepted["first_submitted_at"] == head.get(url).json()["first_submitted_at"]
    ids = lambda query: [r["id"] for r in sekda.get(f"{REPORTS}?{query}").json()["results"]]  # noqa: E731
    assert ids("current=true") == [second["id"]]
    assert ids("current=false") == [first["id"]]
    assert ids("status=returned") == [first["id"]]
    assert ids(f"period={period.pk}&unit={side.dinas.pk}") == [second["id"], first["id"]]


def test_a_bukittinggi_report_goes_to_the_sekda_only_and_an_incidental_one_needs_a_title(world):
    side = world.bkt
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    report_id = submitted(side, side.users["agency_head"], obligation, D(2026, 7, 1))
    url = f"{REPORTS}{report_id}/"
    sekda = client_for(side.users["sekda"])
    assert sekda.get(url).json()["next_step"] == "receive"  # Pasal 16 ayat (2): through the Sekda
    assert client_for(side.users["asisten"]).post(f"{url}advance/").status_code == 403
    assert sekda.post(f"{url}advance/").json()["status"] == "received"
    assert sekda.post(f"{url}advance/").json()["status"] == "accepted"
    head = client_for(side.users["agency_head"])
    response = head.post(REPORTS, {"obligation": obligation.pk, "period": None}, format="json")
    assert response.status_code == 201 and response.json()["period"] is None
    incidental = f"{REPORTS}{response.json()['id']}/"
    untitled = head.put(incidental, CONTENT, format="json")
    assert untitled.status_code == 400 and "title" in untitled.json()
    titled = head.put(incidental, {**CONTENT, "title": "KLB demam berdarah"}, format="json")
    assert titled.status_code == 200 and titled.json()["title"] == "KLB demam berdarah"
    bengkulu = obligation_of(world.bkl, "Pasal 12 angka 5")
    response = client_for(world.bkl.users["agency_head"]).post(
        REPORTS, {"obligation": bengkulu.pk}, format="json"
    )
    assert response.status_code == 400
    assert "sets no incidental reports" in text_of(response.json()["period"])


def test_reports_to_the_bappeda_carry_program_lines_checked_field_by_field(world):
    side = world.bkl
    obligation = obligation_of(side, "Pasal 14 angka 25")
    head = client_for(side.users["agency_head"])
    report_id = filed(side, side.users["agency_head"], obligation, D(2026, 7, 1))
    url = f"{REPORTS}{report_id}/"
    refused = head.post(f"{url}submit/")
    assert "target realisation and budget absorption" in text_of(refused.json())
    good = {"program": "Pencegahan DBD", "target_realisation": "50", "budget_absorption": "5"}
    for change, field, message in (
        ({"target_realisation": "120"}, "target_realisation", "runs from 0 to 100"),
        ({"budget_absorption": -1}, "budget_absorption", "runs from 0 to 100"),
        ({"target_realisation": "lima"}, "target_realisation", "as a number"),
        ({"target_realisation": "50.555"}, "target_realisation", "at most 2 decimals"),
        ({"program": ""}, "program", "may not be blank"),
    ):
        response = head.patch(url, {"lines": [{**good, **change}]}, format="json")
        assert response.status_code == 400, change
        assert message in text_of(response.json()["lines"]["0"][field]), response.json()
    lines = [
        {**good, "activity": "Fogging", "target_realisation": 75.5, "budget_absorption": "60"},
        {"program": "Imunisasi", "target_realisation": 100, "budget_absorption": 0},
    ]
    saved = head.patch(url, {"lines": lines}, format="json").json()
    assert [(line["program"], line["target_realisation"]) for line in saved["lines"]] == [
        ("Pencegahan DBD", "75.50"),
        ("Imunisasi", "100.00"),
    ]
    assert head.patch(url, {"plans": "Rencana"}, format="json").json()["lines"] == saved["lines"]
    assert head.post(f"{url}submit/").json()["next_step"] == "accept"
    assert client_for(side.users["sekda"]).post(f"{url}advance/").status_code == 403
    bappeda = client_for(side.users["bappeda_head"])
    assert bappeda.get(url).json()["may_act"] is True  # Pasal 14 angka 25: to the Bappeda
    assert bappeda.post(f"{url}advance/").json()["status"] == "accepted"
    # A report to the Walikota has no program lines.
    standard = filed(
        side, side.users["agency_head"], obligation_of(side, "12 angka 5"), D(2026, 7, 1)
    )
    response = head.patch(f"{REPORTS}{standard}/", {"lines": [good]}, format="json")
    assert response.status_code == 400
    assert "Program lines belong to reports to the Bappeda." in text_of(response.json())


def test_bad_report_input_is_a_400_that_names_the_field(world):
    side = world.bkt
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    period = period_of(obligation, D(2026, 7, 1))
    elsewhere = period_of(obligation_of(world.bkl, "Pasal 12 angka 5"), D(2026, 7, 1))
    future = period_of(obligation, D(2030, 1, 1))
    head = client_for(side.users["agency_head"])
    base = {"obligation": obligation.pk, "period": period.pk}
    for change, field, message in (
        ({"obligation": 999999}, "obligation", "No reporting obligation with id 999999."),
        ({"obligation": "satu"}, "obligation", "id as a number."),
        ({"period": 999999}, "period", "No reporting period with id 999999."),
        ({"period": elsewhere.pk}, "period", "belongs to another obligation"),
        ({"period": future.pk}, "period", "Triwulan I 2030 has not begun"),
        ({"unit": world.kukar.dinas.pk}, "unit", "is a unit of"),
        ({"unit": 999999}, "unit", "No unit with id 999999."),
    ):
        response = head.post(REPORTS, {**base, **change}, format="json")
        assert response.status_code == 400, (change, response.content)
        assert message in text_of(response.json()[field]), response.json()
    created = head.post(REPORTS, base, format="json")
    assert created.status_code == 201
    again = head.post(REPORTS, base, format="json")
    assert again.status_code == 400 and "already has a report" in text_of(again.json())
    # Another unit's report is not the head's to file; a unit the rule does not bind is refused.
    other = {**base, "unit": side.other_dinas.pk}
    assert head.post(REPORTS, other, format="json").status_code == 403
    response = client_for(world.superadmin).post(
        REPORTS, {**base, "unit": side.setda.pk}, format="json"
    )
    assert response.status_code == 400 and "does not oblige" in text_of(response.json()["unit"])
    assert (
        client_for(side.users["agency_staff"]).post(REPORTS, base, format="json").status_code == 403
    )
    sekda = client_for(side.users["sekda"])
    theirs = obligation_of(world.bkl, "Pasal 12 angka 5").pk
    for query, message in (
        ("status=late", "status must be one of draft, submitted"),
        ("current=maybe", "current must be true or false"),
        ("period=tiga", "period must be a numeric id"),
        (f"obligation={theirs}", f"No reporting obligation with id {theirs} among those you may"),
        ("region=99.99", "Unknown region code"),
    ):
        response = sekda.get(f"{REPORTS}?{query}")
        assert response.status_code == 400 and message in response.json()["detail"], query
    url = f"{REPORTS}{created.json()['id']}/"
    for body in (["not", "an", "object"], {"summary": 5, "lines": "none"}):
        response = head.patch(url, body, format="json")
        assert response.status_code == 400, body


def test_each_role_sees_the_reports_its_scope_holds(world):
    side = world.bkl
    obligation = obligation_of(side, "Pasal 12 angka 5")
    mine = submitted(side, side.users["agency_head"], obligation, D(2026, 7, 1))
    other = submitted(side, side.users["agency_head_other"], obligation, D(2026, 7, 1))

    def seen(user) -> set[int]:
        return {row["id"] for row in client_for(user).get(REPORTS).json()["results"]}

    users = side.users
    for role in ("kepala_daerah", "wakil", "sekda", "secretariat_staff"):
        assert seen(users[role]) == {mine, other}, role
    for role in ("agency_head", "agency_staff", "asisten"):
        assert seen(users[role]) == {mine}, role
    assert seen(users["agency_head_other"]) == {other}
    assert mine not in seen(users["asisten_other"])
    assert seen(users["bappeda_head"]) == set()  # Pasal 12 angka 5 goes to the Walikota
    assert seen(world.bkt.users["sekda"]) == set()
    assert client_for(world.bkt.users["sekda"]).get(f"{REPORTS}{mine}/").status_code == 404
    assert client_for(users["agency_head_other"]).get(f"{REPORTS}{mine}/").status_code == 404
    assert client_for(world.superadmin).get(f"{REPORTS}?region=17.71").json()["count"] == 2


def test_token_authentication_files_a_report_and_a_bad_token_is_a_401(world):
    side = world.bkt
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    period = period_of(obligation, D(2026, 7, 1))
    token = Token.objects.create(user=side.users["agency_head"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = {"obligation": obligation.pk, "period": period.pk}
    response = client.post(REPORTS, body, format="json")
    assert response.status_code == 201 and response.json()["created_by"] == "bkt_kadis"
    assert client.get(REPORTS).json()["count"] == 1
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get(REPORTS).status_code == 401
    response = APIClient().post(REPORTS, body, format="json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


# --- Attachments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("laporan.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "not a PDF"),
        ("besar.pdf", "big", "larger than 1 MB"),
        ("kosong.pdf", b"", "empty"),
        ("anggaran.xlsx", "bomb", "expands to an unsafe size"),
        ("foto.png", b"\x89PNG\r\n\x1a\n", "not accepted"),
    ],
)
def test_a_refused_attachment_is_a_400_on_file_and_leaves_nothing_stored(
    world, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_MAX_UPLOAD_MB = 1
    side = world.bkt
    report_id = filed(
        side, side.users["agency_head"], obligation_of(side, "16 ayat (2)"), D(2026, 7, 1)
    )
    data = {"big": pdf_bytes() + b"%" * (1024 * 1024 + 1), "bomb": zip_bomb()}.get(content, content)
    response = client_for(side.users["agency_head"]).post(
        f"{REPORTS}{report_id}/attachments/", {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400, response.content
    assert message.lower() in " ".join(response.json()["file"]).lower()
    assert stored_files(settings.MEDIA_ROOT) == set()
    assert not ReportAttachment.objects.exists()


def test_a_good_pdf_is_stored_privately_and_served_only_to_those_who_see_the_report(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkt
    head = client_for(side.users["agency_head"])
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    report_id = filed(side, side.users["agency_head"], obligation, D(2026, 7, 1))
    content = pdf_bytes()
    response = head.post(
        f"{REPORTS}{report_id}/attachments/",
        {"file": SimpleUploadedFile("Capaian triwulan.pdf", content)},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    stored = ReportAttachment.objects.get().file.name
    assert body["name"] == "Capaian triwulan.pdf" and body["size"] == len(content)
    assert body["sha256"] == hashlib.sha256(content).hexdigest() and "file" not in body
    assert body["download"].endswith(f"/reports/{report_id}/attachments/{body['id']}/download/")
    detail = head.get(f"{REPORTS}{report_id}/")
    assert [a["id"] for a in detail.json()["attachments"]] == [body["id"]]
    assert stored not in response.content.decode() + detail.content.decode()
    # A draft's files are the unit's own business until the report is submitted.
    assert client_for(side.users["sekda"]).get(body["download"]).status_code == 404
    assert head.post(f"{REPORTS}{report_id}/submit/").status_code == 200
    for role in ("agency_head", "agency_staff", "sekda", "asisten", "secretariat_staff"):
        response = client_for(side.users[role]).get(body["download"])
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == content
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == 'attachment; filename="Capaian triwulan.pdf"'
    for user in (
        side.users["agency_head_other"],
        side.users["asisten_other"],
        world.kukar.users["sekda"],
        world.bkl.users["secretariat_staff"],
    ):
        assert client_for(user).get(body["download"]).status_code == 404, user
    assert client_for().get(body["download"]).status_code == 401
    missing = f"{REPORTS}{report_id}/attachments/999999/download/"
    assert client_for(side.users["sekda"]).get(missing).status_code == 404
    # Submitted, the version holds its files; a revision carries them on.
    head.post(f"{REPORTS}{report_id}/submit/")
    again = head.post(
        f"{REPORTS}{report_id}/attachments/", {"file": SimpleUploadedFile("lagi.pdf", content)}
    )
    assert again.status_code == 400 and "does not change" in text_of(again.json())
    assert head.post(f"{REPORTS}{report_id}/attachments/", {}).status_code == 400


def test_the_report_pdf_is_served_to_those_who_see_the_report(world):
    side = world.bkt
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    report_id = submitted(side, side.users["agency_head"], obligation, D(2026, 7, 1))
    response = client_for(side.users["sekda"]).get(f"{REPORTS}{report_id}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert f"laporan-{report_id}-v1.pdf" in response["Content-Disposition"]
    other = client_for(side.users["agency_head_other"]).get(f"{REPORTS}{report_id}/pdf/")
    assert other.status_code == 404


# --- Compliance -------------------------------------------------------------------------------


def test_compliance_shows_who_reported_on_time_late_or_not_at_all(world):
    side = world.bkl
    obligation = obligation_of(side, "Pasal 12 angka 5")
    ensure_periods(obligation, D(2026, 4, 1), D(2026, 12, 31))
    head = side.users["agency_head"]
    submitted(side, head, obligation, D(2026, 4, 1))  # due in July: late now
    submitted(side, head, obligation, D(2026, 10, 1))  # due in January: on time
    sekda = client_for(side.users["sekda"])
    body = sekda.get("/api/v1/compliance/").json()
    assert body["region"] == "17.71" and body["obligation"]["id"] == obligation.pk
    assert body["obligation"]["provision"] == f"{BKL} Pasal 12 angka 5"
    labels = {p["id"]: p["label"] for p in body["periods"]}
    assert list(labels.values())[-3:] == [
        "Triwulan II 2026",
        "Triwulan III 2026",
        "Triwulan IV 2026",
    ]
    cells = {(c["unit"], labels[c["period"]]): c["status"] for c in body["cells"]}
    assert cells[(side.dinas.pk, "Triwulan II 2026")] == "late"
    assert cells[(side.dinas.pk, "Triwulan III 2026")] == "missing"
    assert cells[(side.dinas.pk, "Triwulan IV 2026")] == "on_time"
    assert cells[(side.other_dinas.pk, "Triwulan IV 2026")] == "not_due"
    units = {u["id"]: u for u in body["units"]}
    assert units[side.dinas.pk]["portfolio_id"] == side.asisten.pk
    totals = {labels[t["period"]]: t for t in body["totals"]}
    assert totals["Triwulan II 2026"]["late"] == 1
    assert totals["Triwulan III 2026"]["missing"] == len(units)
    assert {row["portfolio_id"] for row in body["by_portfolio"]} >= {side.asisten.pk}
    # The Sekda's question: who has not reported for the quarter being collected?
    gaps = sekda.get("/api/v1/compliance/gaps/").json()
    assert gaps["period"]["label"] == "Triwulan III 2026"
    assert gaps["period"]["obligation_id"] == obligation.pk
    assert side.dinas.pk in {u["id"] for u in gaps["units"]}
    assert {u["status"] for u in gaps["units"]} == {"missing"}
    submitted(side, head, obligation, D(2026, 7, 1))
    gaps = sekda.get("/api/v1/compliance/gaps/").json()
    assert side.dinas.pk not in {u["id"] for u in gaps["units"]}
    # An Asisten sees the portfolio's units; agencies and other regions see nothing.
    asisten = client_for(side.users["asisten"]).get("/api/v1/compliance/").json()
    assert side.dinas.pk in {u["id"] for u in asisten["units"]}
    assert side.other_dinas.pk not in {u["id"] for u in asisten["units"]}
    assert client_for(head).get("/api/v1/compliance/").status_code == 403
    assert client_for(head).get("/api/v1/compliance/gaps/").status_code == 403
    outsider = client_for(world.bkt.users["sekda"])
    assert outsider.get("/api/v1/compliance/?region=17.71").status_code == 403
    for query, message in (
        ("obligation=999999", "No reporting obligation with id 999999"),
        ("last=0", "last must be a number from 1 to 40"),
        ("region=99.99", "Unknown region code"),
    ):
        response = sekda.get(f"/api/v1/compliance/?{query}")
        assert response.status_code == 400 and message in response.json()["detail"], query
    none = client_for(world.kukar.users["sekda"]).get("/api/v1/compliance/").json()
    assert none["obligation"] is None and none["cells"] == []
    assert client_for(world.superadmin).get("/api/v1/compliance/").status_code == 400


# --- Query counts and the schema --------------------------------------------------------------


LISTS = ("/api/v1/reports/", "/api/v1/report-obligations/", "/api/v1/report-periods/")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_report_lists_take_the_same_queries_for_one_row_as_for_many(world, settings, tmp_path):
    """For the Sekda, an Asisten and an agency head: one row or ten, versions and Bappeda
    reports with lines, the same queries."""
    settings.MEDIA_ROOT = tmp_path / "media"
    side = world.bkl
    obligation = obligation_of(side, "Pasal 12 angka 5")
    bappeda = obligation_of(side, "Pasal 14 angka 25")
    clients = [client_for(side.users[role]) for role in ("sekda", "asisten", "agency_head")]
    submitted(side, side.users["agency_head"], obligation, D(2026, 1, 1))
    before = [{url: _queries(client, url) for url in LISTS} for client in clients]
    for start in (D(2026, 4, 1), D(2026, 7, 1), D(2026, 10, 1)):
        report_id = submitted(side, side.users["agency_head"], obligation, start)
        rp.return_report(Report.objects.get(pk=report_id), side.users["asisten"], "Ulang")
        rp.revise(Report.objects.get(pk=report_id), side.users["agency_head"])
        filed(
            side,
            side.users["agency_head"],
            bappeda,
            start,
            lines=[{"program": "P", "target_realisation": 1, "budget_absorption": 2}],
        )
    after = [{url: _queries(client, url) for url in LISTS} for client in clients]
    assert after == before
    # Count and rows; an Asisten's scope adds the routes of the day (three queries); the
    # reports' late_working_days, the region's days off (one).
    assert all(count <= 6 for counts in before for count in counts.values()), before
    assert client_for(side.users["agency_head"]).get(REPORTS).json()["count"] == 10


def test_the_schema_documents_the_report_endpoints_without_warnings(db, tmp_path, client):
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "s.yml"))
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for path in (
        "/api/v1/report-obligations/{id}/",
        "/api/v1/report-periods/",
        "/api/v1/reports/{id}/return/",
        "/api/v1/reports/{id}/attachments/{attachment_id}/download/",
        "/api/v1/compliance/gaps/",
    ):
        assert path in paths, path
