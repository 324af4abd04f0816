"""Who is invited to a coordination meeting, why, and how they answer.

The portal proposes the units that carry out the meeting's affairs, because concerned units
must attend (Pasal 9 huruf g), and whoever coordinates them. Each proposal keeps the facts of
its reason (the affairs, the provision, the units coordinated); the sentence is composed when
shown, in the reader's language. The head of an invited unit answers the undangan: attend,
represented by the official one level below (Pasal 9 huruf f), or, where no rule binds the
unit, unable to attend."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coordination.core import notify
from coordination.core.access import require
from coordination.core.letters import assign_letter_number
from coordination.core.rules import rule
from coordination.meetings import documents
from coordination.meetings.attendance import check_representative, officials_of, representation_for
from coordination.meetings.models import Invitation, Meeting
from coordination.oversight.routing import Routes
from orgchart.labels import kinds_label
from orgchart.models import Official, Unit, UnitAffair
from regulations.rule_kinds import RuleKind

INVITEE_ROLES = ["agency_head", "asisten", "sekda", "wakil", "kepala_daerah", "staf_ahli"]


def _related(code: str, other: str) -> bool:
    return code == other or code.startswith(other + ".") or other.startswith(code + ".")


# --- Proposals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    unit: Unit
    kind: str  # Invitation.Reason
    data: dict


def _concerned_units(meeting: Meeting) -> dict[int, list[dict]]:
    """The units that carry out an affair related to the meeting's (same, above or below)."""
    codes = list(meeting.affairs.values_list("code", flat=True))
    if not codes:
        return {}
    region, day = meeting.region, meeting.date
    rows = (
        UnitAffair.objects.as_of(day)
        .filter(unit__region=region, role=UnitAffair.Role.CARRIES_OUT)
        .filter(unit__in=Unit.objects.as_of(day).filter(region=region).values("pk"))
        .order_by("unit__tree_id", "unit__lft", "affair__code")
        .values_list("unit_id", "affair__code", "affair__name")
    )
    concerned: dict[int, list[dict]] = {}
    for unit_id, code, name in rows:
        if any(_related(code, wanted) for wanted in codes):
            affairs = concerned.setdefault(unit_id, [])
            if all(item["code"] != code for item in affairs):
                affairs.append({"code": code, "name": name})
    return concerned


def proposed_invitees(meeting: Meeting) -> list[Proposal]:
    """The units that must attend because the meeting concerns their affairs (Pasal 9 huruf g),
    and whoever coordinates them: their Asisten, or whoever took their coordination over."""
    concerned = _concerned_units(meeting)
    if not concerned:
        return []
    attend = rule(meeting.region, RuleKind.CONCERNED_UNITS_ATTEND, meeting.date)
    routes = Routes(meeting.region, meeting.date)
    coordinated: dict[int, list[str]] = {}
    for unit_id in concerned:
        for route in routes.of(unit_id):
            coordinated.setdefault(route.coordinator_id, []).append(routes.units[unit_id]["name"])
    units = Unit.objects.in_bulk([*concerned, *coordinated])
    proposals = [
        Proposal(
            units[unit_id],
            Invitation.Reason.CONCERNED,
            {"affairs": affairs, "source": attend.source},
        )
        for unit_id, affairs in concerned.items()
    ] + [
        Proposal(units[unit_id], Invitation.Reason.COORDINATES, {"units": names})
        for unit_id, names in coordinated.items()
        if unit_id not in concerned
    ]
    return [item for item in proposals if item.unit.pk != meeting.convener_id]


def propose_invitations(meeting: Meeting) -> list[Invitation]:
    """Invite every proposed unit not yet invited; a unit staff removed stays removed."""
    existing = set(meeting.invitations.values_list("unit_id", flat=True))
    created = [
        Invitation(
            meeting=meeting,
            unit=item.unit,
            proposed=True,
            reason_kind=item.kind,
            reason_data=item.data,
        )
        for item in proposed_invitees(meeting)
        if item.unit.pk not in existing
    ]
    return Invitation.objects.bulk_create(created)


