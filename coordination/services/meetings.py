"""Coordination meetings: scheduling against the region's rules, invitations, attendance.

Each check names the provision it applies: Pasal 9 huruf c and e (who convenes), huruf f (who
represents an absent head), huruf g (who must attend), Pasal 6 or 13 (forms), Pasal 18
(kinds, modes, periodicity), or says that the portal's default applies.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from coordination.models import AgendaItem, Attendance, Invitation, Meeting
from coordination.services import notify
from coordination.services.routing import Routes
from coordination.services.rules import (
    ROLE_KINDS,
    convener_rules,
    kinds_label,
    role_label,
    roles_label,
    rule,
)
from orgchart.models import Affair, Appointment, Official, Unit, UnitAffair
from orgchart.vocabulary import UnitKind
from regulations.answers import RuleAnswer
from regulations.models import Region
from regulations.rule_kinds import RuleKind

CONVENER_KINDS = frozenset(
    {UnitKind.KEPALA_DAERAH, UnitKind.WAKIL, UnitKind.SETDA, UnitKind.ASISTEN, UnitKind.FORUM}
)


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(gettext("You may not do this."))


# --- Who convenes, and in what form -----------------------------------------------------------


def _covers(code: str, portfolio: set[str]) -> bool:
    """An affair is within a portfolio if the portfolio holds it or an affair above it."""
    return any(code == held or code.startswith(held + ".") for held in portfolio)


def _related(code: str, other: str) -> bool:
    return code == other or code.startswith(other + ".") or other.startswith(code + ".")


def portfolio_affairs(asisten: Unit, day: datetime.date) -> set[str]:
    """The affairs an Asisten coordinates: the bidang the text gives it, and the affairs its
    portfolio's units carry out."""
    units = Unit.objects.portfolio_of(asisten, day).values("pk")
    return set(
        UnitAffair.objects.as_of(day)
        .filter(
            Q(unit=asisten, role=UnitAffair.Role.COORDINATES)
            | Q(unit__in=units, role=UnitAffair.Role.CARRIES_OUT)
        )
        .values_list("affair__code", flat=True)
    )


def check_convener(meeting: Meeting, affairs: list[Affair]) -> dict[str, str]:
    """Raise ValidationError unless the convener may convene this meeting; return the
    provisions applied, by name."""
    region, day, convener = meeting.region, meeting.date, meeting.convener
    answers = convener_rules(region, day)
    general, technical = answers["general"], answers["technical"]
    if (
        convener.region_id != region.pk
        or not Unit.objects.as_of(day).filter(pk=convener.pk).exists()
    ):
        raise ValidationError(
            {
                "convener": gettext(
                    "%(convener)s is not part of %(region)s's structure on %(day)s."
                )
                % {"convener": convener, "region": region.name, "day": day}
            }
        )
    general_kinds = {kind for role in general.value["roles"] for kind in ROLE_KINDS.get(role, ())}
    technical_kinds = {
        kind for role in technical.value["roles"] for kind in ROLE_KINDS.get(role, ())
    }
    if convener.kind == UnitKind.FORUM:
        # A forum such as Forkopimda meets under the provision that establishes it.
        if meeting.scope != Meeting.Scope.GENERAL:
            raise ValidationError(
                {
                    "convener": gettext(
                        "%(source)s: technical meetings are convened by the %(roles)s within their "
                        "portfolio; a forum such as %(convener)s convenes general meetings only."
                    )
                    % {
                        "source": technical.source_display,
                        "roles": roles_label(region, technical.value["roles"]),
                        "convener": convener.name,
                    }
                }
            )
        return {"convener": convener.source or gettext("the forum's own basis")}
    if meeting.scope == Meeting.Scope.GENERAL:
        if convener.kind not in general_kinds:
            message = gettext(
                "%(source)s: general coordination meetings are convened by the %(roles)s; "
                "%(convener)s may not convene one."
            ) % {
                "source": general.source_display,
                "roles": roles_label(region, general.value["roles"]),
                "convener": convener.name,
            }
            if convener.kind in technical_kinds:
                message += " " + gettext(
                    "An Asisten convenes technical meetings within their own portfolio "
                    "(%(source)s)."
                ) % {"source": technical.source_display}
            raise ValidationError({"convener": message})
        return {"convener": general.source_display}
    # Technical matters: an Asisten within their own portfolio; the Kepala Daerah, Wakil and
    # Sekda, who convene general meetings, may also take up a technical one.
    if convener.kind in general_kinds:
        return {"convener": general.source_display}
    if convener.kind not in technical_kinds:
        raise ValidationError(
            {
                "convener": gettext(
                    "%(source)s: technical meetings are convened by the %(technical)s within their "
                    "portfolio, and general ones by the %(general)s (%(general_source)s); "
                    "%(convener)s may not convene one."
                )
                % {
                    "source": technical.source_display,
                    "technical": roles_label(region, technical.value["roles"]),
                    "general": roles_label(region, general.value["roles"]),
                    "general_source": general.source_display,
                    "convener": convener.name,
                }
            }
        )
    if not affairs:
        raise ValidationError(
            {
                "affairs": gettext(
                    "Name the affairs of this technical meeting: %(source)s lets an Asisten "
                    "convene technical meetings within their own portfolio only."
                )
                % {"source": technical.source_display}
            }
        )
    held = portfolio_affairs(convener, day)
    outside = [affair for affair in affairs if not _covers(affair.code, held)]
    if outside:
        raise ValidationError(
            {
                "affairs": gettext(
                    "%(source)s: an Asisten convenes technical meetings within their own portfolio "
                    "only; %(affairs)s is not in the portfolio of %(convener)s."
                )
                % {
                    "source": technical.source_display,
                    "affairs": "; ".join(f"{affair.code} {affair.name}" for affair in outside),
                    "convener": convener.name,
                }
            }
        )
    return {"convener": technical.source_display}


