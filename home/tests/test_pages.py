"""Editor round-trips and tree rules for HomePage and StandardPage.

The admin is driven the way an editor drives it: form data posted to the page
create view (``nested_form_data`` / ``streamfield`` / ``rich_text``), then the page
a reader receives.
"""

import json

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
from foodie.blocks.text import PARAGRAPH_FEATURES
from foodie.core.factories import ImageFactory
from foodie.core.pages import CARD_RENDITION_SPECS
from home.factories import StandardPageFactory
from home.models import HomePage, HomePageFeaturedArticle, HomePageFeaturedRecipe, StandardPage
from recipes.factories import RecipeIndexPageFactory, RecipePageFactory
from tests.publishing import publish
from tests.visibility import assert_not_shown, hidden_pages


def body_form_data(image, link_page) -> dict:
    """A body using most of the shared block library, as the admin form posts it."""
    return streamfield(
        [
            ("heading", {"text": "Tested in home kitchens", "level": "h2"}),
            (
                "paragraph",
                rich_text(
                    "<p>Every recipe is cooked <b>three times</b>.</p>",
                    features=PARAGRAPH_FEATURES,
                ),
            ),
            ("quote", {"quote": "Cook with abandon.", "attribution": "A cook"}),
            (
                "image",
                {"image": image.pk, "caption": "Our lunch", "alt_text": "", "credit": ""},
            ),
            (
                "video",
                {
                    "url": "https://youtu.be/dQw4w9WgXcQ",
                    "title": "Folding dumplings",
                    "caption": "",
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Hungry?",
                    "text": "Start here.",
                    "link": {"text": "", "page": link_page.pk, "url": ""},
                },
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Make ahead",
                    "text": rich_text("<p>Keeps three days.</p>", features=["bold", "italic"]),
                },
            ),
            (
                "table",
                json.dumps(
                    {
                        "table_header_choice": "row",
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "Oven temperatures",
                        "data": [["Gas mark", "°C"], ["4", "180"]],
                    }
                ),
            ),
        ]
    )


EXPECTED_BLOCK_TYPES = [
    "heading",
    "paragraph",
    "quote",
    "image",
    "video",
    "call_to_action",
    "callout",
    "table",
]


