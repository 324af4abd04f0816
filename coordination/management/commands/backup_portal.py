"""Back up the portal: the database and the private files (MEDIA_ROOT) in one .tar.gz with a
manifest (docs/operations.md says what is inside and how to schedule it)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from coordination.management.archive import FORMAT, FORMAT_VERSION, portal_version, write_archive
from coordination.management.snapshot import dump


class Command(BaseCommand):
    help = (
        "Write the database (every row, portable between SQLite and PostgreSQL) and the files "
        "under MEDIA_ROOT to one .tar.gz archive with a manifest of counts and sha256 sums."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="the archive to write, e.g. portal-2026-12-03.tar.gz")
        parser.add_argument(
            "--overwrite", action="store_true", help="replace the archive if it exists"
        )

    def handle(self, *args, path: str, overwrite: bool, **options) -> None:
        target = Path(path).resolve()
        if target.exists() and not overwrite:
            raise CommandError(f"{target} exists; give another path or --overwrite.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        media_root = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
            data = Path(work) / "data.jsonl"
            facts = dump(data)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "portal_version": portal_version(),
                "created_at": timezone.now().isoformat(),
                **facts,
            }
            manifest = write_archive(target, manifest, data, media_root)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {rows} rows of {len(manifest['counts'])} tables and "
            f"{len(manifest['files'])} files to {target}."
        )
