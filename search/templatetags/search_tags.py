from django import template
from django.utils.safestring import SafeString

from ..highlight import highlight as highlight_terms

register = template.Library()


@register.filter
def highlight(text: object, terms: str) -> SafeString:
    """``{{ text|highlight:search.terms }}``: escaped, with matching words in ``<mark>``."""
    return highlight_terms(text, terms)
