"""A region's own days off, on top of the national holidays and cuti bersama."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regulations.models import Region


class RegionalDayOff(models.Model):
    """A day the region does not work, e.g. its anniversary (Hari Jadi), set by a decree."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="days_off", verbose_name=_("region")
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)
    decree = models.CharField(_("decree"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "date"]
        verbose_name = _("regional day off")
        verbose_name_plural = _("regional days off")
        constraints = [
            models.UniqueConstraint(fields=["region", "date"], name="regionaldayoff_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"

    @property
    def owning_region_id(self) -> int:
        return self.region_id
