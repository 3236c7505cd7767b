#!/usr/bin/env python3
"""Back up and restore Foodie: the PostgreSQL database and the media files.

    python deploy/backup.py backup [DIR]     # DIR/foodie-<UTC time>/ (DIR: backups)
    python deploy/backup.py restore BACKUP   # a folder written by `backup`

Reads DATABASE_URL and MEDIA_ROOT (or, with media in a bucket,
AWS_STORAGE_BUCKET_NAME) from the environment (`make backup` and `make restore` load
.stack/env when the native stack is running). A backup is `database.dump`
(pg_dump's custom format: compressed, restorable table by table), `media.tar.gz`
and `manifest.json`. A restore replaces the database's contents (pg_restore
--clean, in one transaction), then the media, then empties the page cache so no
page rendered from the replaced data is served.

Media on disk: the archive is MEDIA_ROOT; a restore swaps in the archived folder,
keeping the media it replaced beside MEDIA_ROOT until you delete it. Media in a
bucket: `manage.py media_archive` lists and downloads every object through the
site's own storage (S3Storage, same credentials and endpoint), and a restore
uploads every archived file under its name, replacing what is there; objects the
backup does not hold are left in the bucket and reported, never deleted. Both write
the same `media/<name>` layout, so either kind of backup restores into either.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent


def environment() -> tuple[str, Path | None]:
    """DATABASE_URL, and MEDIA_ROOT, or None when media live in a bucket."""
    database_url = os.environ.get("DATABASE_URL", "")
    media_root = os.environ.get("MEDIA_ROOT", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("backup.py: DATABASE_URL must name the PostgreSQL database (postgres://...)")
    if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        return database_url, None
    if not media_root:
        sys.exit("backup.py: MEDIA_ROOT (or AWS_STORAGE_BUCKET_NAME) must be set")
    return database_url, Path(media_root)


def media_archive(action: str, archive: Path) -> None:
    """Export or import the bucket through the site's storage (manage.py media_archive)."""
    subprocess.run(
        [sys.executable, "manage.py", "media_archive", action, str(archive.resolve())],
        cwd=REPO,
        check=True,
    )


def backup(directory: Path) -> Path:
    database_url, media_root = environment()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"foodie-{stamp}"
    target.mkdir(parents=True)
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
         "--file", str(target / "database.dump"), "--dbname", database_url],
        check=True,
    )  # fmt: skip
    if media_root is None:
        media_archive("export", target / "media.tar.gz")
    else:
        with tarfile.open(target / "media.tar.gz", "w:gz") as archive:
            if media_root.exists():
                archive.add(media_root, arcname="media")
    with tarfile.open(target / "media.tar.gz") as archive:
        files = sum(1 for member in archive if member.isfile())
    manifest = {
        "created": stamp,
        "database": urlsplit(database_url).path.lstrip("/"),
        "database_bytes": (target / "database.dump").stat().st_size,
        "media": "bucket " + os.environ["AWS_STORAGE_BUCKET_NAME"]
        if media_root is None
        else "disk",
        "media_files": files,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return target


def restore(source: Path) -> Path | None:
    database_url, media_root = environment()
    dump, media = source / "database.dump", source / "media.tar.gz"
    for path in (dump, media):
        if not path.exists():
            sys.exit(f"backup.py: {path} is missing; is {source} a backup folder?")
    subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", "--dbname", database_url, str(dump)],
        check=True,
    )  # fmt: skip
    if media_root is None:
        media_archive("import", media)
        return None

    # Unpack beside MEDIA_ROOT, then swap, so a failure leaves the old media whole.
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    staging = media_root.parent / f".{media_root.name}-restoring-{stamp}"
    staging.mkdir(parents=True)
    with tarfile.open(media) as archive:
        archive.extractall(staging, filter="data")
    replaced = None
    if media_root.exists():
        replaced = media_root.parent / f"{media_root.name}.replaced-{stamp}"
        media_root.rename(replaced)
    restored = staging / "media"
    if restored.exists():
        restored.rename(media_root)
    else:
        media_root.mkdir()
    shutil.rmtree(staging)
    return replaced


def purge_page_cache() -> bool:
    """Empty the page cache through the app's own purge (foodie.cache.purge)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from foodie.cache.purge import purge_all; purge_all('restore')"],
        cwd=REPO,
    )  # fmt: skip
    return result.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Back up or restore Foodie.")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup")
    make.add_argument("directory", nargs="?", type=Path, default=Path("backups"))
    undo = commands.add_parser("restore")
    undo.add_argument("backup", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "backup":
            print(f"backup: {backup(args.directory)}")
        else:
            replaced = restore(args.backup)
            print(f"restore: database and media restored from {args.backup}")
            if replaced:
                print(f"restore: the media it replaced is in {replaced} (delete when satisfied)")
            if not purge_page_cache():
                print("restore: purging the page cache failed: purge it from the admin")
    except subprocess.CalledProcessError as error:
        print(f"backup.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
