"""Benchmark: Lampiran I of synthetic regions of 50, 200 and 1,000 units. Reports the time of
our own layout against WeasyPrint's, and whether the time per unit stays flat (linear). Run by
hand, never in CI:

    .venv/bin/python bench/lampiran.py [sizes...]
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-lampiran-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from orgchart import services  # noqa: E402
from orgchart.lampiran import document as documents  # noqa: E402
from orgchart.pdf import write_pdf  # noqa: E402
from regulations.models import Region, Regulation  # noqa: E402

DAY = datetime.date(2024, 6, 3)
SIZES = tuple(int(size) for size in sys.argv[1:]) or (50, 200, 1_000)


def build_region(code: str, size: int) -> Region:
    """Kepala Daerah, Wakil, Sekda, three Asisten, agencies and, past 200 units, UPT under them."""
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
        title="POLA KOORDINASI SINTETIS",
        valid_from=datetime.date(2020, 1, 1),
        signer_title="WALIKOTA SINTETIS",
        signer_name="NAMA PENANDATANGAN",
    )
    root = services.create_unit(region=region, name="Walikota Sintetis", kind="kepala_daerah")
    services.create_unit(
        region=region, target=root, name="Wakil Walikota", kind="wakil", line="komando"
    )
    setda = services.create_unit(
        region=region, target=root, name="Sekretaris Daerah", kind="setda", line="komando"
    )
    asisten = [
        services.create_unit(
            region=region, target=setda, name=f"Asisten Bidang {n}", kind="asisten", line="komando"
        )
        for n in range(1, 4)
    ]
    count, per = 6, (size - 6) // 3 + 1
    for n, head in enumerate(asisten):
        agency = None
        while count < min(size, 6 + per * (n + 1)):
            if agency is None or size <= 200 or count % 8 == 0:
                agency = services.create_unit(
                    region=region,
                    target=head,
                    name=f"Dinas Urusan Pemerintahan Nomor {count}",
                    kind="dinas",
                    line="koordinasi",
                )
            else:
                services.create_unit(
                    region=region,
                    target=agency,
                    name=f"UPT Pelayanan Teknis {count}",
                    kind="upt",
                    line="komando",
                )
            count += 1
    region.refresh_from_db()
    return region


def measure(region: Region, repeat: int) -> tuple[float, float, int, float]:
    layouts, pdfs = [], []
    doc = None
    for _ in range(repeat):
        start = time.perf_counter()
        doc = documents.build(region, "I", DAY, "a4")
        middle = time.perf_counter()
        write_pdf(documents.html(doc))
        layouts.append(middle - start)
        pdfs.append(time.perf_counter() - middle)
    pages = doc.layout.pages
    return (
        statistics.median(layouts),
        statistics.median(pdfs),
        len(pages),
        min(p.font for p in pages),
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    print("| units | layout s | WeasyPrint s | layout share | pages | smallest pt | ms per unit |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    per_unit = []
    for index, size in enumerate(SIZES):
        region = build_region(f"98.{index + 10}", size)
        layout, pdf, pages, font = measure(region, 3 if size <= 200 else 1)
        per_unit.append((layout + pdf) / size * 1000)
        print(
            f"| {size:,} | {layout:.2f} | {pdf:.2f} | {layout / (layout + pdf):.0%} | {pages} | "
            f"{font:.1f} | {per_unit[-1]:.1f} |"
        )
    print(
        f"\nms per unit, largest over smallest size: {per_unit[-1] / per_unit[0]:.2f} "
        "(near or below 1 means linear or better)"
    )


if __name__ == "__main__":
    main()