_CHOICE_RULES = (
    ("form", RuleKind.COORDINATION_FORMS, "forms", Meeting.Form),
    ("kind", RuleKind.MEETING_KINDS, "kinds", Meeting.Kind),
    ("mode", RuleKind.MEETING_MODES, "modes", Meeting.Mode),
    ("periodicity", RuleKind.MEETING_PERIODICITY, "periodicity", Meeting.Periodicity),
)


def allowed_choices(region: Region, day: datetime.date) -> dict[str, tuple[list, RuleAnswer]]:
    """For each choice of a meeting, the values the region's text names, and the rule."""
    result = {}
    for field_name, kind, key, choices in _CHOICE_RULES:
        answer = rule(region, kind, day)
        allowed = [(value, label) for value, label in choices.choices if value in answer.value[key]]
        result[field_name] = (allowed, answer)
    return result


def check_choices(meeting: Meeting) -> dict[str, str]:
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
            sources[field_name] = answer.source_display
    if errors:
        raise ValidationError(errors)
    return sources


def validate_meeting(meeting: Meeting, affairs: list[Affair]) -> dict[str, str]:
    """Every check, field by field; the provisions applied if all pass."""
    meeting.full_clean(exclude=["created_by", "minutes_recorded_by"])
    errors: dict[str, list] = defaultdict(list)
    sources: dict[str, str] = {}
    for check in (lambda: check_convener(meeting, affairs), lambda: check_choices(meeting)):
        try:
            sources.update(check())
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[name].extend(messages)
    if errors:
        raise ValidationError(dict(errors))
    return sources


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


def _apply(meeting: Meeting, data: MeetingInput) -> None:
    for name in ("region", "starts_at", "ends_at", *STATED_FIELDS):
        setattr(meeting, name, getattr(data, name))


def _check_affairs_and_agenda(data: MeetingInput) -> list[str]:
    agenda = [item.strip() for item in data.agenda if item and item.strip()]
    if not agenda:
        raise ValidationError({"agenda": gettext("A meeting needs at least one agenda item.")})
    return agenda


