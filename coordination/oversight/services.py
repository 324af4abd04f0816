"""Urgent decisions a unit head takes directly (Pasal 10 of Perwal Bukittinggi 4/2017 and
Perbup Pasaman Barat 49/2017), and take-overs of coordination by the Bupati, Wakil or Sekda
(Perbup Kutai Kartanegara 4/2018 Pasal 14 ayat (1)).

Both are allowed only where the region's text provides for them; elsewhere the refusal says
that the region's regulation grants no such power."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coordination.core import notify
from coordination.core.access import require
from coordination.core.rules import ROLE_KINDS, rule
from coordination.core.workdays import region_today
from coordination.oversight.models import Takeover, UrgentDecision
from coordination.oversight.routing import Routes
from orgchart.labels import kinds_label, role_label, roles_label
from orgchart.models import Role, Unit
from regulations.models import Region
from regulations.rule_kinds import RuleKind

# --- Urgent decisions (Pasal 10) ----------------------------------------------------------


@dataclass
class UrgentDecisionInput:
    unit: Unit
    decided_on: datetime.date
    subject: str
    decision: str
    urgency: str
    not_a_matter_of_principle: bool
    report_now: bool = True


def urgent_decision_rule(region: Region, day: datetime.date):
    return rule(region, RuleKind.URGENT_DECISION_REPORT, day)


@transaction.atomic
def record_urgent_decision(data: UrgentDecisionInput, user) -> UrgentDecision:
    """A unit head records a decision taken directly in a very urgent matter. The region's text
    must let heads of that kind of unit decide so, the head states that it is not a matter of
    principle, and the decision is reported to the Sekda (now, or later from the list)."""
    unit = data.unit
    region = unit.region
    row = UrgentDecision(
        region=region,
        unit=unit,
        decided_on=data.decided_on,
        subject=data.subject.strip(),
        decision=data.decision.strip(),
        urgency=data.urgency.strip(),
        not_a_matter_of_principle=bool(data.not_a_matter_of_principle),
        recorded_by=user,
    )
    require(user, "coordination.add_urgentdecision", row)
    today = region_today(region)
    answer = urgent_decision_rule(region, min(data.decided_on, today))
    errors = _urgent_decision_errors(row, answer, today)
    if errors:
        raise ValidationError(errors)
    row.source = answer.source_display[:300]
    row.subject = row.subject[:300]
    row.save()
    if data.report_now:
        _report(row, user)
    return row


def _urgent_decision_errors(row: UrgentDecision, answer, today: datetime.date) -> dict:
    """Pasal 10: the heads of the kinds of unit the text names decide directly, in a matter
    that is not one of principle, already taken, with the matter, the decision and why it
    could not wait written down."""
    errors: dict[str, list[str]] = {}
    decider = _decider_error(row.region, row.unit, answer)
    if decider:
        errors.setdefault("unit", []).append(decider)
    if not row.not_a_matter_of_principle:
        errors.setdefault("not_a_matter_of_principle", []).append(
            gettext(
                "%(source)s allows a direct decision only if it is not a matter of principle: "
                "state that it is not, or take the matter to a coordination meeting."
            )
            % {"source": answer.source_display}
        )
    if row.decided_on > today:
        errors.setdefault("decided_on", []).append(
            gettext("A decision already taken cannot be dated in the future.")
        )
    for name, label in (
        ("subject", gettext("the matter")),
        ("decision", gettext("the decision taken")),
        ("urgency", gettext("why it could not wait")),
    ):
        if not getattr(row, name):
            errors.setdefault(name, []).append(gettext("Write %(what)s.") % {"what": label})
    return errors


def _decider_error(region: Region, unit: Unit, answer) -> str | None:
    """Pasal 10 names who may decide directly; a region whose text has no such article lets
    no one (the matter goes to a coordination meeting)."""
    if answer.is_default:
        return gettext(
            "The regulation of %(region)s does not let a unit head take decisions directly "
            "in urgent matters; take the matter to a coordination meeting."
        ) % {"region": region.name}
    if unit.kind in answer.value["deciders"]:
        return None
    return gettext(
        "%(source)s lets only the heads of a %(kinds)s decide directly in very urgent "
        "matters; %(unit)s is not one."
    ) % {
        "source": answer.source_display,
        "kinds": kinds_label(answer.value["deciders"]),
        "unit": unit.name,
    }


def _report(row: UrgentDecision, user) -> None:
    row.reported_at = timezone.now()
    row.reported_by = user
    row.save(update_fields=["reported_at", "reported_by"])
    pk, region_id = row.pk, row.region_id
    answer = urgent_decision_rule(row.region, row.decided_on)
    role = answer.value.get("report_to") or Role.SEKDA
    transaction.on_commit(
        lambda: notify.send(
            notify.users_with_role(region_id, role),
            "urgent_decision_reported",
            {"decision": UrgentDecision.objects.select_related("unit", "region").get(pk=pk)},
        )
    )


@transaction.atomic
def report_urgent_decision(row: UrgentDecision, user) -> UrgentDecision:
    row = UrgentDecision.objects.select_for_update().select_related("region").get(pk=row.pk)
    require(user, "coordination.report_urgentdecision", row)
    if row.reported_at:
        raise ValidationError(gettext("This decision was already reported."))
    _report(row, user)
    return row


@transaction.atomic
def receive_urgent_decision(row: UrgentDecision, user) -> UrgentDecision:
    row = UrgentDecision.objects.select_for_update().get(pk=row.pk)
    require(user, "coordination.receive_urgentdecision", row)
    if not row.reported_at:
        raise ValidationError(gettext("The unit has not reported this decision yet."))
    if row.received_at:
        raise ValidationError(gettext("This report was already received."))
    row.received_at = timezone.now()
    row.received_by = user
    row.save(update_fields=["received_at", "received_by"])
    return row


# --- Take-over of coordination (Kutai Kartanegara Pasal 14) -------------------------------


@dataclass
class TakeoverInput:
    unit: Unit
    taken_by: Unit
    start: datetime.date
    end: datetime.date
    reason: str


def takeover_rule(region: Region, day: datetime.date):
    return rule(region, RuleKind.TAKEOVER_ALLOWED, day)


def _role_of_unit(unit: Unit) -> str | None:
    for role, kinds in ROLE_KINDS.items():
        if unit.kind in kinds:
            return role
    return None


@transaction.atomic
def record_takeover(data: TakeoverInput, user) -> Takeover:
    """The Bupati, Wakil or Sekda takes over the coordination of a unit that an Asisten
    coordinates, for a period. Only where the region's text provides for it."""
    unit = data.unit
    region = unit.region
    row = Takeover(
        region=region,
        unit=unit,
        taken_by=data.taken_by,
        start=data.start,
        end=data.end,
        reason=data.reason.strip(),
        recorded_by=user,
    )
    require(user, "coordination.add_takeover", row)
    answer = _takeover_allowed(region, data.start)
    errors = _takeover_party_errors(row, answer)
    if not errors:
        errors = _takeover_structure_errors(row, answer)
    if errors:
        raise ValidationError(errors)
    row.source = answer.source_display[:300]
    row.save()
    return row


