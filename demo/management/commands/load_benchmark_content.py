"""Create large amounts of plausible, synthetic recipes and articles for scale tests.

``manage.py load_benchmark_content --recipes 10000 --articles 1000`` adds live pages
(no revisions) under "Benchmark recipes" and "Benchmark articles" index pages, or under
the demo's /recipes/ and /articles/ with ``--demo-indexes``. Titles, ingredients and
steps are combined from word lists with a seeded random generator; every page shares a
small pool of generated images. See ``demo.bulk_pages`` for how it is fast.

Each batch is one transaction, so an interrupted run leaves whole batches and a
consistent page tree. Running the command again adds more pages with fresh slugs.
Search and reference indexes are updated in bulk at the end (``--skip-indexing`` leaves
them to ``manage.py update_index`` and ``manage.py rebuild_references_index``), and the
page cache is emptied so cached listings show the new pages.
"""

import io
import random
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, Site

from PIL import Image as PILImage
from PIL import ImageDraw
from taggit.models import Tag

from blog.models import ArticleIndexPage, ArticlePage, ArticlePageAuthor, ArticlePageTag
from demo.bulk_pages import PageAppender, ProgressBar, bulk_saves, index_pages, raw_block
from foodie.cache.purge import purge_all
from foodie.core.models import Author
from foodie.metrics.page_cache import PurgeReason
from recipes.models import (
    Course,
    Cuisine,
    Diet,
    RecipeIndexPage,
    RecipePage,
    RecipePageAuthor,
    RecipePageRelated,
    RecipePageTag,
)

# Word lists for plausible titles, ingredients and steps. Each main ingredient carries
# its own ingredient line and the diets a dish built on it can claim.
# fmt: off
STYLES = ["Smoky", "Crispy", "Herby", "Slow-cooked", "Spiced", "Lemony", "Garlicky", "Sticky",
          "Charred", "Creamy", "Golden", "Fiery", "Easy", "Sunday", "Weeknight", "Roasted"]
MAINS = [
    ("chicken", ("600", "g", "boneless chicken thighs", "cut into chunks"), set()),
    ("chickpea", ("2", "can", "chickpeas", "400 g each, drained"), {"vegan"}),
    ("aubergine", ("2", "", "aubergines", "cut into 2 cm chunks"), {"vegan"}),
    ("salmon", ("4", "", "salmon fillets", "skin on"), {"dairy-free"}),
    ("lentil", ("250", "g", "red lentils", "rinsed"), {"vegan"}),
    ("mushroom", ("500", "g", "chestnut mushrooms", "sliced"), {"vegan"}),
    ("pork", ("500", "g", "pork shoulder", "diced"), set()),
    ("tofu", ("400", "g", "firm tofu", "pressed and cubed"), {"vegan"}),
    ("squash", ("1", "", "butternut squash", "peeled and cubed"), {"vegan"}),
    ("beef", ("500", "g", "beef mince", ""), set()),
    ("prawn", ("300", "g", "raw king prawns", "peeled"), {"dairy-free"}),
    ("cauliflower", ("1", "", "cauliflower", "cut into florets"), {"vegan"}),
    ("halloumi", ("250", "g", "halloumi", "sliced"), {"vegetarian"}),
    ("lamb", ("500", "g", "lamb neck fillet", "diced"), set()),
    ("sweet potato", ("3", "", "sweet potatoes", "cut into wedges"), {"vegan"}),
    ("black bean", ("2", "can", "black beans", "400 g each, drained"), {"vegan"}),
    ("paneer", ("225", "g", "paneer", "cubed"), {"vegetarian"}),
    ("egg", ("6", "", "eggs", ""), {"vegetarian"}),
]
FORMS = ["curry", "stew", "traybake", "salad", "soup", "tacos", "pie", "noodles", "risotto",
         "flatbreads", "bowl", "skewers", "gratin", "fritters", "pasta", "hash", "bake"]
