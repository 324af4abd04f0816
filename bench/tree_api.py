"""Benchmark of ``GET /api/v1/regions/{code}/tree/`` on synthetic regions of 1,000 and 10,000
units (or the sizes given as arguments). Run by hand, never in CI:

    .venv/bin/python bench/tree_api.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://... .venv/bin/python bench/tree_api.py

Every request goes through Django's whole stack (middleware, URL resolution) with the test
client, with the garbage collector on, as in production. Measured at each size:

- the endpoint: median time, and its query count (goal: at most 4);
- the bare view: the same DRF base class as the endpoint (``orgchart.api.PublicAPI``: no
  authentication, AllowAny, the ORJSON renderer) returning the flat ``.values()`` rows of the
  same units as a ``Response``; so the ratio of the two (goal: at most 1.25) is the cost of
  building the nested tree (plus the endpoint's ETag and ``?as_of=`` parsing). The two are
  requested in pairs, in alternating order (endpoint first on even pairs, bare first on odd
  ones), and the ratio is the median of the per-pair ratios;
- a nested ModelSerializer (one query per node) behind the same base class (goal: the
  endpoint at least 20 times faster);
- a revalidation with the ETag, which must answer 304.

The last line printed is the verdict against the goals; the script exits 1 if any is missed.
Results go into docs/benchmarks.md by hand.
"""

from __future__ import annotations

import os
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-tree-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SSL_REDIRECT", "0")  # the test client speaks plain HTTP
os.environ.setdefault("PORTAL_API_ANON_RATE", "1000000/min")  # measure, never throttle
os.environ.setdefault("PORTAL_API_USER_RATE", "1000000/min")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(64))  # DEBUG off refuses weak keys

import django

django.setup()

import datetime  # noqa: E402
import gc  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from rest_framework import serializers  # noqa: E402
from rest_framework.response import Response  # noqa: E402

from orgchart import services  # noqa: E402
from orgchart.api import PublicAPI  # noqa: E402
from orgchart.models import Unit  # noqa: E402
from regulations.models import Region, Regulation  # noqa: E402

DAY = datetime.date(2024, 6, 3)
SIZES = tuple(int(size) for size in sys.argv[1:]) or (1_000, 10_000)
PAIRS = 60  # even: as many pairs with the endpoint first as with the bare view first
MAX_QUERIES = 4
MAX_RATIO = 1.25
MIN_SPEEDUP = 20


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


class BareView(PublicAPI):
    """The floor: the endpoint's base class and renderer, the same rows, flat."""

    def retrieve(self, request, code=None):
        region = Region.objects.get(code=code)
        rows = list(
            Unit.objects.filter(region=region)
            .as_of(DAY)
            .order_by("lft")
            .values("id", "parent_id", "key", "name", "kind", "line", "category")
        )
        return Response(rows)


class SerializerView(PublicAPI):
    def retrieve(self, request, code=None):
        root = Unit.objects.get(region__code=code, parent__isnull=True)
        return Response(NestedUnitSerializer(root).data)


urlpatterns = [
    path("bench/bare/<str:code>/", BareView.as_view({"get": "retrieve"})),
    path("bench/serializer/<str:code>/", SerializerView.as_view({"get": "retrieve"})),
    path("", include("config.urls")),
]


@dataclass
class Result:
    size: int
    endpoint: float = 0.0  # seconds, median
    queries: int = 0  # the most over the counted requests
    bare: float = 0.0
    bare_queries: int = 0
    ratio: float = 0.0  # median of the per-pair ratios endpoint / bare
    serializer: float = 0.0
    revalidate: float = 0.0
    revalidate_queries: int = 0

    @property
    def speedup(self) -> float:
        return self.serializer / self.endpoint


def get(client: Client, url: str, expected: int, **headers):
    response = client.get(url, **headers)
    if response.status_code != expected:
        raise RuntimeError(f"GET {url} answered {response.status_code}, not {expected}")
    return response


def elapsed(client: Client, url: str, expected: int = 200, **headers) -> float:
    start = time.perf_counter()
    get(client, url, expected, **headers)
    return time.perf_counter() - start


def timed(client: Client, url: str, repeat: int, expected: int = 200, **headers) -> float:
    """Median seconds of ``repeat`` requests."""
    return statistics.median(elapsed(client, url, expected, **headers) for _ in range(repeat))


def queries(client: Client, url: str, expected: int = 200, **headers) -> int:
    """The most queries any of three requests made (counted apart from the timed ones: the
    counting turns on Django's debug cursor)."""
    counts = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            get(client, url, expected, **headers)
        counts.append(len(captured))
    return max(counts)