class PageTestCase(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get()
        self.image = ImageFactory(description="A bowl of soup")
        self.user = self.login()


class TestStandardPage(PageTestCase):
    def test_editor_can_create_and_publish_with_every_body_block(self):
        data = nested_form_data(
            {
                "title": "About us",
                "slug": "about-us",
                "hero_heading": "",
                "hero_intro": "Who we are.",
                "search_description": "About the Foodie team.",
                "body": body_form_data(self.image, self.home),
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.home, StandardPage, data)

        page = StandardPage.objects.get(slug="about-us")
        self.assertTrue(page.live)
        self.assertEqual([block.block_type for block in page.body], EXPECTED_BLOCK_TYPES)
        self.assertEqual(page.body[3].value["image"], self.image)
        self.assertEqual(page.body[5].value["link"]["page"].specific, self.home)

        html = self.client.get(page.url).content.decode()
        self.assertInHTML("<b>three times</b>", html)
        self.assertIn("Tested in home kitchens", html)
        self.assertIn('alt="A bowl of soup"', html)
        self.assertIn("youtube-nocookie.com/embed/dQw4w9WgXcQ", html)
        self.assertIn("<caption>Oven temperatures</caption>", html)

    def test_invalid_body_is_refused_with_a_message_and_creates_nothing(self):
        data = nested_form_data(
            {
                "title": "Broken",
                "slug": "broken",
                "body": streamfield(
                    [("video", {"url": "https://example.com/v", "title": "x", "caption": ""})]
                ),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", self.home.pk])
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Use a YouTube or Vimeo video address.")
        self.assertFalse(StandardPage.objects.filter(slug="broken").exists())

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_is_renderable(self):
        page = StandardPageFactory(parent=self.home, title="Contact")
        self.assertPageIsRenderable(page)

    def test_draft_is_not_served(self):
        page = StandardPageFactory(parent=self.home, title="Secret plans", live=False)
        self.assertPageIsRenderable(page, accept_404=True)
        self.assertEqual(self.client.get(page.url_path.removeprefix("/home")).status_code, 404)


class TestHomePage(PageTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertEqual(
            {model._meta.label for model in HomePage.allowed_subpage_models()},
            {
                "home.StandardPage",
                "recipes.RecipeIndexPage",
                "blog.ArticleIndexPage",
                "home.AuthorIndexPage",
                "recipes.SavedRecipesPage",
                "recipes.ShoppingListPage",
            },
        )
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_only_one_home_page(self):
        root = Page.get_first_root_node()
        self.assertEqual(HomePage.max_count, 1)
        self.assertFalse(HomePage.can_create_at(root))
        url = reverse("wagtailadmin_pages:add", args=["home", "homepage", root.pk])
        response = self.client.post(url, {"title": "Second home", "slug": "second-home"})
        # The admin turns the PermissionDenied into a redirect to its dashboard.
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertEqual(HomePage.objects.count(), 1)

    def test_editor_can_create_the_home_page_on_an_empty_site(self):
        self.home.delete()  # the site that pointed at it goes too
        root = Page.get_first_root_node()
        self.assertTrue(HomePage.can_create_at(root))
        data = nested_form_data(
            {
                "title": "Foodie",
                "slug": "home",
                "hero_image": self.image.pk,
                "hero_heading": "Cook something good tonight",
                "hero_intro": "Tested recipes.",
                "body": body_form_data(self.image, root),
                "featured_recipes": inline_formset([]),
                "featured_articles": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(root, HomePage, data)
        home = HomePage.objects.get()
        self.assertEqual(home.hero_image, self.image)
        self.assertEqual([block.block_type for block in home.body], EXPECTED_BLOCK_TYPES)
        self.assertFalse(HomePage.can_create_at(root))

    def test_is_renderable(self):
        self.assertPageIsRenderable(self.home)


@pytest.mark.django_db
@pytest.mark.parametrize("slots", ["chosen", "newest"])
def test_featured_slots_show_only_live_public_pages(client, home_page, slots):
    """Whether the editor chose the featured pages or the slots fall back to the newest,
    a draft or a restricted recipe or article is never featured on the cached home page."""
    recipes = RecipeIndexPageFactory(parent=home_page)
    articles = ArticleIndexPageFactory(parent=home_page)
    open_recipe = RecipePageFactory(parent=recipes, title="Open stew")
    open_article = ArticlePageFactory(parent=articles, title="Open letter")
    hidden_recipes = hidden_pages(RecipePageFactory, recipes, "stew")
    hidden_articles = hidden_pages(ArticlePageFactory, articles, "letter")
    if slots == "chosen":
        home_page.featured_recipes = [
            HomePageFeaturedRecipe(page=page) for page in [*hidden_recipes, open_recipe]
        ]
        home_page.featured_articles = [
            HomePageFeaturedArticle(page=page) for page in [*hidden_articles, open_article]
        ]
        publish(home_page)

    response = client.get(home_page.url)

    soup = BeautifulSoup(response.content, "html.parser")
    shown = {
        section["aria-labelledby"]: [a.get_text() for a in section.select(".card__title a")]
        for section in soup.select("section[aria-labelledby^=featured-]")
    }
    assert shown == {
        "featured-recipes-heading": ["Open stew"],
        "featured-articles-heading": ["Open letter"],
    }
    assert_not_shown(response.content.decode(), hidden_recipes + hidden_articles)


@pytest.mark.django_db
@pytest.mark.postgres
def test_standard_page_query_count(client, home, django_assert_num_queries):
    """Site and the home page 2, the page 2, view restrictions 1, settings 2."""
    page = StandardPageFactory(parent=home)
    client.get(page.url)
    with django_assert_num_queries(7):
        assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_cards_prefetch_exactly_the_renditions_their_picture_asks_for(client, home_page):
    """CARD_RENDITION_SPECS, which the card listings prefetch, are the renditions that
    rendering the cards creates: no more (loaded for nothing), no fewer (a query each)."""
    recipes = RecipeIndexPageFactory(parent=home_page)
    articles = ArticleIndexPageFactory(parent=home_page)
    cards = [RecipePageFactory(parent=recipes), ArticlePageFactory(parent=articles)]
    assert client.get(home_page.url).status_code == 200
    for card in cards:
        made = card.hero_image.renditions.values_list("filter_spec", flat=True)
        assert sorted(made) == sorted(CARD_RENDITION_SPECS)
