"""Benchmark: the tree endpoint against a bare ``.values()`` + orjson view and against a nested
ModelSerializer, on synthetic regions of 1,000 and 10,000 units. Run by hand, never in CI:

    .venv/bin/python bench/tree_api.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://... .venv/bin/python bench/tree_api.py

Every request goes through Django's whole stack (middleware, URL resolution) with the test
client. Results go into docs/benchmarks.md by hand.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-tree-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench")

import django

django.setup()

import datetime  # noqa: E402

import orjson  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from rest_framework import serializers  # noqa: E402

from orgchart import services  # noqa: E402
from orgchart.models import Unit  # noqa: E402
from regulations.models import Region, Regulation  # noqa: E402

DAY = datetime.date(2024, 6, 3)
SIZES = tuple(int(size) for size in sys.argv[1:]) or (1_000, 10_000)


def build_region(code: str, size: int) -> Region:
    """A root, a Sekda, 3 Asisten, agencies under them and UPT under the agencies."""
    region = Region.objects.create(
        code=code,
        name=f"Sintetis {size}",
        kind="kota",
        province="Bench",
        head_title="Walikota",
        seat="Bench",
    )
    Regulation.objects.create(
        region=region,
        kind="peraturan_kepala_daerah",
        number="1",
        year=2020,
        title="BENCH",
        valid_from=datetime.date(2020, 1, 1),
    )
    # One transaction per unit, as in production: a single transaction updating the root's
    # rght ten thousand times builds long row-version chains in PostgreSQL.
    root = services.create_unit(region=region, name="Walikota", kind="kepala_daerah")
    setda = services.create_unit(
        region=region, target=root, name="Sekda", kind="setda", line="komando"
    )
    # Built in document order (each Asisten's agencies and their UPT in turn): a nested-set
    # insert shifts every node to its right, so inserting round-robin into the middle of the
    # tree would make the build quadratic (see docs/benchmarks.md).
    asisten = [
        services.create_unit(
            region=region, target=setda, name=f"Asisten {n}", kind="asisten", line="komando"
        )
        for n in range(3)
    ]
    count, per_asisten = 5, (size - 5) // 3 + 1
    for n, head in enumerate(asisten):
        agency = None
        while count < min(size, 5 + per_asisten * (n + 1)):
            if agency is None or count % 10 == 0:
                agency = services.create_unit(
                    region=region,
                    target=head,
                    name=f"Dinas {count}",
                    kind="dinas",
                    line="koordinasi",
                )
            else:
                services.create_unit(
                    region=region, target=agency, name=f"UPT {count}", kind="upt", line="komando"
                )
            count += 1
    return region


class NestedUnitSerializer(serializers.ModelSerializer):
    """The textbook alternative: a recursive serializer, one query per node."""

    children = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = ("id", "key", "name", "kind", "line", "category", "children")

    def get_children(self, obj):
        return NestedUnitSerializer(obj.get_children(), many=True).data


def bare_view(request, code):
    region = Region.objects.get(code=code)
    rows = list(
        Unit.objects.filter(region=region)
        .as_of(DAY)
        .order_by("lft")
        .values("id", "parent_id", "key", "name", "kind", "line", "category")
    )
    return HttpResponse(orjson.dumps(rows), content_type="application/json")


def serializer_view(request, code):
    root = Unit.objects.get(region__code=code, parent__isnull=True)
    return HttpResponse(
        orjson.dumps(dict(NestedUnitSerializer(root).data)), content_type="application/json"
    )


urlpatterns = [
    path("bench/bare/<str:code>/", bare_view),
    path("bench/serializer/<str:code>/", serializer_view),
    path("", include("config.urls")),
]


def paired(client: Client, url: str, bare_url: str, repeat: int) -> tuple[float, float, float]:
    """Median ms of the endpoint and of the bare view, requested alternately so that drift in
    machine load hits both alike, and the median of the per-pair ratios."""
    ours, bare, ratios = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        middle = time.perf_counter()
        client.get(bare_url)
        end = time.perf_counter()
        ours.append(middle - start)
        bare.append(end - middle)
        ratios.append((middle - start) / (end - middle))
    return statistics.median(ours), statistics.median(bare), statistics.median(ratios)


def timed(client: Client, url: str, repeat: int, **headers) -> tuple[float, int, int]:
    """Median seconds, query count and status of ``repeat`` requests."""
    samples = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, **headers)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples), len(queries), response.status_code


def main() -> None:
    call_command("migrate", verbosity=0)
    client = Client()
    print(f"database: {connection.vendor}")
    print(
        "| units | endpoint ms | queries | bare ms | bare queries | ratio to bare (median of pairs)"
        " | serializer ms | endpoint faster than serializer | 304 ms | 304 queries |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with override_settings(ROOT_URLCONF=__name__):
        for index, size in enumerate(SIZES):
            code = f"99.{index + 10}"
            start = time.perf_counter()
            build_region(code, size)
            build = time.perf_counter() - start
            url = f"/api/v1/regions/{code}/tree/?as_of={DAY}"
            client.get(url)  # warm caches
            _t, queries, status = timed(client, url, 3)
            assert status == 200, status
            _t, bare_queries, _s = timed(client, f"/bench/bare/{code}/", 3)
            endpoint, bare, ratio = paired(client, url, f"/bench/bare/{code}/", 61)
            serializer, _q, _s = timed(client, f"/bench/serializer/{code}/", 3)
            etag = client.get(url).headers["ETag"]
            revalidate, q304, status = timed(client, url, 25, HTTP_IF_NONE_MATCH=etag)
            assert status == 304, status
            print(
                f"| {size:,} | {endpoint * 1000:.1f} | {queries} | {bare * 1000:.1f} | "
                f"{bare_queries} | {ratio:.2f} | {serializer * 1000:.0f} | "
                f"{serializer / endpoint:.0f}× | "
                f"{revalidate * 1000:.2f} | {q304} |"
            )
            print(f"  (built {size:,} units through the service in {build:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
