"""Media in S3: django-storages' S3Storage against a real S3 API (moto's server mode).

`moto_server` (requirements-dev) runs as a subprocess on a free port; each test gets
its own bucket and points STORAGES["default"] at it with the options base.py uses.
Everything goes through Wagtail's own code paths: the admin's upload and delete,
`get_rendition`, a page render, and deploy/backup.py for the backup round trip.
Readers' browsers fetch media from the bucket's URLs (docs/operators.md "Media on
S3-compatible storage"), so the tests fetch them over HTTP too.
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils.functional import empty

from wagtail.models import Collection

import boto3
import psycopg
import pytest
import requests
from PIL import Image as PILImage

from foodie.core.media_archive import export_storage, import_storage
from foodie.core.models import FoodieImage, FoodieRendition
from tests.servers import free_port
from tests.services import missing_service

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
from media_bucket import create_media_bucket  # noqa: E402

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "foodie-test", "AWS_SECRET_ACCESS_KEY": "foodie-test"}
REGION = "us-east-1"


@pytest.fixture(scope="session")
def s3_endpoint():
    """A moto S3 server on loopback for the whole session; stopped by its pid."""
    executable = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    if executable is None:
        missing_service("needs moto_server: `make install` installs moto[server]")
    port = free_port()
    process = subprocess.Popen(
        [executable, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError("moto_server exited")
            try:
                requests.get(endpoint, timeout=1)
                break
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError(f"moto_server did not answer on {endpoint}")
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


class Bucket:
    def __init__(self, endpoint: str, name: str) -> None:
        self.endpoint, self.name, self.client = endpoint, name, s3_client(endpoint)

    def objects(self) -> dict[str, dict]:
        """Every object in the bucket by key (ETag, size, last modified)."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return {item["Key"]: item for page in pages for item in page.get("Contents", [])}

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def empty(self) -> None:
        for key in self.objects():
            self.client.delete_object(Bucket=self.name, Key=key)


