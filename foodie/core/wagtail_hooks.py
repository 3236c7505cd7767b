from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


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
