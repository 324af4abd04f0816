"""Cache invalidation only: every change to a region's structure or its regulation, its text
included (the Lampiran's notes quote the text's flaws), bumps the region's structure version,
which keys the API's ETags and the rendered Lampiran files."""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from orgchart.models import (
    Appointment,
    KindRelation,
    Official,
    Position,
    Unit,
    UnitAffair,
    UnitLink,
)
from regulations.models import (
    Annex,
    AnnexEntry,
    Certifier,
    Provision,
    Recital,
    Region,
    Regulation,
    Rule,
)


def bump_structure_version(region_id: int | None) -> None:
    if region_id is not None:
        Region.objects.filter(pk=region_id).update(structure_version=F("structure_version") + 1)


def _on_change(sender, instance, **kwargs) -> None:
    try:
        region_id = instance.owning_region_id
    except (Region.DoesNotExist, Unit.DoesNotExist, Regulation.DoesNotExist, AttributeError):
        return  # the owner was deleted in the same cascade; its own signal bumped the version
    bump_structure_version(region_id)


def connect() -> None:
    for model in (
        Unit,
        UnitLink,
        UnitAffair,
        Position,
        Appointment,
        Official,
        KindRelation,
        Regulation,
        Rule,
        Annex,
        AnnexEntry,
        Certifier,
        Provision,
        Recital,
    ):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"structure-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"structure-{model.__name__}-d")
