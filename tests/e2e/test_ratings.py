"""Ratings and cook notes (foodie/static/foodie/js/ratings.js, includes/cook_notes.html):
a reader rates a recipe with a note from the cached page; an editor approves the note
in the admin; the reader sees it on the recipe page; the editor deletes it again."""

import re
import time
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, screenshot
from .test_accessibility import serious_violations

# The scheduler's tick on the stack (10 s), a purge of the edge, and some slack.
REFRESH_SECONDS = 45


def wait_for_note(page, marker: str):
    """Reload the recipe until the approved note is there (at once on the dev server;
    after the next refresh on the stack)."""
    note = page.locator(".cook-note__text", has_text=marker)
    deadline = time.monotonic() + REFRESH_SECONDS
    while not note.count():
        assert time.monotonic() < deadline, "the approved note never showed"
        time.sleep(2)
        page.reload()
    return note


@pytest.fixture
def marker(editor, site_url):
    """A word the journey's note carries; afterwards, however the journey ended, the
    editor deletes that rating (so the journey can run again today)."""
    marker = uuid.uuid4().hex[:8]
    yield marker
    editor.goto(site_url + "/admin/snippets/recipes/rating/")
    row = editor.locator("tbody tr", has_text=marker)
    if row.count():
        row.locator("input[type=checkbox]").check()
        editor.get_by_role("link", name=re.compile("Delete selected")).click()
        editor.get_by_role("button", name="Yes, delete").click()
        expect(editor.get_by_text(re.compile(f"{marker}.*deleted"))).to_be_visible()


def test_a_reader_rates_and_an_editor_approves_the_note(reader, editor, site_url, viewport, marker):
    text = f"Doubled the garlic <3 ({marker})"
    reader.goto(site_url + "/recipes/")
    # Each viewport rates a recipe of its own (one rating per reader per recipe a day).
    reader.locator(".recipe-card .card__title a").nth(list(VIEWPORTS).index(viewport)).click()
    form = reader.locator("[data-rating-form]")
    status = form.locator("[data-rating-status]")
    send = form.get_by_role("button", name="Send rating")

    send.click()
    expect(status).to_have_text("Choose from 1 to 5 stars.")
    expect(form.get_by_role("radio", name="1 star")).to_be_focused()
    form.get_by_role("radio", name="4 stars").check()
    form.get_by_label("I made this").check()
    form.get_by_label(re.compile("^Your note")).fill(text)
    send.click()
    expect(status).to_contain_text("your note will show once an editor approves it")
    expect(form.get_by_role("radio", name="4 stars")).not_to_be_checked()
    assert serious_violations(reader) == []
    screenshot(reader, f"rating-sent-{viewport}")
    assert {cookie["name"] for cookie in reader.context.cookies()} <= {"csrftoken"}

    editor.goto(site_url + "/admin/")
    editor.get_by_role("link", name=re.compile(r"cook notes? waiting to moderate")).click()
    row = editor.locator("tbody tr", has_text=marker)
    row.locator("input[type=checkbox]").check()
    editor.get_by_role("link", name="Approve the selected cook notes").click()
    expect(editor.get_by_text(marker)).to_be_visible()
    editor.get_by_role("button", name="Approve").click()
    expect(editor.get_by_text("Approved 1 cook note.")).to_be_visible()

    note = wait_for_note(reader, marker)
    expect(note).to_have_text(text)  # as text: "<3" is not markup
    item = reader.locator(".cook-note", has_text=marker)
    expect(item.locator(".badge")).to_have_text("Made it")
    expect(item).to_contain_text("4 out of 5 stars")
    expect(reader.locator(".recipe__rating")).to_contain_text("out of 5")
    assert serious_violations(reader) == []
    screenshot(reader, f"cook-notes-{viewport}")


def test_the_rating_form_is_hidden_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, ignore_https_errors=True)
    page = context.new_page()
    page.goto(site_url + "/recipes/")
    page.locator(".recipe-card .card__title a").first.click()
    expect(page.get_by_role("heading", name="Ratings and cook notes")).to_be_visible()
    expect(page.locator("[data-rating-form]")).to_be_hidden()
    context.close()
