"""Letter numbers (Nomor) of the region's undangan: the archive classification code, the
next number of the region's yearly sequence, the issuing office and the year, e.g.
"005/012/Setda/2026". The format is the setting PORTAL_LETTER_NUMBER_FORMAT."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from coordination.core.models import LetterSequence
from regulations.models import Region

DEFAULT_FORMAT = "{classification}/{number:03d}/Setda/{year}"
# Undangan in the archive classification of Permendagri 78/2012 (kept by most regions' TNDE).
DEFAULT_CLASSIFICATION = "005"


def next_number(region: Region, year: int) -> int:
    """The next number of ``region``'s year, taken under a row lock: two letters never share
    one, and a rolled-back transaction gives its number back."""
    with transaction.atomic():
        sequence, _created = LetterSequence.objects.select_for_update().get_or_create(
            region=region, year=year
        )
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
        return sequence.last_number


def assign_letter_number(region: Region, classification: str | None = None) -> str:
    """The Nomor of a new undangan issued today (the region's date decides the year)."""
    year = region.today().year
    return getattr(settings, "PORTAL_LETTER_NUMBER_FORMAT", DEFAULT_FORMAT).format(
        classification=classification
        or getattr(settings, "PORTAL_INVITATION_CLASSIFICATION", DEFAULT_CLASSIFICATION),
        number=next_number(region, year),
        year=year,
    )
