"""Small get-or-create helpers every part of the demo loader shares."""

import io

from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Page

from .images import draw_dish, draw_portrait


def demo_image(title: str, alt: str, palette: str, *, portrait: bool = False):
    """Get or create a generated image by title."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    drawn = draw_portrait(title) if portrait else draw_dish(title, palette)
    image = Image(
        title=title,
        description=alt,
        credit="Foodie demo illustration",
        file=ImageFile(io.BytesIO(drawn.content), name=f"{slugify(title)}.jpg"),
    )
    image.save()
    return image


def ensure_child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """Return the live child page with this slug, creating and publishing it if needed."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
