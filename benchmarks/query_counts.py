"""Database queries per page, small content vs large content, on a fresh database.

Run: make bench-queries (SQLite), or with DATABASE_URL=postgres://... for PostgreSQL.
The counts must be equal in each row: a page costs a fixed number of queries however
many ingredients, steps, authors, diets, related recipes or cards it has.
"""

from scratch_db import scratch_database  # benchmarks/scratch_db.py


def main() -> None:
    with scratch_database():
        from django.db import connection

        measure(connection)


def measure(connection) -> None:
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wagtail.models import Site

    from blog.factories import ArticleIndexPageFactory, ArticlePageFactory
    from blog.models import ArticlePageAuthor
    from foodie.core.factories import AuthorFactory, ImageFactory
    from home.factories import StandardPageFactory
    from recipes.factories import (
        DietFactory,
        RecipeIndexPageFactory,
        RecipePageFactory,
        ingredient_rows,
        method_steps,
    )
    from recipes.models import RecipePage, RecipePageAuthor

    client = Client()
    home = Site.objects.get(is_default_site=True).root_page.specific
    recipes = RecipeIndexPageFactory(parent=home)
    articles = ArticleIndexPageFactory(parent=home)
    diets = [DietFactory() for _ in range(4)]

    def count(url: str) -> int:
        client.get(url)  # the first visit creates image renditions
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def recipe(size: int):
        page = RecipePageFactory(
            parent=recipes,
            ingredients=[("section", {"heading": "", "ingredients": ingredient_rows(size)})],
            method=method_steps(size, image=ImageFactory()),
        )
        page.recipe_authors = [
            RecipePageAuthor(author=AuthorFactory()) for _ in range(size // 5 + 1)
        ]
        page.diets.set(diets[: size // 8 + 1])
        for _ in range(size // 10 + 1):
            page.related_recipes.create(related=RecipePageFactory(parent=recipes))
        page.save_revision().publish()
        return page

    def article(recipe_cards: int = 0):
        cards = RecipePage.objects.live()[:recipe_cards]
        body = [("recipe_card", {"recipe": card, "note": ""}) for card in cards]
        page = ArticlePageFactory(parent=articles, body=body)
        page.article_authors = [ArticlePageAuthor(author=AuthorFactory())]
        page.save_revision().publish()
        return page

    rows = [
        ("recipe page (2 vs 30 ingredients and steps)", count(recipe(2).url), count(recipe(30).url))
    ]
    before, small_index = RecipePage.objects.count(), count(recipes.url)
    small_search = count("/search/?q=recipe")
    for _ in range(40):
        RecipePageFactory(parent=recipes)
    after = RecipePage.objects.count()
    rows.append((f"recipe index ({before} vs {after} recipes)", small_index, count(recipes.url)))
    for _ in range(3):
        article()
    small_articles = count(articles.url)
    for _ in range(12):
        article()
    rows.append(("article index (3 vs 15 articles)", small_articles, count(articles.url)))
    rows.append(("home page (featured: newest)", count(home.url), count(home.url)))
    rows.append(
        (
            "article page (1 vs 10 recipe cards)",
            count(article(recipe_cards=1).url),
            count(article(recipe_cards=10).url),
        )
    )
    filtered = f"{recipes.url}?diet={diets[0].slug}"
    rows.append(("recipe index filtered by a diet", count(filtered), count(filtered)))
    standard = StandardPageFactory(parent=home).url
    rows.append(("standard page (lists nothing)", count(standard), count(standard)))
    rows.append(
        (
            f"search results (q=recipe, {before} vs {after} recipes)",
            small_search,
            count("/search/?q=recipe"),
        )
    )

    print(f"database: {connection.vendor}")
    print(f"{'page':50} {'small':>6} {'large':>6}")
    for name, small, large in rows:
        flag = "" if small == large else "  <-- grows"
        print(f"{name:50} {small:>6} {large:>6}{flag}")


if __name__ == "__main__":
    main()
