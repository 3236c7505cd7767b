"""Recipe pages: the index with filters and the recipe itself."""

from datetime import date, timedelta
from math import ceil

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, QueryDict
from django.utils.functional import cached_property

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from foodie.blocks.media import VideoLink, parse_video_url, validate_video_url
from foodie.core.api_fields import (
    AuthorsSerializer,
    NamedListSerializer,
    NamedSerializer,
    TagsSerializer,
)
from foodie.core.models import AuthorCredit
from foodie.core.models.images import optional_image
from foodie.core.pages import (
    CARD_API_RENDITION_SPEC,
    CreditsAuthors,
    FoodiePage,
    HeroImageMixin,
    IndexPage,
    card_renditions,
    shown_to_readers,
)
from foodie.core.rich_results import RichResultsMixin, RichResultsPanel

from ..api import IngredientsSerializer, MethodSerializer, NutritionSerializer, VideoSerializer
from ..blocks import IngredientSectionBlock, MethodStreamBlock, method_sections
from ..structured_data import recipe_json_ld, recipe_rich_result_problems
from .ratings import APPROVED_NOTES, NOTE_MAX_LENGTH, NOTES_PER_PAGE, RatingSummary
from .taxonomy import TAXONOMY_MODELS, Difficulty


def recipe_card_fields(queryset: models.QuerySet, *, diets: bool = True) -> models.QuerySet:
    """Recipes with everything a card shows fetched in a fixed number of queries (the
    diets left to the caller that fetches them with others when ``diets`` is False)."""
    return (
        queryset.select_related("hero_image", "course", "cuisine")
        .prefetch_related(*(["diets"] if diets else []), card_renditions())
        .annotate(total_time=F("prep_minutes") + F("cook_minutes"))
    )


def recipe_cards(queryset: models.QuerySet, *, diets: bool = True) -> models.QuerySet:
    """Live, public recipes, ready for their cards."""
    return recipe_card_fields(shown_to_readers(queryset), diets=diets)


