from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from foodie.core.rich_results_admin import RichResultsListingViewSet

from .models import Course, Cuisine, Diet, RecipePage


class TaxonomyViewSet(SnippetViewSet):
    """Listing, search and filter for a taxonomy term; editors drag to reorder."""

    list_display = ["name", "slug"]
    search_fields = ["name"]
    # Search with the ORM (icontains), not the search backend: the SQLite backend
    # cannot restrict a search to named fields and fails with "no such column".
    search_backend_name = None
    list_filter = {"name": ["icontains"]}


class CuisineViewSet(TaxonomyViewSet):
    model = Cuisine
    icon = "globe"


class CourseViewSet(TaxonomyViewSet):
    model = Course
    icon = "list-ol"


class DietViewSet(TaxonomyViewSet):
    model = Diet
    icon = "tick-inverse"
    list_display = ["name", "slug", "schema_diet"]
    list_filter = ["schema_diet"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = "Recipe taxonomy"
    menu_icon = "tag"
    menu_order = 210
    items = (CuisineViewSet, CourseViewSet, DietViewSet)


register_snippet(TaxonomyViewSetGroup)


class RecipeListingViewSet(RichResultsListingViewSet):
    """Every recipe in one list, with what each lacks for Google's rich results."""

    model = RecipePage
    icon = "pick"
    menu_label = "Recipes"
    menu_order = 190


@hooks.register("register_admin_viewset")
def register_recipe_listing() -> RecipeListingViewSet:
    return RecipeListingViewSet("recipe_pages")
