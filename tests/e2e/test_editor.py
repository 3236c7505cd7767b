"""The editor's journey: write a recipe in the real admin, draft, preview, publish,
edit and unpublish, while an anonymous reader watches the page cache."""

import re
import uuid

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import ARTIFACTS, PageWatch, screenshot


@pytest.fixture
def anonymous(browser, site_url):
    """A second browser with no session: what readers get, with cache headers (of the
    edge cache, when the site has one, and of the page cache)."""
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    watch = PageWatch(site_url)
    watch.expect_document_status(404)  # the journey checks that drafts are 404s
    watch.attach(page)

    def visit(path: str) -> tuple[int, str, str]:
        """Status, where the page came from ("hit": a stored copy, Nginx's edge cache
        or the page cache; "miss": rendered and stored), and the HTML."""
        response = page.goto(site_url + path)
        if response.headers.get("x-edge-cache") == "HIT":
            cache = "hit"
        else:
            cache = response.headers.get("x-wagtail-cache", "")
        return response.status, cache, page.content()

    yield visit
    context.close()
    watch.assert_clean()


def photo(path) -> str:
    """A new JPEG each run (Wagtail asks about uploads that duplicate an image)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (1600, 1000), (196, 92, uuid.uuid4().int % 256))
    image.save(path, "JPEG", quality=80)
    return str(path)


def wait_for_autosave(page) -> None:
    """Wait until Wagtail's autosave indicator says "Saved" (not saving, not paused)."""
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved", timeout=30_000)


def add_list_item(page, root: str, fields) -> None:
    """Click a list block's last "Add" button and wait for its new row."""
    rows = fields.count()
    page.locator(f"{root} button[data-streamfield-list-add]").last.click()
    expect(fields).to_have_count(rows + 1)


def fill_recipe_form(page, title: str, image_file: str) -> None:
    page.wait_for_function("window.watchingEdits === true")
    page.fill("#id_title", title)
    page.fill("#id_summary", "A quick rice bowl tested by the browser.")

    page.get_by_role("button", name="Choose an image").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Upload").click()
    dialog.locator("#id_image-chooser-upload-file").set_input_files(image_file)
    dialog.locator("#id_image-chooser-upload-title").fill(f"{title} photo")
    dialog.locator("#id_image-chooser-upload-description").fill("A bowl of rice with greens")
    dialog.get_by_role("button", name="Upload").click()
    # The upload, its checks and its thumbnail take a few seconds on a busy machine.
    expect(page.locator("#id_hero_image")).not_to_have_value("", timeout=30_000)

    page.get_by_role("button", name="Choose author").click()
    page.get_by_role("dialog").get_by_role("link", name="Tom Hale").click()
    expect(page.locator("#id_recipe_authors-0-author")).not_to_have_value("")

    page.fill("#id_prep_minutes", "10")
    page.fill("#id_cook_minutes", "20")
    page.select_option("#id_course", label="Main")
    page.select_option("#id_cuisine", label="Japanese")
    page.get_by_label("Vegan").check()

    page.locator("#ingredients-root .c-sf-add-button").first.click()
    page.fill("#ingredients-0-value-heading", "For the bowl")
    rows = [("1 1/2", "cup", "sushi rice"), ("2", "tbsp", "soy sauce")]
    quantities = page.locator("#ingredients-root input[name$='-value-quantity']")
    for number, (quantity, unit, item) in enumerate(rows):
        prefix = f"#ingredients-0-value-ingredients-{number}-value"
        if number:
            add_list_item(page, "#ingredients-root", quantities)
        page.fill(f"{prefix}-quantity", quantity)
        page.select_option(f"{prefix}-unit", unit)
        page.fill(f"{prefix}-item", item)

    page.locator("#method-root .c-sf-add-button").first.click()
    page.get_by_role("option", name="Step").click()
    page.locator("#method-root [role=textbox]").first.click()  # Draftail, the rich text editor
    page.keyboard.type("Rinse the rice until the water runs clear.")
    # Draftail writes its JSON to the hidden input the form submits.
    expect(page.locator('input[name="method-0-value-text"]')).to_have_value(re.compile("Rinse"))
    page.locator('[data-contentpath="method"] input[name$="timer_minutes"]').first.fill("5")
    # Autosave fails while the form is incomplete; the first one that succeeds creates
    # the page and turns the form into the page's edit form.
    wait_for_autosave(page)
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))


def publish(page) -> None:
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("published")


def test_editor_writes_publishes_edits_and_unpublishes_a_recipe(editor, anonymous, site_url):
    # Readers' copies of the listing pages are in the page cache before anything changes.
    for path in ("/", "/recipes/"):
        anonymous(path)
        status, cache, _ = anonymous(path)
        assert (status, cache) == (200, "hit")

    title = f"Browser rice bowl {uuid.uuid4().hex[:6]}"
    slug = title.lower().replace(" ", "-")
    index = editor.request.get(site_url + "/api/v2/pages/?type=recipes.RecipeIndexPage").json()
    index_id = index["items"][0]["id"]
    editor.goto(f"{site_url}/admin/pages/{index_id}/")  # the recipe index in the explorer
    editor.goto(f"{site_url}/admin/pages/add/recipes/recipepage/{index_id}/")
    fill_recipe_form(editor, title, photo(ARTIFACTS / "editor-photo.jpg"))
    screenshot(editor, "editor-form")

    # An impatient double click. Wagtail disables the button after the first click, so
    # the browser sends one save; saves that really collide (autosave racing a click,
    # two tabs) are sent to a real server by tests/test_concurrent_saves.py.
    editor.get_by_role("button", name="Save draft").dblclick()
    expect(editor.locator(".messages")).to_contain_text("updated")
    status, _, _ = anonymous(f"/recipes/{slug}/")
    assert status == 404  # a draft is not visible to readers
    assert title not in anonymous("/recipes/")[2]

    editor.get_by_role("button", name=re.compile("Toggle preview", re.I)).click()
    preview = editor.frame_locator("iframe[title*='Preview' i], #w-preview-iframe").first
    expect(preview.locator("article.recipe h1")).to_have_text(title, timeout=20_000)
    screenshot(editor, "editor-preview")

    publish(editor)
    status, cache, html = anonymous(f"/recipes/{slug}/")
    assert status == 200 and title in html
    for path in ("/recipes/", "/"):
        status, cache, html = anonymous(path)
        assert (status, cache) == (200, "miss"), path  # purged on publish
        assert title in html, path

    found = editor.request.get(f"{site_url}/api/v2/pages/?type=recipes.RecipePage&slug={slug}")
    edit_url = f"{site_url}/admin/pages/{found.json()['items'][0]['id']}/edit/"
    editor.goto(edit_url)
    new_title = title + " with sesame"
    editor.fill("#id_title", new_title)
    publish(editor)
    for path in (f"/recipes/{slug}/", "/recipes/"):
        assert new_title in anonymous(path)[2], path

    editor.goto(edit_url)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("link", name="Unpublish").click()
    editor.get_by_role("button", name=re.compile("Yes, unpublish", re.I)).click()
    expect(editor.locator(".messages")).to_contain_text("unpublished")
    assert anonymous(f"/recipes/{slug}/")[0] == 404
    assert new_title not in anonymous("/recipes/")[2]