def _takeover_allowed(region: Region, day: datetime.date):
    """Pasal 14 ayat (1) of Kutai Kartanegara: a take-over needs the region's text to provide
    for it; elsewhere it is refused outright."""
    answer = takeover_rule(region, day)
    if answer.is_default or not answer.value.get("allowed"):
        raise ValidationError(
            {
                "unit": gettext(
                    "The regulation of %(region)s does not provide for taking over the "
                    "coordination of a unit from its Asisten."
                )
                % {"region": region.name}
            }
        )
    return answer


def _takeover_party_errors(row: Takeover, answer) -> dict[str, list[str]]:
    """The rule names who may take over (e.g. the Bupati, Wakil or Sekda), for a period, and
    the take-over must be deemed necessary: the reason is written down."""
    errors: dict[str, list[str]] = {}
    region, taken_by = row.region, row.taken_by
    allowed_roles = answer.value.get("by") or []
    if taken_by.region_id != region.pk or _role_of_unit(taken_by) not in allowed_roles:
        errors.setdefault("taken_by", []).append(
            gettext("%(source)s lets only the %(roles)s take over coordination.")
            % {"source": answer.source_display, "roles": roles_label(region, allowed_roles)}
        )
    if row.end < row.start:
        errors.setdefault("end", []).append(gettext("The period ends after it starts."))
    if not row.reason:
        errors.setdefault("reason", []).append(
            gettext("%(source)s: say why the take-over is deemed necessary.")
            % {"source": answer.source_display}
        )
    return errors


def _takeover_structure_errors(row: Takeover, answer) -> dict[str, list[str]]:
    """What is taken over is the coordination an Asisten carries out, of a unit in the
    structure on the first day, by one holder at a time."""
    errors: dict[str, list[str]] = {}
    region, unit = row.region, row.unit
    routes = Routes(region, row.start)
    if unit.pk not in routes.units:
        errors.setdefault("unit", []).append(
            gettext("%(unit)s is not part of %(region)s's structure on %(day)s.")
            % {"unit": unit.name, "region": region.name, "day": row.start}
        )
    elif not routes.asisten_of(unit.pk):
        errors.setdefault("unit", []).append(
            gettext(
                "%(source)s is about the coordination an Asisten carries out; no Asisten "
                "coordinates %(unit)s."
            )
            % {"source": answer.source_display, "unit": unit.name}
        )
    overlapping = Takeover.objects.filter(
        unit=unit, cancelled_at__isnull=True, start__lte=row.end, end__gte=row.start
    ).first()
    if overlapping:
        errors.setdefault("start", []).append(
            gettext(
                "%(held)s already holds the coordination of %(unit)s from %(start)s to %(end)s."
            )
            % {
                "held": overlapping.taken_by.name,
                "unit": unit.name,
                "start": overlapping.start,
                "end": overlapping.end,
            }
        )
    return errors


@transaction.atomic
def end_takeover(row: Takeover, user, day: datetime.date | None = None) -> Takeover:
    """Hand the coordination back to the Asisten: the take-over ends (yesterday if it began
    before today; cancelled altogether if it had not begun)."""
    row = Takeover.objects.select_for_update().get(pk=row.pk)
    require(user, "coordination.change_takeover", row)
    if row.cancelled_at:
        raise ValidationError(gettext("This take-over already ended."))
    today = day or region_today(row.region)
    if row.end < today:
        raise ValidationError(gettext("This take-over already ended."))
    if row.start >= today:
        row.cancelled_at = timezone.now()
        row.save(update_fields=["cancelled_at"])
    else:
        row.end = today - datetime.timedelta(days=1)
        row.save(update_fields=["end"])
    return row


def takeover_label(row: Takeover) -> str:
    role = _role_of_unit(row.taken_by)
    return role_label(row.region, role) if role else row.taken_by.name
