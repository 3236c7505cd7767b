"""Archive the default (media) storage into a tarball, or restore one into it.

deploy/backup.py runs this when media live in a bucket (AWS_STORAGE_BUCKET_NAME),
so the files go through the same S3Storage, credentials and endpoint as the site.
"""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from foodie.core.media_archive import export_storage, import_storage


class Command(BaseCommand):
    help = "export: write every media file to ARCHIVE (tar.gz); import: upload ARCHIVE's files."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("archive", type=Path)

    def handle(self, *args, action: str, archive: Path, **options) -> None:
        if action == "export":
            count = export_storage(default_storage, archive)
            self.stdout.write(f"media_archive: {count} files written to {archive}")
            return
        result = import_storage(default_storage, archive)
        self.stdout.write(f"media_archive: {result.restored} files restored from {archive}")
        if result.not_in_archive:
            sample = ", ".join(result.not_in_archive[:5])
            self.stdout.write(
                f"media_archive: {len(result.not_in_archive)} files not in the backup were "
                f"left in the storage (e.g. {sample})"
            )
