"""Popular searches in the admin, for every editor who can promote search results.

Wagtail's own "Search terms" report shows the same counts to superusers only; this one
replaces it in the Reports menu for anyone with a search-promotion permission, so the
editors who choose promotions can see what readers look for.
"""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.permission_policies import ModelPermissionPolicy

PROMOTION_ACTIONS = ["add", "change", "delete"]
promotion_permissions = ModelPermissionPolicy(SearchPromotion)


class PopularSearchesView(SearchTermsReportView):
    page_title = "Popular searches"
    index_url_name = "search_popular"
    index_results_url_name = "search_popular_results"
    permission_policy = promotion_permissions
    any_permission_required = PROMOTION_ACTIONS

    def dispatch(self, request, *args, **kwargs):
        # Skip SearchTermsReportView's superuser-only check; the permission policy applies.
        return ReportView.dispatch(self, request, *args, **kwargs)


class PopularSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return promotion_permissions.user_has_any_permission(request.user, PROMOTION_ACTIONS)


@hooks.register("register_admin_urls")
def register_popular_searches_urls():
    return [
        path("reports/popular-searches/", PopularSearchesView.as_view(), name="search_popular"),
        path(
            "reports/popular-searches/results/",
            PopularSearchesView.as_view(results_only=True),
            name="search_popular_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return PopularSearchesMenuItem(
        "Popular searches",
        reverse("search_popular"),
        name="popular-searches",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_superuser_only_search_terms(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
