"""The choices the report rules read (who receives a report, where a report stands), kept
below the models so that the rules about who sees and acts on a report
(coordination.reports.access) need not import the models that use them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ObligationRecipient(models.TextChoices):
    """Whom a reporting obligation's reports are addressed to (ReportingObligation.Recipient)."""

    KEPALA_DAERAH = "kepala_daerah", _("Kepala Daerah")
    BAPPEDA = "bappeda", _("Bappeda")
    PARENT_UNIT = "parent_unit", _("the parent unit")


class ReportStatus(models.TextChoices):
    """Where a version of a written report stands (Report.Status)."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    REVIEWED = "reviewed", _("reviewed by the Asisten")
    RECEIVED = "received", _("received by the Sekda")
    ACCEPTED = "accepted", _("accepted")
    RETURNED = "returned", _("returned for revision")
