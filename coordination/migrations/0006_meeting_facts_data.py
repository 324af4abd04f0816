"""Data: the sentences the portal used to store (why a unit is invited, a breach of Pasal 9
huruf f, the "portal default" notice) become the facts behind them, so that each page composes
them in its reader's language. Text that cannot be read back is kept as the staff's note."""

import re

from django.db import migrations

PORTAL_DEFAULT = (
    "portal default",
    "ketentuan bawaan portal",
    "no legal deadline",
    "tidak ada batas waktu",
)
FORUM_BASIS = ("the forum's own basis", "dasar pembentukan forum tersebut")
CONCERNED = (
    re.compile(r"^carries out (?P<affairs>.+); concerned units must attend \((?P<source>.+)\)$"),
    re.compile(r"^melaksanakan (?P<affairs>.+); unit kerja terkait wajib hadir \((?P<source>.+)\)$"),
)
COORDINATES = (
    re.compile(r"^coordinates (?P<units>.+)$"),
    re.compile(r"^mengoordinasikan (?P<units>.+)$"),
)
ADDED = ("added by the secretariat", "ditambahkan oleh staf Sekretariat Daerah")
REMOVED = ("removed by the secretariat", "dikeluarkan oleh staf Sekretariat Daerah")
BREACH = (
    re.compile(r"although (?P<source>.+) requires a representative"),
    re.compile(r"padahal (?P<source>.+) mewajibkan adanya wakil"),
)


def _citation(text):
    text = (text or "").strip()
    if not text or text.startswith(PORTAL_DEFAULT) or text in FORUM_BASIS:
        return None
    return text


def _match(patterns, text):
    for pattern in patterns:
        found = pattern.match(text)
        if found:
            return found
    return None


def invitations(apps, schema_editor):
    Invitation = apps.get_model("coordination", "Invitation")
    for row in Invitation.objects.all().iterator():
        text = row.reason.strip()
        concerned = _match(CONCERNED, text) if row.proposed else None
        coordinates = _match(COORDINATES, text) if row.proposed and not concerned else None
        if concerned:
            row.reason_kind = "concerned"
            row.reason_data = {
                "affairs": [{"code": "", "name": concerned["affairs"]}],
                "source": _citation(concerned["source"]),
            }
            row.reason = ""
        elif coordinates:
            row.reason_kind = "coordinates"
            row.reason_data = {"units": [coordinates["units"]]}
            row.reason = ""
        else:
            row.reason_kind = "added"
            row.reason_data = {}
            row.reason = "" if text in ADDED else text
        if not row.proposed and row.removal_reason.strip() in REMOVED:
            row.removal_reason = ""
        row.save(update_fields=["reason_kind", "reason_data", "reason", "removal_reason"])


def attendance(apps, schema_editor):
    Attendance = apps.get_model("coordination", "Attendance")
    for row in Attendance.objects.exclude(breach="").iterator():
        found = None
        for pattern in BREACH:
            found = found or pattern.search(row.breach)
        row.breached = True
        row.breach_source = found["source"].strip() if found else ""
        row.save(update_fields=["breached", "breach_source"])


def meetings(apps, schema_editor):
    Meeting = apps.get_model("coordination", "Meeting")
    for row in Meeting.objects.exclude(sources={}).iterator():
        sources = {}
        for name, text in (row.sources or {}).items():
            if name == "convener" and isinstance(text, str) and text.strip() in FORUM_BASIS:
                sources["convener_basis"] = "forum"
            sources[name] = _citation(text) if isinstance(text, str) else text
        row.sources = sources
        row.save(update_fields=["sources"])


class Migration(migrations.Migration):
    dependencies = [("coordination", "0005_meeting_facts")]

    operations = [
        migrations.RunPython(invitations, migrations.RunPython.noop),
        migrations.RunPython(attendance, migrations.RunPython.noop),
        migrations.RunPython(meetings, migrations.RunPython.noop),
    ]
