"""Benchmark: the Sekda's compliance dashboard (``compliance()`` + ``current_quarter_gaps()``,
and the whole page ``/koordinasi/kepatuhan/`` through Django's stack) for one region while the
database holds more and more other regions: 60 reporting units per region, 5 years of
quarterly reports, at 10, 100 and 550 regions. Run by hand, never in CI, always on a scratch
database:

    .venv/bin/python bench/compliance.py                  # SQLite in a temporary PORTAL_VAR_DIR
    .venv/bin/python bench/compliance.py --pg             # PostgreSQL: bench_compliance_<pid>
    .venv/bin/python bench/compliance.py --quick [--pg]   # smoke run: 2 and 5 small regions
    .venv/bin/python bench/compliance.py --regions 10,100,550 --units 60 --years 5

``--pg`` creates the database ``bench_compliance_<pid>`` on ``--pg-server`` (default
127.0.0.1:5432, user postgres, trust auth), points Django at it before ``django.setup()`` and
drops it at the end, whatever happens. Without ``--pg`` a ``DATABASE_URL`` is used only if its
database is named ``bench_*`` (the run writes 660,000 reports into it); a given
``PORTAL_VAR_DIR`` must not hold a ``portal.sqlite3`` yet.

Units go through ``orgchart.services.create_unit`` (the region lock, validation, history),
as in production, and their build time is reported apart; regions, rules, obligations,
periods, users and reports are bulk-created (none of them is a tree model).

Checks, against issue 6 ("the goal is a constant query count") and docs/benchmarks.md ("the
time does not grow from 10 to 550 regions"): the query counts (Sekda, Asisten, page) are the
same at every size and in every run, and equal to ``EXPECTED`` for the database; the Sekda's
median time at the largest size is at most ``TIME_GOAL`` times the smallest size's. On
PostgreSQL the tables are ANALYZEd after each build, before measuring. At the largest size
each query of the Sekda's dashboard is explained (``EXPLAIN (ANALYZE, BUFFERS)`` on
PostgreSQL, ``EXPLAIN QUERY PLAN`` and one timed re-execution on SQLite) into
``--explain-out`` (default /tmp/compliance-explain-<vendor>.md). The last line on stdout is
the verdict; the exit status is 0 for PASS, 1 for FAIL, 2 when the script refuses to run.
Results go into docs/benchmarks.md by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Queries per dashboard (after the user's own row) and per page, for each database vendor,
# verified with --quick on both. The Sekda's 17: the role, then for each of compliance() and
# current_quarter_gaps() the obligations, the periods, the units, coordination links and
# take-overs (the routes), the obliged units, the GROUP BY of first submissions, and the
# region's days off (since 69683be, working days late per cell; docs/benchmarks.md's 15/23/18
# predate it). The Asisten adds the queries scoping reports to the portfolio; the page adds
# the session, the user and the region. PostgreSQL issues the same (no savepoints or session
# set-up inside the measured calls).
EXPECTED = {
    "sqlite": {"sekda": 17, "asisten": 25, "page": 20},
    "postgresql": {"sekda": 17, "asisten": 25, "page": 20},
}
TIME_GOAL = 1.5  # largest-size ms ÷ smallest-size ms, Sekda's dashboard
SCRATCH_PREFIX = "bench_"


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", default="10,100,550", help="sizes, e.g. 10,100,550")
    parser.add_argument("--units", type=int, default=60, help="reporting units per region")
    parser.add_argument("--years", type=int, default=5, help="years of quarterly reports")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per size")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2,5 regions, 12 units")
    parser.add_argument("--pg", action="store_true", help="scratch PostgreSQL database")
    parser.add_argument(
        "--pg-server",
        default="postgresql://postgres@127.0.0.1:5432",
        help="server for --pg, without a database name",
    )
    parser.add_argument("--explain-out", help="markdown file for the query plans")
    args = parser.parse_args()
    if args.quick:
        args.regions, args.units, args.years, args.repeat = "2,5", 12, 2, 3
    args.sizes = sorted(int(size) for size in args.regions.split(","))
    args.scratch = f"bench_compliance_{os.getpid()}" if args.pg else None
    return args


def refuse(message: str) -> NoReturn:
    print(f"bench/compliance.py: refusing to run: {message}", file=sys.stderr)
    raise SystemExit(2)


def choose_database(args: argparse.Namespace) -> Path | None:
    """Point the settings at the run's database before ``django.setup()``: the --pg scratch
    database (created later, in ``run_database``), a ``DATABASE_URL`` naming a ``bench_*``
    database, or SQLite in a fresh PORTAL_VAR_DIR. Returns the temporary PORTAL_VAR_DIR made
    here (removed at the end), if any."""
    given = os.environ.get("PORTAL_VAR_DIR")
    if args.pg:
        os.environ["DATABASE_URL"] = f"{args.pg_server.rstrip('/')}/{args.scratch}"
    elif os.environ.get("DATABASE_URL"):
        name = Path(urlsplit(os.environ["DATABASE_URL"]).path).name
        if not name.startswith(SCRATCH_PREFIX):
            refuse(f"DATABASE_URL names database {name!r}; use --pg, or a {SCRATCH_PREFIX}* one")
    elif given and (Path(given) / "portal.sqlite3").exists():
        refuse(f"{given}/portal.sqlite3 exists; remove it or choose another PORTAL_VAR_DIR")
    if given:
        return None
    made = Path(tempfile.mkdtemp(prefix="bench-compliance-"))
    os.environ["PORTAL_VAR_DIR"] = str(made)
    return made


ARGS = parse()
MADE_VAR_DIR = choose_database(ARGS)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SSL_REDIRECT", "0")  # the test client speaks plain HTTP
os.environ.setdefault("PORTAL_API_ANON_RATE", "1000000/min")  # measure, never throttle
os.environ.setdefault("PORTAL_API_USER_RATE", "1000000/min")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(64))  # DEBUG off refuses weak keys

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from coordination.compliance.engine import compliance, current_quarter_gaps  # noqa: E402
from coordination.core.workdays import Calendar  # noqa: E402
from coordination.reports.models import (  # noqa: E402
    Report,
    ReportingObligation,
    ReportingPeriod,
    period_label,
)
from coordination.reports.obligations import periods_between  # noqa: E402
from orgchart import services  # noqa: E402
from orgchart.models import RoleAssignment, Unit  # noqa: E402
from regulations.models import Region, Regulation, Rule  # noqa: E402

ZONE = zoneinfo.ZoneInfo("Asia/Jakarta")
TODAY = timezone.localtime(timezone=ZONE).date()  # the page asks the region's own today
AGENCY_KINDS = ("dinas", "dinas", "badan", "kecamatan", "kantor")
User = get_user_model()


# --- Building -----------------------------------------------------------------------------


class Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, what: str, since: float) -> None:
        self.seconds[what] = self.seconds.get(what, 0.0) + time.perf_counter() - since


def region_code(index: int) -> str:
    return f"{10 + index // 100:02d}.{index % 100:02d}"


def build_region(index: int, units: int) -> tuple[Region, Rule, list[Unit], Unit, Unit]:
    """The region, its rule, and its tree through the service: Walikota, Wakil, Sekda, three
    Asisten, and ``units`` agencies under the Asisten, built in document order."""
    region = Region.objects.create(
        code=region_code(index),
        name=f"Sintetis {index}",
        kind="kota",
        province="Bench",
        head_title="Walikota",
        seat="Bench",
    )
    rule = reporting_rule(region, index)
    root = services.create_unit(region=region, name="Walikota", kind="kepala_daerah")
    services.create_unit(region=region, target=root, name="Wakil", kind="wakil", line="komando")
    setda = services.create_unit(
        region=region, target=root, name="Sekretariat Daerah", kind="setda", line="komando"
    )
    agencies, asisten = [], []
    for n in range(3):
        asisten.append(
            services.create_unit(
                region=region, target=setda, name=f"Asisten {n + 1}", kind="asisten", line="komando"
            )
        )
        numbers = range(n * units // 3, (n + 1) * units // 3)
        agencies.extend(agencies_under(region, asisten[-1], numbers))
    return region, rule, agencies, setda, asisten[0]


def agencies_under(region: Region, asisten: Unit, numbers: range) -> list[Unit]:
    """Agencies coordinated by ``asisten``, appended as its last children one by one."""
    found = []
    for number in numbers:
        kind = AGENCY_KINDS[number % len(AGENCY_KINDS)]
        found.append(
            services.create_unit(
                region=region,
                target=asisten,
                name=f"{kind.title()} {number + 1}",
                kind=kind,
                line="koordinasi",
            )
        )
    return found


def reporting_rule(region: Region, index: int) -> Rule:
    """The region's regulation and its reporting rule, worded as Bukittinggi's Pasal 16 ayat
    (2): Perangkat Daerah report to the Walikota through the Sekda, periodically."""
    regulation = Regulation.objects.create(
        region=region,
        kind="peraturan_kepala_daerah",
        number=str(index + 1),
        year=2020,
        title="POLA KOORDINASI SINTETIS",
        valid_from=datetime.date(2020, 1, 1),
    )
    return Rule.objects.create(
        regulation=regulation,
        kind="reporting_cadence",
        citation="Pasal 16 ayat (2)",
        value={
            "reporters": ["perangkat_daerah"],
            "to": "kepala_daerah",
            "through": ["sekda"],
            "cadence": "periodic",
            "incidental": True,
        },
    )


def build_periods(obligation: ReportingObligation, quarters: list, dues: list) -> list:
    return ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            obligation=obligation,
            start=start,
            end=end,
            due_date=due,
            label=period_label("quarterly", start),
        )
        for (start, end), due in zip(quarters, dues, strict=True)
    )


def local(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), ZONE)


def report_rows(region, obligation, periods, agencies, filer, rng) -> list[Report]:
    """One report per unit and ended period: 8% left as drafts (missing), 20% of the rest
    first submitted after the due date (late), the others on time; the running period has
    none yet."""
    rows = []
    for period in periods:
        if period.end >= TODAY:
            continue
        for unit in agencies:
            roll = rng.random()
            draft = roll < 0.08
            shift = rng.randint(1, 20) if roll > 0.74 else -rng.randint(0, 9)
            when = None if draft else local(period.due_date + datetime.timedelta(days=shift), 10)
            rows.append(
                Report(
                    region=region,
                    obligation=obligation,
                    period=period,
                    unit=unit,
                    status="draft" if draft else "accepted",
                    summary="Ringkasan",
                    created_by=filer,
                    submitted_at=when,
                    first_submitted_at=when,
                )
            )
    return rows


def users_for(region: Region, setda_asisten: tuple[Unit, Unit]) -> tuple:
    """The region's Sekda and first Asisten as users (bulk-created, no password)."""
    code = region.code.replace(".", "")
    sekda, asisten = User.objects.bulk_create(
        [User(username=f"sekda{code}"), User(username=f"asisten{code}")]
    )
    setda, first_asisten = setda_asisten
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=sekda, role="sekda", region=region, unit=setda),
            RoleAssignment(user=asisten, role="asisten", region=region, unit=first_asisten),
        ]
    )
    return sekda, asisten