@transaction.atomic
def schedule_meeting(data: MeetingInput, user) -> Meeting:
    """Create a meeting after every check, and propose its invitees (Pasal 9 huruf g)."""
    meeting = Meeting(created_by=user)
    _apply(meeting, data)
    require(user, "coordination.add_meeting", meeting)
    agenda = _check_affairs_and_agenda(data)
    meeting.sources = validate_meeting(meeting, data.affairs)
    meeting.save()
    meeting.affairs.set(data.affairs)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=number, text=text)
        for number, text in enumerate(agenda, start=1)
    )
    propose_invitations(meeting)
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, data: MeetingInput, user) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require(user, "coordination.change_meeting", meeting)
    if not meeting.editable:
        raise ValidationError(gettext("A meeting that was held or cancelled cannot be changed."))
    if data.region.pk != meeting.region_id:
        raise ValidationError({"region": gettext("A meeting stays in its region.")})
    agenda = _check_affairs_and_agenda(data)
    _apply(meeting, data)
    meeting.sources = validate_meeting(meeting, data.affairs)
    meeting.save()
    meeting.affairs.set(data.affairs)
    meeting.agenda.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=number, text=text)
        for number, text in enumerate(agenda, start=1)
    )
    propose_invitations(meeting)
    if meeting.status == Meeting.Status.INVITED:
        # The undangan went out: every invitee gets the changed one (its .ics keeps the UID,
        # so calendars update the entry), and units newly proposed get their first.
        _send_invitations(meeting, list(meeting.invitations.filter(removed_at__isnull=True)))
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
                notify.users_of_units(
                    units, ["agency_head", "asisten", "sekda", "wakil", "kepala_daerah"]
                ),
                "meeting_cancelled",
                {"meeting": meeting, "reason": reason},
            )
        )
    return meeting


# --- Invitations --------------------------------------------------------------------------


def proposed_invitees(meeting: Meeting) -> list[tuple[Unit, str]]:
    """The units that must attend because the meeting concerns their affairs (Pasal 9 huruf g),
    and whoever coordinates them: their Asisten, or whoever took their coordination over."""
    region, day = meeting.region, meeting.date
    codes = list(meeting.affairs.values_list("code", flat=True))
    if not codes:
        return []
    attend = rule(region, RuleKind.CONCERNED_UNITS_ATTEND, day)
    rows = (
        UnitAffair.objects.as_of(day)
        .filter(unit__region=region, role=UnitAffair.Role.CARRIES_OUT)
        .filter(unit__in=Unit.objects.as_of(day).filter(region=region).values("pk"))
        .select_related("affair")
        .order_by("unit__tree_id", "unit__lft", "affair__code")
        .values_list("unit_id", "affair__code", "affair__name")
    )
    concerned: dict[int, list[str]] = {}
    for unit_id, code, name in rows:
        if any(_related(code, wanted) for wanted in codes):
            concerned.setdefault(unit_id, [])
            if name not in concerned[unit_id]:
                concerned[unit_id].append(name)
    routes = Routes(region, day)
    coordinators: dict[int, list[str]] = {}
    for unit_id in concerned:
        for route in routes.of(unit_id):
            names = coordinators.setdefault(route.coordinator_id, [])
            names.append(routes.units[unit_id]["name"])
    units = Unit.objects.in_bulk([*concerned, *coordinators])
    proposals: list[tuple[Unit, str]] = []
    for unit_id, names in concerned.items():
        proposals.append(
            (
                units[unit_id],
                gettext("carries out %(affairs)s; concerned units must attend (%(source)s)")
                % {"affairs": ", ".join(names), "source": attend.source_display},
            )
        )
    for unit_id, names in coordinators.items():
        if unit_id in concerned:
            continue
        proposals.append(
            (
                units[unit_id],
                gettext("coordinates %(units)s") % {"units": ", ".join(names)},
            )
        )
    return [(unit, reason) for unit, reason in proposals if unit.pk != meeting.convener_id]


def propose_invitations(meeting: Meeting) -> list[Invitation]:
    """Invite every proposed unit not yet invited; a unit staff removed stays removed."""
    existing = set(meeting.invitations.values_list("unit_id", flat=True))
    created = [
        Invitation(meeting=meeting, unit=unit, proposed=True, reason=reason[:500])
        for unit, reason in proposed_invitees(meeting)
        if unit.pk not in existing
    ]
    return Invitation.objects.bulk_create(created)


