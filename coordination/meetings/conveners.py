"""Who convenes a coordination meeting, and who that is on the day.

General matters are convened by the roles of the region's rule (the Kepala Daerah, the Wakil
or the Sekda: Pasal 9 huruf c of the Bukittinggi and Pasaman Barat texts), technical matters
also by an Asisten, within the portfolio only (huruf e). A forum such as Forkopimda convenes
general meetings under the provision that establishes it. The convening official is whoever
holds the convening unit's head post on the meeting day (an acting Plh./Plt./Pj. included)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from coordination.core.rules import ROLE_KINDS, convener_rules
from coordination.meetings.models import Meeting
from orgchart.labels import role_label, roles_label
from orgchart.models import Affair, Appointment, Unit, UnitAffair
from orgchart.vocabulary import UnitKind
from regulations.answers import RuleAnswer
from regulations.models import Region

CONVENER_KINDS = frozenset(
    {UnitKind.KEPALA_DAERAH, UnitKind.WAKIL, UnitKind.SETDA, UnitKind.ASISTEN, UnitKind.FORUM}
)
ACTING_PREFIX = {"plt": "Plt. ", "plh": "Plh. ", "pj": "Pj. "}


def _kinds(answer: RuleAnswer) -> set[str]:
    return {kind for role in answer.value["roles"] for kind in ROLE_KINDS.get(role, ())}


def convener_units(region: Region, day: datetime.date) -> QuerySet[Unit]:
    """The units that may convene some meeting on ``day`` as the region's rules allow: the
    general conveners, the technical ones (each Asisten) and the forums, in tree order."""
    rules = convener_rules(region, day)
    kinds = _kinds(rules["general"]) | _kinds(rules["technical"]) | {UnitKind.FORUM}
    return (
        Unit.objects.as_of(day)
        .filter(region=region, kind__in=kinds & CONVENER_KINDS)
        .order_by("tree_id", "lft")
    )


# --- Checks, each citing its provision ----------------------------------------------------


def _covers(code: str, portfolio: set[str]) -> bool:
    """An affair is within a portfolio if the portfolio holds it or an affair above it."""
    return any(code == held or code.startswith(held + ".") for held in portfolio)


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


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def _check_in_structure(meeting: Meeting) -> None:
    region, day, convener = meeting.region, meeting.date, meeting.convener
    exists = Unit.objects.as_of(day).filter(pk=convener.pk, region=region).exists()
    if not exists:
        raise _refuse(
            "convener",
            gettext("%(convener)s is not part of %(region)s's structure on %(day)s.")
            % {"convener": convener, "region": region.name, "day": day},
        )


def _check_forum(meeting: Meeting, technical: RuleAnswer) -> dict:
    """A forum meets under the provision that establishes it, on general matters only."""
    if meeting.scope != Meeting.Scope.GENERAL:
        raise _refuse(
            "convener",
            gettext(
                "%(source)s: technical meetings are convened by the %(roles)s within their "
                "portfolio; a forum such as %(convener)s convenes general meetings only."
            )
            % {
                "source": technical.source_display,
                "roles": roles_label(meeting.region, technical.value["roles"]),
                "convener": meeting.convener.name,
            },
        )
    return {"convener": meeting.convener.source or None, "convener_basis": "forum"}


def _check_general(meeting: Meeting, general: RuleAnswer, technical: RuleAnswer) -> dict:
    """Pasal 9 huruf c: general meetings by the Kepala Daerah, the Wakil or the Sekda."""
    convener = meeting.convener
    if convener.kind in _kinds(general):
        return {"convener": general.source}
    message = gettext(
        "%(source)s: general coordination meetings are convened by the %(roles)s; "
        "%(convener)s may not convene one."
    ) % {
        "source": general.source_display,
        "roles": roles_label(meeting.region, general.value["roles"]),
        "convener": convener.name,
    }
    if convener.kind in _kinds(technical):
        message += " " + gettext(
            "An Asisten convenes technical meetings within their own portfolio (%(source)s)."
        ) % {"source": technical.source_display}
    raise _refuse("convener", message)


def _check_technical(
    meeting: Meeting, affairs: list[Affair], general: RuleAnswer, technical: RuleAnswer
) -> dict:
    """Pasal 9 huruf e: technical meetings by an Asisten, within the portfolio; those who
    convene general meetings may also take up a technical one."""
    region, convener = meeting.region, meeting.convener
    if convener.kind in _kinds(general):
        return {"convener": general.source}
    if convener.kind not in _kinds(technical):
        raise _refuse(
            "convener",
            gettext(
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
            },
        )
    _check_portfolio(meeting, affairs, technical)
    return {"convener": technical.source}


def _check_portfolio(meeting: Meeting, affairs: list[Affair], technical: RuleAnswer) -> None:
    if not affairs:
        raise _refuse(
            "affairs",
            gettext(
                "Name the affairs of this technical meeting: %(source)s lets an Asisten "
                "convene technical meetings within their own portfolio only."
            )
            % {"source": technical.source_display},
        )
    held = portfolio_affairs(meeting.convener, meeting.date)
    outside = [affair for affair in affairs if not _covers(affair.code, held)]
    if outside:
        raise _refuse(
            "affairs",
            gettext(
                "%(source)s: an Asisten convenes technical meetings within their own portfolio "
                "only; %(affairs)s is not in the portfolio of %(convener)s."
            )
            % {
                "source": technical.source_display,
                "affairs": "; ".join(f"{affair.code} {affair.name}" for affair in outside),
                "convener": meeting.convener.name,
            },
        )


def check_convener(meeting: Meeting, affairs: list[Affair]) -> dict[str, str | None]:
    """Raise ValidationError unless the convener may convene this meeting; return the
    provisions applied (a citation, or None where the portal's default applies)."""
    _check_in_structure(meeting)
    answers = convener_rules(meeting.region, meeting.date)
    general, technical = answers["general"], answers["technical"]
    if meeting.convener.kind == UnitKind.FORUM:
        return _check_forum(meeting, technical)
    if meeting.scope == Meeting.Scope.GENERAL:
        return _check_general(meeting, general, technical)
    return _check_technical(meeting, affairs, general, technical)


# --- Who convenes, by name and post -------------------------------------------------------


@dataclass(frozen=True)
class ConveningOfficial:
    """The convening official as the undangan names them: "Plh. Sekretaris Daerah", and the
    name where the region's records hold one."""

    post: str
    name: str = ""
    acting: str = ""  # "Plt. ", "Plh. ", "Pj. " or ""

    @property
    def title(self) -> str:
        return f"{self.acting}{self.post}"

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.name else self.title


def _role_post(meeting: Meeting) -> str:
    kind_roles = {kind: role for role, kinds in ROLE_KINDS.items() for kind in kinds}
    role = kind_roles.get(meeting.convener.kind)
    if role in ("kepala_daerah", "wakil"):
        return f"{role_label(meeting.region, role)} {meeting.region.name}"
    return role_label(meeting.region, role) if role else meeting.convener.name


def convening_official(meeting: Meeting, day: datetime.date | None = None) -> ConveningOfficial:
    """Whoever heads the convening unit on the meeting day, with the post's own title."""
    head = (
        Appointment.objects.heads_of(meeting.convener, day or meeting.date)
        .select_related("official", "position")
        .first()
    )
    if head is None:
        return ConveningOfficial(post=_role_post(meeting))
    return ConveningOfficial(
        post=head.position.title or _role_post(meeting),
        name=head.official.name,
        acting=ACTING_PREFIX.get(head.kind, ""),
    )


def convener_label(meeting: Meeting) -> str:
    """The convening post as the region's text names it ("Walikota", "Sekretaris Daerah"),
    without the person."""
    kind_roles = {kind: role for role, kinds in ROLE_KINDS.items() for kind in kinds}
    role = kind_roles.get(meeting.convener.kind)
    return role_label(meeting.region, role) if role else meeting.convener.name
