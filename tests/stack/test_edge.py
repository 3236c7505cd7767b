"""What Nginx does at the edge: files, headers, hosts, forwarded headers, limits."""

import re
import socket
import ssl
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup

from tests.servers import SourceAddressAdapter

HASHED = re.compile(r"\.[0-9a-f]{12}\.[a-z0-9]+$")


def page_assets(client, url: str) -> tuple[BeautifulSoup, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    sources = [
        tag.get("src") or tag.get("href")
        for tag in soup.select("script[src], img[src], link[href]")
    ]
    return soup, [s for s in sources if s]


def test_static_files_are_served_by_nginx_compressed_and_immutable(stack, client):
    _, sources = page_assets(client, stack.url + "/")
    css = next(s for s in sources if s.startswith("/static/") and s.endswith(".css"))
    assert HASHED.search(css), css

    response = client.get(stack.url + css, headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/css"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # The precompressed file written after collectstatic (gzip_static), not Django.
    assert response.headers["Content-Encoding"] == "gzip"
    assert "X-Wagtail-Cache" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_unhashed_static_names_are_cached_briefly(stack, client):
    response = client.get(stack.url + "/static/foodie/css/foodie.css")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=3600"


def test_image_renditions_are_served_with_nosniff_and_a_sandbox(stack, client):
    """On disk, Nginx serves them; in a bucket (MEDIA=s3) pages link to the bucket
    and Nginx serves none."""
    media = stack.media
    _, sources = page_assets(client, stack.url + "/")
    image = next(s for s in sources if s.startswith(media.url_prefix + "images/"))

    if media.in_bucket:
        response = requests.get(image, timeout=10)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "image/jpeg"
        name = image.removeprefix(media.url_prefix)
        assert client.get(f"{stack.url}/media/{name}").status_code == 404
        return
    response = client.get(stack.url + image)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.headers["Cache-Control"] == "max-age=604800"


def test_original_images_and_documents_are_not_served_from_disk(stack, client):
    name = stack.media.keys("original_images/")[0].removeprefix("original_images/")

    assert client.get(f"{stack.url}/media/original_images/{name}").status_code == 404
    assert client.get(f"{stack.url}/media/documents/anything.pdf").status_code == 404
    assert client.get(f"{stack.url}/media/images/../original_images/{name}").status_code == 404


def test_documents_download_through_django_as_attachments(stack, client):
    document_url = stack.shell(
        "from django.core.files.base import ContentFile;"
        "from wagtail.documents import get_document_model;"
        "D = get_document_model();"
        "d = D(title='Stack test menu');"
        "d.file.save('stack-test-menu.pdf', ContentFile(b'%PDF-1.4 stack test'), save=False);"
        "d.save(); print(d.url)"
    )

    response = client.get(stack.url + document_url)

    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.content == b"%PDF-1.4 stack test"


def test_pages_go_through_the_edge_cache_gunicorn_and_the_page_cache(stack, client):
    url = stack.url + "/recipes/"
    client.get(url)

    response = client.get(url)

    assert response.status_code == 200
    assert response.headers["X-Edge-Cache"] == "HIT"
    assert response.headers["X-Wagtail-Cache"] in ("miss", "hit")  # as the app sent it
    assert response.headers["Server"] == "nginx"
    # Behind it, the page cache (the edge may have answered without asking the app).
    stack.app_get("/recipes/")
    assert stack.app_get("/recipes/").headers["X-Wagtail-Cache"] == "hit"


def test_pages_carry_the_security_headers(stack, client):
    response = client.get(stack.url + "/")

    headers = response.headers
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    # Django and Nginx never both send one.
    for name in ("Strict-Transport-Security", "X-Frame-Options", "X-Content-Type-Options"):
        assert len(response.raw.headers.getlist(name)) == 1, name


@pytest.mark.parametrize("path", ["/", "/recipes/", "/articles/"])
def test_public_pages_satisfy_their_content_security_policy(stack, client, path):
    """No inline script or style and nothing from another origin: what the CSP allows."""
    soup, sources = page_assets(client, stack.url + path)

    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", script
    assert not soup.find_all("style")
    assert not soup.select("[style]")
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    media = stack.media
    policy = client.get(stack.url + path).headers["Content-Security-Policy"]
    for source in sources:
        absolute = urljoin(stack.url + path, source)
        if soup.find("link", href=source, rel=lambda r: r and "canonical" in r):
            continue
        if media.in_bucket and absolute.startswith(media.url_prefix):
            # Images from the bucket (MEDIA=s3): its origin is in img-src (NGINX_MEDIA_ORIGIN).
            origin = media.url_prefix.removesuffix(f"{media.bucket}/").rstrip("/")
            image_sources = next(d for d in policy.split(";") if d.strip().startswith("img-src"))
            assert origin in image_sources.split(), (source, image_sources)
            continue
        assert urlsplit(absolute).netloc == urlsplit(stack.url).netloc, source


def test_the_admin_gets_a_looser_policy(stack, client):
    response = client.get(stack.url + "/admin/login/")

    assert response.status_code == 200
    assert "'unsafe-inline'" in response.headers["Content-Security-Policy"]


def test_http_redirects_to_https(stack):
    response = requests.get(stack.http_url + "/recipes/?page=2", allow_redirects=False)

    assert response.status_code == 301
    assert response.headers["Location"] == stack.url + "/recipes/?page=2"


def test_unknown_hosts_get_no_answer(stack):
    host, port = urlsplit(stack.url).hostname, urlsplit(stack.url).port
    # Over HTTP: the default server closes the connection without a response.
    with pytest.raises(requests.ConnectionError):
        requests.get(stack.http_url + "/", headers={"Host": "evil.example"})
    # Over HTTPS, asking for our certificate but another Host: no response either.
    with pytest.raises(requests.ConnectionError):
        requests.get(stack.url + "/", headers={"Host": "evil.example"}, verify=stack.ca)
    # And naming another host in the TLS handshake gets no certificate at all.
    context = ssl.create_default_context(cafile=stack.ca)
    context.check_hostname = False
    with socket.create_connection(("127.0.0.1", port)) as raw, pytest.raises(ssl.SSLError):
        context.wrap_socket(raw, server_hostname="evil.example")
    assert host == "localhost"


def test_forged_forwarding_headers_are_replaced(stack, client):
    forged = {
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "http",
        "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Ssl": "off",
        "Forwarded": "for=203.0.113.9;host=evil.example;proto=http",
    }

    response = client.get(stack.url + "/robots.txt", headers=forged, allow_redirects=False)

    # Still HTTPS to Django (no redirect to https), and its own host in absolute URLs.
    assert response.status_code == 200
    assert "Sitemap: https://localhost/sitemap.xml" in response.text
    assert "evil.example" not in response.text


@pytest.mark.parametrize("path", ["/metrics", "/stub_status"])
def test_internal_endpoints_are_404_from_outside(stack, client, path):
    assert client.get(stack.url + path).status_code == 404
    # The status port answers only the internal network (127.0.0.2 here).
    assert requests.get(stack.status_url + path).status_code == 404


def test_stub_status_answers_the_internal_network(stack):
    session = requests.Session()
    session.mount("http://", SourceAddressAdapter(stack.state["internal_address"]))

    response = session.get(stack.status_url + "/stub_status")

    assert response.status_code == 200
    assert "Active connections" in response.text


def test_oversized_request_bodies_are_refused_by_nginx(stack, client):
    body = b"x" * (14 * 1024 * 1024)

    response = client.post(stack.url + "/search/", data=body)

    assert response.status_code == 413
    assert response.headers["Server"] == "nginx"


def test_health_and_ready_are_never_cached(stack, client):
    for path in ("/health/", "/ready/"):
        first = client.get(stack.url + path)
        second = client.get(stack.url + path)
        assert first.status_code == second.status_code == 200
        assert "no-store" in second.headers["Cache-Control"]
        assert second.headers.get("X-Wagtail-Cache") in (None, "skip")
    assert client.get(stack.url + "/ready/").json()["checks"]["database"]["status"] == "ok"