@transaction.atomic
def add_invitation(meeting: Meeting, unit: Unit, user, reason: str = "") -> Invitation:
    require(user, "coordination.add_invitation", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
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
    invitation, created = Invitation.objects.get_or_create(
        meeting=meeting,
        unit=unit,
        defaults={"reason": reason.strip()[:500] or gettext("added by the secretariat")},
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
        _send_invitations(meeting, [invitation])
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
        attend = rule(
            invitation.meeting.region, RuleKind.CONCERNED_UNITS_ATTEND, invitation.meeting.date
        )
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
    invitation.removal_reason = reason or gettext("removed by the secretariat")
    invitation.save(update_fields=["removed_at", "removal_reason"])
    return invitation


@transaction.atomic
def send_invitations(meeting: Meeting, user) -> int:
    """Send the undangan to every active invitee not yet sent one; the meeting is then
    "invited". Returns the number of invitations sent."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require(user, "coordination.change_meeting", meeting)
    if not meeting.editable:
        raise ValidationError(gettext("A meeting that was held or cancelled sends no invitations."))
    pending = list(meeting.invitations.filter(removed_at__isnull=True, sent_at__isnull=True))
    if not pending and not meeting.invitations.filter(removed_at__isnull=True).exists():
        raise ValidationError(gettext("Invite at least one unit first."))
    meeting.status = Meeting.Status.INVITED
    meeting.save(update_fields=["status"])
    _send_invitations(meeting, pending)
    return len(pending)


def _send_invitations(meeting: Meeting, invitations: list[Invitation]) -> None:
    if not invitations:
        return
    now = timezone.now()
    Invitation.objects.filter(pk__in=[invitation.pk for invitation in invitations]).update(
        sent_at=now
    )
    unit_ids = [invitation.unit_id for invitation in invitations]
    meeting_id = meeting.pk

    def deliver() -> None:
        from coordination import documents

        fresh = Meeting.objects.select_related("region", "convener").get(pk=meeting_id)
        notify.send(
            notify.users_of_units(
                unit_ids, ["agency_head", "asisten", "sekda", "wakil", "kepala_daerah", "staf_ahli"]
            ),
            "invitation",
            {"meeting": fresh},
            attachments=[("undangan.ics", documents.invitation_ics(fresh), "text/calendar")],
        )

    transaction.on_commit(deliver)


# --- Attendance ---------------------------------------------------------------------------


def _holdings(official: Official, unit: Unit, day: datetime.date) -> list[Appointment]:
    return list(
        Appointment.objects.as_of(day)
        .filter(official=official, position__unit=unit)
        .select_related("position")
        .order_by("position__level")
    )


def _describe_holdings(official: Official, unit: Unit, day: datetime.date) -> str:
    held = _holdings(official, unit, day)
    if not held:
        return gettext("%(official)s holds no position in %(unit)s on %(day)s") % {
            "official": official.name,
            "unit": unit.name,
            "day": day,
        }
    return gettext("%(official)s holds %(positions)s") % {
        "official": official.name,
        "positions": "; ".join(
            gettext("%(title)s (level %(level)d)")
            % {"title": appointment.position.title, "level": appointment.position.level}
            for appointment in held
        ),
    }


@dataclass
class AttendanceInput:
    status: str
    official: Official | None = None
    attendee_name: str = ""
    note: str = ""


@transaction.atomic
def record_attendance(invitation: Invitation, data: AttendanceInput, user) -> Attendance:
    """Record how an invited unit attended. The head present (an acting Plt/Plh/Pj counts as
    the head), represented, or absent. For the kinds of unit the region's text names (Dinas,
    Badan, Bagian), the representative must hold a position exactly one level below the head
    in the same unit on the day (Pasal 9 huruf f)."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("meeting__region", "unit")
        .get(pk=invitation.pk)
    )
    meeting, unit = invitation.meeting, invitation.unit
    require(user, "coordination.change_attendance", meeting)
    if meeting.status not in (Meeting.Status.INVITED, Meeting.Status.HELD):
        raise ValidationError(gettext("Attendance is recorded once the invitations are sent."))
    if not invitation.active:
        raise ValidationError(gettext("This unit's invitation was withdrawn."))
    if data.status not in Attendance.Status.values:
        raise ValidationError({"status": gettext("Choose present, represented or absent.")})
    day = meeting.date
    official = data.official
    name = data.attendee_name.strip()
    if official is not None and official.region_id != meeting.region_id:
        raise ValidationError(
            {"official": gettext("The official must be of the meeting's region.")}
        )
    heads = list(Appointment.objects.heads_of(unit, day).select_related("official", "position"))
    head_officials = {appointment.official_id: appointment for appointment in heads}
    representation = rule(meeting.region, RuleKind.REPRESENTATION, day)
    bound = not representation.is_default and unit.kind in representation.value["unit_kinds"]
    position = None
    breach = ""
    status = data.status
    if (
        status == Attendance.Status.REPRESENTED
        and official is not None
        and official.pk in head_officials
    ):
        status = Attendance.Status.PRESENT  # an acting head counts as the head
    if status == Attendance.Status.PRESENT:
        if official is None and heads:
            official = heads[0].official
        if official is not None:
            if official.pk not in head_officials:
                raise ValidationError(
                    {
                        "official": gettext(
                            "%(official)s is not the head of %(unit)s on %(day)s (an acting head, "
                            "Plt. or Plh., counts as the head). Record them as the representative."
                        )
                        % {"official": official.name, "unit": unit.name, "day": day}
                    }
                )
            position = head_officials[official.pk].position
            name = ""
        elif not name:
            raise ValidationError(
                {
                    "attendee_name": gettext(
                        "No head of %(unit)s is recorded on %(day)s: "
                        "write the name of who attended."
                    )
                    % {"unit": unit.name, "day": day}
                }
            )
    elif status == Attendance.Status.REPRESENTED:
        if bound:
            levels = representation.value["levels_below"]
            if official is None:
                raise ValidationError(
                    {
                        "official": gettext(
                            "%(source)s: the head of a %(kinds)s who cannot attend is represented "
                            "by the official one level below in the same unit; choose that "
                            "official."
                        )
                        % {
                            "source": representation.source_display,
                            "kinds": kinds_label(representation.value["unit_kinds"]),
                        }
                    }
                )
            head_level = heads[0].position.level if heads else 1
            fitting = [
                appointment
                for appointment in _holdings(official, unit, day)
                if appointment.position.level == head_level + levels
            ]
            if not fitting:
                raise ValidationError(
                    {
                        "official": gettext(
                            "%(source)s: the head of a %(kinds)s who cannot attend is represented "
                            "by the official one level below in the same unit. %(holdings)s, so "
                            "they cannot represent the head of %(unit)s."
                        )
                        % {
                            "source": representation.source_display,
                            "kinds": kinds_label(representation.value["unit_kinds"]),
                            "holdings": _describe_holdings(official, unit, day),
                            "unit": unit.name,
                        }
                    }
                )
            position = fitting[0].position
            name = ""
        elif official is not None:
            held = _holdings(official, unit, day)
            position = held[0].position if held else None
            name = ""
        elif not name:
            raise ValidationError(
                {"attendee_name": gettext("Write the name and office of the representative.")}
            )
    else:
        official, name, position = None, "", None
        if bound:
            breach = gettext(
                "absent and not represented, although %(source)s requires a representative"
            ) % {"source": representation.source_display}
    attendance, _created = Attendance.objects.update_or_create(
        invitation=invitation,
        defaults={
            "status": status,
            "official": official,
            "position": position,
            "attendee_name": name[:200],
            "note": data.note.strip()[:300],
            "breach": breach[:300],
            "recorded_by": user,
        },
    )
    return attendance


def convener_label(meeting: Meeting) -> str:
    kind_roles = {kind: role for role, kinds in ROLE_KINDS.items() for kind in kinds}
    role = kind_roles.get(meeting.convener.kind)
    return role_label(meeting.region, role) if role else meeting.convener.name
