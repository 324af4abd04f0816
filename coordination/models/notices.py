"""What became of a notice (a follow-up or written-report reminder): delivered to the people it
was meant for, delivered to a fallback (the unit's acting head, its staff, the Sekda, the
region's secretariat), or undelivered, and why. Stored as codes and data; the pages compose
the sentence in the reader's language."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
