"""Factories for recipe pages (wagtail-factories)."""

import factory

from foodie.core.factories import HeroImagePageFactory, PublishedPageFactory

from .models import (
    Course,
    Cuisine,
    Diet,
    RecipeIndexPage,
    RecipePage,
    SavedRecipesPage,
    ShoppingListPage,
)


def ingredient_rows(count: int) -> list[dict]:
    return [
        {"quantity": "1 1/2", "unit": "cup", "item": f"ingredient {n}", "note": "chopped"}
        for n in range(count)
    ]


def method_steps(count: int, image=None) -> list[tuple]:
    return [
        ("step", {"text": f"<p>Step {n} text.</p>", "image": image, "timer_minutes": 5})
        for n in range(count)
    ]


class CuisineFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Cuisine {n}")
    slug = factory.Sequence(lambda n: f"cuisine-{n}")

    class Meta:
        model = Cuisine


class CourseFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")

    class Meta:
        model = Course


class DietFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Diet {n}")
    slug = factory.Sequence(lambda n: f"diet-{n}")
    schema_diet = "VegetarianDiet"

    class Meta:
        model = Diet


class RecipeIndexPageFactory(PublishedPageFactory):
    title = "Recipes"

    class Meta:
        model = RecipeIndexPage


class SavedRecipesPageFactory(PublishedPageFactory):
    title = "Saved recipes"

    class Meta:
        model = SavedRecipesPage


class ShoppingListPageFactory(PublishedPageFactory):
    title = "Shopping list"

    class Meta:
        model = ShoppingListPage


class RecipePageFactory(HeroImagePageFactory):
    title = factory.Sequence(lambda n: f"Recipe {n}")
    summary = "A good recipe."
    prep_minutes = 10
    cook_minutes = 20
    ingredients = factory.LazyFunction(
        lambda: [("section", {"heading": "", "ingredients": ingredient_rows(2)})]
    )
    method = factory.LazyFunction(lambda: method_steps(2))

    class Meta:
        model = RecipePage
