"""Celery tasks of the org structure."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.core.mail import mail_admins

from orgchart.integrity import tree_errors
from orgchart.lampiran.files import rendered
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


@shared_task(bind=True, name="orgchart.render_lampiran")
def render_lampiran(self, region_code: str, chart: str, day: str, paper: str) -> dict[str, str]:
    """Render a Lampiran PDF into the file cache, reporting progress to the browser."""
    region = Region.objects.get(code=region_code)

    def progress(percent: int, stage: str) -> None:
        self.update_state(state="PROGRESS", meta={"percent": percent, "stage": stage})

    path = rendered(region, chart, datetime.date.fromisoformat(day), paper, "pdf", progress)
    return {"file": path.name}
