"""E-mail to the people behind units and roles, in the portal's language (Bahasa Indonesia by
default) and the region's own time zone. The console backend prints them unless
EMAIL_BACKEND says otherwise.

A notice never goes to an empty recipient list. ``resolve`` finds who receives it, and why:
the people it is meant for (users with the role, bound to the unit, active, with an e-mail
address); failing them, in this order,

1. the unit's acting head: a user whose official holds the unit's head post on the day as
   Plt., Plh. or Pj.;
2. the unit's own staff (agency staff, or the secretariat staff bound to it: for the Setda,
   the Sekda's secretariat);
3. for a leader's notice (an Asisten, the Wakil, the Kepala Daerah, a Staf Ahli, or a
   coordinator nobody holds), the Sekda;
4. the region's secretariat staff.

If even they are missing, the notice goes nowhere: ``send`` logs it at WARNING with the units
and the template, and the reminder scans record it as undelivered."""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from coordination.core.models import Outcome, Route
from orgchart.models import Appointment, Role, Unit
from orgchart.models.roles import ROLE_UNIT_KINDS
from orgchart.vocabulary import UnitKind
from regulations.models import Region

log = logging.getLogger(__name__)

COORDINATOR_ROLES = (Role.ASISTEN, Role.KEPALA_DAERAH, Role.WAKIL, Role.SEKDA)
STAFF_ROLES = (Role.AGENCY_STAFF, Role.SECRETARIAT_STAFF)
# Units whose notices fall back to the Sekda before the secretariat: the Sekda coordinates
# the Asisten on the head's behalf and stands between the leaders and the agencies.
LEADER_KINDS = frozenset(
    {UnitKind.KEPALA_DAERAH, UnitKind.WAKIL, UnitKind.ASISTEN, UnitKind.STAF_AHLI}
)
_SEVERITY = list(Route.values)  # intended first, nobody last


@dataclass(frozen=True)
class Audience:
    """Whom a notice is meant for: users holding one of ``roles`` bound to one of
    ``unit_ids``; or, with ``unit_ids`` None, the holders of ``roles`` anywhere in the region."""

    region: Region
    roles: tuple[str, ...]
    unit_ids: tuple[int, ...] | None = None


@dataclass
class Recipients:
    """The users a notice goes to, and why (a Route code). ``unreached`` names the units
    (None: the region-wide role) for which nobody at all was found."""

    users: list
    route: str
    region: Region | None = None
    unreached: list[Unit | None] = field(default_factory=list)

    def __iter__(self) -> Iterator:
        return iter(self.users)

    def __len__(self) -> int:
        return len(self.users)

    def __add__(self, other: Recipients | Iterable) -> Recipients:
        other = other if isinstance(other, Recipients) else Recipients.of(other)
        route = max(self.route, other.route, key=_SEVERITY.index)
        if route == Route.NOBODY and (self.users or other.users):
            route = max(
                (r for r in (self.route, other.route) if r != Route.NOBODY), key=_SEVERITY.index
            )
        return Recipients(
            _unique([*self.users, *other.users]),
            route,
            self.region or other.region,
            [*self.unreached, *other.unreached],
        )

    @classmethod
    def of(cls, users: Iterable) -> Recipients:
        found = [user for user in users if user.email]
        return cls(found, Route.INTENDED if found else Route.NOBODY)

    @property
    def outcome(self) -> str:
        if not self.users:
            return Outcome.UNDELIVERED
        if self.route == Route.INTENDED and not self.unreached:
            return Outcome.DELIVERED
        return Outcome.FALLBACK

    @property
    def addresses(self) -> list[str]:
        return sorted({user.email for user in self.users})

    def as_data(self) -> list[dict]:
        """Who received it, as stored on the reminder rows."""
        return [
            {"id": user.pk, "name": user.get_full_name() or user.username, "email": user.email}
            for user in self.users
        ]


