from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Course, Cuisine, Diet


class CuisineViewSet(SnippetViewSet):
    model = Cuisine
    icon = "globe"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    list_filter = {"name": ["icontains"]}


class CourseViewSet(SnippetViewSet):
    model = Course
    icon = "list-ol"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    list_filter = {"name": ["icontains"]}


class DietViewSet(SnippetViewSet):
    model = Diet
    icon = "tick-inverse"
    list_display = ["name", "slug", "schema_diet"]
    search_fields = ["name"]
    list_filter = ["schema_diet"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = "Recipe taxonomy"
    menu_icon = "tag"
    menu_order = 210
    items = (CuisineViewSet, CourseViewSet, DietViewSet)


register_snippet(TaxonomyViewSetGroup)