def paired(client: Client, url: str, bare_url: str) -> tuple[float, float, float]:
    """Median seconds of the endpoint and of the bare view, and the median of the per-pair
    ratios, so that drift in machine load hits both alike. The order within a pair alternates
    (endpoint first on even pairs, bare first on odd ones), so neither always runs second."""
    ours, bare = [], []
    for pair in range(PAIRS):
        if pair % 2 == 0:
            ours.append(elapsed(client, url))
            bare.append(elapsed(client, bare_url))
        else:
            bare.append(elapsed(client, bare_url))
            ours.append(elapsed(client, url))
    ratios = [mine / theirs for mine, theirs in zip(ours, bare, strict=True)]
    return statistics.median(ours), statistics.median(bare), statistics.median(ratios)


def measure(client: Client, code: str, size: int) -> Result:
    url = f"/api/v1/regions/{code}/tree/?as_of={DAY}"
    bare_url = f"/bench/bare/{code}/"
    result = Result(size)
    get(client, url, 200)  # warm caches
    result.queries = queries(client, url)
    result.bare_queries = queries(client, bare_url)
    result.endpoint, result.bare, result.ratio = paired(client, url, bare_url)
    result.serializer = timed(client, f"/bench/serializer/{code}/", 3)
    etag = get(client, url, 200).headers["ETag"]
    revalidation = {"expected": 304, "HTTP_IF_NONE_MATCH": etag}
    result.revalidate_queries = queries(client, url, **revalidation)
    result.revalidate = timed(client, url, 25, **revalidation)
    return result


def problems(result: Result) -> list[str]:
    """The goals this size misses, each said in words."""
    at = f"at {result.size:,} units"
    missed = []
    if result.queries > MAX_QUERIES:
        missed.append(f"{result.queries} queries {at} (> {MAX_QUERIES})")
    if result.ratio > MAX_RATIO:
        missed.append(f"ratio to bare {result.ratio:.2f} {at} (> {MAX_RATIO})")
    if result.speedup < MIN_SPEEDUP:
        missed.append(f"only {result.speedup:.0f}× faster than the serializer {at}")
    return missed


def row(result: Result) -> str:
    return (
        f"| {result.size:,} | {result.endpoint * 1000:.1f} | {result.queries} | "
        f"{result.bare * 1000:.1f} | {result.bare_queries} | {result.ratio:.2f} | "
        f"{result.serializer * 1000:.0f} | {result.speedup:.0f}× | "
        f"{result.revalidate * 1000:.2f} | {result.revalidate_queries} |"
    )


def verdict(results: list[Result], missed: list[str]) -> str:
    def each(values) -> str:
        return "/".join(values) or "none"

    summary = (
        f"queries {each(str(r.queries) for r in results)} (≤ {MAX_QUERIES}), "
        f"ratio to bare {each(f'{r.ratio:.2f}' for r in results)} (≤ {MAX_RATIO}), "
        f"{each(f'{r.speedup:.0f}×' for r in results)} faster than the nested serializer "
        f"(≥ {MIN_SPEEDUP}×)"
    )
    if missed:
        return f"verdict: FAIL — missed: {'; '.join(missed)}. Measured: {summary}"
    return f"verdict: PASS — {summary}"


HEADER = (
    "| units | endpoint ms | queries | bare ms | bare queries | ratio to bare (median of pairs)"
    " | serializer ms | endpoint faster than serializer | 304 ms | 304 queries |\n"
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def run(client: Client) -> tuple[list[Result], list[str]]:
    """Build and measure each size, printing its row; the results and the goals missed."""
    results, missed = [], []
    for index, size in enumerate(SIZES):
        start = time.perf_counter()
        build_region(code := f"99.{index + 10}", size)
        build = time.perf_counter() - start
        print(f"  (built {size:,} units through the service in {build:.0f} s)", file=sys.stderr)
        try:
            result = measure(client, code, size)
        except RuntimeError as error:  # a wrong status: the timings would mean nothing
            missed.append(f"{error} ({size:,} units)")
            continue
        results.append(result)
        missed.extend(problems(result))
        print(row(result), flush=True)
    return results, missed


def main() -> int:
    gc.enable()  # as in production; nothing here turns it off (timeit would)
    call_command("migrate", verbosity=0)
    print(
        f"database: {connection.vendor}; times with the garbage collector on, as in production"
        f" (gc.isenabled() = {gc.isenabled()})"
    )
    print(HEADER)
    with override_settings(ROOT_URLCONF=__name__):
        results, missed = run(Client())
    if not gc.isenabled():
        missed.append("the garbage collector was off")
    print(verdict(results, missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
