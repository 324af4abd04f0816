"""Answers "as of date D": a revoked regulation still answers for its own period."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from orgchart.models import Unit
from regulations import answers
from regulations.models import Regulation, Rule
from regulations.services import record_revocation
from tests.factories import RegulationFactory, UnitFactory

D = datetime.date


@pytest.fixture
def revoked_pair(region):
    """Perwal Bukittinggi 65/2014, revoked by Perwal 4/2017 Pasal 17 from 28 Feb 2017."""
    old = RegulationFactory(
        region=region,
        number="65",
        year=2014,
        valid_from=D(2014, 12, 1),
        enacted_on=D(2014, 12, 1),
        promulgated_on=D(2014, 12, 1),
    )
    new = RegulationFactory(region=region, number="4", year=2017, valid_from=D(2017, 2, 28))
    record_revocation(revoking=new, revoked=old, citation="pasal 17")
    old.refresh_from_db()
    return old, new


def test_revocation_ends_the_old_regulation_the_day_before(revoked_pair):
    old, new = revoked_pair
    assert old.status == Regulation.Status.REVOKED
    assert old.valid_until == D(2017, 2, 27)
    revocation = new.revocations.get()
    assert (revocation.citation, revocation.revoked) == ("Pasal 17", old)


def test_the_regulation_in_force_depends_on_the_date(region, revoked_pair):
    old, new = revoked_pair
    assert region.regulation_in_force(D(2016, 6, 1)) == old
    assert region.regulation_in_force(D(2017, 2, 27)) == old
    assert region.regulation_in_force(D(2017, 2, 28)) == new
    assert region.regulation_in_force(D(2014, 1, 1)) is None


def test_rules_answer_from_the_regulation_in_force_that_day(region, revoked_pair):
    old, new = revoked_pair
    Rule.objects.create(
        regulation=old,
        kind=Rule.Kind.FOLLOW_UP_DEADLINE,
        value={"working_days": 7},
        citation="Pasal 9",
    )
    Rule.objects.create(
        regulation=new,
        kind=Rule.Kind.FOLLOW_UP_DEADLINE,
        value={"working_days": 2},
        citation="Pasal 13 ayat (5)",
    )
    before = answers.follow_up_deadline(region, D(2016, 12, 31))
    after = answers.follow_up_deadline(region, D(2017, 3, 1))
    assert (before.value, before.source) == (
        {"working_days": 7},
        "Perwal Bukittinggi 65/2014 Pasal 9",
    )
    assert (after.value, after.source) == (
        {"working_days": 2},
        "Perwal Bukittinggi 4/2017 Pasal 13 ayat (5)",
    )


def test_a_region_without_a_rule_gets_the_portal_default_marked_as_such(region, settings):
    settings.PORTAL_RULE_DEFAULTS = {"follow_up_deadline": {"working_days": 3}}
    answer = answers.follow_up_deadline(region, D(2024, 1, 1))
    assert answer.value == {"working_days": 3}
    assert answer.is_default
    assert answer.source_display.startswith("no legal deadline")


def test_units_from_a_revoked_regulation_are_gone_after_its_period(region, revoked_pair):
    old, new = revoked_pair
    root = UnitFactory(region=region, name="Walikota Bukittinggi")
    setda = UnitFactory(region=region, parent=root, name="Sekretaris Daerah", kind="setda")
    UnitFactory(
        region=region, parent=setda, name="Asisten I (lama)", kind="asisten", source_regulation=old
    )
    UnitFactory(
        region=region,
        parent=setda,
        name="Asisten pemerintahan",
        kind="asisten",
        source_regulation=new,
    )

    def names(day):
        return set(Unit.objects.as_of(day).filter(kind="asisten").values_list("name", flat=True))

    assert names(D(2016, 1, 1)) == {"Asisten I (lama)"}
    assert names(D(2018, 1, 1)) == {"Asisten pemerintahan"}


def test_a_regulation_cannot_revoke_one_that_starts_later(region):
    old = RegulationFactory(
        region=region,
        number="1",
        year=2020,
        valid_from=D(2020, 1, 1),
        enacted_on=D(2020, 1, 1),
        promulgated_on=D(2020, 1, 1),
    )
    new = RegulationFactory(
        region=region,
        number="2",
        year=2019,
        valid_from=D(2019, 1, 1),
        enacted_on=D(2019, 1, 1),
        promulgated_on=D(2019, 1, 1),
    )
    with pytest.raises(ValidationError):
        record_revocation(revoking=new, revoked=old, citation="Pasal 3")
    old.refresh_from_db()
    assert old.status == Regulation.Status.IN_FORCE and old.valid_until is None


def test_a_regulation_cannot_revoke_another_regions(region, other_tree):
    old = RegulationFactory(
        region=other_tree.region,
        number="100",
        year=2012,
        valid_from=D(2012, 1, 1),
        enacted_on=D(2012, 1, 1),
        promulgated_on=D(2012, 1, 1),
    )
    new = RegulationFactory(region=region, number="4", year=2017)
    with pytest.raises(ValidationError):
        record_revocation(revoking=new, revoked=old, citation="Pasal 15 ayat (1)")
