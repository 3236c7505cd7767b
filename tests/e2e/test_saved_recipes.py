"""Saved recipes (foodie/static/foodie/js/saved-recipes.js): Save buttons on cards and
recipe pages, kept in the browser; the saved recipes page built from the API in one
request, with removal; and its titles offline (templates/recipes/saved_recipes_worker.js)."""

import re

from playwright.sync_api import expect

from .conftest import screenshot
from .test_accessibility import assert_structure, serious_violations


def test_a_reader_saves_recipes_and_reads_the_list_offline(reader, site_url, viewport):
    reader.goto(site_url + "/recipes/")
    card = reader.locator(".recipe-card").first
    first = card.locator(".card__title").inner_text()
    card.get_by_role("button", name=f"Save {first}").click()
    expect(card.locator("[data-save-recipe]")).to_have_attribute("aria-pressed", "true")
    expect(reader.locator(".toast")).to_contain_text(f"Saved “{first}”")

    reader.locator(".recipe-card .card__title a").nth(1).click()
    second = reader.locator("h1").inner_text()
    save = reader.locator(".recipe__actions [data-save-recipe]")
    save.click()
    expect(save).to_have_attribute("aria-pressed", "true")

    api_calls = []
    reader.on("request", lambda r: "/api/v2/" in r.url and api_calls.append(r.url))
    reader.get_by_role("link", name="Saved recipes").first.click()
    titles = reader.locator("[data-saved-list] .card__title")
    expect(titles).to_have_text([second, first])  # newest first
    expect(reader.locator("[data-saved-list] .card__meta")).to_have_count(2)
    expect(reader.locator("[data-saved-list] img")).to_have_count(2)
    assert len(api_calls) == 1, api_calls  # every card from one request
    assert serious_violations(reader) == []
    assert_structure(reader)
    screenshot(reader, f"saved-recipes-{viewport}")

    # Offline, the page and the saved titles are still there: once its worker controls
    # the page and the page has kept its files (data-offline-ready), not before.
    reader.reload()
    expect(reader.locator("[data-saved-recipes][data-offline-ready]")).to_have_count(1)
    reader.wait_for_function("navigator.serviceWorker.controller !== null")
    with reader.watch.offline(reader):
        reader.reload()
        expect(titles).to_have_text([second, first])
        expect(reader.locator("[data-saved-status]")).to_contain_text("offline")
        screenshot(reader, f"saved-recipes-offline-{viewport}")

    reader.reload()
    reader.get_by_role("button", name=f"Remove “{first}”").click()
    expect(titles).to_have_text([second])
    expect(reader.get_by_role("button", name=f"Remove “{second}”")).to_be_focused()
    reader.reload()
    expect(titles).to_have_text([second])

    reader.get_by_role("link", name=second).click()
    expect(reader.locator(".recipe__actions [data-save-recipe]")).to_have_attribute(
        "aria-pressed", "true"
    )
    reader.locator(".recipe__actions [data-save-recipe]").click()  # unsave
    reader.go_back()
    reader.reload()
    expect(reader.locator("[data-saved-empty]")).to_be_visible()
    expect(reader.locator("[data-saved-list] li")).to_have_count(0)


def test_save_buttons_are_hidden_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, ignore_https_errors=True)
    page = context.new_page()
    page.goto(site_url + "/recipes/")
    expect(page.locator("[data-save-recipe]").first).to_be_hidden()
    page.goto(site_url + "/saved/")
    expect(page.get_by_text(re.compile("needs JavaScript"))).to_be_visible()
    context.close()