def media_storage(bucket: Bucket) -> dict:
    """STORAGES["default"] as base.py builds it for AWS_STORAGE_BUCKET_NAME."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket.name,
            "endpoint_url": bucket.endpoint,
            "region_name": REGION,
            "custom_domain": None,
            "file_overwrite": False,
            "querystring_auth": False,
            "access_key": CREDENTIALS["AWS_ACCESS_KEY_ID"],
            "secret_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        },
    }


@pytest.fixture
def bucket(s3_endpoint, settings) -> Bucket:
    """A new, empty bucket that is the site's media storage for this test.

    List it before fixtures that store files (``image``, ``home_page``) so they
    store them here. Setting STORAGES resets Django's cached storages.
    """
    bucket = Bucket(s3_endpoint, f"foodie-media-{secrets.token_hex(4)}")
    # As docs/operators.md asks, and as `make stack MEDIA=s3` makes it.
    create_media_bucket(bucket.client, bucket.name)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(bucket)}
    return bucket


def png_upload(name: str = "soup.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (240, 160), "#c8361d").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upload_through_the_admin(admin_client) -> FoodieImage:
    upload = png_upload()
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Tomato soup",
            "collection": Collection.get_first_root_node().pk,
            "description": "A bowl of tomato soup topped with basil",
            "credit": "Ana Cook",
            "tags": "",
            "file": upload,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return FoodieImage.objects.get(title="Tomato soup")


def new_node() -> None:
    """What another app server starts with: its own storage object and rendition cache."""
    storages._storages = {}
    default_storage._wrapped = empty
    FoodieRendition.cache_backend.clear()


@pytest.mark.django_db
def test_upload_rendition_serving_and_delete_go_through_the_bucket(
    bucket, admin_client, django_capture_on_commit_callbacks
):
    image = upload_through_the_admin(admin_client)
    assert image.file.name.startswith("original_images/")
    assert set(bucket.objects()) == {image.file.name}
    with image.file.open("rb") as stored:
        assert bucket.read(image.file.name) == stored.read()

    rendition = image.get_rendition("fill-100x100")
    assert set(bucket.objects()) == {image.file.name, rendition.file.name}
    assert rendition.file.name.startswith("images/")
    # Readers fetch the rendition from the bucket's own URL, not through the app.
    assert rendition.url == f"{bucket.endpoint}/{bucket.name}/{rendition.file.name}"
    served = requests.get(rendition.url, timeout=10)
    assert served.status_code == 200
    assert served.content == bucket.read(rendition.file.name)
    assert PILImage.open(io.BytesIO(served.content)).size == (100, 100)
    assert requests.get(image.file.url, timeout=10).status_code == 403  # originals: private

    # Wagtail deletes the original and every rendition once the delete commits
    # (post_delete -> transaction.on_commit -> delete_file_from_storage_task).
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    assert not FoodieImage.objects.filter(pk=image.pk).exists()
    assert bucket.objects() == {}


@pytest.mark.django_db
def test_renditions_are_created_once_and_seen_by_every_node(bucket, admin_client):
    image = upload_through_the_admin(admin_client)
    made = image.get_rendition("fill-100x100")
    objects = bucket.objects()
    assert len(objects) == 2 and FoodieRendition.objects.count() == 1

    new_node()
    seen = FoodieImage.objects.get(pk=image.pk).get_rendition("fill-100x100")
    assert (seen.pk, seen.file.name, seen.url) == (made.pk, made.file.name, made.url)
    # Nothing was written again: the same rows, the same objects, untouched.
    assert FoodieRendition.objects.count() == 1
    assert bucket.objects() == objects
    assert requests.get(seen.url, timeout=10).content == bucket.read(made.file.name)


@pytest.mark.django_db
def test_a_page_links_its_images_to_the_bucket(bucket, client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    media_urls = set(re.findall(r"https?://127\.0\.0\.1:\d+/[^\s\"',]+", html))
    # Every rendition the page shows (hero <picture> sources, body image) is a bucket URL.
    renditions = FoodieRendition.objects.filter(image=home_page.hero_image)
    assert renditions.count() >= 3
    assert {rendition.url for rendition in renditions} <= media_urls
    assert all(url.startswith(f"{bucket.endpoint}/{bucket.name}/") for url in media_urls)
    assert "/media/" not in html
    for rendition in renditions:
        assert requests.get(rendition.url, timeout=10).content == bucket.read(rendition.file.name)
    for url in media_urls:  # all the page needs is readable under the images/ policy
        assert requests.get(url, timeout=10).status_code == 200, url

    # A second node renders the same page from the same renditions, writing none.
    objects, count = bucket.objects(), renditions.count()
    new_node()
    assert client.get(home_page.url).content.decode().count(bucket.endpoint) >= len(media_urls)
    assert bucket.objects() == objects
    assert FoodieRendition.objects.count() == count


@pytest.mark.django_db
def test_a_media_archive_from_disk_restores_into_a_bucket(bucket, tmp_path):
    disk = FileSystemStorage(location=tmp_path / "media")
    disk.save("original_images/soup.png", ContentFile(b"original"))
    disk.save("images/soup.fill-100x100.png", ContentFile(b"rendition"))
    disk.save("documents/menu.pdf", ContentFile(b"%PDF-1.4"))
    assert export_storage(disk, tmp_path / "media.tar.gz") == 3

    s3 = storages["default"]
    s3.save("images/soup.fill-100x100.png", ContentFile(b"changed since the backup"))
    s3.save("stray.txt", ContentFile(b"not in the backup"))
    result = import_storage(s3, tmp_path / "media.tar.gz")

    assert result.restored == 3 and result.not_in_archive == ["stray.txt"]
    assert {key: bucket.read(key) for key in bucket.objects()} == {
        "original_images/soup.png": b"original",
        "images/soup.fill-100x100.png": b"rendition",
        "documents/menu.pdf": b"%PDF-1.4",
        "stray.txt": b"not in the backup",
    }


@pytest.fixture
def scratch_database():
    """An empty PostgreSQL database for a restore, dropped afterwards."""
    settings_dict = connection.settings_dict
    name = f"foodie_restore_{secrets.token_hex(4)}"
    credentials = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **credentials) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **credentials) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_url(name: str) -> str:
    settings_dict = connection.settings_dict
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{settings_dict['USER']}{password}@{host}:{port}/{name}"


def run_backup_script(*args: str, bucket: Bucket, database: str) -> str:
    """deploy/backup.py as `make backup`/`make restore` run it, with media in ``bucket``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "PAGE_CACHE_REDIS_URL", "MEDIA_ROOT"}
    }
    environment.update(
        CREDENTIALS,
        DJANGO_SETTINGS_MODULE="foodie.settings.development",
        DATABASE_URL=database,
        AWS_STORAGE_BUCKET_NAME=bucket.name,
        AWS_S3_ENDPOINT_URL=bucket.endpoint,
        AWS_S3_REGION_NAME=REGION,
    )
    done = subprocess.run(
        [sys.executable, "deploy/backup.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.postgres
@pytest.mark.django_db
def test_backup_and_restore_round_trip_with_a_bucket(
    bucket, admin_client, home_page, tmp_path, scratch_database
):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        missing_service("needs pg_dump and pg_restore (postgresql-client)")
    upload_through_the_admin(admin_client).get_rendition("fill-100x100")
    assert admin_client.get(home_page.url).status_code == 200  # the hero's renditions
    before = {key: bucket.read(key) for key in bucket.objects()}
    assert len(before) >= 6

    output = run_backup_script(
        "backup",
        str(tmp_path),
        bucket=bucket,
        database=database_url(connection.settings_dict["NAME"]),
    )
    (backup,) = tmp_path.iterdir()
    assert f"backup: {backup}" in output
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["media"] == f"bucket {bucket.name}"
    assert manifest["media_files"] == len(before)

    # Lost: every object; a stray appears. The restore puts back exactly the backup's.
    bucket.empty()
    bucket.client.put_object(Bucket=bucket.name, Key="stray.txt", Body=b"not in the backup")
    output = run_backup_script("restore", str(backup), bucket=bucket, database=scratch_database)

    assert f"{len(before)} files restored" in output
    assert "1 files not in the backup were left in the storage (e.g. stray.txt)" in output
    after = {key: bucket.read(key) for key in bucket.objects()}
    assert after.pop("stray.txt") == b"not in the backup"
    assert after == before
    with psycopg.connect(scratch_database.replace("postgres://", "postgresql://")) as restored:
        assert restored.execute("SELECT count(*) FROM wagtailcore_site").fetchone()[0] == 1


@pytest.mark.django_db
def test_documents_stay_private_in_the_bucket_and_are_served_through_django(bucket, client):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Menu",
        file=ContentFile(b"%PDF-1.4 menu", name="menu.pdf"),
        collection=Collection.get_first_root_node(),
    )
    assert bucket.read(document.file.name) == b"%PDF-1.4 menu"
    assert requests.get(document.file.url, timeout=10).status_code == 403
    response = client.get(document.url)  # WAGTAILDOCS_SERVE_METHOD = "serve_view"
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 menu"
