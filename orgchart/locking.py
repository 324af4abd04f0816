"""The per-region lock that serialises writes to a region's unit tree.

Nested-set columns (lft, rght) of one tree shift on every insert and move, so two writers in
the same region must never interleave. PostgreSQL: a transaction-scoped advisory lock keyed
by the region. SQLite: every transaction begins IMMEDIATE (settings.DATABASES), which takes
the database's single write lock at BEGIN, so holding a transaction is holding the lock.

Creating a root allocates a new mptt ``tree_id`` (max + 1), which is global across regions,
so root creation also takes a global lock.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

# Arbitrary but fixed namespaces for pg_advisory_xact_lock(int4, int4).
REGION_TREE_LOCK = 0x4F52  # "OR": org tree of one region
TREE_ID_LOCK = 0x4F54  # allocation of mptt tree ids, across regions

_held: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "orgchart_tree_locks", default=frozenset()
)


class TreeWriteOutsideService(RuntimeError):
    """A unit tree was written without orgchart.services holding the region's lock."""


def holds_region_lock(region_id: int) -> bool:
    return region_id in _held.get()


def _advisory_lock(namespace: int, key: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s::int, %s::int)", [namespace, key])
    elif connection.vendor == "sqlite":
        mode = connection.settings_dict.get("OPTIONS", {}).get("transaction_mode")
        if mode != "IMMEDIATE":
            raise ImproperlyConfigured(
                "SQLite needs OPTIONS transaction_mode=IMMEDIATE for safe tree writes."
            )
    else:
        raise ImproperlyConfigured(f"No tree lock for database vendor {connection.vendor!r}.")


@contextlib.contextmanager
def region_tree_lock(region_id: int, *, new_tree: bool = False) -> Iterator[None]:
    """Hold the write lock on ``region_id``'s tree until the surrounding transaction ends."""
    with transaction.atomic():
        _advisory_lock(REGION_TREE_LOCK, region_id)
        if new_tree:
            _advisory_lock(TREE_ID_LOCK, 0)
        token = _held.set(_held.get() | {region_id})
        try:
            yield
        finally:
            _held.reset(token)
