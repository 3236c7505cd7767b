"""Operations on the running stack: scheduled publishing, backup and restore."""

import os
import secrets
import subprocess
import time

from .conftest import REPO


def test_the_scheduler_publishes_scheduled_pages(stack, client):
    title = f"Scheduled stew {secrets.token_hex(4)}"
    path = stack.shell(
        "from datetime import timedelta;"
        "from django.utils import timezone;"
        "from recipes.models import RecipePage;"
        "page = RecipePage.objects.live().order_by('id').last();"
        f"page.title = {title!r};"
        "page.go_live_at = timezone.now() + timedelta(seconds=2);"
        "page.save_revision().publish();"
        "print(page.url)"
    )
    assert title not in client.get(stack.url + path).text

    deadline = time.monotonic() + 45  # The stack's scheduler runs every 10 s.
    while time.monotonic() < deadline:
        if title in client.get(stack.url + path).text:
            break
        time.sleep(1)
    else:
        raise AssertionError(f"{title!r} was not published by the scheduler")
    log = (stack.directory / "logs" / "scheduler.log").read_text()
    assert "Scheduler started" in log


def make(target: str, stack, **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", target, *(f"{k}={v}" for k, v in variables.items())],
        cwd=REPO,
        env={**stack.env, "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=180,
    )


def count_authors(stack) -> int:
    return int(stack.shell("from foodie.core.models import Author; print(Author.objects.count())"))


def test_backup_and_restore_round_trip(stack, tmp_path):
    authors = count_authors(stack)
    rendition = next((stack.directory / "media" / "images").iterdir())

    made = make("backup", stack, BACKUP_DIR=str(tmp_path))
    assert made.returncode == 0, made.stdout + made.stderr
    (backup,) = tmp_path.iterdir()
    assert {p.name for p in backup.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}

    # Damage: a new row, a lost file, a stray file.
    stack.shell("from foodie.core.models import Author; Author.objects.create(name='Intruder')")
    rendition.unlink()
    (stack.directory / "media" / "stray.txt").write_text("not in the backup")
    assert count_authors(stack) == authors + 1

    restored = make("restore", stack, BACKUP=str(backup))
    assert restored.returncode == 0, restored.stdout + restored.stderr

    assert count_authors(stack) == authors
    assert rendition.exists()
    assert not (stack.directory / "media" / "stray.txt").exists()
    for replaced in stack.directory.glob("media.replaced-*"):
        subprocess.run(["rm", "-rf", str(replaced)], check=True)
