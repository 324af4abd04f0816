"""Coordination meetings: scheduling against the region's rules, changing and cancelling.

Each check names the provision it applies: Pasal 9 huruf c and e (who convenes, see
coordination.meetings.conveners), Pasal 6 or 13 (forms), Pasal 18 (kinds, modes,
periodicity), or says that the portal's default applies. A meeting is scheduled for a time
still to come in the region's own zone; one already held is entered as such, clearly marked."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext

from coordination.core import notify
from coordination.core.access import require
from coordination.core.rules import rule
from coordination.meetings.conveners import check_convener
from coordination.meetings.invitations import (
    INVITEE_ROLES,
    deliver_invitations,
    propose_invitations,
)
from coordination.meetings.models import AgendaItem, Meeting
from orgchart.models import Affair, Unit
from regulations.answers import RuleAnswer
from regulations.models import Region
from regulations.rule_kinds import RuleKind

# What a form or a client states about a meeting as such (besides region, times, affairs and
# agenda), copied onto the row as given.
STATED_FIELDS = (
    "title",
    "convener",
    "scope",
    "form",
    "kind",
    "mode",
    "periodicity",
    "recurrence",
    "place",
    "online_link",
)
_CHOICE_RULES = (
    ("form", RuleKind.COORDINATION_FORMS, "forms", Meeting.Form),
    ("kind", RuleKind.MEETING_KINDS, "kinds", Meeting.Kind),
    ("mode", RuleKind.MEETING_MODES, "modes", Meeting.Mode),
    ("periodicity", RuleKind.MEETING_PERIODICITY, "periodicity", Meeting.Periodicity),
)


# --- The region's choices --------------------------------------------------------------------


def allowed_choices(region: Region, day: datetime.date) -> dict[str, tuple[list, RuleAnswer]]:
    """For each choice of a meeting, the values the region's text names, and the rule."""
    result = {}
    for field_name, kind, key, choices in _CHOICE_RULES:
        answer = rule(region, kind, day)
        allowed = [(value, label) for value, label in choices.choices if value in answer.value[key]]
        result[field_name] = (allowed, answer)
    return result


def check_choices(meeting: Meeting) -> dict[str, str | None]:
    errors, sources = {}, {}
    for field_name, (allowed, answer) in allowed_choices(meeting.region, meeting.date).items():
        value = getattr(meeting, field_name)
        if value not in {choice for choice, _label in allowed}:
            errors[field_name] = gettext("%(source)s names only: %(allowed)s; not %(value)s.") % {
                "source": answer.source_display,
                "allowed": ", ".join(str(label) for _choice, label in allowed),
                "value": getattr(meeting, f"get_{field_name}_display")(),
            }
        else:
            sources[field_name] = answer.source
    if errors:
        raise ValidationError(errors)
    return sources


# --- Time: not in the past, a recurrence that includes the meeting's own day --------------------


def _when(meeting: Meeting, value: datetime.datetime) -> str:
    local = meeting.region.local(value)
    return f"{dateformat.format(local, formats.get_format('DATETIME_FORMAT'))} {local.tzname()}"


def check_time(meeting: Meeting, *, moved: bool) -> None:
    """A meeting to come starts in the future (the region's clock); one recorded after it was
    held started in the past. An unchanged time is not checked again when a meeting changes."""
    now = timezone.now()
    if meeting.recorded_afterwards and meeting.starts_at > now:
        raise ValidationError(
            {
                "date": gettext(
                    "Only a meeting that has already taken place is recorded as held, and "
                    "%(start)s is still to come: schedule it as a meeting to come instead."
                )
                % {"start": _when(meeting, meeting.starts_at)}
            }
        )
    if moved and not meeting.recorded_afterwards and meeting.starts_at <= now:
        raise ValidationError(
            {
                "date": gettext(
                    "A meeting cannot be scheduled in the past: %(start)s has already passed in "
                    "%(region)s (%(now)s). To enter a meeting that was already held, use "
                    "“Record a meeting already held”."
                )
                % {
                    "start": _when(meeting, meeting.starts_at),
                    "region": meeting.region.full_name,
                    "now": _when(meeting, now),
                }
            }
        )


def check_recurrence(meeting: Meeting) -> None:
    """The rule parses, ends (COUNT or UNTIL), and its first date is the meeting's own day,
    so that the undangan lists the dates the meetings will really be held."""
    if not meeting.recurrence:
        return
    example = "FREQ=MONTHLY;BYDAY=1MO;COUNT=12"
    try:
        rule_set = rrulestr(meeting.recurrence, dtstart=meeting.local_start)
        first = next(iter(rule_set), None)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ValidationError(
            {
                "recurrence": gettext(
                    "The recurrence rule cannot be read. Write it as parts joined by “;”, for "
                    "example %(example)s (FREQ is DAILY, WEEKLY, MONTHLY or YEARLY; COUNT is the "
                    "number of meetings)."
                )
                % {"example": example}
            }
        ) from None
    upper = meeting.recurrence.upper()
    if "COUNT=" not in upper and "UNTIL=" not in upper:
        raise ValidationError(
            {
                "recurrence": gettext(
                    "Say when the series ends: add COUNT (the number of meetings) or UNTIL (the "
                    "last date, e.g. UNTIL=20261231), as in %(example)s."
                )
                % {"example": example}
            }
        )
    if first is None or first.date() != meeting.date:
        day = dateformat.format(meeting.date, formats.get_format("DATE_FORMAT"))
        if first is None:
            message = gettext(
                "The rule gives no date at all: choose the date of the first meeting of the "
                "series (%(date)s now) and a rule that includes it."
            ) % {"date": day}
        else:
            message = gettext(
                "The rule does not include the meeting's own date (%(date)s); its first date "
                "would be %(first)s. Choose the date of the first meeting of the series."
            ) % {"date": day, "first": dateformat.format(first, formats.get_format("DATE_FORMAT"))}
        raise ValidationError({"recurrence": message})


