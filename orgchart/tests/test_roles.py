"""Role assignments bind a user to a region and a fitting unit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from orgchart.models import RoleAssignment
from tests.factories import UserFactory


def assignment(role, unit, region=None):
    return RoleAssignment(
        user=UserFactory(), role=role, unit=unit, region=region or (unit.region if unit else None)
    )


def test_an_asisten_is_bound_to_an_asisten_unit(tree):
    assignment("asisten", tree.pemerintahan).full_clean()
    with pytest.raises(ValidationError) as caught:
        assignment("asisten", tree.kesehatan).full_clean()
    assert "cannot be bound to a Dinas" in caught.value.message_dict["unit"][0]


def test_an_agency_head_is_bound_to_an_agency(tree):
    assignment("agency_head", tree.kesehatan).full_clean()
    with pytest.raises(ValidationError):
        assignment("agency_head", tree.setda).full_clean()


def test_the_unit_must_be_in_the_users_region(tree, other_tree):
    with pytest.raises(ValidationError) as caught:
        assignment("secretariat_staff", other_tree.bagian, region=tree.root.region).full_clean()
    assert "user's region" in caught.value.message_dict["unit"][0]


def test_only_a_superadmin_may_be_unbound(db):
    assignment("superadmin", None).full_clean()
    unbound = RoleAssignment(user=UserFactory(), role="sekda")
    with pytest.raises(ValidationError):
        unbound.full_clean()
    with pytest.raises(IntegrityError):
        unbound.save()
