"""The invitation as PDF and iCalendar, the minutes as PDF."""

import datetime
import io

from icalendar import Calendar
from pypdf import PdfReader

from coordination.follow_ups import documents as follow_ups_documents
from coordination.follow_ups.tests.helpers import held_meeting, meeting_input, schedule
from coordination.meetings import documents


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())  # table cells wrap: compare words, not line breaks


def test_invitation_pdf_and_ics(world):
    side = world.bkt
    meeting = schedule(
        meeting_input(side, periodicity="periodik", recurrence="FREQ=MONTHLY;BYDAY=1WE;COUNT=6"),
        side.users["secretariat_staff"],
    )
    text = pdf_text(documents.invitation_pdf(meeting))
    assert "PEMERINTAH KOTA BUKITTINGGI" in text
    assert "Rabu, 3 Juni 2026" in text and "09.00" in text, text
    assert "Dinas kesehatan" in text and "Laporan situasi" in text
    assert "Perwal Bukittinggi 4/2017 Pasal 9 huruf c" in text
    # Pasal 9 huruf f, in the region's own words, only where the region's text says it.
    assert "wajib mewakilkan kepada pejabat satu tingkat di bawahnya" in text
    assert "Perwal Bukittinggi 4/2017 Pasal 9 huruf f" in text
    calendar = Calendar.from_ical(documents.invitation_ics(meeting))
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == meeting.title
    assert event.decoded("dtstart") == meeting.starts_at
    assert event["rrule"]["FREQ"] == ["MONTHLY"]
    assert str(event["uid"]).startswith(f"meeting-{meeting.pk}@")


def test_minutes_pdf_lists_attendance_decisions_and_deadlines_with_their_source(world):
    side = world.kukar
    meeting, (_follow_up,) = held_meeting(side, day=datetime.date(2026, 3, 18))
    text = pdf_text(follow_ups_documents.minutes_pdf(meeting))
    assert "NOTULEN" in text and "PEMERINTAH KABUPATEN KUTAI KARTANEGARA" in text
    assert "Rapat membahas langkah penanganan." in text
    assert "Fogging di kelurahan rawan" in text and "Laksanakan fogging" in text
    assert "26 Maret 2026" in text
    assert "Pasal 13 ayat (5)" in text
    assert "Pasal 13 ayat (4)" in text  # the report goes to the Bupati through the Sekda
    invitation = pdf_text(documents.invitation_pdf(meeting))
    assert "WITA" in invitation and "mewakilkan" not in invitation  # no Pasal 9 huruf f there
