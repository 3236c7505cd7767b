"""axe-core (bundled by axe-playwright-python: no network) and keyboard checks."""

import re
from itertools import pairwise

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import screenshot
from .test_reader import open_recipe_with_fractions

PAGES = {
    "home": "/",
    "recipe index": "/recipes/",
    "article index": "/articles/",
    "search results": "/search/?q=tomato",
    "not found": "/no-such-page/",
}
axe = Axe()


def serious_violations(page) -> list[str]:
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_structure(page) -> None:
    """Images have alt text; one h1; heading levels never skip."""
    assert page.locator("img:not([alt])").count() == 0
    levels = page.locator("h1, h2, h3, h4, h5, h6").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).map(e => +e.tagName[1])"
    )
    assert levels.count(1) == 1, levels
    for previous, level in pairwise(levels):
        assert level <= previous + 1, levels


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_have_no_serious_accessibility_violations(reader, site_url, name):
    if name == "not found":
        reader.watch.expect_document_status(404)
    reader.goto(site_url + PAGES[name])
    assert serious_violations(reader) == []
    assert_structure(reader)


def test_recipe_and_article_and_scaler_in_use(reader, site_url, viewport):
    open_recipe_with_fractions(reader, site_url)
    assert serious_violations(reader) == []
    assert_structure(reader)
    reader.get_by_role("button", name=re.compile("^More ")).click()
    reader.locator("[data-timer-minutes]").first.click()
    reader.get_by_label("US", exact=True).check()  # the unit switch in use
    assert serious_violations(reader) == []
    screenshot(reader, f"a11y-scaler-{viewport}")

    reader.goto(site_url + "/articles/")
    reader.locator(".card__title a").first.click()
    assert serious_violations(reader) == []
    assert_structure(reader)


def test_skip_link_is_the_first_focus_and_works(reader, site_url):
    reader.goto(site_url + "/recipes/")
    reader.keyboard.press("Tab")
    focused = reader.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    expect(reader.locator(".skip-link")).to_be_visible()
    reader.keyboard.press("Enter")
    assert reader.evaluate("document.activeElement.id") == "main"


def test_every_control_is_reachable_and_visibly_focused(reader, site_url):
    open_recipe_with_fractions(reader, site_url)
    # A group of radio buttons (the unit switch, the stars) is one Tab stop: arrow keys
    # move in it.
    controls = reader.evaluate(
        """() => { const shown = [...document.querySelectorAll(
                     'a[href], button, input, select, textarea')]
                   .filter(e => !e.closest('[hidden]') && e.offsetParent !== null
                                && e.tabIndex >= 0);  // -1: not a Tab stop (a honeypot)
                 const groups = new Set(shown.filter(e => e.type === 'radio').map(e => e.name));
                 return shown.filter(e => e.type !== 'radio').length + groups.size; }"""
    )
    seen = 0
    for _ in range(controls + 5):
        reader.keyboard.press("Tab")
        state = reader.evaluate(
            # The ring may sit on the element or, for a whole-card link, on the card
            # (:focus-within) a few levels up.
            """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
                 const ring = n => { const s = getComputedStyle(n);
                   return s.outlineStyle !== 'none' && s.outlineWidth !== '0px'
                          || s.boxShadow !== 'none'; };
                 let indicated = false;
                 for (let n = e, i = 0; n && n !== document.body && i < 4; n = n.parentElement, i++)
                   indicated = indicated || ring(n);
                 return {tag: e.tagName, text: (e.innerText || e.value || '').slice(0, 40),
                         visible: r.width > 0 && r.height > 0, indicated}; }"""
        )
        if state["tag"] == "BODY":
            break
        seen += 1
        assert state["visible"], state
        assert state["indicated"], state
    assert seen >= controls
