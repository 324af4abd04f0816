"""Point-in-time helpers shared by every model that is valid over a period."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def valid_at(day: datetime.date, prefix: str = "") -> Q:
    """Rows whose [valid_from, valid_until] period contains ``day`` (open ends allowed)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day})
    )


def valid_with_source(day: datetime.date, source: str, prefix: str = "") -> Q:
    """Rows valid on ``day`` whose source regulation (the ``source`` foreign key), if any, was
    in force that day too: revoking a regulation ends what it set."""
    return valid_at(day, prefix) & (
        Q(**{f"{prefix}{source}__isnull": True}) | valid_at(day, prefix=f"{prefix}{source}__")
    )


class ValidityPeriod(models.Model):
    """Abstract: a row that holds from ``valid_from`` to ``valid_until`` inclusive."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: datetime.date) -> bool:
        starts_ok = self.valid_from is None or self.valid_from <= day
        ends_ok = self.valid_until is None or self.valid_until >= day
        return starts_ok and ends_ok

    def period_within(self, outer: ValidityPeriod) -> bool:
        """True if this period lies inside ``outer``'s (open ends count as unbounded)."""
        starts_ok = outer.valid_from is None or (
            self.valid_from is not None and self.valid_from >= outer.valid_from
        )
        ends_ok = outer.valid_until is None or (
            self.valid_until is not None and self.valid_until <= outer.valid_until
        )
        return starts_ok and ends_ok


def period_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_from__isnull=True)
        | Q(valid_until__isnull=True)
        | Q(valid_until__gte=models.F("valid_from")),
        name=name,
        violation_error_message=_("The end of validity cannot precede its start."),
    )
