"""Benchmark: Lampiran I (the org chart annex) to PDF, our layout against WeasyPrint.

The goal (issue 19, "Fast enough for a national rollout"): "The Lampiran layout takes at most 10%
of WeasyPrint's time for the same chart and grows linearly to 1,000 units", with "Peak memory for
a 1,000-unit PDF under 150 MB"; its acceptance: "the layout ratio at or under 0.10 at 100, 300 and
1,000 units". Issue 11 asks for exactly that figure, layout time ÷ WeasyPrint time.

Each run renders one synthetic region's Lampiran I on A4 and times three steps:

- layout: ``document.build(region, "I", day, "a4")``, i.e. reading the structure from the
  database, wrapping every name with the font's metrics, the fit search and the split into pages.
  The wrap cache is emptied before every run, so no run reuses an earlier run's measurements;
- SVG + HTML: ``document.html(doc)``, our SVG and the page template. It is shown in its own
  column and counted on neither side of the ratio;
- WeasyPrint: ``write_pdf(html)``, the HTML to PDF bytes.

The ratio is layout ÷ WeasyPrint of the same run. Each size runs three times: the table gives the
median ratio and each run's ratio. ms per unit is the median layout time ÷ units (the layout
alone, not the PDF). Its growth is the largest size's ms per unit ÷ the smallest's, with k of
time ∝ units^k between them; "linear" here means a growth of at most 1.25 (k ≈ 1.1 over 10×).
Peak RSS is the process's ru_maxrss after the size: an upper bound of that render's peak.

Every size has the same shape: the Kepala Daerah, the Wakil, the Sekda and three Asisten, then
blocks of one agency (under the Asisten in turn, on a koordinasi line) with three UPT under it;
only the count changes. A 20-unit region is rendered once first and not counted, so WeasyPrint's
import and the font files' loading fall in no size. The garbage collector stays on, as in
production, with a collection before each run. DEBUG is off. Run by hand, never in CI:

    .venv/bin/python bench/lampiran.py [sizes...]      # default 100 300 1000

The last line is the verdict; the exit status is 0 only when it is PASS.
"""

from __future__ import annotations

import datetime
import gc
import math
import os
import resource
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-lampiran-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SSL_REDIRECT", "0")  # the test client speaks plain HTTP
os.environ.setdefault("PORTAL_API_ANON_RATE", "1000000/min")  # measure, never throttle
os.environ.setdefault("PORTAL_API_USER_RATE", "1000000/min")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(64))  # DEBUG off refuses weak keys

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from orgchart import services  # noqa: E402
from orgchart.lampiran import document  # noqa: E402
from orgchart.lampiran.measure import wrap  # noqa: E402
from orgchart.models import Unit  # noqa: E402
from orgchart.pdf import write_pdf  # noqa: E402
from regulations.models import Region, Regulation  # noqa: E402

DAY = datetime.date(2024, 6, 3)
GOAL_SIZES = (100, 300, 1_000)
SIZES = tuple(int(size) for size in sys.argv[1:]) or GOAL_SIZES
RUNS = 3
GOAL_RATIO = 0.10  # layout ÷ WeasyPrint, at most
LINEAR = 1.25  # ms per unit, largest size ÷ smallest, at most
GOAL_RSS_MB = 150  # peak memory for a 1,000-unit PDF, under
TOP = 6  # Kepala Daerah, Wakil, Sekda, three Asisten
BLOCK = 4  # one agency and its three UPT


@dataclass
class Result:
    size: int
    runs: list[tuple[float, float, float]]  # layout, SVG + HTML, WeasyPrint seconds
    pages: int
    font: float
    rss_mb: float

    def median(self, step: int) -> float:
        return statistics.median(run[step] for run in self.runs)

    @property
    def ratios(self) -> list[float]:
        return [layout / pdf for layout, _html, pdf in self.runs]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def ms_per_unit(self) -> float:
        return self.median(0) / self.size * 1000


def free_code() -> str:
    """A region code no earlier run in the same PORTAL_VAR_DIR has taken."""
    taken = set(Region.objects.values_list("code", flat=True))
    return next(f"98.{n:02d}" for n in range(10, 100) if f"98.{n:02d}" not in taken)


def new_region(size: int) -> Region:
    region = Region.objects.create(
        code=free_code(),
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
        title="POLA KOORDINASI SINTETIS",
        valid_from=datetime.date(2020, 1, 1),
        signer_title="WALIKOTA SINTETIS",
        signer_name="NAMA PENANDATANGAN",
    )
    return region


def add_top(region: Region) -> list[Unit]:
    """The Kepala Daerah, the Wakil, the Sekda and the three Asisten, whom it returns."""
    root = services.create_unit(region=region, name="Walikota Sintetis", kind="kepala_daerah")
    command = {"region": region, "line": "komando"}
    services.create_unit(target=root, name="Wakil Walikota", kind="wakil", **command)
    setda = services.create_unit(target=root, name="Sekretaris Daerah", kind="setda", **command)
    return [
        services.create_unit(target=setda, name=f"Asisten Bidang {n}", kind="asisten", **command)
        for n in range(1, 4)
    ]