FINISHES = ["with lemon and parsley", "with herby yoghurt", "with lime and chilli",
            "with garlic rice", "with crispy shallots", "with charred greens", "with tahini",
            "with salsa verde", "with pickled onions", "with toasted seeds", ""]
PANTRY = [  # (item, unit, possible quantities, note)
    ("olive oil", "tbsp", ["1", "2", "3"], ""),
    ("onion", "", ["1", "2"], "finely chopped"),
    ("garlic", "clove", ["2", "3", "4"], "crushed"),
    ("ground cumin", "tsp", ["1", "1 1/2"], ""),
    ("smoked paprika", "tsp", ["1/2", "1"], ""),
    ("chopped tomatoes", "can", ["1", "2"], "400 g"),
    ("vegetable stock", "ml", ["250", "500", "750"], "hot"),
    ("lemon", "", ["1"], "juiced"),
    ("coriander", "handful", ["1"], "chopped"),
    ("basmati rice", "g", ["200", "300"], "rinsed"),
    ("coconut milk", "can", ["1"], "400 ml"),
    ("fresh ginger", "piece", ["1"], "grated"),
    ("soy sauce", "tbsp", ["1", "2"], ""),
    ("honey", "tbsp", ["1"], ""),
    ("plain flour", "g", ["50", "100", "150"], ""),
    ("spring onions", "", ["2", "4"], "sliced"),
    ("chilli flakes", "pinch", ["1", "2"], ""),
    ("salt and black pepper", "to_taste", [""], ""),
]
STEPS = [  # (text, timer minutes); the last one always ends the method
    ("Heat the oil in a large pan over a medium heat and cook the onion until soft.", 8),
    ("Add the garlic and spices and cook for a minute until fragrant.", None),
    ("Add the {main} and cook, turning now and then, until golden.", 10),
    ("Pour in the liquid, bring to a simmer and cook until thickened.", 20),
    ("Heat the oven to 200°C (180°C fan) and roast until tender and browned.", 30),
    ("Meanwhile, cook the rice according to the packet instructions.", 12),
    ("Season to taste with salt, pepper and lemon juice.", None),
    ("Leave to rest for a few minutes before serving.", 5),
    ("Scatter with herbs and serve the {main} {form} {finish}.", None),
]
TAGS = ["weeknight", "comfort food", "make-ahead", "one-pot", "baking", "quick", "family",
        "party", "summer", "autumn", "budget", "freezable"]
ARTICLE_TOPICS = ["spices", "knife skills", "bread", "stock", "rice", "braising", "salads",
                  "pickles", "eggs", "seasonal vegetables", "grilling", "pastry"]
ARTICLE_TITLES = ["A guide to {topic}", "Getting started with {topic}",
                  "Ten things to know about {topic}", "The science of {topic}",
                  "How we cook {topic} at home"]
SENTENCES = ["Good cooking starts with good shopping.",
             "Taste as you go, and season in layers rather than all at the end.",
             "A hot pan and dry ingredients are the secret to real browning.",
             "Most dishes improve with a squeeze of lemon just before serving.",
             "Batch cooking on a Sunday saves time on every weeknight that follows.",
             "Whole spices keep their flavour far longer than ground ones.",
             "Rest meat after cooking so the juices settle back into it.",
             "Salt your pasta water well: the pasta absorbs it as it cooks."]
PALETTES = [("#c8361d", "#f2a541"), ("#4f7d33", "#c6dd8b"), ("#d98e04", "#8c3b0f"),
            ("#7b1e4b", "#f0a6c4"), ("#b9782f", "#f1d29a"), ("#1f5f8b", "#f08a4b")]
# fmt: on