def _unique(users: Iterable) -> list:
    seen: dict[int, object] = {}
    for user in users:
        seen.setdefault(user.pk, user)
    return list(seen.values())


def _reachable():
    User = get_user_model()
    return User.objects.filter(is_active=True).exclude(email="").order_by("username")


def _acting_heads(unit: Unit, day: datetime.date) -> list:
    officials = list(
        Appointment.objects.heads_of(unit, day)
        .exclude(kind=Appointment.Kind.DEFINITIF)
        .values_list("official_id", flat=True)
    )
    if not officials:
        return []
    return list(
        _reachable().filter(
            role_assignment__official_id__in=officials, role_assignment__region_id=unit.region_id
        )
    )


def _holders(region: Region, roles: Iterable[str], unit: Unit | None = None) -> list:
    users = _reachable().filter(
        role_assignment__region_id=region.pk, role_assignment__role__in=list(roles)
    )
    return list(users.filter(role_assignment__unit=unit) if unit is not None else users)


def _fallbacks(region: Region, unit: Unit | None, day: datetime.date):
    """The fallback steps for one unit (None: a role nobody holds), in order, each lazy."""
    if unit is not None:
        yield Route.ACTING_HEAD, lambda: _acting_heads(unit, day)
        yield Route.UNIT_STAFF, lambda: _holders(region, STAFF_ROLES, unit)
    if unit is None or unit.kind in LEADER_KINDS:
        yield Route.SEKDA, lambda: _holders(region, [Role.SEKDA])
    yield Route.SECRETARIAT, lambda: _holders(region, [Role.SECRETARIAT_STAFF])


def _targets(audience: Audience, day: datetime.date) -> list[tuple[Unit | None, list]]:
    """(unit, its intended users) for each unit of the audience; one row for a role."""
    region = audience.region
    if audience.unit_ids is None:
        kinds = {kind for role in audience.roles for kind in ROLE_UNIT_KINDS.get(role, ())}
        home = None
        if len(kinds) == 1:
            home = Unit.objects.filter(region=region, kind__in=kinds).as_of(day).first()
        return [(home, _holders(region, audience.roles))]
    units = Unit.objects.filter(pk__in=audience.unit_ids).in_bulk()
    intended: dict[int, list] = {}
    for user in (
        _reachable()
        .filter(
            role_assignment__unit_id__in=audience.unit_ids,
            role_assignment__role__in=audience.roles,
        )
        .select_related("role_assignment")
    ):
        intended.setdefault(user.role_assignment.unit_id, []).append(user)
    targets = [
        (units[pk], intended.get(pk, [])) for pk in dict.fromkeys(audience.unit_ids) if pk in units
    ]
    return targets or [(None, [])]


def _fallback(region: Region, unit: Unit | None, day: datetime.date) -> tuple[str, list]:
    for route, step in _fallbacks(region, unit, day):
        users = step()
        if users:
            return route, users
    return Route.NOBODY, []


def resolve(audience: Audience, day: datetime.date | None = None) -> Recipients:
    """Who receives a notice meant for ``audience`` on ``day`` (the region's own date), and
    why: the intended people, or the first fallback that has anyone (see the module doc)."""
    region = audience.region
    day = day or region.today()
    found = Recipients([], Route.NOBODY, region)
    for unit, intended in _targets(audience, day):
        route, users = (Route.INTENDED, intended) if intended else _fallback(region, unit, day)
        unreached = [] if users else [unit]
        found = found + Recipients(users, route, region, unreached)
    return found


# --- The audiences the workflows name ------------------------------------------------------


def users_of_units(unit_ids: Iterable[int], roles: Iterable[str]) -> Recipients:
    ids = tuple(unit_ids)
    first = Unit.objects.filter(pk__in=ids).select_related("region").first()
    if first is None:
        return Recipients([], Route.NOBODY)
    return resolve(Audience(first.region, tuple(roles), ids))


def users_with_role(region: Region | int, role: str) -> Recipients:
    if not isinstance(region, Region):
        region = Region.objects.get(pk=region)
    return resolve(Audience(region, (role,)))