# --- The secretariat's changes --------------------------------------------------------------


def _check_invitable(meeting: Meeting, unit: Unit) -> None:
    if not meeting.editable:
        raise ValidationError(
            gettext("A meeting that was held or cancelled takes no more invitees.")
        )
    if unit.region_id != meeting.region_id:
        raise ValidationError({"unit": gettext("Only units of the meeting's region are invited.")})
    if not Unit.objects.as_of(meeting.date).filter(pk=unit.pk).exists():
        raise ValidationError(
            {"unit": gettext("%(unit)s does not exist on the day of the meeting.") % {"unit": unit}}
        )
    if unit.pk == meeting.convener_id:
        raise ValidationError({"unit": gettext("The convener is not invited to its own meeting.")})


@transaction.atomic
def add_invitation(meeting: Meeting, unit: Unit, user, reason: str = "") -> Invitation:
    require(user, "coordination.add_invitation", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_invitable(meeting, unit)
    invitation, created = Invitation.objects.get_or_create(
        meeting=meeting,
        unit=unit,
        defaults={"reason_kind": Invitation.Reason.ADDED, "reason": reason.strip()[:500]},
    )
    if not created:
        if invitation.active:
            raise ValidationError(
                {"unit": gettext("%(unit)s is already invited.") % {"unit": unit}}
            )
        invitation.removed_at = None
        invitation.removal_reason = ""
        invitation.save(update_fields=["removed_at", "removal_reason"])
    if meeting.status == Meeting.Status.INVITED:
        deliver_invitations(meeting, [invitation])
    return invitation


@transaction.atomic
def remove_invitation(invitation: Invitation, user, reason: str) -> Invitation:
    """Staff may remove an invitee; a proposed one only with a written reason, which is kept."""
    invitation = (
        Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    )
    require(user, "coordination.delete_invitation", invitation.meeting)
    if not invitation.meeting.editable:
        raise ValidationError(gettext("A meeting that was held or cancelled keeps its invitees."))
    if not invitation.active:
        raise ValidationError(gettext("This unit was already removed."))
    reason = reason.strip()
    if invitation.proposed and not reason:
        meeting = invitation.meeting
        attend = rule(meeting.region, RuleKind.CONCERNED_UNITS_ATTEND, meeting.date)
        raise ValidationError(
            {
                "reason": gettext(
                    "%(unit)s was proposed because concerned units must attend (%(source)s): "
                    "write why it is removed."
                )
                % {"unit": invitation.unit.name, "source": attend.source_display}
            }
        )
    if hasattr(invitation, "attendance"):
        raise ValidationError(
            gettext("Attendance is recorded for this unit; it cannot be removed.")
        )
    if not invitation.proposed and invitation.sent_at is None:
        invitation.delete()
        return invitation
    invitation.removed_at = timezone.now()
    invitation.removal_reason = reason
    invitation.save(update_fields=["removed_at", "removal_reason"])
    return invitation


@transaction.atomic
def send_invitations(meeting: Meeting, user) -> int:
    """Send the undangan to every active invitee not yet sent one; the meeting is then
    "invited" and its undangan takes the next number of the region's year. Returns the number
    of invitations sent."""
    meeting = Meeting.objects.select_for_update().select_related("region").get(pk=meeting.pk)
    require(user, "coordination.change_meeting", meeting)
    if not meeting.editable:
        raise ValidationError(gettext("A meeting that was held or cancelled sends no invitations."))
    pending = list(meeting.invitations.filter(removed_at__isnull=True, sent_at__isnull=True))
    if not pending and not meeting.invitations.filter(removed_at__isnull=True).exists():
        raise ValidationError(gettext("Invite at least one unit first."))
    meeting.status = Meeting.Status.INVITED
    if not meeting.letter_number and not meeting.recorded_afterwards:
        meeting.letter_number = assign_letter_number(meeting.region)
    meeting.save(update_fields=["status", "letter_number"])
    deliver_invitations(meeting, pending)
    return len(pending)


def deliver_invitations(meeting: Meeting, invitations: list[Invitation]) -> None:
    """Mark the invitations sent and, after the commit, mail the undangan with its .ics to the
    invited units' people. A meeting recorded after it was held sends no undangan."""
    if not invitations:
        return
    Invitation.objects.filter(pk__in=[invitation.pk for invitation in invitations]).update(
        sent_at=timezone.now()
    )
    if meeting.recorded_afterwards:
        return
    unit_ids = [invitation.unit_id for invitation in invitations]
    meeting_id = meeting.pk

    def deliver() -> None:
        fresh = Meeting.objects.select_related("region", "convener").get(pk=meeting_id)
        notify.send(
            notify.users_of_units(unit_ids, INVITEE_ROLES),
            "invitation",
            {"meeting": fresh},
            attachments=[("undangan.ics", documents.invitation_ics(fresh), "text/calendar")],
        )

    transaction.on_commit(deliver)


# --- The invited unit's answer ------------------------------------------------------------------


@dataclass
class AnswerInput:
    response: str
    official: Official | None = None
    note: str = ""


def _check_answerable(invitation: Invitation) -> None:
    meeting = invitation.meeting
    if not invitation.active or invitation.sent_at is None:
        raise ValidationError(gettext("This unit has no invitation to answer."))
    if meeting.status != Meeting.Status.INVITED or timezone.now() >= meeting.starts_at:
        raise ValidationError(
            gettext("The meeting has begun or is closed: the secretariat records attendance.")
        )


def _check_answer(invitation: Invitation, data: AnswerInput) -> Official | None:
    """Pasal 9 huruf f where the text binds the unit: a head who cannot attend names the
    official one level below; "cannot attend" without a representative is refused."""
    meeting, unit = invitation.meeting, invitation.unit
    if data.response not in Invitation.Response.values:
        raise ValidationError({"response": gettext("Choose how your unit attends.")})
    answer = representation_for(meeting, unit)
    if data.response == Invitation.Response.UNABLE and answer is not None:
        raise ValidationError(
            {
                "response": gettext(
                    "%(source)s: the head of a %(kinds)s who cannot attend is represented by the "
                    "official one level below in the same unit; answer “%(represented)s” and "
                    "name that official."
                )
                % {
                    "source": answer.source_display,
                    "kinds": kinds_label(answer.value["unit_kinds"]),
                    "represented": Invitation.Response.REPRESENTED.label,
                }
            }
        )
    if data.response != Invitation.Response.REPRESENTED:
        return None
    if data.official is not None and data.official.region_id != meeting.region_id:
        raise ValidationError(
            {"official": gettext("The official must be of the meeting's region.")}
        )
    if answer is not None:
        levels = answer.value["levels_below"]
        officials = officials_of([unit.pk], meeting.date, levels)[unit.pk]
        if officials.one_below or data.official is not None:
            check_representative(unit, data.official, officials, answer)
    return data.official


@transaction.atomic
def answer_invitation(invitation: Invitation, data: AnswerInput, user) -> Invitation:
    """The head of the invited unit answers the undangan before the meeting; the answer can be
    changed until the meeting starts. The secretariat sees it beside the invitation and the
    attendance form starts from it."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("meeting__region", "unit")
        .get(pk=invitation.pk)
    )
    require(user, "coordination.answer_invitation", invitation)
    _check_answerable(invitation)
    official = _check_answer(invitation, data)
    invitation.response = data.response
    invitation.response_official = official
    invitation.response_note = data.note.strip()[:300]
    invitation.responded_at = timezone.now()
    invitation.responded_by = user
    invitation.save(
        update_fields=[
            "response",
            "response_official",
            "response_note",
            "responded_at",
            "responded_by",
        ]
    )
    return invitation
