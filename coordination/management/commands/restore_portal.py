"""Restore a backup made by backup_portal into an empty installation: verify the archive,
load the rows in one transaction, check them, and put the files back under MEDIA_ROOT."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from coordination.management.archive import media_files, unpack
from coordination.management.snapshot import check_migrations, clear, is_empty, load


class Command(BaseCommand):
    help = (
        "Restore a backup_portal archive: refuses a database that holds rows unless --force "
        "(which replaces them), verifies every checksum, loads in one transaction and puts "
        "the files back under MEDIA_ROOT."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="the archive written by backup_portal")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the rows already in the database (and files of the same name)",
        )

    def handle(self, *args, path: str, force: bool, **options) -> None:
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        media_root = Path(settings.MEDIA_ROOT)
        media_root.parent.mkdir(parents=True, exist_ok=True)
        # Unpacked beside MEDIA_ROOT, not in /tmp: the same disk, and room for the archive.
        with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as work:
            unpacked = unpack(source, Path(work))
            manifest = unpacked.manifest
            check_migrations(manifest)
            self._check_target(force, media_root, manifest)
            with transaction.atomic():
                clear()  # rows only with --force (checked above); sessions always
                load(unpacked.data, manifest)
                # Inside the transaction: a file that cannot be written undoes the rows too.
                self._put_files(unpacked.media, media_root)
        self.stdout.write(
            f"Restored {sum(manifest['counts'].values())} rows and {len(manifest['files'])} "
            f"files from the backup of {manifest['created_at']} "
            f"({manifest['database_vendor']} to {connection.vendor})."
        )

    def _check_target(self, force: bool, media_root: Path, manifest: dict) -> None:
        if force:
            return
        if not is_empty():
            raise CommandError(
                "The database already holds rows; restore into an empty installation "
                "(migrate only), or give --force to replace everything in it."
            )
        clashing = sorted(set(media_files(media_root)) & set(manifest["files"]))
        if clashing:
            raise CommandError(
                f"MEDIA_ROOT ({media_root}) already holds {len(clashing)} of the backup's files "
                f"(e.g. {clashing[0]}); empty it or give --force."
            )

    def _put_files(self, unpacked_media: Path, media_root: Path) -> None:
        for name, path in media_files(unpacked_media).items():
            destination = media_root / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
