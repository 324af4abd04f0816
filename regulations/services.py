"""Writes to regulations that touch more than one row."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from regulations import citations
from regulations.models import Regulation, Revocation


@transaction.atomic
def record_revocation(
    *,
    revoking: Regulation,
    revoked: Regulation,
    citation: str,
    effective_on: datetime.date | None = None,
) -> Revocation:
    """Record that ``revoking`` revokes ``revoked`` by ``citation``, ending its validity.

    ``revoked`` stays in the database and keeps answering for its own period.
    """
    effective_on = effective_on or revoking.valid_from
    if effective_on is None:
        raise ValidationError(
            gettext("The revoking regulation has no start of validity; give the effective date.")
        )
    if revoking.region_id != revoked.region_id:
        raise ValidationError(gettext("A regulation can only revoke one of its own region."))
    revoked = Regulation.objects.select_for_update().get(pk=revoked.pk)
    if revoked.valid_from and revoked.valid_from >= effective_on:
        raise ValidationError(
            gettext("%(revoked)s came into force on %(start)s, not before %(effective)s.")
            % {"revoked": revoked, "start": revoked.valid_from, "effective": effective_on}
        )
    revocation = Revocation(
        revoking=revoking,
        revoked=revoked,
        citation=citations.canonical(citation),
        effective_on=effective_on,
    )
    revocation.full_clean()
    revocation.save()
    revoked.valid_until = effective_on - datetime.timedelta(days=1)
    revoked.status = Regulation.Status.REVOKED
    revoked.full_clean()
    revoked.save(update_fields=["valid_until", "status"])
    return revocation
