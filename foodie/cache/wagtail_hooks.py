from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import rules, views


@hooks.register("is_request_cacheable")
def request_cacheable(request, is_cacheable: bool) -> bool:
    return is_cacheable and rules.is_request_cacheable(request)


@hooks.register("is_response_cacheable")
def response_cacheable(response, is_cacheable: bool) -> bool:
    return is_cacheable and rules.is_response_cacheable(response)


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("page-cache/", views.dashboard, name="pagecache_dashboard"),
        path("page-cache/purge-all/", views.purge_everything, name="pagecache_purge_all"),
        path("page-cache/purge/<int:page_id>/", views.purge_page, name="pagecache_purge_page"),
    ]


class PageCacheMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return views.can_purge(request.user)


@hooks.register("register_settings_menu_item")
def page_cache_menu_item():
    return PageCacheMenuItem("Page cache", reverse("pagecache_dashboard"), icon_name="time")


@hooks.register("register_page_header_buttons")
def purge_page_button(page, user, view_name, next_url=None):
    if page.live and views.can_purge(user):
        yield Button(
            "Purge from cache",
            reverse("pagecache_purge_page", args=[page.id]),
            icon_name="time",
            priority=90,
        )
