"""Writes to the org structure. Every write to a region's unit tree goes through
``tree_write``, the one function that holds the region's lock (orgchart/locking.py)."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils.text import slugify
from django.utils.translation import gettext
from mptt.exceptions import InvalidMove

from orgchart.locking import region_tree_lock
from orgchart.models import Unit
from regulations.models import Region

CHILD_POSITIONS = ("first-child", "last-child")
SIBLING_POSITIONS = ("left", "right")
EDITABLE_FIELDS = frozenset(
    {
        "key",
        "name",
        "acronym",
        "kind",
        "line",
        "category",
        "source_regulation",
        "source_citation",
        "valid_from",
        "valid_until",
    }
)


@contextlib.contextmanager
def tree_write(region: Region | int, *, new_tree: bool = False) -> Iterator[None]:
    """The single way into a region's unit tree: one transaction holding the region's lock."""
    region_id = region if isinstance(region, int) else region.pk
    with region_tree_lock(region_id, new_tree=new_tree):
        yield


def _fresh(unit: Unit) -> Unit:
    """Re-read a node inside the lock: its lft/rght may have moved since it was loaded."""
    return Unit.objects.get(pk=unit.pk)


def create_unit(
    *,
    region: Region,
    target: Unit | None = None,
    position: str = "last-child",
    **fields: Any,
) -> Unit:
    """Create a unit as a child of ``target`` ("first-child"/"last-child") or beside it
    ("left"/"right"). Without a target, create the region's root (its Kepala Daerah)."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"create_unit() got unexpected fields: {sorted(unknown)}")
    if position not in CHILD_POSITIONS + SIBLING_POSITIONS:
        raise ValueError(f"Unknown position {position!r}.")
    with tree_write(region, new_tree=target is None):
        unit = Unit(region=region, **fields)
        if not unit.key:
            unit.key = _free_key(region, unit.name)
        if target is None:
            if Unit.objects.filter(region=region, parent__isnull=True).exists():
                raise ValidationError(
                    gettext("%(region)s already has a root; a region has one tree.")
                    % {"region": region}
                )
            unit.full_clean()
            unit.insert_at(None, save=True)
            return unit
        target = _fresh(target)
        unit.parent = target if position in CHILD_POSITIONS else target.parent
        if unit.parent is None:
            raise ValidationError(gettext("Nothing can stand beside the root of a region's tree."))
        unit.full_clean()
        unit.insert_at(target, position, save=True, refresh_target=False)
        return unit


def move_unit(*, unit: Unit, target: Unit, position: str = "last-child") -> Unit:
    """Move ``unit`` (with its subtree) under or beside ``target`` in the same region."""
    if position not in CHILD_POSITIONS + SIBLING_POSITIONS:
        raise ValueError(f"Unknown position {position!r}.")
    with tree_write(unit.region_id):
        unit, target = _fresh(unit), _fresh(target)
        if unit.region_id != target.region_id:
            raise ValidationError(gettext("A unit cannot move to another region's tree."))
        if unit.parent_id is None:
            raise ValidationError(gettext("The root of a region's tree cannot move."))
        new_parent = target if position in CHILD_POSITIONS else target.parent
        if new_parent is None:
            raise ValidationError(gettext("Nothing can stand beside the root of a region's tree."))
        if new_parent.pk == unit.pk or new_parent.is_descendant_of(unit):
            raise ValidationError(
                gettext("%(unit)s cannot move under itself or its own subtree.") % {"unit": unit}
            )
        unit.parent = new_parent
        unit.full_clean()  # validates the new place; move_to() re-reads the old one itself
        try:
            unit.move_to(target, position)
        except InvalidMove as exc:
            raise ValidationError(str(exc)) from exc
        return _fresh(unit)


def update_unit(*, unit: Unit, **fields: Any) -> Unit:
    """Change a unit's own fields (not its place in the tree: that is ``move_unit``)."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"update_unit() cannot change {sorted(unknown)}; use move_unit().")
    with tree_write(unit.region_id):
        unit = _fresh(unit)
        for name, value in fields.items():
            setattr(unit, name, value)
        unit.full_clean()
        _check_children_within(unit)
        unit.save()
        return unit


def retire_unit(*, unit: Unit, last_day: datetime.date) -> int:
    """End a unit and its whole subtree on ``last_day``; return how many units were ended."""
    with tree_write(unit.region_id):
        unit = _fresh(unit)
        if unit.valid_from and last_day < unit.valid_from:
            raise ValidationError(gettext("A unit cannot end before it starts."))
        ended = 0
        for node in unit.get_descendants(include_self=True).order_by("-level"):
            if node.valid_until is None or node.valid_until > last_day:
                node.valid_until = last_day
                node.save()
                ended += 1
        return ended


def delete_unit(*, unit: Unit) -> None:
    """Delete a unit entered by mistake, with its subtree. A unit that has held positions is
    retired instead (``retire_unit``), so that its history stays."""
    with tree_write(unit.region_id):
        unit = _fresh(unit)
        if unit.parent_id is None and unit.get_descendant_count():
            raise ValidationError(gettext("Delete the units under the root first."))
        try:
            unit.delete()
        except ProtectedError as exc:
            raise ValidationError(
                gettext(
                    "%(unit)s has positions or users bound to it; retire it instead of deleting."
                )
                % {"unit": unit}
            ) from exc


def _free_key(region: Region, name: str) -> str:
    """A slug of ``name`` not yet used in ``region``: "dinas-kesehatan", "dinas-kesehatan-2"."""
    base = slugify(name)[:70].strip("-") or "unit"
    taken = set(
        Unit.objects.filter(region=region, key__startswith=base).values_list("key", flat=True)
    )
    key, suffix = base, 2
    while key in taken:
        key, suffix = f"{base}-{suffix}", suffix + 1
    return key


def _check_children_within(unit: Unit) -> None:
    for child in unit.get_children():
        if not child.period_within(unit):
            raise ValidationError(
                {
                    "valid_until": gettext(
                        "%(child)s exists outside this period; retire or change it first."
                    )
                    % {"child": child}
                }
            )
