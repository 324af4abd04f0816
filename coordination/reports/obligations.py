"""Reporting obligations derived from the region's rules, the units they bind, and their
periods.

A ``reporting_cadence`` rule (e.g. Perwal Bukittinggi 4/2017 Pasal 16 ayat (2): Perangkat
Daerah and vertical agencies report in writing to the Walikota through the Sekda,
periodically and at any time) becomes one ReportingObligation. Where the text says only
"berkala" (periodically), the cadence is the portal's default (PORTAL_REPORT_CADENCE,
quarterly); where it sets no deadline, the due date is PORTAL_REPORT_DUE_DAYS working days after
the period ends. Both say "portal default" where they are shown."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext

from coordination.core.workdays import Calendar, region_today
from coordination.reports.access import bappeda_of
from coordination.reports.models import Cadence, ReportingObligation, ReportingPeriod, period_label
from orgchart.labels import kinds_label, role_label
from orgchart.models import Unit
from orgchart.vocabulary import PERANGKAT_DAERAH
from regulations.answers import rules_for
from regulations.models import Region
from regulations.rule_kinds import RuleKind


def default_cadence() -> str:
    return getattr(settings, "PORTAL_REPORT_CADENCE", Cadence.QUARTERLY)


def default_due_days() -> int:
    return int(getattr(settings, "PORTAL_REPORT_DUE_DAYS", 10))


def expand_kinds(kinds: list[str]) -> set[str]:
    found: set[str] = set()
    for kind in kinds:
        found |= PERANGKAT_DAERAH if kind == "perangkat_daerah" else {kind}
    return found


def _name(region: Region, value: dict) -> str:
    recipient = role_label(region, value["to"])
    reporters = kinds_label(
        ["Perangkat Daerah" if kind == "perangkat_daerah" else kind for kind in value["reporters"]]
    )
    return gettext("Written report of %(reporters)s to %(recipient)s") % {
        "reporters": reporters,
        "recipient": recipient,
    }


def _stored_name(region: Region, value: dict) -> str:
    # Stored, so written once in the portal's language (Bahasa Indonesia), like the texts.
    with translation.override(settings.LANGUAGE_CODE):
        return _name(region, value)[:300]


@transaction.atomic
def sync_obligations(region: Region, day: datetime.date | None = None) -> list[ReportingObligation]:
    """Create or update one obligation per reporting rule in force; an obligation whose rule is
    no longer in force becomes inactive (its reports stay). Idempotent."""
    day = day or region_today(region)
    answers = rules_for(region, RuleKind.REPORTING_CADENCE, day)
    kept = []
    for answer in answers:
        value = answer.value
        periodic = value["cadence"] == "periodic"
        defaults = {
            "region": region,
            "source": answer.source_display,
            "name": _stored_name(region, value),
            "reporter_kinds": sorted(expand_kinds(value["reporters"])),
            "recipient": value["to"],
            "through": list(value.get("through", [])),
            "cadence": default_cadence() if periodic else value["cadence"],
            "cadence_source": "" if periodic else answer.source_display,
            "incidental": bool(value.get("incidental")),
            "due_working_days": default_due_days(),
            "due_source": "",
            "form": ReportingObligation.Form.BAPPEDA
            if value["to"] == "bappeda"
            else ReportingObligation.Form.STANDARD,
            "active": True,
        }
        obligation, _created = ReportingObligation.objects.update_or_create(
            rule_id=answer.rule_id, defaults=defaults
        )
        kept.append(obligation)
    ReportingObligation.objects.filter(region=region).exclude(pk__in=[o.pk for o in kept]).update(
        active=False
    )
    return kept


def obliged_units(obligation: ReportingObligation, day: datetime.date) -> list[Unit]:
    """The units that must file under ``obligation`` on ``day``, in tree order. The Bappeda
    does not report to itself."""
    units = list(
        Unit.objects.filter(region_id=obligation.region_id, kind__in=obligation.reporter_kinds)
        .as_of(day)
        .order_by("tree_id", "lft")
    )
    if obligation.recipient == ReportingObligation.Recipient.BAPPEDA:
        bappeda = bappeda_of(obligation.region, day)
        units = [unit for unit in units if bappeda is None or unit.pk != bappeda.pk]
    return units


# --- Periods ------------------------------------------------------------------------------

_MONTHS = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3, Cadence.SEMESTER: 6, Cadence.ANNUAL: 12}


def period_bounds(cadence: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period of ``cadence`` that holds ``day``: calendar months, quarters, halves, years."""
    months = _MONTHS[cadence]
    first_month = (day.month - 1) // months * months + 1
    start = datetime.date(day.year, first_month, 1)
    next_month = first_month + months
    following = (
        datetime.date(day.year + 1, next_month - 12, 1)
        if next_month > 12
        else datetime.date(day.year, next_month, 1)
    )
    return start, following - datetime.timedelta(days=1)


def periods_between(
    cadence: str, first: datetime.date, last: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    found = []
    start, end = period_bounds(cadence, first)
    while start <= last:
        found.append((start, end))
        start, end = period_bounds(cadence, end + datetime.timedelta(days=1))
    return found


def ensure_periods(
    obligation: ReportingObligation, first: datetime.date, last: datetime.date
) -> list[ReportingPeriod]:
    """Create every period of ``obligation`` that touches [first, last] and is missing.
    Idempotent, also when two callers race (the unique constraint decides)."""
    calendar = Calendar.for_region(obligation.region_id)
    existing = set(
        ReportingPeriod.objects.filter(
            obligation=obligation, start__gte=first - datetime.timedelta(days=366)
        ).values_list("start", flat=True)
    )
    created = []
    for start, end in periods_between(obligation.cadence, first, last):
        if start in existing:
            continue
        period = ReportingPeriod(
            obligation=obligation,
            start=start,
            end=end,
            due_date=calendar.add_working_days(end, obligation.due_working_days),
            label=period_label(obligation.cadence, start),
        )
        try:
            with transaction.atomic():
                period.save()
        except IntegrityError:
            continue
        created.append(period)
    return created


def ensure_all_periods(today: datetime.date | None = None, ahead: int = 1) -> int:
    """Beat: sync every region's obligations and create their periods from the start of last
    year up to ``ahead`` periods after today. Returns how many periods were created."""
    count = 0
    for region in Region.objects.order_by("code"):
        day = today or region_today(region)
        for obligation in sync_obligations(region, day):
            _start, end = period_bounds(obligation.cadence, day)
            last = end
            for _step in range(ahead):
                last = period_bounds(obligation.cadence, last + datetime.timedelta(days=1))[1]
            count += len(ensure_periods(obligation, datetime.date(day.year - 1, 1, 1), last))
    return count


def current_period(obligation: ReportingObligation, day: datetime.date) -> ReportingPeriod | None:
    start, _end = period_bounds(obligation.cadence, day)
    return ReportingPeriod.objects.filter(obligation=obligation, start=start).first()


def cadence_display(obligation: ReportingObligation) -> str:
    if obligation.cadence_source:
        return f"{obligation.get_cadence_display()} ({obligation.cadence_source})"
    return gettext("%(cadence)s (portal default: %(source)s says only 'periodically')") % {
        "cadence": obligation.get_cadence_display(),
        "source": obligation.source,
    }


def due_display(obligation: ReportingObligation) -> str:
    if obligation.due_source:
        return obligation.due_source
    return gettext(
        "%(days)d working days after the period ends (no legal deadline: portal default)"
    ) % {"days": obligation.due_working_days}