class Command(BaseCommand):
    help = (
        "Create N synthetic recipes and M articles (live, no revisions) under benchmark index "
        "pages, with a progress bar. Deterministic for a given --seed and existing content."
    )

    def add_arguments(self, parser):
        parser.add_argument("--recipes", type=int, default=1000, help="Recipes to create.")
        parser.add_argument("--articles", type=int, default=100, help="Articles to create.")
        parser.add_argument("--batch-size", type=int, default=500, help="Pages per transaction.")
        parser.add_argument("--images", type=int, default=20, help="Size of the image pool.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")
        parser.add_argument(
            "--demo-indexes",
            action="store_true",
            help="Add to the demo's /recipes/ and /articles/ instead of the benchmark indexes.",
        )
        parser.add_argument(
            "--skip-indexing",
            action="store_true",
            help="Leave the search and reference indexes for update_index and "
            "rebuild_references_index to build later.",
        )

    def handle(self, *args, **options):
        if options["recipes"] < 0 or options["articles"] < 0 or options["batch_size"] < 1:
            raise CommandError("Counts must be zero or more and --batch-size at least 1.")
        self.batch_size = options["batch_size"]
        home = Site.objects.get(is_default_site=True).root_page
        recipe_index, article_index = self.ensure_index_pages(home, demo=options["demo_indexes"])
        self.prepare_vocabulary(options["images"])
        self.rng = random.Random(f"{options['seed']}-{recipe_index.numchild}")
        self.related_pool: list[int] = []
        started = time.monotonic()
        with bulk_saves():
            recipe_ids = self.create_pages(
                "Recipes", recipe_index, options["recipes"], self.build_recipe, self.relate_recipes
            )
            self.card_recipe_ids = recipe_ids or list(
                RecipePage.objects.live().values_list("pk", flat=True)[:2000]
            )
            article_ids = self.create_pages(
                "Articles",
                article_index,
                options["articles"],
                self.build_article,
                self.relate_articles,
            )
        if not options["skip_indexing"]:
            index_pages(RecipePage, recipe_ids, self.stdout, self.batch_size)
            index_pages(ArticlePage, article_ids, self.stdout, self.batch_size)
        # Pages added without publishing send no page_published signal, so nothing purged
        # the cached index pages, home page, feeds and sitemap that now list them.
        purge_all(PurgeReason.BULK_LOAD)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(recipe_ids)} recipes under {recipe_index.url} and "
                f"{len(article_ids)} articles under {article_index.url} "
                f"in {time.monotonic() - started:.1f}s."
            )
        )

    # Setup

    def ensure_index_pages(self, home: Page, *, demo: bool) -> tuple[Page, Page]:
        recipe_slug, article_slug = (
            ("recipes", "articles") if demo else ("benchmark-recipes", "benchmark-articles")
        )
        return (
            self.ensure_index(home, RecipeIndexPage, recipe_slug, "Benchmark recipes"),
            self.ensure_index(home, ArticleIndexPage, article_slug, "Benchmark articles"),
        )

    def ensure_index(self, home: Page, model: type[Page], slug: str, title: str) -> Page:
        existing = model.objects.child_of(home).filter(slug=slug).first()
        if existing:
            return existing
        page = model(title=title, slug=slug, introduction="Synthetic content for scale tests.")
        home.add_child(instance=page)
        page.save_revision().publish()
        return page

    def prepare_vocabulary(self, image_count: int) -> None:
        """Taxonomy, tags, authors and images: created once, shared by every page."""
        self.cuisines = list(Cuisine.objects.all()) or [
            Cuisine.objects.create(name="International", slug="international")
        ]
        self.courses = list(Course.objects.all()) or [
            Course.objects.create(name="Main", slug="main")
        ]
        self.diets = {diet.slug: diet for diet in Diet.objects.all()}
        self.tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
        self.authors = list(Author.objects.all()) or [
            Author.objects.create(name="Benchmark Cook", slug="benchmark-cook")
        ]
        self.images = [self.pool_image(number) for number in range(1, image_count + 1)]

    def pool_image(self, number: int):
        Image = get_image_model()
        title = f"Benchmark dish {number:02d}"
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        rng = random.Random(title)
        main, accent = rng.choice(PALETTES)
        canvas = PILImage.new("RGB", (1600, 1000), "#f3ead2")
        draw = ImageDraw.Draw(canvas)
        draw.ellipse([400, 100, 1200, 900], fill="#fbfaf7")
        for _ in range(12):
            x, y, r = rng.randint(560, 1040), rng.randint(260, 740), rng.randint(40, 120)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.choice([main, accent]))
        buffer = io.BytesIO()
        canvas.save(buffer, "JPEG", quality=80)
        image = Image(
            title=title,
            description=f"An illustrated plate of food, benchmark image {number}",
            file=ImageFile(buffer, name=f"benchmark-dish-{number:02d}.jpg"),
        )
        image.save()
        return image

    # Loading

    def create_pages(
        self,
        label: str,
        index: Page,
        count: int,
        build: Callable[[], Page],
        relate: Callable[[Sequence[Any]], None],
    ) -> list[int]:
        """Build, append and relate ``count`` pages, one transaction per batch."""
        appender = PageAppender(index)
        progress = ProgressBar(self.stdout, label, count)
        created: list[int] = []
        first_counter = index.numchild + 1
        for batch in self.batches(count):
            with transaction.atomic():
                pages = []
                for offset in batch:
                    page = build()
                    page.slug = appender.unique_slug(page.title, first_counter + offset)
                    appender.append(page)
                    pages.append(page)
                    progress.advance()
                relate(pages)
                appender.flush()
            created.extend(page.pk for page in pages)
        progress.finish()
        return created

    # Recipes

    def build_recipe(self) -> RecipePage:
        rng = self.rng
        main, main_row, claims = rng.choice(MAINS)
        form, finish = rng.choice(FORMS), rng.choice(FINISHES)
        title = f"{rng.choice(STYLES)} {main} {form} {finish}".strip()
        published = self.published_at()
        page = RecipePage(
            title=title,
            summary=f"A {form} built on {main}. {rng.choice(SENTENCES)}",
            search_description="",
            hero_image=rng.choice(self.images),
            prep_minutes=rng.choice([5, 10, 15, 20, 30]),
            cook_minutes=rng.choice([0, 10, 20, 30, 45, 60, 90]),
            yield_amount=rng.choice([2, 4, 4, 6, 8]),
            difficulty=rng.choice(["easy", "easy", "medium", "hard"]),
            course=rng.choice(self.courses),
            cuisine=rng.choice(self.cuisines),
            ingredients=self.ingredient_sections(main_row),
            method=self.method_steps(main, form, finish),
            tips=f"<p>{rng.choice(SENTENCES)}</p>",
            calories=rng.randint(150, 900) if rng.random() < 0.5 else None,
            live=True,
            first_published_at=published,
            last_published_at=published,
        )
        page._benchmark_diets = self.diets_for(claims)
        return page

    def ingredient_sections(self, main_row: tuple[str, str, str, str]) -> list[dict[str, Any]]:
        rng = self.rng
        rows = [main_row] + [
            (rng.choice(quantities), unit, item, note)
            for item, unit, quantities, note in rng.sample(PANTRY, rng.randint(6, 14))
        ]
        half = len(rows) // 2
        if rng.random() < 0.6:
            sections = [("", rows)]
        else:
            sections = [("For the base", rows[:half]), ("For the sauce", rows[half:])]
        return [
            raw_block(
                "section",
                {
                    "heading": heading,
                    "ingredients": [
                        raw_block("item", {"quantity": q, "unit": u, "item": i, "note": n})
                        for q, u, i, n in section_rows
                    ],
                },
            )
            for heading, section_rows in sections
        ]

    def method_steps(self, main: str, form: str, finish: str) -> list[dict[str, Any]]:
        last = len(STEPS) - 1
        chosen = [*sorted(self.rng.sample(range(last), self.rng.randint(3, 7))), last]
        steps = []
        for number in chosen:
            text, timer = STEPS[number]
            text = text.format(main=main, form=form, finish=finish).replace(" .", ".")
            steps.append(
                raw_block("step", {"text": f"<p>{text}</p>", "image": None, "timer_minutes": timer})
            )
        return steps

    def diets_for(self, claims: set[str]) -> list[Diet]:
        slugs = set(claims)
        if "vegan" in slugs:
            slugs |= {"vegetarian", "dairy-free"}
        if self.rng.random() < 0.3:
            slugs.add("gluten-free")
        return [self.diets[slug] for slug in sorted(slugs) if slug in self.diets]

    def relate_recipes(self, pages: Sequence[RecipePage]) -> None:
        """Authors, tags, diets and related recipes for a batch: four bulk inserts."""
        rng = self.rng
        diet_link = RecipePage.diets.through
        rows: dict[type, list] = {RecipePageAuthor: [], RecipePageTag: [], diet_link: []}
        rows[RecipePageRelated] = []
        pool = self.related_pool
        for page in pages:
            rows[RecipePageAuthor] += [
                RecipePageAuthor(page_id=page.pk, author=author, sort_order=order)
                for order, author in enumerate(self.pick(self.authors, 1, 2))
            ]
            rows[RecipePageTag] += [
                RecipePageTag(content_object_id=page.pk, tag=tag)
                for tag in self.pick(self.tags, 1, 4)
            ]
            rows[diet_link] += [
                diet_link(recipepage_id=page.pk, diet_id=diet.pk) for diet in page._benchmark_diets
            ]
            rows[RecipePageRelated] += [
                RecipePageRelated(recipe_id=page.pk, related_id=other, sort_order=order)
                for order, other in enumerate(rng.sample(pool, min(len(pool), 3)))
            ]
            pool.append(page.pk)
        del pool[:-2000]
        for model, objects in rows.items():
            model.objects.bulk_create(objects, batch_size=1000)

    # Articles

    def build_article(self) -> ArticlePage:
        rng, recipe_ids = self.rng, self.card_recipe_ids
        topic = rng.choice(ARTICLE_TOPICS)
        published = self.published_at()
        body = []
        for section in range(rng.randint(2, 4)):
            body.append(
                raw_block(
                    "heading", {"text": f"{topic.capitalize()}, part {section + 1}", "level": "h2"}
                )
            )
            sentences = " ".join(rng.sample(SENTENCES, 4))
            body.append(raw_block("paragraph", f"<p>{sentences}</p>"))
        if recipe_ids and rng.random() < 0.6:
            card = {"recipe": rng.choice(recipe_ids), "note": "Try it this week."}
            body.insert(2, raw_block("recipe_card", card))
        return ArticlePage(
            title=rng.choice(ARTICLE_TITLES).format(topic=topic).capitalize(),
            introduction=f"Everything we have learned about {topic}. {rng.choice(SENTENCES)}",
            hero_image=rng.choice(self.images),
            date_published=published.date(),
            body=body,
            live=True,
            first_published_at=published,
            last_published_at=published,
        )

    def relate_articles(self, pages: Sequence[ArticlePage]) -> None:
        authors = [
            ArticlePageAuthor(page_id=page.pk, author=author, sort_order=order)
            for page in pages
            for order, author in enumerate(self.pick(self.authors, 1, 2))
        ]
        tags = [
            ArticlePageTag(content_object_id=page.pk, tag=tag)
            for page in pages
            for tag in self.pick(self.tags, 1, 3)
        ]
        ArticlePageAuthor.objects.bulk_create(authors, batch_size=1000)
        ArticlePageTag.objects.bulk_create(tags, batch_size=1000)

    # Helpers

    def batches(self, count: int) -> Iterator[range]:
        for start in range(0, count, self.batch_size):
            yield range(start, min(start + self.batch_size, count))

    def pick(self, items: Sequence, least: int, most: int) -> list:
        return self.rng.sample(items, min(len(items), self.rng.randint(least, most)))

    def published_at(self) -> datetime:
        """A moment in the last two years, so date-ordered listings and feeds look real."""
        return timezone.now() - timedelta(minutes=self.rng.randint(60, 2 * 365 * 24 * 60))
