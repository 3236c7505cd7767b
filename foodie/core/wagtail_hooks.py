from django.utils.html import escape

from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from foodie.blocks.links import live_page_url

from .models import Author


class LivePageLinkHandler(PageLinkHandler):
    """Rich-text links to pages, as Wagtail's, except that a link to a page that is not
    live (or is outside every site) keeps its text but has no address: Wagtail's own
    links it, and readers would follow it to a 404. Unpublishing the page purges the
    pages that link to it (the reference index)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        urls = (live_page_url(page.localized) if page else "" for page in cls.get_many(attrs_list))
        return [f'<a href="{escape(url)}">' if url else "<a>" for url in urls]


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own "page"
def register_live_page_links(features) -> None:
    features.register_link_type(LivePageLinkHandler)


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name", "bio"]
    # Search with the ORM (icontains), not the search backend: the SQLite backend
    # cannot restrict a search to named fields and fails with "no such column".
    search_backend_name = None
    list_filter = {"name": ["icontains"], "bio": ["icontains"]}


register_snippet(AuthorViewSet)
