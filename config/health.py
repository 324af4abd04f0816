"""The probes: ``/healthz`` (every dependency, per check) and ``/readyz`` (cheap, for balancers)."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from health_check.checks import Cache, Database, Storage
from health_check.views import HealthCheckView

from config.celery import Broker

# Once every migration is seen applied, later probes only ask the database to answer.
_migrated = False


class Healthz(HealthCheckView):
    """The database, the cache, the broker and the storage (``MEDIA_ROOT`` writable), each with
    its own status; 200 when all are ok, 503 otherwise. JSON unless ``?format=`` asks for
    ``text`` or ``openmetrics``."""

    checks = (Database, Cache, Broker, Storage)

    def render_to_response(self, context: dict, **kwargs) -> JsonResponse:
        # Where health_check would render its HTML page (no Accept header, as docker-compose's
        # probe sends, or a browser's), answer JSON as well.
        return self.render_to_response_json(kwargs.get("status", 200))

    def render_to_response_json(self, status: int) -> JsonResponse:
        checks = {
            type(result.check).__name__.lower(): {
                "status": "error" if result.error else "ok",
                **({"error": str(result.error)} if result.error else {}),
                "took_ms": round(result.time_taken * 1000, 1),
            }
            for result in self.results
        }
        failed = any(result.error for result in self.results)
        # 503, not health_check's 500: a dependency is down, the portal itself did not fail.
        return JsonResponse(
            {"status": "error" if failed else "ok", "checks": checks},
            status=503 if failed else status,
        )


def pending_migrations() -> int:
    """How many migrations the database still lacks (0 once the schema is current)."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve: the database answers and every migration is applied; else 503."""
    global _migrated
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if not _migrated:
            pending = pending_migrations()
            if pending:
                return JsonResponse(
                    {"status": "migrating", "pending_migrations": pending}, status=503
                )
            _migrated = True
    except DatabaseError as error:
        return JsonResponse({"status": "unavailable", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok"})
