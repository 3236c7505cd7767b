import re

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from wagtail.models import Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw: str | None) -> str:
    """Strip control characters and whitespace; cap the length a reader can send."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search_terms(query: str) -> str:
    """The words of a query, without punctuation.

    The search backends tokenise on punctuation anyway, but some pass it into their
    query syntax unescaped: SQLite FTS5 fails on a quote or a backslash.
    """
    return " ".join(re.findall(r"\w+", query))


def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q"))
    terms = search_terms(query)
    results = (
        Page.objects.live().public().specific().search(terms) if terms else Page.objects.none()
    )
    # get_page() turns ?page=abc / -1 / 999999 into the first or last page.
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    response = TemplateResponse(
        request, "search/search.html", {"search_query": query, "search_results": page}
    )
    response["X-Robots-Tag"] = "noindex"
    return response
