"""Celery tasks of the org structure."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.mail import mail_admins

from orgchart.integrity import tree_errors
from regulations.models import Region

logger = logging.getLogger(__name__)


@shared_task(name="orgchart.check_all_trees")
def check_all_trees() -> dict[str, int]:
    """Nightly: check every region's unit tree and tell the admins about any fault."""
    report: dict[str, int] = {}
    faults: list[str] = []
    for region in Region.objects.order_by("code"):
        errors = tree_errors(region.pk)
        report[region.code] = len(errors)
        faults.extend(f"{region.code} {region.full_name}: {error}" for error in errors)
    if faults:
        logger.error("Unit tree faults:\n%s", "\n".join(faults))
        mail_admins("Unit tree faults", "\n".join(faults))
    return report
