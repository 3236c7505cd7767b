from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, url: str) -> str:
    """``url`` made absolute against the current request (absolute URLs pass through)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url