def validate_meeting(meeting: Meeting, affairs: list[Affair], *, moved: bool) -> dict:
    """Every check, field by field; the provisions applied if all pass (a citation, or None
    where the portal's default applies)."""
    meeting.full_clean(exclude=["created_by", "minutes_recorded_by"])
    errors: dict[str, list] = defaultdict(list)
    sources: dict = {}
    checks = (
        lambda: check_time(meeting, moved=moved),
        lambda: check_recurrence(meeting),
        lambda: check_convener(meeting, affairs),
        lambda: check_choices(meeting),
    )
    for check in checks:
        try:
            sources.update(check() or {})
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[name].extend(messages)
    if errors:
        raise ValidationError(dict(errors))
    return sources


# --- Scheduling, changing, cancelling ------------------------------------------------------------


@dataclass
class MeetingInput:
    region: Region
    title: str
    convener: Unit
    scope: str
    form: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    kind: str = Meeting.Kind.RAPAT
    mode: str = Meeting.Mode.LANGSUNG
    periodicity: str = Meeting.Periodicity.INSIDENTAL
    recurrence: str = ""
    place: str = ""
    online_link: str = ""
    affairs: list[Affair] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    recorded_afterwards: bool = False


def _apply(meeting: Meeting, data: MeetingInput) -> None:
    for name in ("region", "starts_at", "ends_at", *STATED_FIELDS):
        setattr(meeting, name, getattr(data, name))
    meeting.recurrence = meeting.recurrence.strip()


def _agenda(data: MeetingInput) -> list[str]:
    agenda = [item.strip() for item in data.agenda if item and item.strip()]
    if not agenda:
        raise ValidationError({"agenda": gettext("A meeting needs at least one agenda item.")})
    return agenda


def _write_agenda(meeting: Meeting, agenda: list[str]) -> None:
    meeting.agenda.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=number, text=text)
        for number, text in enumerate(agenda, start=1)
    )


@transaction.atomic
def schedule_meeting(data: MeetingInput, user) -> Meeting:
    """Create a meeting after every check, and propose its invitees (Pasal 9 huruf g). A
    meeting recorded after it was held goes straight to its invitees' records (no undangan)."""
    meeting = Meeting(created_by=user, recorded_afterwards=data.recorded_afterwards)
    _apply(meeting, data)
    require(user, "coordination.add_meeting", meeting)
    agenda = _agenda(data)
    meeting.sources = validate_meeting(meeting, data.affairs, moved=True)
    if meeting.recorded_afterwards:
        meeting.status = Meeting.Status.INVITED
    meeting.save()
    meeting.affairs.set(data.affairs)
    _write_agenda(meeting, agenda)
    invitations = propose_invitations(meeting)
    if meeting.recorded_afterwards:
        deliver_invitations(meeting, invitations)
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, data: MeetingInput, user) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("region").get(pk=meeting.pk)
    require(user, "coordination.change_meeting", meeting)
    if not meeting.editable:
        raise ValidationError(gettext("A meeting that was held or cancelled cannot be changed."))
    if data.region.pk != meeting.region_id:
        raise ValidationError({"region": gettext("A meeting stays in its region.")})
    agenda = _agenda(data)
    moved = (data.starts_at, data.ends_at) != (meeting.starts_at, meeting.ends_at)
    _apply(meeting, data)
    meeting.sources = validate_meeting(meeting, data.affairs, moved=moved)
    meeting.save()
    meeting.affairs.set(data.affairs)
    _write_agenda(meeting, agenda)
    propose_invitations(meeting)
    if meeting.status == Meeting.Status.INVITED:
        # The undangan went out: every invitee gets the changed one (its .ics keeps the UID,
        # so calendars update the entry), and units newly proposed get their first.
        deliver_invitations(meeting, list(meeting.invitations.filter(removed_at__isnull=True)))
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting, user, reason: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require(user, "coordination.change_meeting", meeting)
    if not meeting.editable:
        raise ValidationError(gettext("A meeting that was held or cancelled cannot be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": gettext("Say why the meeting is cancelled.")})
    was_invited = meeting.status == Meeting.Status.INVITED
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    if was_invited:
        units = list(
            meeting.invitations.filter(removed_at__isnull=True).values_list("unit_id", flat=True)
        )
        transaction.on_commit(
            lambda: notify.send(
                notify.users_of_units(units, INVITEE_ROLES),
                "meeting_cancelled",
                {"meeting": meeting, "reason": reason},
            )
        )
    return meeting
