"""Recipe listing filters, shared by the recipe index and search results.

Every filter comes from the query string; an unknown or malformed value is ignored
(the filter shows as inactive) rather than raising.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import QueryDict
from django.utils.functional import cached_property

from taggit.models import Tag

from .models.taxonomy import Course, Cuisine, Diet, Difficulty, RecipePageTag

MAX_TIME_CHOICES = [15, 30, 45, 60, 90, 120]


@dataclass(frozen=True)
class Chip:
    """An active filter shown to the reader, with the URL that removes it."""

    label: str
    remove_query: str


class RecipeFilters:
    PARAMS = ("course", "cuisine", "diet", "difficulty", "max_time", "tag")
    MULTI_VALUE_PARAMS = frozenset({"diet"})

    def __init__(self, params: QueryDict):
        self.params = params
        self.courses = list(Course.objects.all())
        self.cuisines = list(Cuisine.objects.all())
        self.diets = list(Diet.objects.all())
        # EXISTS, not JOIN + DISTINCT: one index probe per tag instead of a pass over
        # every tagging (benchmarks/RESULTS.md, "Search latency").
        taggings = RecipePageTag.objects.filter(tag=OuterRef("pk"))
        self.tags = list(Tag.objects.filter(Exists(taggings)).order_by("name"))
        self.course = self._by_slug(self.courses, params.get("course"))
        self.cuisine = self._by_slug(self.cuisines, params.get("cuisine"))
        self.tag = self._by_slug(self.tags, params.get("tag"))
        wanted_diets = set(params.getlist("diet"))
        self.selected_diets = [diet for diet in self.diets if diet.slug in wanted_diets]
        difficulty = params.get("difficulty")
        self.difficulty = difficulty if difficulty in Difficulty.values else None
        self.max_time = self._max_time(params.get("max_time"))

    @cached_property
    def invalid(self) -> list[str]:
        """Parameters given a value that matched nothing (ignored, shown as inactive)."""
        recognised = {
            "course": [self.course.slug] if self.course else [],
            "cuisine": [self.cuisine.slug] if self.cuisine else [],
            "tag": [self.tag.slug] if self.tag else [],
            "diet": [diet.slug for diet in self.selected_diets],
            "difficulty": [self.difficulty] if self.difficulty else [],
            "max_time": [str(self.max_time)] if self.max_time else [],
        }
        return [
            name
            for name in self.PARAMS
            for value in self.params.getlist(name)
            if value and value not in recognised[name]
        ]

    @staticmethod
    def _by_slug(options: list, slug: str | None):
        return next((option for option in options if option.slug == slug), None)

    @staticmethod
    def _max_time(value: str | None) -> int | None:
        """One of the times the form offers: any other would be a filter the form cannot
        show, and a page-cache entry per number of minutes."""
        return next((minutes for minutes in MAX_TIME_CHOICES if str(minutes) == value), None)

    def apply(self, recipes: QuerySet) -> QuerySet:
        """Narrow a queryset annotated with ``total_time`` (see ``recipe_cards``)."""
        if self.course:
            recipes = recipes.filter(course=self.course)
        if self.cuisine:
            recipes = recipes.filter(cuisine=self.cuisine)
        if self.tag:
            recipes = recipes.filter(tags=self.tag)
        for diet in self.selected_diets:
            recipes = recipes.filter(diets=diet)
        if self.difficulty:
            recipes = recipes.filter(difficulty=self.difficulty)
        if self.max_time:
            recipes = recipes.filter(total_time__lte=self.max_time)
        return recipes

    def _without(self, name: str, value: str | None = None) -> str:
        params = self.params.copy()
        params.pop("page", None)
        if value is None:
            params.pop(name, None)
        else:
            params.setlist(name, [v for v in params.getlist(name) if v != value])
        return params.urlencode()

    @cached_property
    def chips(self) -> list[Chip]:
        chips = []
        if self.course:
            chips.append(Chip(f"Course: {self.course.name}", self._without("course")))
        if self.cuisine:
            chips.append(Chip(f"Cuisine: {self.cuisine.name}", self._without("cuisine")))
        chips += [
            Chip(f"Diet: {diet.name}", self._without("diet", diet.slug))
            for diet in self.selected_diets
        ]
        if self.difficulty:
            label = Difficulty(self.difficulty).label
            chips.append(Chip(f"Difficulty: {label}", self._without("difficulty")))
        if self.max_time:
            chips.append(Chip(f"Ready in {self.max_time} min or less", self._without("max_time")))
        if self.tag:
            chips.append(Chip(f"Tag: {self.tag.name}", self._without("tag")))
        return chips

    @property
    def is_active(self) -> bool:
        return bool(self.chips)

    difficulty_choices = Difficulty.choices
    max_time_choices = MAX_TIME_CHOICES