def unit_heads(unit_id: int) -> Recipients:
    return users_of_units([unit_id], [Role.AGENCY_HEAD])


def coordinator_users(unit_ids: Iterable[int]) -> Recipients:
    """The people who coordinate through these units: an Asisten, or a Kepala Daerah, Wakil
    or Sekda who took the coordination over."""
    return users_of_units(unit_ids, COORDINATOR_ROLES)


def describe(users: Iterable) -> str:
    return ", ".join(
        f"{user.get_full_name() or user.username} <{user.email}>"
        if user.email
        else f"{user.get_full_name() or user.username}"
        for user in users
    )


# --- Sending -------------------------------------------------------------------------------


def _region_in(context: dict) -> Region | None:
    """The region a notice is about, read from its subject (meeting, follow-up, report …)."""
    for key in ("region", "meeting", "follow_up", "report", "decision", "unit"):
        value = context.get(key)
        if isinstance(value, Region):
            return value
        region = getattr(value, "region", None)
        if isinstance(region, Region):
            return region
    period = context.get("period")
    return period.obligation.region if period is not None else None


def message_id(*parts: object) -> str:
    """A Message-ID made from what a notice is, not from when it is sent:
    ``<reminderlog.42.before_due@portal.example>``. A resend of the same notice (after a worker
    died between sending it and marking it sent) carries the same one, so that mail clients
    and the mail log recognise it as the same message."""
    atoms = [re.sub(r"[^A-Za-z0-9_-]+", "-", str(part)).strip("-") or "-" for part in parts]
    return f"<{'.'.join(atoms)}@{settings.PORTAL_HOSTNAME}>"


def _name(unit: Unit | None) -> str:
    return unit.name if unit is not None else "-"


class MailFailure(Exception):
    """The mail backend refused or failed to send a notice (SMTP down, address refused)."""


def send(
    users: Recipients | Iterable,
    template: str,
    context: dict,
    *,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    strict: bool = False,
    message_id: str | None = None,
) -> int:
    """Send ``coordination/email/<template>.txt`` (first line: the subject) to every user with
    an address, in the portal's language and the region's zone. Returns how many messages went
    out: 0 when nobody could receive it (logged at WARNING). A failure of the mail backend is
    logged at ERROR and returns 0, so that a workflow's page never fails after its change was
    committed; with ``strict`` it raises MailFailure instead (the reminder scans record it and
    retry). ``message_id`` (see ``message_id()``) replaces the random one Django makes, for
    notices that a retry may send again."""
    recipients = users if isinstance(users, Recipients) else Recipients.of(users)
    region = recipients.region or _region_in(context)
    for unit in recipients.unreached:
        log.warning(
            "Notice %r reaches nobody for %s (%s): no user with an e-mail address, "
            "not even a fallback.",
            template,
            _name(unit),
            region or "-",
        )
    if recipients.route not in (Route.INTENDED, Route.NOBODY):
        log.info("Notice %r goes to a fallback: %s.", template, recipients.route)
    if not recipients.addresses:
        return 0
    message = _message(recipients, template, context, region)
    if message_id:
        message.extra_headers["Message-ID"] = message_id
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    try:
        return message.send(fail_silently=False)
    except Exception as error:  # whatever the backend raises: SMTP, socket, provider API
        if strict:
            raise MailFailure(type(error).__name__) from error
        log.exception("Notice %r to %s could not be sent.", template, recipients.addresses)
        return 0


def _message(
    recipients: Recipients, template: str, context: dict, region: Region | None
) -> EmailMessage:
    zone = region.zone if region is not None else timezone.get_current_timezone()
    with translation.override(settings.LANGUAGE_CODE), timezone.override(zone):
        text = render_to_string(f"coordination/email/{template}.txt", {"region": region, **context})
    subject, _, body = text.strip().partition("\n")
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients.addresses,
    )
