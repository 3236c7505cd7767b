"""Title suggestions for the search box, from Wagtail's autocomplete (prefix) index."""

from django.http import HttpRequest

from foodie.core.search_text import search_terms

from .query import result_type_of, searchable_pages

MIN_SUGGEST_LENGTH = 2
MAX_SUGGESTIONS = 8


def suggestions(query: str, request: HttpRequest) -> list[dict[str, str]]:
    """Up to eight live, public pages whose title words start with what was typed.

    One query: titles and URLs come from the base ``Page`` rows (the URL from Wagtail's
    cached site root paths), so no specific page is loaded.
    """
    terms = search_terms(query)
    if len(terms) < MIN_SUGGEST_LENGTH:
        return []
    pages = searchable_pages().only("id", "title", "url_path", "content_type_id")
    found = list(pages.autocomplete(terms)[:MAX_SUGGESTIONS])
    # Titles that start with what was typed first ("Chickpea curry" before "Roast chicken").
    first_word = terms.split()[0].lower()
    found.sort(key=lambda page: not page.title.lower().startswith(first_word))
    return [
        {"title": page.title, "url": page.get_url(request), "type": result_type_of(page).singular}
        for page in found
    ]
