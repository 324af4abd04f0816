"""The rows that loading the five region packs adds, kept per test worker and replayed.

Loading the packs through ``orgchart.packs.loader`` takes about 6 s, and some 45 test modules
need them (``five_regions``, rolled back after each module). The first load in a worker
records every row it added; the next modules insert those same rows again in one statement per
table (``COPY`` on PostgreSQL), which takes a fraction of a second. The replay happens only
while the database is in the very state the recording started from (same row count and primary
keys in every table); otherwise the packs are loaded for real and recorded again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connection


@dataclass(frozen=True)
class Table:
    name: str
    pk: str
    columns: tuple[str, ...]


@dataclass
class Recording:
    base: dict[str, tuple[int, int]]  # table -> (rows, checksum of primary keys)
    added: dict[str, object]  # table -> COPY data (PostgreSQL) or a list of row tuples
    result: object


_recording: Recording | None = None
_tables: list[Table] | None = None


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _all_tables(cursor) -> list[Table]:
    global _tables
    if _tables is None:
        tables = []
        for info in connection.introspection.get_table_list(cursor):
            if info.type != "t":
                continue
            pk = connection.introspection.get_primary_key_column(cursor, info.name)
            if pk is None:
                continue
            columns = tuple(
                column.name
                for column in connection.introspection.get_table_description(cursor, info.name)
            )
            tables.append(Table(info.name, pk, columns))
        _tables = tables
    return _tables


def _state(cursor, tables: list[Table]) -> dict[str, tuple[int, int]]:
    """Per table, its row count and a checksum of its primary keys, in one query."""
    parts = []
    for table in tables:
        pk = _quote(table.pk)
        checksum = pk if table.pk == "id" else f"LENGTH(CAST({pk} AS TEXT))"
        parts.append(
            f"SELECT '{table.name}', COUNT(*), COALESCE(SUM({checksum}), 0) "
            f"FROM {_quote(table.name)}"
        )
    cursor.execute(" UNION ALL ".join(parts))
    return {name: (count, int(total)) for name, count, total in cursor.fetchall()}


def _pks(cursor, table: Table) -> list:
    cursor.execute(f"SELECT {_quote(table.pk)} FROM {_quote(table.name)}")
    return [row[0] for row in cursor.fetchall()]


def _record_added(cursor, table: Table, before: list) -> object:
    columns = ", ".join(_quote(column) for column in table.columns)
    where = f"WHERE NOT ({_quote(table.pk)} = ANY(%s))" if before else ""
    select = f"SELECT {columns} FROM {_quote(table.name)} {where}"
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY ({select}) TO STDOUT", [before] if before else None) as copy:
            return b"".join(bytes(block) for block in copy)
    kept = set(before)
    cursor.execute(f"SELECT {_quote(table.pk)}, {columns} FROM {_quote(table.name)}")
    return [row[1:] for row in cursor.fetchall() if row[0] not in kept]


def _replay(cursor, table: Table, added: object) -> None:
    columns = ", ".join(_quote(column) for column in table.columns)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {_quote(table.name)} ({columns}) FROM STDIN") as copy:
            copy.write(added)
        return
    marks = ", ".join("%s" for _ in table.columns)
    cursor.executemany(f"INSERT INTO {_quote(table.name)} ({columns}) VALUES ({marks})", added)


def _reset_sequences() -> None:
    """PostgreSQL: rows inserted with their ids leave the sequences behind; move them on."""
    from django.apps import apps

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def load_or_replay(load: Callable[[], object], rebuild: Callable[[object], object]) -> object:
    """Run ``load()`` and record what it added, or replay the recording; returns ``load()``'s
    result, or ``rebuild(result)`` after a replay (fresh model instances of the same rows)."""
    global _recording
    with connection.cursor() as cursor:
        tables = _all_tables(cursor)
        state = _state(cursor, tables)
        if _recording is not None and _recording.base == state:
            for table in tables:
                if table.name in _recording.added:
                    _replay(cursor, table, _recording.added[table.name])
            if connection.vendor == "postgresql":
                _reset_sequences()
            return rebuild(_recording.result)
        before = {table.name: _pks(cursor, table) for table in tables}
    result = load()
    with connection.cursor() as cursor:
        after = _state(cursor, tables)
        added = {
            table.name: _record_added(cursor, table, before[table.name])
            for table in tables
            if after[table.name] != state[table.name]
        }
    _recording = Recording(base=state, added=added, result=result)
    return result
