"""The database half of a backup, portable between SQLite and PostgreSQL: every row as Django's
JSON lines, and those rows loaded back in one transaction, checked before it commits.

Content types and permissions are left out: ``migrate`` creates them in every installation,
under ids of its own, so rows that point at them are written with natural keys
(``--natural-foreign``: app label and model, codename). Every other row keeps its primary key
(no ``--natural-primary``): ids appear in URLs, the API, letter numbers and the history
tables, and must come back the same. Sessions are left out too: after a restore everyone
logs in again."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

from orgchart.integrity import tree_errors
from regulations.models import Region

EXCLUDED_APPS = frozenset({"contenttypes", "sessions"})
EXCLUDED_MODELS = frozenset({"auth.Permission"})


def backed_up_models() -> list[type[Model]]:
    """The models whose rows the archive holds, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in EXCLUDED_APPS
        and model._meta.label not in EXCLUDED_MODELS
    ]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in backed_up_models()}


def applied_migrations() -> list[str]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def dump(target: Path) -> dict:
    """Write every row to ``target`` (JSON lines) from one consistent view of the database;
    what the manifest says about them: the vendor, the migrations, the counts per model."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:  # one snapshot for every table's read
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        facts = {
            "database_vendor": connection.vendor,
            "migrations": applied_migrations(),
            "counts": row_counts(),
        }
        _write_rows(target)
    return facts


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a restore brings them back whole."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _write_rows(target: Path) -> None:
    """What ``dumpdata --natural-foreign --all`` writes, in dependency order, but with exact
    times: every model's rows through its base manager (rows a default manager hides are
    rows all the same), many-to-many links inside their owners."""
    by_app: dict = {}
    for model in backed_up_models():
        if not model._meta.auto_created:
            by_app.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    ordered = serializers.sort_dependencies(by_app.items(), allow_cycles=True)
    with target.open("w", encoding="utf-8") as stream:
        for model in ordered:
            rows = model._base_manager.order_by(model._meta.pk.name).iterator(chunk_size=2000)
            serializers.serialize(
                "jsonl", rows, stream=stream, use_natural_foreign_keys=True, cls=_ExactEncoder
            )


def check_migrations(manifest: dict) -> None:
    """Refuse an archive made at another migration state: its rows fit that schema only."""
    here, there = set(applied_migrations()), set(manifest["migrations"])
    if here != there:
        missing, extra = sorted(there - here)[:5], sorted(here - there)[:5]
        raise CommandError(
            "The database's migrations differ from the backup's: install the release the "
            f"backup was made with (portal {manifest.get('portal_version')}), run migrate, "
            f"restore, then upgrade. Not applied here: {missing}; applied only here: {extra}."
        )


def is_empty() -> bool:
    return not any(model._base_manager.exists() for model in backed_up_models())


def clear() -> None:
    """Delete every backed-up row and every session (inside the caller's transaction): a
    session left over would log its holder in as whoever has that user id in the backup."""
    tables = [model._meta.db_table for model in backed_up_models()] + [Session._meta.db_table]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses to run while deferred foreign-key checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # loading meets forward references


def load(data: Path, manifest: dict) -> None:
    """Load ``data`` into the (empty) database inside the caller's transaction, then prove it:
    the counts per model are the manifest's and every region's unit tree is sound."""
    call_command("loaddata", str(data), verbosity=0)
    counts = row_counts()
    wrong = {
        label: (expected, counts.get(label))
        for label, expected in manifest["counts"].items()
        if counts.get(label) != expected
    }
    if wrong:
        raise CommandError(
            f"Rows after loading differ from the backup's (expected, found): {wrong}"
        )
    broken = {region.code: tree_errors(region.pk) for region in Region.objects.all()}
    broken = {code: errors for code, errors in broken.items() if errors}
    if broken:
        raise CommandError(f"The restored unit trees are not sound: {broken}")
