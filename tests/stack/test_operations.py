"""Operations on the running stack: scheduled publishing, backup and restore."""

import os
import secrets
import subprocess
import sys
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
    """The database and the media, on disk or in the bucket (MEDIA=s3)."""
    authors = count_authors(stack)
    media = stack.media
    rendition = media.keys("images/")[0]

    made = make("backup", stack, BACKUP_DIR=str(tmp_path))
    assert made.returncode == 0, made.stdout + made.stderr
    (backup,) = tmp_path.iterdir()
    assert {p.name for p in backup.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}

    # Damage: a new row, a lost file, a stray file.
    stack.shell("from foodie.core.models import Author; Author.objects.create(name='Intruder')")
    media.delete(rendition)
    stray = f"stray-{secrets.token_hex(4)}.txt"
    media.write(stray, b"not in the backup")
    assert count_authors(stack) == authors + 1

    restored = make("restore", stack, BACKUP=str(backup))
    assert restored.returncode == 0, restored.stdout + restored.stderr

    assert count_authors(stack) == authors
    assert media.exists(rendition)
    if media.in_bucket:
        # A restore never deletes from a bucket (no undo without versioning): it says
        # what it left (foodie/core/media_archive.py).
        assert media.exists(stray)
        assert "files not in the backup were left in the storage" in restored.stdout
        media.delete(stray)
    else:
        assert not media.exists(stray)
    for replaced in stack.directory.glob("media.replaced-*"):
        subprocess.run(["rm", "-rf", str(replaced)], check=True)


def test_a_second_scheduler_stands_by(stack):
    """A scheduler started by mistake beside the stack's own waits for its lock
    (run_scheduler's advisory lock) instead of publishing too."""
    second = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler", "--interval", "1"],
        cwd=REPO,
        env={**os.environ, **stack.env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = [""]
    try:
        # Its first tick says which it is (the log line of Leadership.held).
        while not any(word in lines[-1] for word in ("standing by", "holds the lock")):
            lines.append(second.stdout.readline())
            assert lines[-1], "".join(lines)  # it exited
    finally:
        second.terminate()
        second.wait(timeout=30)
    assert "another scheduler runs: standing by" in lines[-1], "".join(lines)
    assert "holds the lock: running" in (stack.directory / "logs" / "scheduler.log").read_text()