def add_portfolios(region: Region, asisten: list[Unit], count: int) -> None:
    """``count`` units: an agency under each Asisten in turn, then three UPT under it."""
    agency = None
    for n in range(count):
        number = TOP + n
        if n % BLOCK == 0:
            agency = services.create_unit(
                region=region,
                target=asisten[n // BLOCK % len(asisten)],
                name=f"Dinas Urusan Pemerintahan Nomor {number}",
                kind="dinas",
                line="koordinasi",
            )
        else:
            services.create_unit(
                region=region,
                target=agency,
                name=f"UPT Pelayanan Teknis {number}",
                kind="upt",
                line="komando",
            )


def build_region(size: int) -> Region:
    if size < TOP + 1:
        raise SystemExit(f"a size must be at least {TOP + 1} units")
    region = new_region(size)
    add_portfolios(region, add_top(region), size - TOP)
    units = Unit.objects.filter(region=region).count()
    if units != size:
        raise SystemExit(f"built {units} units, not {size}")
    region.refresh_from_db()
    return region


def peak_rss_mb() -> float:
    """The process's peak resident set so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_run(region: Region) -> tuple[tuple[float, float, float], document.LampiranDocument]:
    wrap.cache_clear()
    gc.collect()
    start = time.perf_counter()
    doc = document.build(region, "I", DAY, "a4")
    laid_out = time.perf_counter()
    html = document.html(doc)
    written = time.perf_counter()
    write_pdf(html)
    done = time.perf_counter()
    return (laid_out - start, written - laid_out, done - written), doc


def measure(size: int) -> Result:
    region = build_region(size)
    runs = []
    for _ in range(RUNS):
        times, doc = one_run(region)
        runs.append(times)
    pages = doc.layout.pages
    return Result(size, runs, len(pages), min(p.font for p in pages), peak_rss_mb())


HEADER = (
    "| units | pages | smallest pt | layout s | SVG + HTML s | WeasyPrint s "
    "| layout ÷ WeasyPrint | runs | layout ms per unit | peak RSS MB |\n"
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def row(result: Result) -> str:
    runs = " / ".join(f"{ratio:.2f}" for ratio in result.ratios)
    return (
        f"| {result.size:,} | {result.pages} | {result.font:.1f} | {result.median(0):.2f} | "
        f"{result.median(1):.2f} | {result.median(2):.2f} | {result.ratio:.2f} | {runs} | "
        f"{result.ms_per_unit:.2f} | {result.rss_mb:.0f} |"
    )


def growth_line(results: list[Result]) -> str:
    first, last = results[0], results[-1]
    growth = last.ms_per_unit / first.ms_per_unit
    k = math.log(last.median(0) / first.median(0)) / math.log(last.size / first.size)
    return (
        f"layout ms per unit, {last.size:,} units ÷ {first.size:,}: {growth:.2f}× "
        f"(time ∝ units^{k:.2f}; linear here means ≤ {LINEAR}×)"
    )


def ratio_clause(results: list[Result]) -> tuple[str, bool]:
    missed = [f"{r.size:,}" for r in results if r.ratio > GOAL_RATIO]
    clause = (
        f"layout ÷ WeasyPrint {' / '.join(f'{r.ratio:.2f}' for r in results)} at "
        f"{' / '.join(f'{r.size:,}' for r in results)} units (goal ≤ {GOAL_RATIO:.2f}): "
        + (f"MISSED at {', '.join(missed)}" if missed else "met")
    )
    return clause, not missed


def growth_clause(results: list[Result]) -> tuple[str, bool]:
    if len(results) < 2:
        return "growth not judged (one size)", True
    first, last = results[0], results[-1]
    growth = last.ms_per_unit / first.ms_per_unit
    linear = growth <= LINEAR
    shape = "linear" if linear else "super-linear"
    return (
        f"layout ms per unit grows {growth:.2f}× from {first.size:,} to {last.size:,} units "
        f"({shape}; goal linear, ≤ {LINEAR}×): " + ("met" if linear else "MISSED"),
        linear,
    )


def memory_clause(results: list[Result]) -> tuple[str, bool]:
    largest = results[-1]
    if largest.size < 1_000:
        return "peak memory not judged (no 1,000-unit size)", True
    met = largest.rss_mb < GOAL_RSS_MB
    return (
        f"peak RSS {largest.rss_mb:.0f} MB at {largest.size:,} units "
        f"(goal < {GOAL_RSS_MB} MB): " + ("met" if met else "MISSED"),
        met,
    )


def verdict(results: list[Result]) -> tuple[str, bool]:
    clauses = [ratio_clause(results), growth_clause(results), memory_clause(results)]
    covered = set(GOAL_SIZES) <= {r.size for r in results}
    all_met = all(met for _text, met in clauses)
    word = ("PASS" if covered else "INCOMPLETE") if all_met else "FAIL"
    texts = [text for text, _met in clauses]
    if not covered:
        texts.append("the goal's sizes 100 / 300 / 1,000 were not all run")
    return f"verdict: {word} — " + "; ".join(texts), word == "PASS"


def main() -> int:
    call_command("migrate", verbosity=0)
    one_run(build_region(20))  # warm-up: WeasyPrint's import, the font files; not counted
    baseline = peak_rss_mb()
    print(
        f"Lampiran I on A4, {RUNS} runs per size; ratios are layout ÷ WeasyPrint per run; "
        f"peak RSS after the 20-unit warm-up: {baseline:.0f} MB.\n"
    )
    print(HEADER)
    results = []
    for size in sorted(SIZES):
        results.append(measure(size))
        print(row(results[-1]), flush=True)
    if len(results) > 1:
        print(f"\n{growth_line(results)}")
    text, passed = verdict(results)
    print(text)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
