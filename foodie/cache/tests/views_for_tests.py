"""Views that misbehave in the ways the page cache must refuse to store."""

from django.http import HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from foodie.urls import urlpatterns as project_urlpatterns


def sets_cookie(request):
    response = HttpResponse("<p>hello</p>")
    response.set_cookie("flavour", "chocolate")
    return response


def with_cache_control(value):
    def view(request):
        response = HttpResponse("<p>hello</p>")
        response["Cache-Control"] = value
        return response

    return view


def vary_star(request):
    response = HttpResponse("<p>hello</p>")
    response["Vary"] = "*"
    return response


@csrf_exempt
def csrf_form(request):
    # Render a token without setting the cookie (the reader already had one).
    token = get_token(request)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{token}"></form>')


def streaming(request):
    return StreamingHttpResponse(iter([b"<p>", b"stream", b"</p>"]))


def not_modified(request):
    return HttpResponseNotModified()


def plain(request):
    return HttpResponse("<p>cacheable</p>")


urlpatterns = [
    path("t/cookie/", sets_cookie),
    path("t/no-store/", with_cache_control("No-Store")),
    path("t/private/", with_cache_control("PRIVATE, max-age=60")),
    path("t/no-cache/", with_cache_control("No-Cache")),
    path("t/vary-star/", vary_star),
    path("t/csrf/", csrf_form),
    path("t/stream/", streaming),
    path("t/not-modified/", not_modified),
    path("t/plain/", plain),
    *project_urlpatterns,
]
