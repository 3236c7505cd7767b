"""Builds the demo site: idempotent, so running it twice changes nothing."""

import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Page, Site

from foodie.core.models import Author, AuthorLink, NavigationSettings, SiteSettings
from home.models import AuthorIndexPage, HomePage, StandardPage
from recipes.models import Course, Cuisine, Diet, SavedRecipesPage, ShoppingListPage

from .helpers import demo_image, ensure_child
from .ratings import ensure_ratings
from .recipes_and_articles import load_recipes_and_articles

CUISINES = ["Italian", "Indian", "Mexican", "Japanese", "French", "Middle Eastern", "British"]
COURSES = ["Breakfast", "Starter", "Main", "Side", "Dessert", "Baking"]
DIETS = [
    ("Vegetarian", "VegetarianDiet"),
    ("Vegan", "VeganDiet"),
    ("Gluten free", "GlutenFreeDiet"),
    ("Low calorie", "LowCalorieDiet"),
    ("Dairy free", "LowLactoseDiet"),
]
AUTHORS = [
    ("Amara Okafor", "Food writer and recipe developer who cooks West African and Italian food."),
    ("Ravi Menon", "Home cook from Kochi; curries, breads and anything with tamarind."),
    ("Lucía Fernández", "Pastry chef turned teacher. Believes every cake deserves a sauce."),
    ("Tom Hale", "Weeknight cooking, big flavours, few pans."),
]
MAX_MENU_ITEMS = 8  # NavigationSettings.main_menu's max_num


def ensure_taxonomy() -> None:
    for order, name in enumerate(CUISINES):
        Cuisine.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "sort_order": order}
        )
    for order, name in enumerate(COURSES):
        Course.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "sort_order": order}
        )
    for order, (name, schema_diet) in enumerate(DIETS):
        Diet.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "sort_order": order, "schema_diet": schema_diet},
        )


def ensure_authors() -> list[Author]:
    authors = []
    for name, bio in AUTHORS:
        slug = slugify(name)
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            author = Author(name=name, slug=slug, bio=bio)
            author.photo = demo_image(
                f"Portrait of {name}", f"Illustrated portrait of {name}", "", portrait=True
            )
            author.links = [AuthorLink(label="Website", url=f"https://example.com/{slug}/")]
            author.save()
        authors.append(author)
    return authors


def home_page(site: Site) -> HomePage:
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not a HomePage; run migrations first.")
    return home


def ensure_home(home: HomePage, about: StandardPage) -> None:
    """The home page's hero and call to action (once)."""
    if not home.hero_image_id:
        home.hero_image = demo_image(
            "A summer table", "A plate of roasted tomatoes and herbs on a linen cloth", "tomato"
        )
        home.hero_heading = "Cook something good tonight"
        home.hero_intro = (
            "Tested recipes and stories from home kitchens, with every step explained."
        )
        home.search_description = "Foodie: tested recipes and food writing."
        home.body = [
            (
                "call_to_action",
                {
                    "heading": "New here?",
                    "text": "Read how we test every recipe before it reaches you.",
                    # A page link: the block's URL field takes full addresses only.
                    "link": {"text": "About Foodie", "page": about, "url": ""},
                },
            )
        ]
        home.save_revision().publish()


def ensure_standard_pages(home: HomePage) -> dict[str, StandardPage]:
    about = ensure_child(
        home,
        StandardPage,
        "about",
        title="About Foodie",
        hero_intro="Who we are and how we test recipes.",
        search_description="Who makes Foodie and how every recipe is tested.",
        body=[
            ("heading", {"text": "Tested in home kitchens", "level": "h2"}),
            (
                "paragraph",
                "<p>Every recipe is cooked at least three times, by at least two cooks, "
                "with ordinary equipment, before we publish it.</p>",
            ),
            (
                "quote",
                {
                    "quote": "A recipe has no soul. You, as the cook, must bring soul "
                    "to the recipe.",
                    "attribution": "Thomas Keller",
                },
            ),
            (
                "image",
                {
                    "image": demo_image(
                        "Herb salad", "A bright green salad with herbs and lemon", "greens"
                    ),
                    "caption": "Our test kitchen's favourite lunch.",
                    "alt_text": "",
                    "credit": "",
                },
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Found a mistake?",
                    "text": "<p>Tell us and we will fix it within a day.</p>",
                },
            ),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_header_choice": "row",
                    "table_caption": "Oven temperatures",
                    "data": [
                        ["Gas mark", "°C (fan)", "°F"],
                        ["4", "160", "350"],
                        ["6", "180", "400"],
                        ["8", "210", "450"],
                    ],
                },
            ),
        ],
    )
    contact = ensure_child(
        home,
        StandardPage,
        "contact",
        title="Contact",
        hero_intro="Questions, corrections and recipe requests.",
        search_description="How to reach the Foodie team.",
        body=[
            (
                "paragraph",
                '<p>Write to us at <a href="mailto:hello@example.com">hello@example.com</a>.</p>',
            )
        ],
    )
    return {"about": about, "contact": contact}


