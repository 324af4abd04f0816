"""Concurrent tree writes through the service leave a sound tree (8 threads × 25 writes)."""

from __future__ import annotations

import random
import threading

import pytest
from django.db import connection, connections

from orgchart import services
from orgchart.integrity import tree_errors
from orgchart.locking import REGION_TREE_LOCK
from orgchart.models import Unit
from tests.factories import RegionFactory, UnitFactory

THREADS = 8
WRITES_PER_THREAD = 25


def build_base(region) -> list[int]:
    """A root, a Sekda and six Asisten: the fixed targets that no thread ever moves."""
    root = UnitFactory(region=region, name="Walikota")
    setda = UnitFactory(region=region, parent=root, name="Sekda", kind="setda", line="komando")
    asisten = [
        UnitFactory(
            region=region, parent=setda, name=f"Asisten {n}", kind="asisten", line="komando"
        )
        for n in range(6)
    ]
    return [setda.pk] + [unit.pk for unit in asisten]


def writer(
    region_id: int,
    base: list[int],
    shared: list[int],
    lock: threading.Lock,
    seed: int,
    errors: list[BaseException],
    moves: dict[int, int],
) -> None:
    """Insert under any existing unit, or move one of this thread's units under a base unit.

    Every move is valid by construction (base units are never moved, so none is ever inside
    a moved subtree): any exception at all is a failure of the locking.
    """
    rng = random.Random(seed)
    own: list[int] = []
    try:
        for step in range(WRITES_PER_THREAD):
            if own and rng.random() < 0.4:
                unit_id, target_id = rng.choice(own), rng.choice(base)
                services.move_unit(
                    unit=Unit.objects.get(pk=unit_id),
                    target=Unit.objects.get(pk=target_id),
                    position=rng.choice(["first-child", "last-child"]),
                )
                moves[unit_id] = target_id
            else:
                with lock:
                    parent_id = rng.choice(shared)
                unit = services.create_unit(
                    region=Unit.objects.get(pk=parent_id).region,
                    target=Unit.objects.get(pk=parent_id),
                    position=rng.choice(["first-child", "last-child"]),
                    name=f"Unit {seed}-{step}",
                    kind="dinas",
                    line="koordinasi",
                )
                own.append(unit.pk)
                with lock:
                    shared.append(unit.pk)
    except BaseException as exc:
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_eight_threads_of_inserts_and_moves_leave_a_sound_tree():
    region = RegionFactory(code="13.75", name="Bukittinggi")
    base = build_base(region)
    initial = Unit.objects.filter(region=region).count()
    shared, errors, moves = list(base), [], {}
    lock = threading.Lock()
    threads = [
        threading.Thread(target=writer, args=(region.pk, base, shared, lock, seed, errors, moves))
        for seed in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert tree_errors(region.pk) == []
    inserted = len(shared) - len(base)
    assert Unit.objects.filter(region=region).count() == initial + inserted
    assert inserted + len(moves) > 0
    for unit_id, target_id in moves.items():
        assert Unit.objects.get(pk=unit_id).parent_id == target_id


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_service_holds_the_regions_advisory_lock_while_it_writes():
    """A second connection cannot take the region's lock while a tree write is under way."""
    region = RegionFactory(
        code="13.12", name="Pasaman Barat", kind="kabupaten", head_title="Bupati"
    )
    other = RegionFactory(code="17.71", name="Bengkulu")
    seen: dict[str, bool] = {}

    def probe(region_id: int, label: str) -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_lock(%s::int, %s::int)", [REGION_TREE_LOCK, region_id]
            )
            seen[label] = cursor.fetchone()[0]
            if seen[label]:
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s::int, %s::int)", [REGION_TREE_LOCK, region_id]
                )
        connections.close_all()

    with services.tree_write(region):
        for region_id, label in ((region.pk, "same"), (other.pk, "other")):
            thread = threading.Thread(target=probe, args=(region_id, label))
            thread.start()
            thread.join()
    assert seen == {"same": False, "other": True}
    assert connection.vendor == "postgresql"
