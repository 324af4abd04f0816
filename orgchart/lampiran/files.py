"""Rendered Lampiran kept on disk, keyed by the region's structure version: a second request
for an unchanged region is served from the file; any change to the structure makes a new key
and the old files are removed."""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from orgchart.lampiran import document as documents
from regulations.models import Region

Progress = Callable[[int, str], None]


def _region_dir(region: Region) -> Path:
    return Path(settings.MEDIA_ROOT) / "lampiran" / region.code


def cache_path(region: Region, chart: str, day: datetime.date, paper: str, fmt: str) -> Path:
    name = f"{chart}-{day.isoformat()}-{paper}.{fmt}"
    return _region_dir(region) / str(region.structure_version) / name


def cached(region: Region, chart: str, day: datetime.date, paper: str, fmt: str) -> Path | None:
    path = cache_path(region, chart, day, paper, fmt)
    return path if path.exists() else None


def rendered(
    region: Region,
    chart: str,
    day: datetime.date,
    paper: str,
    fmt: str,
    progress: Progress | None = None,
) -> Path:
    """The file for these parameters, rendering it first if it is not on disk."""
    path = cache_path(region, chart, day, paper, fmt)
    if path.exists():
        return path
    report = progress or (lambda percent, stage: None)
    report(5, "layout")
    doc = documents.build(region, chart, day, paper)
    if fmt == "svg":
        data = documents.svg(doc).encode()
    else:
        from orgchart.pdf import write_pdf

        report(35, "pdf")
        data = write_pdf(documents.html(doc))
    report(95, "saving")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
        handle.write(data)
    os.replace(handle.name, path)  # atomic: a reader never sees half a file
    _prune(region, keep=path.parent)
    report(100, "done")
    return path


def _prune(region: Region, keep: Path) -> None:
    for version in _region_dir(region).iterdir():
        if version.is_dir() and version != keep:
            shutil.rmtree(version, ignore_errors=True)
