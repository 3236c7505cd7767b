from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from foodie.core.pages import without_empty_fields

from . import popular
from .query import FILTER_FORM_PARAMS, SiteSearch, clean_query
from .suggest import suggestions


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    cleaned = without_empty_fields(request, FILTER_FORM_PARAMS)
    if cleaned:
        return cleaned
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
