"""Management commands behind `make run`: reference data, demo users, tree checks."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from orgchart.models import Affair, RoleAssignment


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


def test_demo_users_get_one_per_role_and_passwords_are_printed_once(tree, capsys):
    first = run("seed_demo_users", "--region", "13.75")
    users = {a.user.username: a.role for a in RoleAssignment.objects.select_related("user")}
    assert users == {
        "superadmin": "superadmin",
        "kepala_daerah": "kepala_daerah",
        "wakil": "wakil",
        "sekda": "sekda",
        "asisten": "asisten",
        "setda": "secretariat_staff",
        "kadis": "agency_head",
        "staf_dinas": "agency_staff",
    }
    assert "staf_ahli: Kota Bukittinggi has no unit for this role; skipped." in first
    password = next(
        line.split()[1] for line in first.splitlines() if line.strip().startswith("sekda ")
    )
    assert get_user_model().objects.get(username="sekda").check_password(password)
    second = run("seed_demo_users", "--region", "13.75")
    assert password not in second
    assert "password was printed when it was created" in second
    assert get_user_model().objects.get(username="superadmin").is_superuser


def test_demo_users_for_an_unknown_region_are_refused(db):
    with pytest.raises(CommandError):
        run("seed_demo_users", "--region", "99.99")


def test_check_trees_reports_a_sound_tree(tree):
    assert "13.75 Kota Bukittinggi: OK" in run("check_trees")


def test_ensure_report_periods_derives_obligations_and_periods_once(five_regions, db):
    from coordination.models import ReportingObligation, ReportingPeriod

    first = run("ensure_report_periods")
    assert ReportingObligation.objects.filter(region__code="17.71").count() == 4
    assert ReportingPeriod.objects.exists() and "created: 0" not in first
    count = ReportingPeriod.objects.count()
    assert "Reporting periods created: 0." in run("ensure_report_periods")
    assert ReportingPeriod.objects.count() == count
