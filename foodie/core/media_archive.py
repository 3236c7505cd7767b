"""Archive the media storage into a tarball and restore it, whatever the storage.

`make backup` / `make restore` (deploy/backup.py) use this when media live in a
bucket (`manage.py media_archive`); with media on local disk they archive
MEDIA_ROOT directly. Both write the same layout (`media/<name>` for every file), so
a backup made from a disk restores into a bucket and the other way round.
"""

from __future__ import annotations

import posixpath
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage

ARCHIVE_ROOT = "media"


def walk(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file name in ``storage`` below ``directory``, sorted, depth first."""
    directories, files = storage.listdir(directory)
    for name in sorted(files):
        yield posixpath.join(directory, name) if directory else name
    for name in sorted(directories):
        yield from walk(storage, posixpath.join(directory, name) if directory else name)


def export_storage(storage: Storage, archive_path: Path) -> int:
    """Write every file of ``storage`` into a gzipped tarball; return how many."""
    count = 0
    with tarfile.open(archive_path, "w:gz") as archive:
        for name in walk(storage):
            info = tarfile.TarInfo(f"{ARCHIVE_ROOT}/{name}")
            info.size = storage.size(name)
            with storage.open(name, "rb") as source:
                archive.addfile(info, source)
            count += 1
    return count


@dataclass
class ImportResult:
    restored: int
    # Files in the storage that the archive does not hold: left in place (a restore
    # never deletes from a bucket, which cannot be undone without versioning).
    not_in_archive: list[str]


def archived_name(member: tarfile.TarInfo) -> str | None:
    """The storage name of an archived regular file, or None for anything else."""
    if not member.isfile():
        return None
    name = posixpath.normpath(member.name)
    prefix = ARCHIVE_ROOT + "/"
    if not name.startswith(prefix) or name.startswith("/") or "/../" in f"/{name}/":
        raise ValueError(f"unsafe or foreign path in the media archive: {member.name!r}")
    return name.removeprefix(prefix)


def import_storage(storage: Storage, archive_path: Path) -> ImportResult:
    """Upload every file of the tarball to ``storage`` under its archived name.

    An object already at that name is replaced, so names in the restored database
    find exactly the archived bytes (``file_overwrite=False`` would otherwise save
    the upload under a new name).
    """
    restored: set[str] = set()
    with tarfile.open(archive_path) as archive:
        for member in archive:
            name = archived_name(member)
            if name is None:
                continue
            source = archive.extractfile(member)
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(source, name=posixpath.basename(name)))
            if saved != name:
                raise RuntimeError(f"{name} was saved as {saved}: is another writer busy?")
            restored.add(name)
    others = [name for name in walk(storage) if name not in restored]
    return ImportResult(restored=len(restored), not_in_archive=others)
