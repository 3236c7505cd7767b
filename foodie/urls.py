from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from blog.feeds import ArticlesFeed
from foodie import health
from foodie.api import api_router
from foodie.core import page_saves
from foodie.core.views import robots_txt
from foodie.metrics import views as metrics_views
from recipes.feeds import RecipesFeed
from recipes.views import rate_recipe, rating_token, saved_recipes_worker

urlpatterns = [
    path("health/", health.health, name="health"),
    path("ready/", health.ready, name="ready"),
    path("metrics", metrics_views.metrics, name="metrics"),
    path("django-admin/", admin.site.urls),
    # Wagtail's page create and edit views, one save of a page at a time.
    path("admin/", include(page_saves)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/v2/", api_router.urls),
    path("feeds/recipes.xml", RecipesFeed(), name="recipes_feed"),
    path("feeds/articles.xml", ArticlesFeed(), name="articles_feed"),
    path("saved-recipes-worker.js", saved_recipes_worker, name="saved_recipes_worker"),
    # Readers' ratings: never cached (JSON, CSRF-protected; Nginx limits the POSTs).
    path("ratings/token/", rating_token, name="rating_token"),
    # A page id: at most 10 digits (a longer one names no page, and would overflow).
    re_path(r"^ratings/(?P<recipe_id>[0-9]{1,10})/$", rate_recipe, name="rate_recipe"),
]

if settings.SERVE_MEDIA:
    # The embedded default serves uploads itself; in production Nginx does (nginx/).
    from django.contrib.staticfiles.views import serve as serve_static
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(r"^static/(?P<path>.*)$", serve_static, {"insecure": True}),
        re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]
