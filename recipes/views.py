from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def saved_recipes_worker(request: HttpRequest) -> HttpResponse:
    """The saved recipes page's service worker, served from the site's root so that it
    may control that page wherever editors put it (a worker's scope cannot be above
    its own path). Browsers check it for updates on every visit."""
    response = render(
        request,
        "recipes/saved_recipes_worker.js",
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response
