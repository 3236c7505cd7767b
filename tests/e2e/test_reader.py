"""Reader journeys, at desktop (1280px) and mobile (375px) widths."""

import re
from fractions import Fraction

from playwright.sync_api import expect

from recipes.quantities import format_quantity

from .conftest import VIEWPORTS, screenshot


def test_home_to_a_recipe_through_filters(reader, site_url, viewport):
    reader.goto(site_url + "/")
    expect(reader.locator("h1")).to_have_count(1)
    screenshot(reader, f"home-{viewport}")

    reader.goto(site_url + "/recipes/")
    total = reader.locator(".result-count").inner_text()
    reader.select_option('select[name="course"]', "main")
    reader.get_by_role("button", name="Show recipes").click()
    expect(reader).to_have_url(re.compile(r"/recipes/\?course=main$"))
    chip = reader.locator(".chip", has_text="Course: Main")
    expect(chip).to_be_visible()
    filtered = reader.locator(".result-count").inner_text()
    assert filtered != total
    screenshot(reader, f"recipes-filtered-{viewport}")
    chip.click()
    expect(reader).to_have_url(re.compile(r"/recipes/$"))
    expect(reader.locator(".chip")).to_have_count(0)
    expect(reader.locator(".result-count")).to_have_text(total)

    reader.locator(".card__title a").first.click()
    expect(reader.locator("article.recipe h1")).to_be_visible()
    screenshot(reader, f"recipe-{viewport}")


def test_the_main_menu_is_one_row_with_every_item_in_reach(reader, site_url, viewport):
    """On a phone the menu scrolls sideways in one row instead of pushing the page down."""
    reader.goto(site_url + "/recipes/")
    items = reader.locator(".site-nav li")
    assert items.count() > 3
    rows = {round(items.nth(n).bounding_box()["y"]) for n in range(items.count())}
    assert len(rows) == 1
    assert reader.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    links = reader.locator(".site-nav a")
    links.first.focus()
    for _ in range(links.count() - 1):
        reader.keyboard.press("Tab")
    expect(links.last).to_be_focused()
    # Tab scrolled it into the row, and its focus ring inside the row is not clipped.
    nav = reader.locator(".site-nav").bounding_box()
    box = links.last.bounding_box()
    assert nav["x"] - 0.5 <= box["x"] and box["x"] + box["width"] <= nav["x"] + nav["width"] + 0.5
    assert nav["x"] + nav["width"] <= VIEWPORTS[viewport]["width"]
    offset = links.last.evaluate("a => parseFloat(getComputedStyle(a).outlineOffset)")
    assert offset < 0 if viewport == "mobile" else offset >= 0
    screenshot(reader, f"main-menu-{viewport}")


def test_index_paginates(reader, site_url):
    reader.goto(site_url + "/recipes/")
    first_page = reader.locator(".card__title a").all_inner_texts()
    reader.get_by_role("link", name="Next").click()
    expect(reader).to_have_url(re.compile(r"\?page=2$"))
    second_page = reader.locator(".card__title a").all_inner_texts()
    assert second_page and not set(first_page) & set(second_page)


def open_recipe_with_fractions(reader, site_url) -> None:
    reader.goto(site_url + "/recipes/")
    for href in reader.locator(".card__title a").evaluate_all("els => els.map(e => e.href)"):
        reader.goto(href)
        if (
            reader.locator("[data-quantity]").count()
            and reader.locator('[data-base-servings="4"]').count()
        ):
            quantities = reader.locator("[data-quantity]").evaluate_all(
                "els => els.map(e => e.dataset.quantity)"
            )
            if any("." in q for q in quantities):
                return
    raise AssertionError("no demo recipe for 4 has a fractional quantity")


