"""The unit tree admin writes through the service and respects each user's region."""

from __future__ import annotations

import pytest
from django.urls import reverse

from orgchart.integrity import tree_errors
from orgchart.models import Unit


@pytest.fixture
def as_setda(client, personas):
    client.force_login(personas.setda_staff)
    return client


def test_secretariat_staff_see_their_own_regions_units_only(as_setda, tree, other_tree):
    response = as_setda.get(reverse("admin:orgchart_unit_changelist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dinas kesehatan" in body
    assert "Bupati Kutai Kartanegara" not in body


def test_adding_a_unit_in_the_admin_goes_through_the_service(as_setda, region, tree):
    response = as_setda.post(
        reverse("admin:orgchart_unit_add"),
        {
            "region": region.pk,
            "parent": tree.pemerintahan.pk,
            "name": "Dinas sosial",
            "kind": "dinas",
            "line": "koordinasi",
            "links_out-TOTAL_FORMS": "0",
            "links_out-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(name="Dinas sosial")
    assert unit.parent == tree.pemerintahan
    assert unit.history.count() == 1
    assert tree_errors(region.pk) == []


def test_changing_the_parent_in_the_admin_moves_the_unit(as_setda, region, tree):
    response = as_setda.post(
        reverse("admin:orgchart_unit_change", args=[tree.kesehatan.pk]),
        {
            "region": region.pk,
            "parent": tree.ekonomi.pk,
            "name": "Dinas kesehatan",
            "kind": "dinas",
            "line": "koordinasi",
            "links_out-TOTAL_FORMS": "0",
            "links_out-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=tree.kesehatan.pk).parent == tree.ekonomi
    assert tree_errors(region.pk) == []


def test_drag_and_drop_moves_through_the_service(as_setda, region, tree):
    response = as_setda.post(
        reverse("admin:orgchart_unit_changelist"),
        {
            "cmd": "move_node",
            "cut_item": tree.perhubungan.pk,
            "pasted_on": tree.kesehatan.pk,
            "position": "left",
        },
    )
    assert response.content == b"OK, moved."
    siblings = list(
        Unit.objects.get(pk=tree.pemerintahan.pk).get_children().values_list("name", flat=True)
    )
    assert siblings == ["Dinas perhubungan", "Dinas kesehatan", "Bagian pemerintahan"]
    assert tree_errors(region.pk) == []


def test_an_invalid_drag_and_drop_is_refused_and_changes_nothing(as_setda, region, tree):
    response = as_setda.post(
        reverse("admin:orgchart_unit_changelist"),
        {
            "cmd": "move_node",
            "cut_item": tree.setda.pk,
            "pasted_on": tree.kesehatan.pk,
            "position": "last-child",
        },
    )
    assert response.content == b"FAIL, invalid move."
    assert Unit.objects.get(pk=tree.setda.pk).parent == tree.root


def test_staff_cannot_edit_another_regions_unit(client, personas, other_tree):
    client.force_login(personas.setda_staff)
    url = reverse("admin:orgchart_unit_change", args=[other_tree.bagian.pk])
    assert client.get(url).status_code in {302, 403, 404}
    response = client.post(
        reverse("admin:orgchart_unit_changelist"),
        {
            "cmd": "move_node",
            "cut_item": other_tree.bagian.pk,
            "pasted_on": other_tree.root.pk,
            "position": "last-child",
        },
    )
    assert response.content == b"FAIL, invalid objects."


def test_deleting_from_the_changelist_uses_the_service(client, personas, region, tree):
    client.force_login(personas.superadmin)
    response = client.post(
        reverse("admin:orgchart_unit_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [tree.ekonomi.pk, tree.perhubungan.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Unit.objects.filter(pk__in=[tree.ekonomi.pk, tree.perhubungan.pk]).exists()
    assert tree_errors(region.pk) == []


def test_every_model_has_an_admin(client, personas):
    from django.apps import apps
    from django.contrib import admin

    for app_label in ("regulations", "orgchart"):
        for model in apps.get_app_config(app_label).get_models():
            if not model.__name__.startswith("Historical"):
                assert admin.site.is_registered(model), model.__name__
    client.force_login(personas.superadmin)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
