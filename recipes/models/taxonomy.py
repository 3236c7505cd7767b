"""How recipes are classified: the courses, cuisines and diets editors manage as
snippets, free tags, and the difficulty levels."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

# The snippets every recipe card shows: a change to any of them purges the pages with cards.
TAXONOMY_MODELS = ("recipes.Course", "recipes.Cuisine", "recipes.Diet")


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


class TaxonomyTerm(index.Indexed, Orderable):
    """A named, slugged, editor-ordered term."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.name


class Cuisine(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "cuisine"


class Course(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "course"


class Diet(TaxonomyTerm):
    class SchemaDiet(models.TextChoices):
        """schema.org RestrictedDiet values, used in recipe structured data."""

        NONE = "", "None"
        DIABETIC = "DiabeticDiet", "Diabetic"
        GLUTEN_FREE = "GlutenFreeDiet", "Gluten free"
        HALAL = "HalalDiet", "Halal"
        HINDU = "HinduDiet", "Hindu"
        KOSHER = "KosherDiet", "Kosher"
        LOW_CALORIE = "LowCalorieDiet", "Low calorie"
        LOW_FAT = "LowFatDiet", "Low fat"
        LOW_LACTOSE = "LowLactoseDiet", "Low lactose"
        LOW_SALT = "LowSaltDiet", "Low salt"
        VEGAN = "VeganDiet", "Vegan"
        VEGETARIAN = "VegetarianDiet", "Vegetarian"

    schema_diet = models.CharField(
        "schema.org diet",
        max_length=32,
        blank=True,
        choices=SchemaDiet.choices,
        help_text="The schema.org diet this matches, so search engines understand it.",
    )

    panels = [*TaxonomyTerm.panels, FieldPanel("schema_diet")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "diet"

    @property
    def schema_url(self) -> str:
        return f"https://schema.org/{self.schema_diet}" if self.schema_diet else ""


class RecipePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "recipes.RecipePage", on_delete=models.CASCADE, related_name="tagged_items"
    )
