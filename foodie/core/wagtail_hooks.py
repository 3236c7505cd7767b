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
    list_filter = {"name": ["icontains"], "bio": ["icontains"]}


register_snippet(AuthorViewSet)
