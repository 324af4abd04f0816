"""Tree writes go through orgchart.services, which keeps one sound tree per region."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from orgchart import services
from orgchart.integrity import tree_errors
from orgchart.locking import TreeWriteOutsideService
from orgchart.models import Unit
from tests.factories import PositionFactory, UnitFactory


def fresh(unit: Unit) -> Unit:
    """Nested-set values held in memory go stale after other writes; re-read them."""
    return Unit.objects.get(pk=unit.pk)


def names_in_order(region):
    return list(Unit.objects.filter(region=region).order_by("lft").values_list("name", flat=True))


def test_inserts_keep_document_order_and_a_sound_tree(region, tree):
    services.create_unit(
        region=region,
        target=tree.kesehatan,
        position="left",
        name="Dinas pendidikan dan kebudayaan",
        kind="dinas",
        line="koordinasi",
    )
    children = list(fresh(tree.pemerintahan).get_children().values_list("name", flat=True))
    assert children == ["Dinas pendidikan dan kebudayaan", "Dinas kesehatan", "Bagian pemerintahan"]
    assert tree_errors(region.pk) == []


def test_a_region_has_one_root(region, tree):
    with pytest.raises(ValidationError) as caught:
        services.create_unit(region=region, name="Walikota kedua", kind="kepala_daerah")
    assert "already has a root" in str(caught.value)
    with pytest.raises(ValidationError):
        services.create_unit(
            region=region,
            target=tree.root,
            position="right",
            name="Sebelah root",
            kind="dinas",
            line="koordinasi",
        )


def test_the_root_is_the_kepala_daerah(region):
    with pytest.raises(ValidationError) as caught:
        services.create_unit(region=region, name="Dinas tanpa induk", kind="dinas")
    assert "Kepala Daerah" in str(caught.value)


def test_a_child_needs_a_line_to_its_parent(region, tree):
    with pytest.raises(ValidationError) as caught:
        services.create_unit(region=region, target=tree.pemerintahan, name="Dinas X", kind="dinas")
    assert "line" in caught.value.message_dict


def test_move_carries_the_subtree_and_keeps_the_tree_sound(region, tree):
    upt = UnitFactory(
        region=region, parent=tree.kesehatan, name="UPT Puskesmas", kind="upt", line="komando"
    )
    services.move_unit(unit=tree.kesehatan, target=tree.ekonomi)
    upt.refresh_from_db()
    assert upt.parent.parent == tree.ekonomi
    assert tree_errors(region.pk) == []


@pytest.mark.parametrize("target_name", ["kesehatan", "upt"])
def test_a_unit_cannot_move_into_its_own_subtree(region, tree, target_name):
    upt = UnitFactory(region=region, parent=tree.kesehatan, name="UPT", kind="upt", line="komando")
    target = {"kesehatan": tree.kesehatan, "upt": upt}[target_name]
    with pytest.raises(ValidationError):
        services.move_unit(unit=tree.kesehatan, target=target)
    assert tree_errors(region.pk) == []


def test_the_root_cannot_move_and_nothing_crosses_regions(region, tree, other_tree):
    with pytest.raises(ValidationError):
        services.move_unit(unit=tree.root, target=tree.setda)
    with pytest.raises(ValidationError):
        services.move_unit(unit=tree.kesehatan, target=other_tree.setda)


def test_writes_outside_the_service_are_refused(region, tree):
    unit = Unit.objects.get(pk=tree.kesehatan.pk)
    unit.name = "Renamed behind the service's back"
    with pytest.raises(TreeWriteOutsideService):
        unit.save()
    with pytest.raises(TreeWriteOutsideService):
        unit.delete()
    with pytest.raises(TreeWriteOutsideService):
        Unit.objects.filter(pk=unit.pk).update(lft=999)
    with pytest.raises(TreeWriteOutsideService):
        Unit.objects.bulk_create([Unit(region=region, name="X", kind="dinas")])
    with pytest.raises(TreeWriteOutsideService):
        Unit.objects.bulk_update([unit], ["rght"])
    assert tree_errors(region.pk) == []


def test_update_changes_fields_but_never_the_place(region, tree):
    updated = services.update_unit(unit=tree.kesehatan, name="Dinas Kesehatan", acronym="Dinkes")
    assert (updated.name, updated.acronym, updated.parent_id) == (
        "Dinas Kesehatan",
        "Dinkes",
        tree.pemerintahan.pk,
    )
    with pytest.raises(TypeError):
        services.update_unit(unit=tree.kesehatan, parent=tree.ekonomi)


def test_a_unit_with_positions_is_retired_not_deleted(region, tree):
    PositionFactory(unit=tree.kesehatan)
    with pytest.raises(ValidationError) as caught:
        services.delete_unit(unit=tree.kesehatan)
    assert "retire" in str(caught.value)
    assert Unit.objects.filter(pk=tree.kesehatan.pk).exists()
    assert tree_errors(region.pk) == []
    ended = services.retire_unit(unit=tree.pemerintahan, last_day=datetime.date(2023, 12, 31))
    assert ended == 3
    assert not Unit.objects.as_of(datetime.date(2024, 1, 1)).filter(pk=tree.kesehatan.pk).exists()


def test_delete_removes_the_subtree_and_closes_the_gap(region, tree):
    services.delete_unit(unit=tree.ekonomi)
    assert "Dinas perhubungan" not in names_in_order(region)
    assert tree_errors(region.pk) == []


def test_a_child_cannot_outlive_its_parent(region, tree):
    with pytest.raises(ValidationError) as caught:
        services.update_unit(unit=tree.ekonomi, valid_until=datetime.date(2030, 1, 1))
    assert "Dinas perhubungan exists outside this period" in str(caught.value)
    services.retire_unit(unit=tree.ekonomi, last_day=datetime.date(2030, 1, 1))
    with pytest.raises(ValidationError):
        services.create_unit(
            region=region,
            target=tree.ekonomi,
            name="Dinas baru",
            kind="dinas",
            line="koordinasi",
            valid_until=datetime.date(2031, 1, 1),
        )


def test_the_checker_finds_a_corrupted_tree(region, tree):
    """The integrity check can fail: corrupt one node behind the ORM's back."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE orgchart_unit SET rght = rght + 100 WHERE id = %s", [tree.kesehatan.pk]
        )
    errors = tree_errors(region.pk)
    assert any(f"unit {tree.kesehatan.pk}:" in error for error in errors)


def test_portfolio_includes_units_the_text_places_under_two_asisten(region, tree):
    from orgchart.models import UnitLink

    UnitLink.objects.create(source=tree.ekonomi, target=tree.kesehatan, kind="koordinasi")
    day = datetime.date(2024, 1, 1)
    assert set(Unit.objects.portfolio_of(tree.ekonomi, day)) == {tree.kesehatan, tree.perhubungan}
    assert fresh(tree.kesehatan).coordinators(day) == [tree.pemerintahan, tree.ekonomi]