def ensure_settings(site: Site, menu_pages: list[Page]) -> None:
    site_settings = SiteSettings.for_site(site)
    if not site_settings.tagline:
        site_settings.site_name = "Foodie"
        site_settings.tagline = "Recipes that work, stories worth reading"
        site_settings.footer_text = (
            "Foodie is an open-source Wagtail site. Recipes are tested in home kitchens."
        )
        site_settings.social_links = [
            ("link", {"platform": "instagram", "url": "https://instagram.com/foodie"}),
            ("link", {"platform": "youtube", "url": "https://youtube.com/@foodie"}),
        ]
        site_settings.save()
    ensure_menu(site, menu_pages)


def ensure_menu(site: Site, menu_pages: list[Page]) -> None:
    """Put each demo page in the main menu at its place in ``menu_pages``, if it is missing.

    A fresh site gets the pages in order; a site loaded before Recipes and Articles existed
    gains them in front of About and Contact. Items an editor added stay where they are.
    """
    navigation = NavigationSettings.for_site(site)
    items = [(item.block_type, item.value) for item in navigation.main_menu]
    linked = {value["page"].pk for _, value in items if value.get("page")}
    missing = [
        (position, page) for position, page in enumerate(menu_pages) if page.pk not in linked
    ]
    if not missing:
        return
    for position, page in missing:
        items.insert(position, ("item", {"text": "", "page": page, "url": ""}))
    navigation.main_menu = items[:MAX_MENU_ITEMS]
    navigation.save()


def ensure_admin(stdout: Callable[[str], None]) -> None:
    User = get_user_model()
    username = settings.FOODIE_ADMIN_USERNAME
    if User.objects.filter(username=username).exists():
        return
    password = settings.FOODIE_ADMIN_PASSWORD or secrets.token_urlsafe(12)
    User.objects.create_superuser(username=username, email="admin@example.com", password=password)
    shown = "from FOODIE_ADMIN_PASSWORD" if settings.FOODIE_ADMIN_PASSWORD else password
    stdout(f"Created admin user '{username}' with password: {shown} (shown once).")


@transaction.atomic
def load_demo_content(stdout: Callable[[str], None]) -> None:
    site = Site.objects.get(is_default_site=True)
    ensure_taxonomy()
    ensure_authors()
    home = home_page(site)
    pages = ensure_standard_pages(home)
    ensure_home(home, pages["about"])
    index_pages = load_recipes_and_articles(home)
    authors = ensure_child(
        home,
        AuthorIndexPage,
        "authors",
        title="Authors",
        introduction="The cooks and writers behind every recipe and article.",
        search_description="Meet the Foodie cooks and writers, and find everything they publish.",
    )
    saved = ensure_child(
        home,
        SavedRecipesPage,
        "saved",
        title="Saved recipes",
        introduction="Recipes you saved on this device. They stay in your browser: "
        "no account needed.",
        search_description="The recipes you saved, kept in your browser.",
    )
    shopping_list = ensure_child(
        home,
        ShoppingListPage,
        "shopping-list",
        title="Shopping list",
        introduction="Ingredients you added from recipes, merged and ready to tick off. "
        "The list stays in your browser.",
        search_description="Your shopping list, kept in your browser.",
    )
    menu_pages = [
        *index_pages, authors, pages["about"], pages["contact"], saved, shopping_list,
    ]  # fmt: skip
    ensure_settings(site, menu_pages)
    ensure_ratings()
    ensure_admin(stdout)
