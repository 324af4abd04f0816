"""The portal's backup archive: one .tar.gz holding the database (as Django's JSON lines), the
private files (MEDIA_ROOT) and a manifest that says what is inside and the sha256 of every
member, so that a restore can prove the archive whole before it touches anything.

Layout::

    manifest.json   format, portal version, date, database vendor, migrations, counts, sha256s
    data.jsonl      every row (dumpdata --natural-foreign, contenttypes and permissions left out)
    media/...       the files under MEDIA_ROOT, at their paths relative to it"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.core.management.base import CommandError

FORMAT = "portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
MEDIA = "media"


def portal_version() -> str:
    try:
        return metadata.version("portal-koordinasi")
    except metadata.PackageNotFoundError:
        return "unknown"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, Path]:
    """Every regular file under ``root``, by its POSIX path relative to it."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def write_archive(target: Path, manifest: dict, data: Path, media_root: Path) -> dict:
    """Write the archive to ``target`` (through a temporary name, so that a failed run never
    leaves a half archive under the real one); the manifest as written. Each file is read
    once, for its checksum and its copy alike; one deleted meanwhile is left out."""
    partial = target.with_name(f".{target.name}.partial")
    files: dict[str, dict] = {}
    try:
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(data, arcname=DATA)
            for name, path in media_files(media_root).items():
                try:
                    content = path.read_bytes()
                except FileNotFoundError:
                    continue  # removed by the portal since the folder was listed
                _add_bytes(archive, f"{MEDIA}/{name}", content)
                files[name] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
            manifest = {
                **manifest,
                "data": {"name": DATA, "sha256": sha256_of(data), "size": data.stat().st_size},
                "files": files,
            }
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            _add_bytes(archive, MANIFEST, body)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    member = tarfile.TarInfo(name)
    member.size, member.mtime, member.mode = len(content), int(time.time()), 0o600
    archive.addfile(member, io.BytesIO(content))


@dataclass(frozen=True)
class Unpacked:
    manifest: dict
    data: Path
    media: Path  # the unpacked media folder (it may be missing when there were no files)


def unpack(source: Path, into: Path) -> Unpacked:
    """Extract ``source`` into the folder ``into`` and verify it against its manifest: the
    format, every member's sha256, and nothing unlisted. CommandError says what is wrong."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            members = archive.getmembers()
            _check_names(members)
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise CommandError(f"{source} is not a readable portal backup: {exc}") from exc
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise CommandError(f"{source} has no readable {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise CommandError(
            f"{source} is not a portal backup of format {FORMAT_VERSION} "
            f"(found {manifest.get('format')!r} {manifest.get('format_version')!r})."
        )
    _verify(manifest, into)
    return Unpacked(manifest, into / DATA, into / MEDIA)


def _check_names(members: list[tarfile.TarInfo]) -> None:
    for member in members:
        path = PurePosixPath(member.name)
        inside = (path.parts and path.parts[0] == MEDIA) or member.name in (MANIFEST, DATA)
        if path.is_absolute() or ".." in path.parts or not inside:
            raise CommandError(f"The archive holds an unexpected member: {member.name!r}.")
        if not (member.isfile() or member.isdir()):
            raise CommandError(f"The archive member {member.name!r} is not a plain file.")


def _verify(manifest: dict, root: Path) -> None:
    expected = {DATA: manifest["data"]["sha256"]}
    expected.update({f"{MEDIA}/{name}": row["sha256"] for name, row in manifest["files"].items()})
    found = {name: path for name, path in media_files(root).items() if name != MANIFEST}
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    if missing or extra:
        raise CommandError(
            f"The archive does not match its manifest: missing {missing}, unlisted {extra}."
        )
    damaged = sorted(name for name, digest in expected.items() if sha256_of(found[name]) != digest)
    if damaged:
        raise CommandError(f"Checksum mismatch, the archive is damaged: {', '.join(damaged)}.")
