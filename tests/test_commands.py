"""Management commands behind `make run`: reference data, demo users, tree checks."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from orgchart.models import Affair


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_reference_data_loads_once_and_a_second_run_changes_nothing():
    first = run("load_reference_data")
    count = Affair.objects.count()
    assert count > 60
    assert Affair.objects.get(code="1.02").name == "Kesehatan"
    assert Affair.objects.get(code="1.05.02").parent.code == "1.05"
    second = run("load_reference_data")
    assert "0 created, 0 changed" in second and "created" in first
    assert Affair.objects.count() == count


def test_demo_users_without_regions_are_only_the_superuser(db):
    """The demo roster and users themselves are tested in tests/test_demo_roster.py."""
    output = run("seed_demo_users")
    assert "No region is loaded yet: only the superuser was created." in output
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["superadmin"]
    assert get_user_model().objects.get().is_superuser


def test_check_trees_reports_a_sound_tree(tree):
    assert "13.75 Kota Bukittinggi: OK" in run("check_trees")


def test_ensure_report_periods_derives_obligations_and_periods_once(five_regions, db):
    from coordination.reports.models import ReportingObligation, ReportingPeriod

    first = run("ensure_report_periods")
    assert ReportingObligation.objects.filter(region__code="17.71").count() == 4
    assert ReportingPeriod.objects.exists() and "created: 0" not in first
    count = ReportingPeriod.objects.count()
    assert "Reporting periods created: 0." in run("ensure_report_periods")
    assert ReportingPeriod.objects.count() == count