def test_scaling_servings_rescales_every_quantity(reader, site_url, viewport):
    open_recipe_with_fractions(reader, site_url)
    quantities = reader.locator("[data-quantity]")
    canonical = quantities.evaluate_all("els => els.map(e => e.dataset.quantity)")
    base_text = quantities.all_inner_texts()

    servings = reader.locator("#servings-input")
    expect(servings).to_have_value("4")
    for _ in range(4):
        reader.get_by_role("button", name=re.compile("^More ")).click()
    expect(servings).to_have_value("8")
    doubled = [format_quantity(Fraction(q) * 2) for q in canonical]
    assert quantities.all_inner_texts() == doubled  # the browser formats as the server does
    assert not any(re.search(r"\.\d{2,}", text) for text in doubled)
    screenshot(reader, f"recipe-scaled-{viewport}")

    servings.fill("4")
    servings.dispatch_event("input")
    assert quantities.all_inner_texts() == base_text


def test_step_timer_counts_down(reader, site_url):
    open_recipe_with_fractions(reader, site_url)
    timer = reader.locator("[data-timer-minutes]").first
    if not timer.count():
        reader.goto(site_url + "/recipes/")
    expect(timer).to_be_visible()
    minutes = int(timer.get_attribute("data-timer-minutes"))
    timer.click()
    expect(timer).to_have_attribute("aria-pressed", "true")
    expect(timer).to_have_text(re.compile(rf"Stop timer \({minutes - 1}:5\d left\)|{minutes}:00"))
    timer.click()
    expect(timer).to_have_attribute("aria-pressed", "false")


def test_printing_a_recipe_prints_the_recipe_alone(reader, site_url, viewport):
    open_recipe_with_fractions(reader, site_url)
    reader.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".skip-link", ".recipe__actions", ".related"):
        if reader.locator(hidden).count():
            expect(reader.locator(hidden).first).to_be_hidden()
    expect(reader.locator(".recipe__ingredients")).to_be_visible()
    expect(reader.locator(".recipe__method")).to_be_visible()
    screenshot(reader, f"recipe-print-{viewport}")
    pdf_pages = reader.pdf() if viewport == "desktop" else None
    if pdf_pages is not None:
        assert pdf_pages.count(b"/Type /Page\n") + pdf_pages.count(b"/Type /Page ") <= 3


def test_an_article_leads_to_its_recipe_card(reader, site_url, viewport):
    reader.goto(site_url + "/articles/")
    for href in reader.locator(".card__title a").evaluate_all("els => els.map(e => e.href)"):
        reader.goto(href)
        if reader.locator(".recipe-card-block").count():
            break
    else:
        raise AssertionError("no demo article embeds a recipe card")
    screenshot(reader, f"article-{viewport}")
    card_link = reader.locator(".recipe-card-block .card__title a").first
    title = card_link.inner_text()
    card_link.click()
    expect(reader.locator("article.recipe h1")).to_have_text(title)


def test_not_found_page(reader, site_url, viewport):
    reader.watch.expect_document_status(404)
    response = reader.goto(site_url + "/no-such-recipe/")
    assert response.status == 404
    expect(reader.locator("h1")).to_have_text(re.compile("couldn.t find", re.I))
    screenshot(reader, f"404-{viewport}")


def test_search_with_the_suggestion_box_by_keyboard_only(reader, site_url, viewport):
    reader.goto(site_url + "/")
    box = reader.get_by_role("combobox")
    # Reach the search box with the keyboard alone: Tab until it has focus.
    for _ in range(40):
        reader.keyboard.press("Tab")
        if reader.evaluate("document.activeElement.getAttribute('role')") == "combobox":
            break
    else:
        raise AssertionError("the search box is not reachable with Tab")
    reader.keyboard.type("pizz")
    options = reader.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    chosen = options.first.inner_text()
    reader.keyboard.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    screenshot(reader, f"search-suggestions-{viewport}")
    reader.keyboard.press("Enter")
    expect(reader.locator("h1")).to_contain_text(chosen.split("\n")[0].strip())

    reader.goto(site_url + "/")
    reader.get_by_role("combobox").fill("tomato")
    reader.keyboard.press("Enter")  # no suggestion chosen: Enter submits the search
    expect(reader).to_have_url(re.compile(r"/search/\?q=tomato"))
    screenshot(reader, f"search-results-{viewport}")
    # The type tabs scroll sideways on narrow screens, never up and down.
    tabs = reader.locator(".search-facets ul")
    expect(tabs).to_be_visible()
    assert tabs.evaluate("el => el.scrollHeight <= el.clientHeight")
