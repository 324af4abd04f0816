"""Urgent decisions taken directly by a unit head (Pasal 10) and take-overs of coordination
(Perbup Kutai Kartanegara 4/2018 Pasal 14)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgchart.models import Unit
from regulations.models import Region


class RegionScopedQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        from coordination.core.access import follow_up_scope

        scope = follow_up_scope(user)
        if scope is None:
            return self.none()
        if scope == "all":
            return self.all()
        region_id, unit_id = scope
        rows = self.filter(region_id=region_id)
        return rows if unit_id is None else rows.filter(unit_id=unit_id)


class UrgentDecisionQuerySet(RegionScopedQuerySet):
    def unreported(self) -> UrgentDecisionQuerySet:
        return self.filter(reported_at__isnull=True)


class UrgentDecision(models.Model):
    """In a very urgent matter a unit head decides directly, provided it is not a matter of
    principle, and reports it (Pasal 10 of Perwal Bukittinggi 4/2017 and Perbup Pasaman Barat
    49/2017)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="urgent_decisions", verbose_name=_("region")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="urgent_decisions", verbose_name=_("unit")
    )
    decided_on = models.DateField(_("decided on"))
    subject = models.CharField(_("matter"), max_length=300)
    decision = models.TextField(_("decision taken"))
    urgency = models.TextField(_("why it could not wait"))
    not_a_matter_of_principle = models.BooleanField(
        _("I state that this is not a matter of principle"), default=False
    )
    source = models.CharField(_("provision"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(_("received by the Sekda"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = UrgentDecisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("urgent decision")
        verbose_name_plural = _("urgent decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(not_a_matter_of_principle=True),
                name="urgentdecision_not_principle",
                violation_error_message=_(
                    "A direct decision in an urgent matter may not concern a matter of principle."
                ),
            ),
            models.CheckConstraint(
                condition=Q(received_at__isnull=True) | Q(reported_at__isnull=False),
                name="urgentdecision_received_after_report",
                violation_error_message=_("A report cannot be received before it is sent."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def owning_region_id(self) -> int:
        return self.region_id


class TakeoverQuerySet(RegionScopedQuerySet):
    def visible_to(self, user) -> TakeoverQuerySet:
        """The region's leaders and secretariat; agencies learn of a take-over through
        whoever coordinates them, as coordination.view_takeover says."""
        from coordination.core.access import follow_up_scope

        scope = follow_up_scope(user)
        if isinstance(scope, tuple) and scope[1] is not None:
            return self.none()
        return super().visible_to(user)

    def active_on(self, day: datetime.date) -> TakeoverQuerySet:
        return self.filter(start__lte=day, end__gte=day, cancelled_at__isnull=True)


class Takeover(models.Model):
    """The Bupati, Wakil or Sekda takes over the coordination of a unit from its Asisten for a
    period (Perbup Kutai Kartanegara 4/2018 Pasal 14 ayat (1)). Meanwhile invitations,
    escalations and inboxes go to ``taken_by`` instead of the Asisten."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="takeovers", verbose_name=_("region")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="takeovers", verbose_name=_("unit taken over")
    )
    taken_by = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="takeovers_held", verbose_name=_("taken by")
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    reason = models.TextField(_("why it is deemed necessary"))
    source = models.CharField(_("provision"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("ended early at"), null=True, blank=True)

    objects = TakeoverQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("take-over of coordination")
        verbose_name_plural = _("take-overs of coordination")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="takeover_period",
                violation_error_message=_("A take-over cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.taken_by} ← {self.unit} ({self.start}–{self.end})"

    @property
    def owning_region_id(self) -> int:
        return self.region_id
