"""Minutes and follow-ups (tindak lanjut): the due date in working days from the region's
rule, the lifecycle open → in progress → done with its audit trail, evidence, and the Sekda's
receipt of the report on its way to the Kepala Daerah."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coordination.core import notify
from coordination.core.access import require
from coordination.core.uploads import store, validate_upload
from coordination.core.workdays import Calendar, region_today
from coordination.follow_ups.models import Decision, Evidence, FollowUp, FollowUpTransition
from coordination.meetings.attendance import check_started
from coordination.meetings.models import Attendance, Invitation, Meeting
from orgchart.labels import role_label
from orgchart.models import Role, Unit
from orgchart.vocabulary import UnitKind
from regulations.answers import RuleAnswer, follow_up_deadline, rule_for, rules_for
from regulations.models import Region
from regulations.rule_kinds import RuleKind

MAX_EVIDENCE = 20
# The Kepala Daerah receives follow-up reports (through the Sekda); no decision assigns them one.
NOT_ASSIGNED = frozenset({UnitKind.KEPALA_DAERAH})


@dataclass(frozen=True)
class Due:
    date: datetime.date
    working_days: int
    source: str  # the provision, or "" for the portal's default

    def display(self) -> str:
        if self.source:
            return self.source
        return gettext("no legal deadline: portal default, the region's regulation sets none")


def due_after(region: Region, meeting_day: datetime.date) -> Due:
    """The meeting day plus the region's follow-up period in working days (e.g. 2 working
    days, Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)), or the portal's default."""
    answer = follow_up_deadline(region, meeting_day)
    days = int(answer.value["working_days"])
    date = Calendar.for_region(region).add_working_days(meeting_day, days)
    return Due(date=date, working_days=days, source=answer.source or "")


def report_route(region: Region, day: datetime.date) -> RuleAnswer:
    """How the follow-up report travels: the region's own rule (Kutai Kartanegara Pasal 13
    ayat (4)), else its written-report rule through the Sekda (Pasal 16 ayat (2)), else the
    portal's default, to the Kepala Daerah through the Sekda."""
    answer = rule_for(region, RuleKind.FOLLOW_UP_REPORT, day)
    if not answer.is_default:
        return answer
    for cadence in rules_for(region, RuleKind.REPORTING_CADENCE, day):
        if cadence.value.get("to") == "kepala_daerah" and "sekda" in cadence.value.get(
            "through", []
        ):
            return RuleAnswer(
                kind=RuleKind.FOLLOW_UP_REPORT,
                value={"to": "kepala_daerah", "through": cadence.value["through"]},
                source=cadence.source,
                rule_id=cadence.rule_id,
            )
    return answer


def report_route_display(region: Region, day: datetime.date) -> str:
    answer = report_route(region, day)
    path = [role_label(region, role) for role in answer.value["through"]]
    path.append(role_label(region, answer.value["to"]))
    return gettext("%(path)s (%(source)s)") % {
        "path": " → ".join(path),
        "source": answer.source_display,
    }


# --- Minutes ------------------------------------------------------------------------------


@dataclass
class FollowUpInput:
    unit: Unit
    action: str


@dataclass
class DecisionInput:
    text: str
    follow_ups: list[FollowUpInput] = field(default_factory=list)


def _check_minutes_recordable(meeting: Meeting, minutes: str) -> None:
    if meeting.status not in (Meeting.Status.INVITED, Meeting.Status.HELD):
        raise ValidationError(
            gettext("Minutes are recorded for a meeting whose invitations went out.")
        )
    check_started(meeting, "minutes")
    if not minutes.strip():
        raise ValidationError({"minutes": gettext("Write the minutes.")})
    missing = list(
        Invitation.objects.filter(meeting=meeting, removed_at__isnull=True, attendance__isnull=True)
        .select_related("unit")
        .order_by("unit__lft")
    )
    if missing:
        raise ValidationError(
            gettext("Record the attendance of every invited unit first: %(units)s.")
            % {"units": ", ".join(invitation.unit.name for invitation in missing)}
        )


def _follow_up_errors(meeting: Meeting, number: int, items: list[FollowUpInput]) -> list[str]:
    """Each unit of the meeting's region, existing on its day, able to carry the action out,
    named once per decision, with the action said."""
    errors, seen = [], set()
    live = set(
        Unit.objects.as_of(meeting.date)
        .filter(pk__in=[item.unit.pk for item in items])
        .values_list("pk", flat=True)
    )
    for item in items:
        words = {"unit": item.unit.name, "number": number}
        if item.unit.region_id != meeting.region_id:
            errors.append(gettext("%(unit)s is not a unit of the meeting's region.") % words)
        elif item.unit.pk not in live:
            errors.append(gettext("%(unit)s does not exist on the day of the meeting.") % words)
        elif item.unit.kind in NOT_ASSIGNED:
            errors.append(
                gettext(
                    "%(unit)s receives the follow-up reports; a follow-up is assigned to a "
                    "unit that carries it out."
                )
                % words
            )
        if not item.action.strip():
            errors.append(gettext("Say what %(unit)s must do for decision %(number)d.") % words)
        if item.unit.pk in seen:
            errors.append(gettext("%(unit)s appears twice in decision %(number)d.") % words)
        seen.add(item.unit.pk)
    return errors


