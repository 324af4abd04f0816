"""The secretariat creates reporting periods on demand from the admin, idempotently."""

import datetime

from django.test import Client

from coordination.reports.models import ReportingObligation, ReportingPeriod
from coordination.reports.obligations import sync_obligations


def test_the_secretariat_creates_periods_from_the_admin_and_twice_creates_nothing(world):
    side = world.bkt
    sync_obligations(side.region, datetime.date(2026, 6, 1))
    sync_obligations(world.bkl.region, datetime.date(2026, 6, 1))
    (obligation,) = ReportingObligation.objects.filter(region=side.region)
    client = Client()
    client.force_login(side.users["secretariat_staff"])
    listing = client.get("/admin/coordination/reportingobligation/")
    assert listing.status_code == 200
    assert "Pasal 16 ayat (2)" in listing.content.decode()
    assert "Pasal 14 angka 25" not in listing.content.decode()  # Bengkulu's: another region
    data = {"action": "create_periods", "_selected_action": [obligation.pk]}
    response = client.post("/admin/coordination/reportingobligation/", data, follow=True)
    assert response.status_code == 200
    count = ReportingPeriod.objects.filter(obligation=obligation).count()
    assert count >= 5  # this year's quarters and the next year's first at least
    client.post("/admin/coordination/reportingobligation/", data, follow=True)
    assert ReportingPeriod.objects.filter(obligation=obligation).count() == count
    agency = Client()
    agency.force_login(side.users["agency_head"])
    assert agency.get("/admin/coordination/reportingobligation/").status_code in (302, 403)
