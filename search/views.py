from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from . import popular
from .query import FILTER_FORM_PARAMS, SiteSearch, clean_query
from .suggest import suggestions


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    # The filter form submits every field; "Any" arrives empty. Keep URLs to what is chosen.
    if any("" in request.GET.getlist(name) for name in FILTER_FORM_PARAMS):
        kept = [(name, v) for name, values in request.GET.lists() for v in values if v]
        return redirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)
    search = SiteSearch(request.GET)
    if search.is_plain_first_page:
        popular.record(search.terms)
    response = TemplateResponse(
        request, "search/search.html", {"search": search, "search_query": search.query}
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def suggest(request: HttpRequest) -> JsonResponse:
    query = clean_query(request.GET.get("q"))
    response = JsonResponse({"query": query, "suggestions": suggestions(query, request)})
    # Readers' browsers may reuse an answer while they type; shared caches may not.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