def _decision_errors(meeting: Meeting, decisions: list[DecisionInput]) -> list[str]:
    errors = []
    for number, decision in enumerate(decisions, start=1):
        if not decision.text.strip():
            errors.append(gettext("Decision %(number)d has no text.") % {"number": number})
        if not decision.follow_ups:
            errors.append(
                gettext("Decision %(number)d assigns no follow-up to any unit.")
                % {"number": number}
            )
        errors.extend(_follow_up_errors(meeting, number, decision.follow_ups))
    return errors


def _write_decisions(meeting: Meeting, decisions: list[DecisionInput], user) -> list[FollowUp]:
    """Number the decisions after those already recorded; each follow-up is due the region's
    period after the meeting day (e.g. 2 working days, Kutai Kartanegara Pasal 13 ayat (5))."""
    due = due_after(meeting.region, meeting.date)
    start = meeting.decisions.order_by("-position").values_list("position", flat=True).first() or 0
    created: list[FollowUp] = []
    for number, decision in enumerate(decisions, start=start + 1):
        row = Decision.objects.create(meeting=meeting, position=number, text=decision.text.strip())
        created.extend(
            FollowUp.objects.create(
                region=meeting.region,
                decision=row,
                unit=item.unit,
                action=item.action.strip(),
                due_date=due.date,
                due_working_days=due.working_days,
                due_source=due.source,
                created_by=user,
            )
            for item in decision.follow_ups
        )
    return created


@transaction.atomic
def record_minutes(
    meeting: Meeting,
    user,
    *,
    minutes: str,
    minutes_taker: str = "",
    decisions: list[DecisionInput] | None = None,
) -> list[FollowUp]:
    """Record the minutes of a meeting that has started and add their decisions, each with
    follow-ups for one or more units. Decisions already recorded stay (their follow-ups may
    be under way)."""
    meeting = Meeting.objects.select_for_update().select_related("region").get(pk=meeting.pk)
    require(user, "coordination.add_decision", meeting)
    _check_minutes_recordable(meeting, minutes)
    decisions = decisions or []
    errors = _decision_errors(meeting, decisions)
    if errors:
        raise ValidationError(errors)
    meeting.minutes = minutes.strip()
    meeting.minutes_taker = minutes_taker.strip()[:200]
    meeting.minutes_recorded_at = timezone.now()
    meeting.minutes_recorded_by = user
    meeting.status = Meeting.Status.HELD
    meeting.save()
    created = _write_decisions(meeting, decisions, user)
    ids = [follow_up.pk for follow_up in created]
    transaction.on_commit(lambda: _announce(ids))
    return created


def _announce(ids: list[int]) -> None:
    for follow_up in FollowUp.objects.filter(pk__in=ids).select_related(
        "unit", "decision__meeting__region"
    ):
        notify.send(
            notify.unit_heads(follow_up.unit_id), "follow_up_assigned", {"follow_up": follow_up}
        )


# --- Lifecycle ----------------------------------------------------------------------------


@transaction.atomic
def transition(
    follow_up: FollowUp, to: str, user, *, note: str = "", report: str | None = None
) -> FollowUp:
    """Move a follow-up along open → in progress → done, or return a report (done → in
    progress, by the Sekda, with a reason). Every move is audited with who and when."""
    follow_up = (
        FollowUp.objects.select_for_update().select_related("region", "unit").get(pk=follow_up.pk)
    )
    current = follow_up.status
    returning = current == FollowUp.Status.DONE
    # Permission first: someone who may not act learns nothing of the follow-up's state.
    require(
        user,
        "coordination.return_followup" if returning else "coordination.change_followup",
        follow_up,
    )
    _check_move(current, to)
    note = note.strip()
    if returning:
        _reopen(follow_up, note, report)
    if report is not None:
        follow_up.report = report.strip()
    if to == FollowUp.Status.DONE:
        _mark_done(follow_up)
    follow_up.status = to
    follow_up.save()
    FollowUpTransition.objects.create(
        follow_up=follow_up, from_status=current, to_status=to, actor=user, note=note
    )
    _announce_move(follow_up, to, returning, note)
    return follow_up


