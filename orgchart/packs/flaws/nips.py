"""Certifiers' NIPs: a NIP written or spaced two ways for one certifier, and a NIP that cannot
be (the NIP layout is regulations/nip.py's). Flaws of the metadata class, as dates and
signatures are."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.nip import MINIMUM_AGE_AT_APPOINTMENT, normalise_nip, parse_nip

NIP_TWO_WAYS = explains(
    "nip-written-two-ways",
    _("%(citation)s prints a NIP for %(name)s (%(title)s) other than the one %(other)s prints."),
)
# Same digits, other spaces: described by its groups of digits, never quoted.
NIP_SPACED_TWO_WAYS = explains(
    "nip-spaced-two-ways",
    _(
        "%(citation)s prints the NIP of %(name)s (%(title)s) in groups of %(groups)s digits, "
        "%(other)s in groups of %(other_groups)s."
    ),
)
# What is wrong in a NIP, by regulations.nip's error codes and two of this module's. The
# explanations never quote the NIP: it holds its bearer's birth date.
NIP_CODES = {
    "nip_characters": explains(
        "nip-malformed",
        _("%(citation)s prints a NIP for %(name)s (%(title)s) that does not have 18 digits."),
    ),
    "nip_birth_date": explains(
        "nip-birth-date-impossible",
        _("%(citation)s prints a NIP for %(name)s (%(title)s) whose first 8 digits are no date."),
    ),
    "nip_not_a_month": explains(
        "nip-appointment-not-a-month",
        _(
            "%(citation)s prints a NIP for %(name)s (%(title)s) whose digits 13–14, the month "
            "of appointment, are no month."
        ),
    ),
    "nip_appointment": explains(
        "nip-appointed-under-age",
        _(
            "%(citation)s prints a NIP for %(name)s (%(title)s) that dates the appointment before "
            "the age of %(age)s."
        ),
    ),
    "nip_after": explains(
        "nip-appointed-after-regulation",
        _(
            "%(citation)s prints a NIP for %(name)s (%(title)s) that dates the appointment after "
            "%(date)s, when the copy was certified."
        ),
    ),
    "nip_sex": explains(
        "nip-sex-digit-impossible",
        _("%(citation)s prints a NIP for %(name)s (%(title)s) whose digit 15 is neither 1 nor 2."),
    ),
    "nip_sequence": explains(
        "nip-sequence-impossible",
        _("%(citation)s prints a NIP for %(name)s (%(title)s) whose last three digits are 000."),
    ),
}
NIP_CODES["nip_length"] = NIP_CODES["nip_characters"]


def certifiers_nips(source: Source) -> list[Flaw]:
    """A certifier printed with two NIPs or with one NIP spaced two ways, each pair of places
    cited; a NIP whose dates cannot be, once, at the first place that prints it."""
    flaws = []
    for copies in _by_person(source.certifiers).values():
        first = copies[0]
        for other in copies[1:]:
            if normalise_nip(other.nip) != normalise_nip(first.nip):
                flaws.append(_nip_flaw(NIP_TWO_WAYS, first, other, other=other.citation))
            elif first.nip_printed and other.nip_printed not in ("", first.nip_printed):
                flaws.append(_spacing_flaw(first, other))
        for digits in dict.fromkeys(normalise_nip(copy.nip) for copy in copies):
            printing = [copy for copy in copies if normalise_nip(copy.nip) == digits]
            flaws += _nip_problems(source.regulation, digits, printing)
    return flaws


def _by_person(certifiers: list) -> dict[str, list]:
    """The certifications that print a NIP, by the certifier's name, in document order."""
    people: dict[str, list] = {}
    for certifier in certifiers:
        if normalise_nip(certifier.nip):
            people.setdefault(certifier.name.casefold(), []).append(certifier)
    return people


def _spacing_flaw(first, other) -> Flaw:
    def groups(printed: str) -> str:
        return "-".join(str(len(group)) for group in printed.split())

    return _nip_flaw(
        NIP_SPACED_TWO_WAYS,
        first,
        other,
        groups=groups(first.nip_printed),
        other=other.citation,
        other_groups=groups(other.nip_printed),
    )


def _nip_problems(regulation, digits: str, printing: list) -> list[Flaw]:
    """What is impossible in one NIP, at the first of the places that print it."""
    certified = regulation.promulgated_on or regulation.enacted_on
    first, *others = printing
    problem = nip_problem(digits, certified)
    if problem is None:
        return []
    facts = {
        "nip_appointment": {"age": MINIMUM_AGE_AT_APPOINTMENT},
        "nip_after": {"date": certified},
    }.get(problem, {})
    return [_nip_flaw(NIP_CODES[problem], first, *others, **facts)]


def nip_problem(digits: str, certified: datetime.date | None) -> str | None:
    """What is impossible in a NIP (a key of NIP_CODES), or None. ``certified``: the day its
    holder certified the regulation, by when he was appointed."""
    try:
        nip = parse_nip(digits, today=datetime.date.max)  # the layout alone
    except ValidationError as exc:
        if exc.code == "nip_appointment" and not 1 <= int(digits[12:14]) <= 12:
            return "nip_not_a_month"
        return exc.code
    if certified and nip.appointed > (certified.year, certified.month):
        return "nip_after"
    return None


def _nip_flaw(code: str, certifier, *elsewhere, **facts) -> Flaw:
    """A flaw of the NIP ``certifier`` prints, related to the other places that print it."""
    return Flaw.of(
        code,
        FlawClass.METADATA,
        Severity.FORM,
        certifier.citation,
        related=[copy.citation for copy in elsewhere],
        name=certifier.name,
        title=certifier.title,
        **facts,
    )


CHECKS = [certifiers_nips]