def build_many(start: int, stop: int, args, timer: Timer, filer) -> None:
    quarters = periods_between("quarterly", quarter_start(args.years), TODAY)
    calendar = Calendar.for_region(None)
    dues = [calendar.add_working_days(end, 10) for _start, end in quarters]
    for index in range(start, stop):
        since = time.perf_counter()
        region, rule, agencies, setda, first_asisten = build_region(index, args.units)
        timer.add("units", since)
        since = time.perf_counter()
        with transaction.atomic():
            (obligation,) = ReportingObligation.objects.bulk_create([obligation_for(region, rule)])
            periods = build_periods(obligation, quarters, dues)
            users_for(region, (setda, first_asisten))
            rng = random.Random(index)
            rows = report_rows(region, obligation, periods, agencies, filer, rng)
            Report.objects.bulk_create(rows, batch_size=2000)
        timer.add("bulk", since)
        if (index + 1) % 50 == 0:
            print(f"  built {index + 1} regions", file=sys.stderr, flush=True)


def quarter_start(years: int) -> datetime.date:
    """The first day of the quarter ``years`` × 4 quarters before the running one."""
    quarter = (TODAY.month - 1) // 3
    months = TODAY.year * 12 + quarter * 3 - years * 12
    return datetime.date(months // 12, months % 12 + 1, 1)


def obligation_for(region: Region, rule: Rule) -> ReportingObligation:
    return ReportingObligation(
        region=region,
        rule=rule,
        source=f"Perwal Sintetis {region.code} Pasal 16 ayat (2)",
        name="Written report of Perangkat Daerah to Walikota",
        reporter_kinds=sorted({"dinas", "badan", "kecamatan", "kantor"}),
        recipient="kepala_daerah",
        through=["sekda"],
        cadence="quarterly",
        incidental=True,
        due_working_days=10,
    )


# --- Measuring ----------------------------------------------------------------------------


def dashboard(user, region: Region) -> tuple[int, int]:
    table = compliance(user, region, today=TODAY)
    _period, gaps = current_quarter_gaps(user, region, today=TODAY)
    return len(table.cells), len(gaps)


def timed(function, repeat: int) -> tuple[float, list[int], object]:
    """Median seconds and the query count of each of ``repeat`` calls (after one warm-up)."""
    function()
    samples, queries = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = function()
            samples.append(time.perf_counter() - start)
        queries.append(len(captured))
    return statistics.median(samples), queries, result


def page_timing(sekda, repeat: int) -> tuple[float, list[int]]:
    """The whole page for the Sekda, through the test client."""
    client = Client()
    client.force_login(sekda)
    url = reverse("coordination:compliance")

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return len(response.content)

    # No collectstatic in a scratch run: plain static URLs instead of the hashed manifest.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
        seconds, queries, _size = timed(page, repeat)
    return seconds, queries


def users_of(region: Region) -> tuple:
    code = region.code.replace(".", "")
    return User.objects.get(username=f"sekda{code}"), User.objects.get(username=f"asisten{code}")


def measure(region: Region, repeat: int) -> dict:
    sekda, asisten = users_of(region)
    # Fetch the user inside each run, so that its role is not cached (one query, less below).
    service, service_queries, (cells, gaps) = timed(
        lambda: dashboard(User.objects.get(pk=sekda.pk), region), repeat
    )
    mine, mine_queries, _result = timed(
        lambda: dashboard(User.objects.get(pk=asisten.pk), region), repeat
    )
    page_seconds, page_queries = page_timing(sekda, repeat)
    return {
        "cells": cells,
        "gaps": gaps,
        "units": Unit.objects.count(),
        "reports": Report.objects.count(),
        "ms": {"sekda": service * 1000, "asisten": mine * 1000, "page": page_seconds * 1000},
        "queries": {
            "sekda": [count - 1 for count in service_queries],
            "asisten": [count - 1 for count in mine_queries],
            "page": page_queries,
        },
    }


def shown(counts: list[int]) -> str:
    distinct = sorted(set(counts))
    return str(distinct[0]) if len(distinct) == 1 else "–".join(map(str, distinct))


def table_row(size: int, result: dict) -> str:
    ms, queries = result["ms"], result["queries"]
    return (
        f"| {size:,} | {result['units']:,} | {result['reports']:,} | "
        f"{shown(queries['sekda'])} | {ms['sekda']:.1f} | "
        f"{shown(queries['asisten'])} | {ms['asisten']:.1f} | "
        f"{shown(queries['page'])} | {ms['page']:.1f} | {result['cells']} | {result['gaps']} |"
    )


# --- Query plans --------------------------------------------------------------------------


def explain_path(args) -> Path:
    return Path(args.explain_out or f"/tmp/compliance-explain-{connection.vendor}.md")


def plan_of(sql: str) -> tuple[str, str]:
    """The plan of one captured query and its execution time: from ``EXPLAIN (ANALYZE,
    BUFFERS)`` on PostgreSQL; on SQLite (``EXPLAIN QUERY PLAN`` has no time) one timed
    re-execution. The captured SQL is final on both: psycopg 3's client-side binding and
    Django's SQLite backend interpolate the parameters, so it runs without parameters."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            found = re.search(r"Execution Time: ([\d.]+) ms", plan)
            return plan, f"{found.group(1)} ms (EXPLAIN ANALYZE)" if found else "?"
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        plan = sqlite_tree(cursor.fetchall())
        start = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        return plan, f"{(time.perf_counter() - start) * 1000:.2f} ms (re-executed)"


def sqlite_tree(rows) -> str:
    """SQLite's plan rows (id, parent, -, detail) indented under their parents."""
    depth, lines = {0: -1}, []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return "\n".join(lines)


def explain_dashboard(region: Region, size: int, path: Path) -> int:
    """Write the plan of every query of the Sekda's dashboard at this size to ``path``;
    returns the number of queries."""
    sekda = User.objects.get(pk=users_of(region)[0].pk)
    with CaptureQueriesContext(connection) as captured:
        dashboard(sekda, region)
    parts = [explain_header(size, len(captured))]
    for number, query in enumerate(captured.captured_queries, 1):
        parts.append(explain_section(number, query))
    path.write_text("\n".join(parts))
    return len(captured)


def explain_header(size: int, count: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version()"
            if connection.vendor == "postgresql"
            else "SELECT 'SQLite ' || sqlite_version()"
        )
        (version,) = cursor.fetchone()
    how = (
        "EXPLAIN (ANALYZE, BUFFERS)"
        if connection.vendor == "postgresql"
        else ("EXPLAIN QUERY PLAN (times: one re-execution)")
    )
    return (
        f"# Compliance dashboard: query plans ({connection.vendor})\n\n"
        f"`compliance()` + `current_quarter_gaps()` as the Sekda of region {region_code(0)},"
        f" {size:,} regions in the database ({Unit.objects.count():,} units,"
        f" {Report.objects.count():,} reports), today {TODAY}: {count} queries, {how},"
        f" after the timed runs. {version}.\n"
    )


def explain_section(number: int, query: dict) -> str:
    sql = query["sql"]
    if sql.lstrip().upper().startswith(("SELECT", "WITH")):
        plan, took = plan_of(sql)
    else:
        plan, took = "(not a SELECT: not explained)", "?"
    return (
        f"## Query {number}: {took}\n\n"
        f"Time captured by Django: {float(query['time']) * 1000:.0f} ms (1 ms resolution).\n\n"
        f"<details><summary>SQL ({len(sql):,} characters)</summary>\n\n"
        f"```sql\n{sql}\n```\n\n</details>\n\n"
        f"```\n{plan}\n```\n"
    )


# --- Verdict ------------------------------------------------------------------------------


NAMES = {"sekda": "Sekda", "asisten": "Asisten", "page": "page"}


def count_problems(results: dict[int, dict]) -> list[str]:
    """What is wrong with the query counts: a count that differs between sizes or between
    runs of one size, or from the expected one for this database."""
    expected, problems = EXPECTED[connection.vendor], []
    for key, name in NAMES.items():
        per_size = {size: sorted(set(r["queries"][key])) for size, r in results.items()}
        seen = sorted({count for counts in per_size.values() for count in counts})
        if len(seen) > 1:
            where = ", ".join(f"{shown(c)} at {size}" for size, c in per_size.items())
            problems.append(f"{name} queries not constant: {where}")
        elif seen[0] != expected[key]:
            problems.append(
                f"{name} queries {seen[0]}, expected {expected[key]} on {connection.vendor}"
            )
    return problems


def verdict(results: dict[int, dict], problems: list[str]) -> str:
    """One line against the goals: issue 6's "constant query count" (and the expected
    counts), and docs/benchmarks.md's "the time does not grow" as a ratio of medians."""
    small, large = min(results), max(results)
    before, after = results[small]["ms"]["sekda"], results[large]["ms"]["sekda"]
    ratio = after / before
    grows = ratio > TIME_GOAL
    counts = "/".join(shown(results[large]["queries"][key]) for key in NAMES)
    queries = "; ".join(problems) or (
        f"queries {counts} (Sekda/Asisten/page) at every size, as expected on {connection.vendor}"
    )
    return (
        f"verdict: {'FAIL' if problems or grows else 'PASS'} — {queries};"
        f" Sekda {after:.1f} ms at {large} regions vs {before:.1f} at {small}"
        f" (×{ratio:.2f}{', grows' if grows else ''}; goals: a constant query count,"
        f" time not growing with the regions, ×≤{TIME_GOAL})"
    )


# --- Running ------------------------------------------------------------------------------


@contextlib.contextmanager
def run_database(args):
    """The --pg scratch database exists for the run and is dropped after it (Django's
    connections closed first, any other one forced out); a temporary PORTAL_VAR_DIR made by
    this script is removed."""
    import psycopg
    from psycopg import sql

    server = f"{args.pg_server.rstrip('/')}/postgres"
    name = sql.Identifier(args.scratch) if args.pg else None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally on kill too
    try:
        if args.pg:
            with psycopg.connect(server, autocommit=True) as admin:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
        yield
    finally:
        connections.close_all()
        if args.pg:
            with psycopg.connect(server, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            print(f"dropped database {args.scratch}", file=sys.stderr)
        if MADE_VAR_DIR is not None:
            shutil.rmtree(MADE_VAR_DIR, ignore_errors=True)


def refresh_statistics() -> None:
    """On PostgreSQL, ANALYZE after each build: the planner then sees the rows it would
    see in production, and autovacuum's own ANALYZE cannot change a plan mid-measurement.
    (SQLite keeps no statistics unless asked, in production too.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build_and_measure(args) -> dict[int, dict]:
    filer = User.objects.create(username="bench-filer")
    timer, built, results = Timer(), 0, {}
    for size in args.sizes:
        build_many(built, size, args, timer, filer)
        built = size
        refresh_statistics()
        region = Region.objects.get(code=region_code(0))
        results[size] = measure(region, args.repeat)
        print(table_row(size, results[size]), file=sys.stderr, flush=True)
        units = timer.seconds["units"]
        print(
            f"  after {size} regions: units through the service {units:.0f} s"
            f" ({units * 1000 / results[size]['units']:.1f} ms/unit), bulk rows"
            f" {timer.seconds['bulk']:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    path = explain_path(args)
    explained = explain_dashboard(region, built, path)
    print(f"query plans of the Sekda's {explained} queries at {built} regions: {path}")
    return results


def main(args) -> int:
    call_command("migrate", verbosity=0)
    where = args.scratch or connection.settings_dict["NAME"]
    print(f"database: {connection.vendor} ({where}); today {TODAY};")
    print(f"{args.units} reporting units per region; {args.years} years of quarterly periods;")
    print(f"timed runs per size: {args.repeat}")
    results = build_and_measure(args)
    print(
        "| regions | units in tree | reports | Sekda: queries | Sekda: ms | Asisten: queries"
        " | Asisten: ms | page: queries | page ms | cells | not reported |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(table_row(size, result) for size, result in results.items()))
    problems = count_problems(results)
    for problem in problems:
        print(f"query count: {problem}", file=sys.stderr)
    line = verdict(results, problems)
    print(line)
    return 0 if line.startswith("verdict: PASS") else 1


if __name__ == "__main__":
    with run_database(ARGS):
        status = main(ARGS)
    sys.exit(status)
