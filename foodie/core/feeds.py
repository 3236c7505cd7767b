"""RSS 2.0 feeds of pages, with the page's image as an enclosure."""

import copy

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

FEED_LENGTH = 20
ENCLOSURE_SPEC = "fill-1200x675|format-jpeg"


class PageFeed(Feed):
    """Subclasses set ``title``, ``description``, ``link``, ``get_pages()`` and
    ``item_summary()``, the page's plain-text summary."""

    feed_type = Rss201rev2Feed

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # urls.py builds one instance that every thread of a worker shares: the request
        # goes on a copy made for this call, never on the shared instance.
        feed = copy.copy(self)
        feed.request = request
        return super(PageFeed, feed).__call__(request, *args, **kwargs)

    def get_pages(self):
        raise NotImplementedError

    def items(self):
        return list(self.get_pages()[:FEED_LENGTH])

    def item_title(self, page) -> str:
        return page.title

    def item_link(self, page) -> str:
        return page.get_full_url(self.request)

    def item_summary(self, page) -> str:
        raise NotImplementedError

    def item_description(self, page) -> str:
        # Feed readers render an RSS description as HTML. The summary is plain text, so
        # it is escaped here, then again by the feed's XML: a reader shows "<b>" or
        # "<script>" in a summary as typed, as the site does.
        return escape(self.item_summary(page))

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def _enclosure(self, page):
        image = getattr(page, "hero_image", None)
        return image.get_rendition(ENCLOSURE_SPEC) if image else None

    def item_enclosure_url(self, page) -> str | None:
        rendition = self._enclosure(page)
        return self.request.build_absolute_uri(rendition.url) if rendition else None

    def item_enclosure_length(self, page) -> int | None:
        rendition = self._enclosure(page)
        return rendition.file.size if rendition else None

    def item_enclosure_mime_type(self) -> str:
        return "image/jpeg"
