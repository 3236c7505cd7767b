from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


class RejectNulBytesMiddleware:
    """Answer 400, with a page saying why, to an address carrying a NUL byte (``%00``).

    No page uses one, and PostgreSQL refuses NUL in text: passed on to a query it
    is a 500 wherever a view filters by a reader's value (the API's filters, say).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            response = TemplateResponse(
                request,
                "400.html",
                {"reason": "The address contains a NUL character (%00)."},
                status=400,
            )
            return response.render()
        return self.get_response(request)
