from django.urls import path

from . import views

# Everything under /search/ stays out of the page cache (foodie.cache.rules).
urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="search_suggest"),
]
