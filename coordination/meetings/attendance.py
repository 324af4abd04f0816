"""Attendance at a coordination meeting, checked against the region's rule on representation.

An invited unit is present (its head, or an acting Plt./Plh./Pj., who counts as the head),
represented, or absent. Where the region's text binds the unit's kind (Pasal 9 huruf f of the
Bukittinggi and Pasaman Barat texts: Dinas, Badan, Bagian), an absent head is represented by
the official who holds, on the meeting day, a post exactly one level below the head's in the
same unit; the form offers those officials by name and post. A unit with no officials on record
is recorded by name and post, flagged as not verified. Attendance is recorded once the meeting
has started, never before."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext, gettext_noop

from coordination.core.access import require
from coordination.core.rules import rule
from coordination.meetings.models import Attendance, Invitation, Meeting
from orgchart.labels import kinds_label
from orgchart.models import Appointment, Official, Position, Unit
from orgchart.vocabulary import EXTERNAL_KINDS, UnitKind
from regulations.answers import RuleAnswer
from regulations.rule_kinds import RuleKind

# Bodies outside the structure, whose attendee is recorded by name as a matter of course.
NAMED_BY_THEMSELVES = EXTERNAL_KINDS | {UnitKind.BUMD, UnitKind.FORUM, UnitKind.LAINNYA}


@dataclass
class AttendanceInput:
    status: str
    official: Official | None = None
    attendee_name: str = ""
    attendee_post: str = ""
    note: str = ""


@dataclass
class UnitOfficials:
    """Who holds a post in one unit on the meeting day: the head (acting heads first), the
    officials exactly one level below (those who may represent the head), and the others."""

    heads: list[Appointment] = field(default_factory=list)
    one_below: list[Appointment] = field(default_factory=list)
    others: list[Appointment] = field(default_factory=list)

    @property
    def on_record(self) -> bool:
        return bool(self.heads or self.one_below or self.others)

    @property
    def head_level(self) -> int:
        return self.heads[0].position.level if self.heads else 1


def officials_of(unit_ids: list[int], day: datetime.date, levels_below: int = 1) -> dict:
    """{unit id: UnitOfficials} for every unit, in one query."""
    found: dict[int, UnitOfficials] = {unit_id: UnitOfficials() for unit_id in unit_ids}
    rows = list(
        Appointment.objects.as_of(day)
        .filter(position__unit_id__in=unit_ids)
        .select_related("official", "position")
        .acting_first()
        .order_by("position__unit_id", "position__level", "acting_rank", "official__name")
    )
    for row in rows:
        group = found[row.position.unit_id]
        if row.position.level == 1:
            group.heads.append(row)
    for row in rows:
        group = found[row.position.unit_id]
        if row.position.level == 1:
            continue
        if row.position.level == group.head_level + levels_below:
            group.one_below.append(row)
        else:
            group.others.append(row)
    return found


def representation_rule(meeting: Meeting) -> RuleAnswer | None:
    """The region's representation rule on the meeting day (Pasal 9 huruf f), or None where
    the text has none."""
    answer = rule(meeting.region, RuleKind.REPRESENTATION, meeting.date)
    return None if answer.is_default or not answer.value["unit_kinds"] else answer


def binds(answer: RuleAnswer | None, unit: Unit) -> RuleAnswer | None:
    return answer if answer is not None and unit.kind in answer.value["unit_kinds"] else None


def representation_for(meeting: Meeting, unit: Unit) -> RuleAnswer | None:
    """The region's representation rule if it binds this unit's kind on the day, else None."""
    return binds(representation_rule(meeting), unit)


def _rule_words(answer: RuleAnswer) -> dict:
    return {
        "source": answer.source_display,
        "kinds": kinds_label(answer.value["unit_kinds"]),
    }


def check_representative(
    unit: Unit, official: Official | None, officials: UnitOfficials, answer: RuleAnswer
) -> Position:
    """The post by which ``official`` may represent the head of ``unit`` under ``answer``
    (one level below, same unit, on the day), or ValidationError on the official field."""
    words = _rule_words(answer)
    if official is None:
        raise ValidationError(
            {
                "official": gettext(
                    "%(source)s: the head of a %(kinds)s who cannot attend is represented by the "
                    "official one level below in the same unit; choose that official."
                )
                % words
            }
        )
    for appointment in officials.one_below:
        if appointment.official_id == official.pk:
            return appointment.position
    raise ValidationError(
        {
            "official": gettext(
                "%(source)s: the head of a %(kinds)s who cannot attend is represented by the "
                "official one level below in the same unit. %(holdings)s, so they cannot "
                "represent the head of %(unit)s."
            )
            % {**words, "holdings": _describe(official, unit, officials), "unit": unit.name}
        }
    )


def _describe(official: Official, unit: Unit, officials: UnitOfficials) -> str:
    held = [
        appointment
        for appointment in officials.heads + officials.one_below + officials.others
        if appointment.official_id == official.pk
    ]
    if not held:
        return gettext("%(official)s holds no position in %(unit)s on that day") % {
            "official": official.name,
            "unit": unit.name,
        }
    return gettext("%(official)s holds %(positions)s") % {
        "official": official.name,
        "positions": "; ".join(
            gettext("%(title)s (level %(level)d)")
            % {"title": appointment.position.title, "level": appointment.position.level}
            for appointment in held
        ),
    }


# --- Recording ------------------------------------------------------------------------------


NOT_STARTED = {
    "attendance": gettext_noop("Attendance is recorded once the meeting has started (%(start)s)."),
    "minutes": gettext_noop("Minutes are recorded once the meeting has started (%(start)s)."),
    "files": gettext_noop(
        "Files of the minutes are attached once the meeting has started (%(start)s)."
    ),
}


def check_started(meeting: Meeting, what: str) -> None:
    """Attendance and minutes are facts of a meeting that has begun (``what``: a key of
    NOT_STARTED)."""
    if timezone.now() < meeting.starts_at:
        raise ValidationError(gettext(NOT_STARTED[what]) % {"start": _start_text(meeting)})


def _start_text(meeting: Meeting) -> str:
    local = meeting.region.local(meeting.starts_at)
    return f"{dateformat.format(local, formats.get_format('DATETIME_FORMAT'))} {local.tzname()}"


@dataclass
class _Recorded:
    status: str
    official: Official | None = None
    position: Position | None = None
    name: str = ""
    post: str = ""
    unverified: bool = False
    breach_source: str | None = None


def _typed(unit: Unit, data: AttendanceInput, officials: UnitOfficials, status: str) -> _Recorded:
    """An attendee recorded by name and post: outside bodies as a matter of course; a unit of
    the structure only where it has nobody on record, flagged as not verified."""
    name, post = data.attendee_name.strip()[:200], data.attendee_post.strip()[:200]
    if not name:
        raise ValidationError(
            {
                "attendee_name": gettext("Write the name and post of who attended for %(unit)s.")
                % {"unit": unit.name}
            }
        )
    unverified = unit.kind not in NAMED_BY_THEMSELVES
    if unverified and not post:
        raise ValidationError(
            {"attendee_post": gettext("Write the post of %(name)s.") % {"name": name}}
        )
    return _Recorded(status, name=name, post=post, unverified=unverified)


def _present(unit, data, officials: UnitOfficials) -> _Recorded:
    heads = {appointment.official_id: appointment for appointment in officials.heads}
    official = data.official or (officials.heads[0].official if officials.heads else None)
    if official is None:
        return _typed(unit, data, officials, Attendance.Status.PRESENT)
    if official.pk not in heads:
        raise ValidationError(
            {
                "official": gettext(
                    "%(official)s is not the head of %(unit)s on the day of the meeting (an "
                    "acting head, Plt. or Plh., counts as the head). Record them as the "
                    "representative."
                )
                % {"official": official.name, "unit": unit.name}
            }
        )
    return _Recorded(Attendance.Status.PRESENT, official, heads[official.pk].position)


def _represented(unit, data, officials: UnitOfficials, answer: RuleAnswer | None) -> _Recorded:
    if answer is not None and (officials.one_below or data.official is not None):
        position = check_representative(unit, data.official, officials, answer)
        return _Recorded(Attendance.Status.REPRESENTED, data.official, position)
    if data.official is not None:
        held = [
            appointment.position
            for appointment in officials.one_below + officials.others
            if appointment.official_id == data.official.pk
        ]
        return _Recorded(Attendance.Status.REPRESENTED, data.official, held[0] if held else None)
    return _typed(unit, data, officials, Attendance.Status.REPRESENTED)


def _decide(invitation: Invitation, data: AttendanceInput) -> _Recorded:
    meeting, unit = invitation.meeting, invitation.unit
    answer = representation_for(meeting, unit)
    levels = answer.value["levels_below"] if answer else 1
    officials = officials_of([unit.pk], meeting.date, levels)[unit.pk]
    head_ids = {appointment.official_id for appointment in officials.heads}
    status = data.status
    if status == Attendance.Status.REPRESENTED and data.official and data.official.pk in head_ids:
        status = Attendance.Status.PRESENT  # an acting head counts as the head
    if status == Attendance.Status.PRESENT:
        return _present(unit, data, officials)
    if status == Attendance.Status.REPRESENTED:
        return _represented(unit, data, officials, answer)
    return _Recorded(Attendance.Status.ABSENT, breach_source=answer.source if answer else None)


def _check_recordable(invitation: Invitation, data: AttendanceInput) -> None:
    meeting = invitation.meeting
    if meeting.status not in (Meeting.Status.INVITED, Meeting.Status.HELD):
        raise ValidationError(gettext("Attendance is recorded once the invitations are sent."))
    check_started(meeting, "attendance")
    if not invitation.active:
        raise ValidationError(gettext("This unit's invitation was withdrawn."))
    if data.status not in Attendance.Status.values:
        raise ValidationError({"status": gettext("Choose present, represented or absent.")})
    if data.official is not None and data.official.region_id != meeting.region_id:
        raise ValidationError(
            {"official": gettext("The official must be of the meeting's region.")}
        )


@transaction.atomic
def record_attendance(invitation: Invitation, data: AttendanceInput, user) -> Attendance:
    """Record how an invited unit attended, checked against the representation rule of the
    region (Pasal 9 huruf f where the text has it)."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("meeting__region", "unit")
        .get(pk=invitation.pk)
    )
    require(user, "coordination.change_attendance", invitation.meeting)
    _check_recordable(invitation, data)
    decided = _decide(invitation, data)
    attendance, _created = Attendance.objects.update_or_create(
        invitation=invitation,
        defaults={
            "status": decided.status,
            "official": decided.official,
            "position": decided.position,
            "attendee_name": decided.name,
            "attendee_post": decided.post,
            "unverified": decided.unverified,
            "note": data.note.strip()[:300],
            "breached": decided.breach_source is not None,
            "breach_source": decided.breach_source or "",
            "recorded_by": user,
        },
    )
    return attendance
