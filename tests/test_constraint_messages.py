"""No error message exposes an internal name: every constraint a form or the admin can break
says what is wrong in words, not "Constraint “unit_period_ordered” is violated"."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, UniqueConstraint
from django.utils import translation

from orgchart.models import Unit

PROJECT_APPS = {"regulations", "orgchart", "coordination"}


def constraints_without_their_own_message() -> list[str]:
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model.__name__.startswith("Historical"):
            continue
        for constraint in model._meta.constraints:
            # A plain unique constraint over fields says "… with this … already exists".
            generic = isinstance(constraint, CheckConstraint) or (
                isinstance(constraint, UniqueConstraint)
                and (constraint.condition is not None or constraint.expressions)
            )
            default = (
                constraint.violation_error_message == constraint.default_violation_error_message
            )
            if generic and default:
                found.append(f"{model._meta.label}.{constraint.name}")
    return found


def test_every_check_and_conditional_constraint_has_its_own_message():
    assert constraints_without_their_own_message() == []


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_broken_period_is_refused_in_words(five_regions, db, language):
    unit = Unit.objects.filter(region__code="13.75").exclude(parent=None).first()
    unit.valid_from = datetime.date(2020, 1, 2)
    unit.valid_until = datetime.date(2020, 1, 1)
    with translation.override(language), pytest.raises(ValidationError) as caught:
        unit.validate_constraints()
    text = " ".join(caught.value.messages)
    assert "unit_period_ordered" not in text
    expected = {
        "en": "The end of validity cannot precede its start.",
        "id": "Tanggal akhir berlaku tidak boleh mendahului tanggal mulai berlaku.",
    }
    assert expected[language] in text
