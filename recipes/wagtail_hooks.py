from django.urls import reverse

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.site_summary import SummaryItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import django_filters

from foodie.core.rich_results_admin import RichResultsListingViewSet

from .models import Course, Cuisine, Diet, Rating, RecipePage
from .ratings import moderate


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


class RatingFilterSet(WagtailFilterSet):
    recipe = django_filters.ModelChoiceFilter(
        queryset=RecipePage.objects.order_by("title"), label="Recipe"
    )
    has_note = django_filters.BooleanFilter(label="With a note", method="filter_has_note")

    class Meta:
        model = Rating
        fields = ["status", "recipe", "made_it"]

    def filter_has_note(self, queryset, name, value):
        return queryset.exclude(note="") if value else queryset.filter(note="")


class RatingPermissionPolicy(ModelPermissionPolicy):
    """Readers write ratings; editors moderate and delete them, never add or copy one."""

    def user_has_permission(self, user, action: str) -> bool:
        return action != "add" and super().user_has_permission(user, action)


class RatingViewSet(SnippetViewSet):
    """Readers' ratings and cook notes: editors approve or reject the notes (one at a
    time in the edit form, or several with the listing's bulk actions)."""

    model = Rating
    copy_view_enabled = False
    icon = "pick"
    menu_label = "Ratings & notes"
    menu_order = 195
    add_to_admin_menu = True
    list_display = ["__str__", "recipe", "stars", "made_it", "status", "created_at"]
    list_export = ["recipe", "stars", "made_it", "note", "status", "created_at"]
    filterset_class = RatingFilterSet
    search_fields = ["note"]
    search_backend_name = None  # the ORM's icontains (see TaxonomyViewSet)
    ordering = ["-created_at"]
    inspect_view_enabled = True

    @property
    def permission_policy(self) -> RatingPermissionPolicy:
        return RatingPermissionPolicy(self.model)

    def get_queryset(self, request):
        return Rating.objects.select_related("recipe")


register_snippet(RatingViewSet)


class ModerateNotesBulkAction(SnippetBulkAction):
    """Approve or reject the selected ratings' notes (those without a note are left)."""

    models = [Rating]
    template_name = "recipes/admin/confirm_bulk_moderation.html"
    status: str
    done: str  # "approved"

    def check_perm(self, obj) -> bool:
        return self.request.user.has_perm("recipes.change_rating")

    @classmethod
    def execute_action(cls, objects, **kwargs) -> tuple[int, int]:
        return moderate(objects, kwargs["self"].status), 0

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "verb": self.display_name}

    def get_success_message(self, num_parent_objects: int, num_child_objects: int) -> str:
        notes = "cook note" if num_parent_objects == 1 else "cook notes"
        return f"{self.done.capitalize()} {num_parent_objects} {notes}."


class ApproveNotesBulkAction(ModerateNotesBulkAction):
    display_name = "Approve"
    action_type = "approve_notes"
    aria_label = "Approve the selected cook notes"
    action_priority = 10
    status = Rating.Status.APPROVED
    done = "approved"


class RejectNotesBulkAction(ModerateNotesBulkAction):
    display_name = "Reject"
    action_type = "reject_notes"
    aria_label = "Reject the selected cook notes"
    action_priority = 20
    status = Rating.Status.REJECTED
    done = "rejected"


hooks.register("register_bulk_action", ApproveNotesBulkAction)
hooks.register("register_bulk_action", RejectNotesBulkAction)


class PendingNotesSummaryItem(SummaryItem):
    """The dashboard's count of cook notes waiting for an editor."""

    order = 250
    template_name = "recipes/admin/pending_notes_summary.html"

    def is_shown(self) -> bool:
        return self.request.user.has_perm("recipes.change_rating")

    def get_context_data(self, parent_context) -> dict:
        pending = Rating.objects.filter(status=Rating.Status.PENDING).exclude(note="")
        return {
            "pending": pending.count(),
            "url": reverse(Rating.snippet_viewset.get_url_name("list")) + "?status=pending",
        }


@hooks.register("construct_homepage_summary_items")
def add_pending_notes(request, summary_items: list) -> None:
    summary_items.append(PendingNotesSummaryItem(request))
