"""Benchmark: the Sekda's compliance dashboard (``compliance()`` + ``current_quarter_gaps()``,
and the whole page through Django's stack) for one region while the database holds more and
more other regions: 60 reporting units per region, 5 years of quarterly reports. Shows that
the query count is constant and the time does not grow with the other regions. Run by hand,
never in CI, on its own scratch database:

    PORTAL_VAR_DIR=/tmp/bench-compliance .venv/bin/python bench/compliance.py
    .venv/bin/python bench/compliance.py --regions 10,100,550 --units 60 --years 5
    .venv/bin/python bench/compliance.py --quick          # smoke run: 2 and 5 small regions
    DATABASE_URL=postgres://... .venv/bin/python bench/compliance.py

Units go through ``orgchart.services.create_unit`` (the region lock, validation, history),
as in production, and their build time is reported apart; regions, rules, obligations,
periods, users and reports are bulk-created (none of them is a tree model). Results go into
docs/benchmarks.md by hand.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-compliance-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from coordination.models import Report, ReportingObligation, ReportingPeriod  # noqa: E402
from coordination.models.reports import period_label  # noqa: E402
from coordination.services.compliance import compliance, current_quarter_gaps  # noqa: E402
from coordination.services.obligations import periods_between  # noqa: E402
from coordination.workdays import Calendar  # noqa: E402
from orgchart import services  # noqa: E402
from orgchart.models import RoleAssignment, Unit  # noqa: E402
from regulations.models import Region, Regulation, Rule  # noqa: E402

ZONE = zoneinfo.ZoneInfo("Asia/Jakarta")
TODAY = timezone.localtime(timezone=ZONE).date()  # the page asks the region's own today
AGENCY_KINDS = ("dinas", "dinas", "badan", "kecamatan", "kantor")
User = get_user_model()


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", default="10,100,550", help="sizes, e.g. 10,100,550")
    parser.add_argument("--units", type=int, default=60, help="reporting units per region")
    parser.add_argument("--years", type=int, default=5, help="years of quarterly reports")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per size")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2,5 regions, 12 units")
    args = parser.parse_args()
    if args.quick:
        args.regions, args.units, args.years, args.repeat = "2,5", 12, 2, 3
    args.sizes = sorted(int(size) for size in args.regions.split(","))
    return args


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


def timed(function, repeat: int) -> tuple[float, int, object]:
    """Median seconds and query count of ``repeat`` calls (after one warm-up call)."""
    function()
    samples, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = function()
            samples.append(time.perf_counter() - start)
        queries = len(captured)
    return statistics.median(samples), queries, result


def page_timing(sekda, repeat: int) -> tuple[float, int]:
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


def measure(region: Region, repeat: int) -> dict:
    code = region.code.replace(".", "")
    sekda = User.objects.get(username=f"sekda{code}")
    asisten = User.objects.get(username=f"asisten{code}")
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
        "service_ms": service * 1000,
        "service_queries": service_queries - 1,
        "asisten_ms": mine * 1000,
        "asisten_queries": mine_queries - 1,
        "page_ms": page_seconds * 1000,
        "page_queries": page_queries,
    }


def table_row(size: int, result: dict) -> str:
    return (
        f"| {size:,} | {Unit.objects.count():,} | {Report.objects.count():,} | "
        f"{result['service_queries']} | {result['service_ms']:.1f} | "
        f"{result['asisten_queries']} | {result['asisten_ms']:.1f} | "
        f"{result['page_queries']} | {result['page_ms']:.1f} | {result['cells']} | "
        f"{result['gaps']} |"
    )


def main() -> None:
    args = parse()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; today {TODAY}; {args.units} reporting units per region;")
    print(f"{args.years} years of quarterly periods; timed runs per size: {args.repeat}")
    filer = User.objects.create(username="bench-filer")
    timer, built = Timer(), 0
    header = (
        "| regions | units in tree | reports | Sekda: queries | Sekda: ms | Asisten: queries"
        " | Asisten: ms | page: queries | page ms | cells | not reported |"
    )
    rows = []
    for size in args.sizes:
        build_many(built, size, args, timer, filer)
        built = size
        rows.append(table_row(size, measure(Region.objects.get(code=region_code(0)), args.repeat)))
        print(rows[-1], file=sys.stderr, flush=True)
        units = timer.seconds["units"]
        print(
            f"  after {size} regions: units through the service {units:.0f} s"
            f" ({units * 1000 / Unit.objects.count():.1f} ms/unit), bulk rows"
            f" {timer.seconds['bulk']:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    print(header)
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