def _check_move(current: str, to: str) -> None:
    """The lifecycle of ``FollowUp.TRANSITIONS``: open → in progress → done, and done back
    to in progress when the Sekda returns the report."""
    if to not in FollowUp.Status.values:
        raise ValidationError({"to": gettext("Unknown status.")})
    if to not in FollowUp.TRANSITIONS[current]:
        raise ValidationError(
            {
                "to": gettext("A follow-up that is %(current)s cannot become %(to)s.")
                % {"current": FollowUp.Status(current).label, "to": FollowUp.Status(to).label}
            }
        )


def _reopen(follow_up: FollowUp, note: str, report: str | None) -> None:
    """The Sekda returns a report with the reason; the unit, not the Sekda, rewrites it. The
    report is no longer done nor received."""
    if report is not None:
        raise ValidationError(
            {"report": gettext("The Sekda returns a report with a note; the unit rewrites it.")}
        )
    if not note:
        raise ValidationError({"note": gettext("Say why the report is returned.")})
    follow_up.done_at = None
    follow_up.sekda_received_at = None
    follow_up.sekda_received_by = None


def _mark_done(follow_up: FollowUp) -> None:
    """A follow-up is done when its report is written, to go along the region's report route
    (its ``report_route`` rule, e.g. through the Sekda to the Kepala Daerah)."""
    if not follow_up.report:
        route = report_route_display(follow_up.region, region_today(follow_up.region))
        raise ValidationError(
            {
                "report": gettext("Write the follow-up report before marking it done: %(route)s.")
                % {"route": route}
            }
        )
    follow_up.done_at = timezone.now()


def _announce_move(follow_up: FollowUp, to: str, returning: bool, note: str) -> None:
    """After commit: a done report goes to the region's Sekda; a returned one, with the
    reason, to the unit's heads."""
    pk = follow_up.pk
    if to == FollowUp.Status.DONE:
        region_id = follow_up.region_id
        transaction.on_commit(
            lambda: notify.send(
                notify.users_with_role(region_id, Role.SEKDA),
                "follow_up_reported",
                {"follow_up": FollowUp.objects.select_related("unit", "region").get(pk=pk)},
            )
        )
    if returning:
        unit_id = follow_up.unit_id
        transaction.on_commit(
            lambda: notify.send(
                notify.unit_heads(unit_id),
                "follow_up_returned",
                {
                    "follow_up": FollowUp.objects.select_related("unit", "region").get(pk=pk),
                    "note": note,
                },
            )
        )


@transaction.atomic
def update_report(follow_up: FollowUp, user, report: str) -> FollowUp:
    """Save a draft of the report without changing status."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    require(user, "coordination.change_followup", follow_up)
    if follow_up.status == FollowUp.Status.DONE:
        raise ValidationError(gettext("The report was sent; the Sekda may return it for changes."))
    follow_up.report = report.strip()
    follow_up.save(update_fields=["report"])
    return follow_up


@transaction.atomic
def receive_report(follow_up: FollowUp, user) -> FollowUp:
    """The Sekda receives the follow-up report, to bring it to the Kepala Daerah."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    require(user, "coordination.receive_followup", follow_up)
    if follow_up.status != FollowUp.Status.DONE:
        raise ValidationError(gettext("Only a follow-up reported done reaches the Sekda."))
    if follow_up.sekda_received_at:
        raise ValidationError(gettext("This report was already received."))
    follow_up.sekda_received_at = timezone.now()
    follow_up.sekda_received_by = user
    follow_up.save(update_fields=["sekda_received_at", "sekda_received_by"])
    return follow_up


def add_evidence(follow_up: FollowUp, upload, user) -> Evidence:
    """Check the file (coordination.core.uploads), then store it under a generated name. Nothing is
    written unless every check passes; a failed write leaves no row behind."""
    require(user, "coordination.add_evidence", follow_up)
    checked = validate_upload(upload)  # before any lock or write: a refused file costs nothing
    with transaction.atomic():
        # Locked, so that the limit and a concurrent "done" cannot race this upload.
        follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        return _store_evidence(follow_up, upload, user, checked)


def _store_evidence(follow_up: FollowUp, upload, user, checked) -> Evidence:
    if follow_up.status == FollowUp.Status.DONE:
        raise ValidationError(gettext("The report was sent; the Sekda may return it for changes."))
    if follow_up.evidence.count() >= MAX_EVIDENCE:
        raise ValidationError(
            gettext("A follow-up holds at most %(count)d files.") % {"count": MAX_EVIDENCE}
        )
    evidence = Evidence(follow_up=follow_up, uploaded_by=user)
    store(evidence, upload, checked)
    return evidence


def attendance_summary(meeting: Meeting) -> dict[str, int]:
    counts = dict.fromkeys(Attendance.Status.values, 0)
    for status in Attendance.objects.filter(invitation__meeting=meeting).values_list(
        "status", flat=True
    ):
        counts[status] += 1
    return counts
