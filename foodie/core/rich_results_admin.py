"""The page listings where editors find pages with rich-result problems
(``foodie.core.rich_results``): one per page type, registered by its app's
``wagtail_hooks``."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

import django_filters


class RichResultsFilterSet(PageFilterSet):
    rich_results = django_filters.BooleanFilter(
        label=gettext_lazy("Has rich-result problems"), method="filter_rich_results"
    )

    def filter_rich_results(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        # Pages not checked yet (None) are in neither answer.
        if value:
            return queryset.filter(rich_result_problem_count__gt=0)
        return queryset.filter(rich_result_problem_count=0)


class RichResultsListingViewSet(PageListingViewSet):
    """A flat listing of one page type with its rich-result problems, filterable by
    them; a subclass sets ``model``, ``menu_label`` and ``icon``."""

    add_to_admin_menu = True
    columns = [
        *PageListingViewSet.columns,
        Column(
            "rich_result_problem_count",
            label=gettext_lazy("Rich-result problems"),
            sort_key="rich_result_problem_count",
        ),
    ]

    filterset_class = RichResultsFilterSet
