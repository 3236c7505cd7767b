from collections.abc import Iterable

from django import template

from foodie.blocks.links import LinkValue
from foodie.core.structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, url: str) -> str:
    """``url`` made absolute against the current request (absolute URLs pass through)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def link_href(context: template.Context, link: LinkValue) -> str:
    """A link block's address (``LinkValue.href``) for the current request; "" for a
    link that leads nowhere."""
    return link.href(context.get("request"))


@register.simple_tag(takes_context=True)
def links_leading_somewhere(context: template.Context, links: Iterable) -> list:
    """The items of a StreamField of link blocks (the main menu) that have an address:
    a link to a page that is not live is left out until it is again."""
    request = context.get("request")
    return [item for item in links if item.value.href(request)]


@register.simple_tag
def json_ld(data) -> str:
    """Emit ``data`` as a safe ``application/ld+json`` script element."""
    return json_ld_script(data) if data else ""
