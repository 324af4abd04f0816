"""The models every workflow shares: a region's own days off, the yearly sequence of letter
numbers (Nomor), and the outcome of a notice (delivered, to a fallback, undelivered)."""

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


class Outcome(models.TextChoices):
    PENDING = "", _("pending")
    DELIVERED = "delivered", _("delivered")
    FALLBACK = "fallback", _("delivered to a fallback")
    UNDELIVERED = "undelivered", _("undelivered")


class Route(models.TextChoices):
    """Who received the notice: the people it was meant for, or which fallback, in the order
    notify.resolve tries them."""

    INTENDED = "intended", _("the people it is meant for")
    ACTING_HEAD = "acting_head", _("fallback: the unit's acting head (Plt./Plh./Pj.)")
    UNIT_STAFF = "unit_staff", _("fallback: the unit's own staff")
    SEKDA = "sekda", _("fallback: the Sekda")
    SECRETARIAT = "secretariat", _("fallback: the region's secretariat")
    NOBODY = "nobody", _("nobody: no user with an e-mail address")


class Failure(models.TextChoices):
    NONE = "", _("none")
    NO_RECIPIENT = "no_recipient", _("nobody to send it to, not even a fallback")
    MAIL_ERROR = "mail_error", _("the mail server refused or failed; retried at the next scan")


class NoticeOutcome(models.Model):
    """The delivery fields shared by ReminderLog and ReportReminder. ``sent_at`` (on each model)
    stays the once-only mark: set when the notice went out, and also when nobody at all could
    receive it (retrying every quarter hour would change nothing; the row shows it). A mail
    error leaves ``sent_at`` empty, so the next scan retries once the claim's lease ends."""

    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, blank=True, default=""
    )
    route = models.CharField(_("route"), max_length=20, choices=Route.choices, blank=True)
    failure = models.CharField(
        _("failure"), max_length=12, choices=Failure.choices, blank=True, default=""
    )
    failure_detail = models.CharField(
        _("failure detail"), max_length=200, blank=True, help_text=_("The error's class name.")
    )
    addressees = models.JSONField(
        _("addressees"),
        default=list,
        blank=True,
        help_text=_("The users it went to: id, name and e-mail address of each."),
    )

    class Meta:
        abstract = True

    @property
    def undelivered(self) -> bool:
        return self.outcome == Outcome.UNDELIVERED

    @property
    def retrying(self) -> bool:
        """A mail error: the next scan tries again."""
        return self.failure == Failure.MAIL_ERROR and self.sent_at is None

    @property
    def attempted_at(self):
        return self.sent_at or self.claimed_at


class LetterSequence(models.Model):
    """The last number given in a region's year; the next undangan takes last + 1. Read and
    bumped under a row lock (coordination.core.letters), so two never share a number."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="letter_sequences", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        ordering = ["region", "year"]
        verbose_name = _("letter number sequence")
        verbose_name_plural = _("letter number sequences")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="lettersequence_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}: {self.last_number}"

    @property
    def owning_region_id(self) -> int:
        return self.region_id