class RecipeIndexPage(IndexPage):
    """Lists recipes as cards, 12 a page, filtered by the reader's choices."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["recipes.RecipePage"]

    filters_class = "recipes.filters.RecipeFilters"
    listing_name = "recipes"
    page_cache_depends_on = TAXONOMY_MODELS

    class Meta:
        verbose_name = "recipe index page"

    def get_listing(self) -> models.QuerySet:
        return recipe_cards(RecipePage.objects.descendant_of(self)).order_by(
            "-first_published_at", "-pk"
        )


# A recipe's video: its address, then what search engines show with it.
VIDEO_DETAILS = ("video_thumbnail", "video_upload_date", "video_duration")


class RecipePageForm(WagtailAdminPageForm):
    """Publish-time checks that a draft may skip."""

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            self._check_video(cleaned_data)
            if not cleaned_data.get("hero_image"):
                self.add_error("hero_image", "This field is required.")
            prep = cleaned_data.get("prep_minutes") or 0
            cook = cleaned_data.get("cook_minutes") or 0
            if prep + cook == 0:
                message = "Give a prep time or a cook time (or both) before publishing."
                self.add_error("prep_minutes", message)
                self.add_error("cook_minutes", message)
        return cleaned_data

    def _check_video(self, cleaned_data: dict) -> None:
        # Search engines show a video with its still and date (VideoObject requires both).
        if cleaned_data.get("video_url"):
            for name in ("video_thumbnail", "video_upload_date"):
                if not cleaned_data.get(name):
                    self.add_error(name, "A recipe's video needs this too.")
        elif "video_url" not in self.errors and any(
            cleaned_data.get(name) for name in VIDEO_DETAILS
        ):
            self.add_error("video_url", "Give the video's address, or clear its details.")


class RecipePage(CreditsAuthors, RichResultsMixin, HeroImageMixin, FoodiePage):
    credits_relation = "recipe_authors"
    summary = models.TextField(
        max_length=300, help_text="One or two sentences: what it is and why it is good."
    )
    prep_minutes = models.PositiveIntegerField("prep time (minutes)", default=0)
    cook_minutes = models.PositiveIntegerField("cook time (minutes)", default=0)
    yield_amount = models.PositiveSmallIntegerField(
        "yield", default=4, help_text="How many the recipe makes, e.g. 4"
    )
    yield_unit = models.CharField(
        max_length=40, default="servings", help_text="e.g. servings, loaves, cookies"
    )
    difficulty = models.CharField(
        max_length=10, choices=Difficulty.choices, default=Difficulty.EASY
    )
    course = models.ForeignKey(
        "recipes.Course", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cuisine = models.ForeignKey(
        "recipes.Cuisine", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diets = ParentalManyToManyField("recipes.Diet", blank=True, related_name="recipes")
    tags = ClusterTaggableManager(through="recipes.RecipePageTag", blank=True)
    ingredients = StreamField(
        [("section", IngredientSectionBlock())],
        block_counts={"section": {"min_num": 1}},
        help_text="One section per part of the dish; the heading is optional.",
    )
    method = StreamField(MethodStreamBlock())
    tips = RichTextField(features=["bold", "italic", "link", "ul", "ol"], blank=True)
    calories = models.PositiveIntegerField("calories (kcal)", null=True, blank=True)
    protein_grams = models.DecimalField(
        "protein (g)", max_digits=6, decimal_places=1, null=True, blank=True
    )
    carbohydrate_grams = models.DecimalField(
        "carbohydrate (g)", max_digits=6, decimal_places=1, null=True, blank=True
    )
    fat_grams = models.DecimalField(
        "fat (g)", max_digits=6, decimal_places=1, null=True, blank=True
    )
    video_url = models.URLField(
        "video",
        blank=True,
        validators=[validate_video_url],
        help_text="A YouTube or Vimeo address. Readers see the still below; the player "
        "loads only when they press play.",
    )
    video_thumbnail = optional_image("The still shown before play, and to search engines.")
    video_upload_date = models.DateField(
        null=True, blank=True, help_text="When the video was first published."
    )
    video_duration = models.DurationField(
        null=True,
        blank=True,
        validators=[MinValueValidator(timedelta(0))],
        help_text="How long it runs, e.g. 4:30 (minutes:seconds).",
    )

    base_form_class = RecipePageForm

    content_panels = [
        RichResultsPanel(heading="Google rich results"),
        *FoodiePage.content_panels,
        FieldPanel("summary"),
        FieldPanel(
            "hero_image",
            help_text="Required to publish. Landscape, at least 1600px wide. "
            "Set its focal point on the image's page.",
        ),
        InlinePanel("recipe_authors", label="Author", heading="Authors", min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prep_minutes"), FieldPanel("cook_minutes")]),
                FieldRowPanel([FieldPanel("yield_amount"), FieldPanel("yield_unit")]),
                FieldPanel("difficulty"),
            ],
            heading="Time and yield",
        ),
        MultiFieldPanel(
            [
                # A plain select: a short list editors pick from, no chooser modal needed.
                FieldRowPanel(
                    [
                        FieldPanel("course", widget=forms.Select),
                        FieldPanel("cuisine", widget=forms.Select),
                    ]
                ),
                FieldPanel("diets", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading="Categories",
        ),
        FieldPanel("ingredients"),
        FieldPanel("method"),
        FieldPanel("tips"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("calories"), FieldPanel("protein_grams")]),
                FieldRowPanel([FieldPanel("carbohydrate_grams"), FieldPanel("fat_grams")]),
            ],
            heading="Nutrition per serving (optional)",
            classname="collapsed",
        ),
        MultiFieldPanel(
            [
                FieldPanel("video_url"),
                FieldPanel("video_thumbnail"),
                FieldRowPanel([FieldPanel("video_upload_date"), FieldPanel("video_duration")]),
            ],
            heading="Video (optional)",
            classname="collapsed",
        ),
        InlinePanel("related_recipes", label="Related recipe", heading="Related recipes"),
    ]
    search_fields = [
        *FoodiePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("ingredients"),
        index.SearchField("method"),
        index.RelatedFields("course", [index.SearchField("name")]),
        index.RelatedFields("cuisine", [index.SearchField("name")]),
        index.RelatedFields("diets", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "recipe_authors", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
        index.FilterField("difficulty"),
        index.FilterField("course"),
        index.FilterField("rich_result_problem_count"),  # the admin listing's filter
        index.FilterField("cuisine"),
    ]

    # The API v2 (docs/api.md): the structured fields, read in a fixed number of queries
    # (api_queryset), narrowed by the recipe index's own filters.
    api_fields = [
        APIField("summary"),
        APIField("prep_minutes"),
        APIField("cook_minutes"),
        APIField("total_minutes"),
        APIField("yield_amount"),
        APIField("yield_unit"),
        APIField("difficulty"),
        APIField("course", serializer=NamedSerializer()),
        APIField("cuisine", serializer=NamedSerializer()),
        APIField("diets", serializer=NamedListSerializer()),
        APIField("tags", serializer=TagsSerializer()),
        APIField("authors", serializer=AuthorsSerializer(source="recipe_authors")),
        APIField("hero_image"),
        # The card's picture as WebP (the saved recipes page builds cards from the API).
        APIField(
            "card_image",
            serializer=ImageRenditionField(CARD_API_RENDITION_SPEC, source="hero_image"),
        ),
        APIField("ingredients", serializer=IngredientsSerializer()),
        APIField("method", serializer=MethodSerializer()),
        APIField("tips"),
        APIField("nutrition", serializer=NutritionSerializer(source="*")),
        APIField("video", serializer=VideoSerializer(source="*")),
    ]
    api_filters_class = "recipes.filters.RecipeFilters"

    parent_page_types = ["recipes.RecipeIndexPage"]
    subpage_types = []

    page_cache_depends_on = TAXONOMY_MODELS  # its related-recipe cards show them
    # Older cook notes, ten a page (?notes=2); page one is the recipe's own URL.
    cache_query_params = ("notes",)
    route_select_related = (
        "hero_image",
        "course",
        "cuisine",
        "video_thumbnail",
        "rating_summary",
    )

    class Meta:
        verbose_name = "recipe"

    @classmethod
    def cards(cls, pages: models.QuerySet) -> models.QuerySet:
        return recipe_cards(pages)

    @classmethod
    def api_queryset(cls, pages: models.QuerySet) -> models.QuerySet:
        """What ``api_fields`` read, fetched with the pages (and the ``total_time`` the
        filters narrow on)."""
        credits = RecipePageAuthor.objects.select_related("author").order_by("sort_order")
        return (
            pages.select_related("hero_image", "course", "cuisine")
            # card_renditions(): one query for any listing, whether or not it asks for
            # card_image (a field filter cannot be seen here).
            .prefetch_related(
                "diets", "tags", Prefetch("recipe_authors", queryset=credits), card_renditions()
            )
            .annotate(total_time=F("prep_minutes") + F("cook_minutes"))
        )

    @property
    def total_minutes(self) -> int:
        return self.prep_minutes + self.cook_minutes

    @cached_property
    def video(self) -> VideoLink | None:
        """The recipe's video, if it has one (the page shows it as the video block does)."""
        return parse_video_url(self.video_url) if self.video_url else None

    @cached_property
    def ingredient_sections(self) -> list:
        return [child.value for child in self.ingredients]

    @cached_property
    def method_sections(self) -> list[dict]:
        """Steps grouped under their section headings, numbered 1..n across sections."""
        return method_sections((child.block_type, child.value) for child in self.method)

    @cached_property
    def related(self) -> list:
        """Related recipes as cards, in the editor's order, in a fixed number of queries.

        Their diets come with the page's own (``get_context``).
        """
        ids = [link.related_id for link in self.related_recipes.all()]
        cards = recipe_cards(RecipePage.objects.filter(pk__in=ids), diets=False).in_bulk()
        return [cards[pk] for pk in ids if pk in cards]

    @cached_property
    def rating(self) -> RatingSummary | None:
        """Its readers' average and count (and newest notes), if anyone has rated it."""
        try:
            summary = self.rating_summary
        except RatingSummary.DoesNotExist:
            return None
        return summary if summary.count else None

    def canonical_query(self, params: QueryDict) -> list[tuple[str, str]]:
        return [pair for pair in super().canonical_query(params) if pair != ("notes", "1")]

    def cook_notes(self, request: HttpRequest) -> dict:
        """The page of approved notes ``?notes=`` asks for (404 if there is none): the
        newest from the summary, read with the page; older ones in one query."""
        number = request.GET.get("notes", "1")
        note_count = self.rating.note_count if self.rating else 0
        pages = max(ceil(note_count / NOTES_PER_PAGE), 1)
        # Only the number as written here ("2", never "02"): one URL per page of notes.
        canonical = number.isascii() and number.isdigit() and not number.startswith("0")
        if not (canonical and len(number) <= 6 and int(number) <= pages):
            raise Http404("There is no such page of cook notes.")
        number = int(number)
        if number == 1:
            notes = self.rating.latest_notes if self.rating else []
        else:
            start = (number - 1) * NOTES_PER_PAGE
            older = self.ratings.filter(APPROVED_NOTES)[start : start + NOTES_PER_PAGE]
            notes = [rating.as_shown() for rating in older]
        return {
            "notes": [{**note, "date": date.fromisoformat(note["date"])} for note in notes],
            "number": number,
            "pages": pages,
        }

    def get_context(self, request, *args, **kwargs):
        # The page's diets and tags are read by its template and its JSON-LD: fetched
        # once here (the diets with the related cards' in the same query). A preview's
        # unsaved choices still win: modelcluster reads them before any prefetch.
        prefetch_related_objects([self, *self.related], "diets")
        prefetch_related_objects([self], "tags")
        cook_notes = self.cook_notes(request)  # first: a page of notes that is not is a 404
        return {
            **super().get_context(request, *args, **kwargs),
            "cook_notes": cook_notes,
            "note_max_length": NOTE_MAX_LENGTH,
        }

    def get_json_ld(self, request) -> dict:
        return recipe_json_ld(self, request)

    def rich_result_problems(self) -> list:
        return recipe_rich_result_problems(self)


class RecipePageAuthor(AuthorCredit):
    page = ParentalKey(RecipePage, on_delete=models.CASCADE, related_name="recipe_authors")


class RecipePageRelated(Orderable):
    recipe = ParentalKey(RecipePage, on_delete=models.CASCADE, related_name="related_recipes")
    related = models.ForeignKey(RecipePage, on_delete=models.CASCADE, related_name="related_from")

    panels = [FieldPanel("related")]
