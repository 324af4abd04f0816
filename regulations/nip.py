"""The 18-digit NIP of an Indonesian civil servant: yyyymmdd birth date, yyyymm appointment,
one sex digit and a three-digit sequence, printed as ``19780605 200212 1 002``.

It lives in regulations, the bottom of the dependency chain, because regulations print the NIP
of the officials who certify them; orgchart's officials use it too."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# A civil servant is appointed at 18 at the earliest (PP 11/2017 Pasal 23).
MINIMUM_AGE_AT_APPOINTMENT = 18


@dataclass(frozen=True)
class NIP:
    digits: str
    birth_date: datetime.date
    appointed: tuple[int, int]  # (year, month) of appointment as candidate civil servant
    sex: str  # "L" or "P"
    sequence: int

    def __str__(self) -> str:
        return format_nip(self.digits)


def format_nip(digits: str) -> str:
    """ "197806052002121002" → "19780605 200212 1 002"."""
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def normalise_nip(value: str) -> str:
    return re.sub(r"\s+", "", value or "")


def parse_nip(value: str, *, today: datetime.date | None = None) -> NIP:
    """Parse and check a NIP; raise ValidationError saying exactly which part is wrong."""
    today = today or timezone.localdate()
    digits = normalise_nip(value)
    if not digits.isdigit():
        raise ValidationError(_("A NIP has only digits and spaces."), code="nip_characters")
    if len(digits) != 18:
        raise ValidationError(
            _("A NIP has 18 digits; this one has %(count)d.") % {"count": len(digits)},
            code="nip_length",
        )
    birth_date = _birth_date(digits[:8], today)
    appointed = _appointment(digits[8:14], birth_date, today)
    if digits[14] not in "12":
        raise ValidationError(
            _("Digit 15 of a NIP is the sex: 1 (male) or 2 (female), not %(digit)s.")
            % {"digit": digits[14]},
            code="nip_sex",
        )
    sequence = int(digits[15:])
    if sequence == 0:
        raise ValidationError(
            _("The last three digits of a NIP are a sequence number from 001; 000 is not one."),
            code="nip_sequence",
        )
    return NIP(digits, birth_date, appointed, "L" if digits[14] == "1" else "P", sequence)


def _birth_date(part: str, today: datetime.date) -> datetime.date:
    try:
        born = datetime.date(int(part[:4]), int(part[4:6]), int(part[6:]))
    except ValueError:
        raise ValidationError(
            _("The first 8 digits of a NIP are the birth date (yyyymmdd); %(part)s is not a date.")
            % {"part": part},
            code="nip_birth_date",
        ) from None
    if born.year < 1900 or born >= today:
        raise ValidationError(
            _("The birth date in the NIP (%(date)s) is not plausible.")
            % {"date": born.isoformat()},
            code="nip_birth_date",
        )
    return born


def _appointment(part: str, born: datetime.date, today: datetime.date) -> tuple[int, int]:
    year, month = int(part[:4]), int(part[4:])
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Digits 9–14 of a NIP are the appointment year and month (yyyymm); %(part)s is not.")
            % {"part": part},
            code="nip_appointment",
        )
    if (year, month) > (today.year, today.month):
        raise ValidationError(
            _("The appointment in the NIP (%(year)d-%(month)02d) is in the future.")
            % {"year": year, "month": month},
            code="nip_appointment",
        )
    if (year, month) < (born.year + MINIMUM_AGE_AT_APPOINTMENT, born.month):
        raise ValidationError(
            _(
                "The NIP says appointed in %(year)d-%(month)02d, before the age of %(age)d "
                "(born %(born)s)."
            )
            % {
                "year": year,
                "month": month,
                "age": MINIMUM_AGE_AT_APPOINTMENT,
                "born": born.isoformat(),
            },
            code="nip_appointment",
        )
    return year, month


def validate_nip(value: str) -> None:
    """Model-field validator; an empty NIP is allowed (vertical agencies' officers have none)."""
    if normalise_nip(value):
        parse_nip(value)
