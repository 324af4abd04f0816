"""Role predicates deny by default and scope every right to the user's own region."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser, Permission

from orgchart.models import Official, RoleAssignment, Unit
from tests.factories import OfficialFactory, UserFactory


def test_a_permission_nobody_registered_is_denied_even_to_staff(personas):
    for user in (personas.sekda, personas.setda_staff, personas.kadis_kesehatan):
        assert not user.has_perm("orgchart.launch_rockets")
        assert not user.has_perm("coordination.approve_budget")


def test_a_user_without_a_role_may_only_read_public_data(personas, tree):
    nobody = UserFactory(username="nobody", is_staff=True)
    assert nobody.has_perm("orgchart.view_unit", tree.kesehatan)
    for perm in (
        "orgchart.add_unit",
        "orgchart.change_unit",
        "orgchart.delete_unit",
        "orgchart.view_official",
        "orgchart.change_roleassignment",
        "regulations.change_regulation",
    ):
        assert not nobody.has_perm(perm, tree.kesehatan), perm
    assert not nobody.has_module_perms("orgchart")


def test_django_model_permissions_grant_nothing(personas, tree):
    """A stray admin checkbox (Django's own permission table) does not bypass the rules."""
    clerk = personas.kadis_kesehatan
    clerk.user_permissions.add(Permission.objects.get(codename="change_unit"))
    clerk = type(clerk).objects.get(pk=clerk.pk)
    assert not clerk.has_perm("orgchart.change_unit", tree.kesehatan)


def test_anonymous_visitors_read_the_structure_and_nothing_else(tree):
    anonymous = AnonymousUser()
    assert anonymous.has_perm("orgchart.view_unit", tree.kesehatan)
    assert anonymous.has_perm("regulations.view_regulation")
    assert not anonymous.has_perm("orgchart.view_official")
    assert not anonymous.has_perm("orgchart.change_unit", tree.kesehatan)


@pytest.mark.parametrize(
    ("persona", "own_region", "other_region"),
    [
        ("superadmin", True, True),
        ("setda_staff", True, False),
        ("outsider", False, True),
        ("sekda", False, False),
        ("asisten_pemerintahan", False, False),
        ("kadis_kesehatan", False, False),
    ],
)
def test_who_keeps_the_structure_of_which_region(
    personas, tree, other_tree, persona, own_region, other_region
):
    user = getattr(personas, persona)
    assert user.has_perm("orgchart.change_unit", tree.kesehatan) is own_region
    assert user.has_perm("orgchart.change_unit", other_tree.bagian) is other_region


def test_officials_nip_is_visible_inside_the_region_only(personas, region, other_tree):
    ours = OfficialFactory(region=region)
    theirs = OfficialFactory(region=other_tree.region)
    assert personas.kadis_kesehatan.has_perm("orgchart.view_official", ours)
    assert not personas.kadis_kesehatan.has_perm("orgchart.view_official", theirs)
    assert set(Official.objects.visible_to(personas.kadis_kesehatan)) == {ours}
    assert set(Official.objects.visible_to(personas.superadmin)) == {ours, theirs}
    assert not Official.objects.visible_to(AnonymousUser()).exists()


def test_role_assignments_are_seen_by_their_owner_and_the_region_secretariat(personas):
    assert set(RoleAssignment.objects.visible_to(personas.kadis_kesehatan)) == {
        personas.kadis_kesehatan.role_assignment
    }
    seen_by_setda = {
        a.user.username for a in RoleAssignment.objects.visible_to(personas.setda_staff)
    }
    assert seen_by_setda == {"alice", "bob", "charlie", "dina"}
    assert not personas.setda_staff.has_perm(
        "orgchart.change_roleassignment", personas.sekda.role_assignment
    )


def test_only_superadmin_changes_the_text_of_regulations(personas, regulation):
    assert personas.superadmin.has_perm("regulations.change_regulation", regulation)
    for persona in ("sekda", "setda_staff", "asisten_pemerintahan", "kadis_kesehatan"):
        assert not getattr(personas, persona).has_perm("regulations.change_regulation", regulation)


def test_every_model_has_registered_permissions():
    """Deny by default needs every model's four permissions registered explicitly."""
    from django.apps import apps

    for app_label in ("regulations", "orgchart"):
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for action in ("view", "add", "change", "delete"):
                name = f"{app_label}.{action}_{model._meta.model_name}"
                assert rules.perm_exists(name), name


def test_unit_queryset_is_public(tree):
    assert Unit.objects.visible_to(AnonymousUser()).count() == 8
