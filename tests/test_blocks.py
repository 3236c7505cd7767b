"""Every StreamField block in the project, discovered automatically, plus block logic.

A block added to any of the project's packages is picked up here the day it is
added: it must declare the Meta options editors and the admin previews rely on, and
it must render its own ``preview_value`` into meaningful HTML.
"""

import html
import importlib
import pkgutil
import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from django.urls import reverse

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

import factory
import pytest
from bs4 import BeautifulSoup

from foodie.blocks.links import LinkBlock
from foodie.blocks.media import CaptionedImageBlock, VideoBlock, parse_video_url

PROJECT_PACKAGES = ("foodie", "home", "recipes", "blog", "search")
# Settings modules read the environment (production refuses to import without its
# secrets), search backends import Wagtail's backend for one database vendor only,
# and migrations/tests define no blocks; everything else is imported.
SKIPPED_MODULE_PARTS = {"settings", "migrations", "tests", "wsgi", "backends"}


def _import_project_modules() -> None:
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if SKIPPED_MODULE_PARTS.isdisjoint(module.name.split(".")):
                importlib.import_module(module.name)


def _all_subclasses(cls: type) -> set[type]:
    found = set()
    for subclass in cls.__subclasses__():
        found.add(subclass)
        found |= _all_subclasses(subclass)
    return found


def _is_part_only(cls: type[blocks.Block]) -> bool:
    """A customised field block with no template of its own (a validated CharBlock, say).

    It renders as a plain value inside its parent's template and is never offered to
    editors on its own; test_insertable_blocks_are_all_tested keeps this exemption
    from hiding a block that editors can insert.
    """
    return issubclass(cls, blocks.FieldBlock) and not getattr(cls._meta_class, "template", None)


def discover_block_classes() -> list[type[blocks.Block]]:
    """Block classes defined in the project's own modules.

    StreamBlock subclasses are excluded: they are a field's menu of blocks (such as
    BodyStreamBlock), not a block an editor inserts, and the page tests cover them.
    """
    _import_project_modules()
    found = [
        cls
        for cls in _all_subclasses(blocks.Block)
        if cls.__module__.split(".")[0] in PROJECT_PACKAGES
        and not issubclass(cls, blocks.StreamBlock)
        and not _is_part_only(cls)
    ]
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


def _stream_children(block: blocks.Block):
    """Yield every block that is a direct child of a StreamBlock, at any depth."""
    if isinstance(block, blocks.StreamBlock):
        yield from block.child_blocks.values()
    children = getattr(block, "child_blocks", None)
    if children:
        for child in children.values():
            yield from _stream_children(child)
    child = getattr(block, "child_block", None)  # ListBlock
    if child is not None:
        yield from _stream_children(child)


def insertable_block_classes() -> set[type[blocks.Block]]:
    """Project block classes that editors can insert into some model's StreamField."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                found |= {
                    type(child)
                    for child in _stream_children(field.stream_block)
                    if type(child).__module__.split(".")[0] in PROJECT_PACKAGES
                }
    return found


BLOCK_CLASSES = discover_block_classes()
BLOCK_IDS = [cls.__name__ for cls in BLOCK_CLASSES]


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def text_leaves(value) -> list[str]:
    """The strings inside a (raw) preview value, with any HTML tags removed."""
    if isinstance(value, str):
        return [" ".join(re.sub(r"<[^>]+>", " ", value).split())]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in text_leaves(item)]
    return []


def contains_image(value) -> bool:
    if isinstance(value, AbstractImage):
        return True
    if isinstance(value, dict):
        return any(contains_image(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(contains_image(item) for item in value)
    return False


def raw_preview_value(block: blocks.Block):
    preview = block.meta.preview_value
    return preview() if callable(preview) else preview


def assert_meaningful_render(rendered: str, raw_value) -> None:
    assert rendered.strip().startswith("<"), f"not HTML: {rendered[:200]!r}"
    unescaped = html.unescape(rendered)
    text = " ".join(re.sub(r"<[^>]+>", " ", unescaped).split())
    longest = max(text_leaves(raw_value), key=len)
    assert longest, "the preview value holds no text to look for"
    assert longest in unescaped or longest in text, f"{longest!r} missing from {rendered}"
    if contains_image(raw_value):
        assert re.search(r'<img [^>]*alt="[^"]+"', rendered), "image rendered without alt text"


def test_discovery_finds_the_shared_library():
    """Guards the discovery itself: if it silently found nothing, every test would pass."""
    names = set(BLOCK_IDS)
    assert {
        "HeadingBlock",
        "ParagraphBlock",
        "CaptionedImageBlock",
        "QuoteBlock",
        "VideoBlock",
        "CallToActionBlock",
        "CalloutBlock",
        "TableBlock",
        "LinkBlock",
    } <= names
    assert "BodyStreamBlock" not in names


def test_insertable_blocks_are_all_tested():
    """No block an editor can insert escapes the tests below."""
    untested = insertable_block_classes() - set(BLOCK_CLASSES)
    assert not untested, f"insertable but not tested: {sorted(c.__name__ for c in untested)}"


@pytest.mark.parametrize("block_class", BLOCK_CLASSES, ids=BLOCK_IDS)
def test_block_declares_its_meta(block_class):
    block = block_class()
    meta = block.meta
    assert meta.template == f"blocks/{snake_case(block_class.__name__)}.html"
    get_template(meta.template)  # raises TemplateDoesNotExist
    assert meta.icon and meta.icon != "placeholder", "set an icon"
    assert meta.label, "set a label"
    assert meta.group, "set a group"
    assert getattr(meta, "description", ""), "set a description"
    assert getattr(meta, "preview_value", None) is not None, "set a preview_value"


def project_page_factories() -> dict[type[Page], type[factory.Factory]]:
    """``<Model>Factory`` classes for page models, from each package's factories module."""
    found = {}
    for package_name in PROJECT_PACKAGES:
        try:
            module = importlib.import_module(f"{package_name}.factories")
        except ModuleNotFoundError:
            continue
        for name, candidate in vars(module).items():
            model = getattr(getattr(candidate, "_meta", None), "model", None)
            if (
                isinstance(candidate, type)
                and issubclass(candidate, factory.Factory)
                and isinstance(model, type)
                and issubclass(model, Page)
                and name == f"{model.__name__}Factory"
            ):
                found[model] = candidate
    return found


@pytest.fixture
def preview_content(image, site):
    """What a callable preview value may choose: an image and a live page of each type.

    Pages are made with each app's factories, each under the first page that may
    hold it, so a block that previews a chosen page (a recipe card, say) has one.
    """
    pending = project_page_factories()
    progress = True
    while pending and progress:
        progress = False
        for model, page_factory in list(pending.items()):
            if not model.objects.live().exists():
                parents = Page.objects.type(*model.allowed_parent_page_models()).live()
                parent = next((p for p in parents.specific() if model.can_create_at(p)), None)
                if parent is None:
                    continue
                page_factory(parent=parent)
            del pending[model]
            progress = True
    assert not pending, f"no place to create {sorted(m.__name__ for m in pending)}"


@pytest.fixture
def block(request, block_class):
    """The block, with content in the database when its preview value chooses some."""
    block = block_class()
    if callable(block.meta.preview_value):
        request.getfixturevalue("preview_content")
    return block


@pytest.mark.django_db
@pytest.mark.parametrize("block_class", BLOCK_CLASSES, ids=BLOCK_IDS)
def test_block_renders_its_preview_value(block, rf):
    value = block.get_preview_value()
    rendered = block.render(value, context={"request": rf.get("/")})
    assert_meaningful_render(rendered, raw_preview_value(block))


@pytest.mark.django_db
@pytest.mark.parametrize("block_class", BLOCK_CLASSES, ids=BLOCK_IDS)
def test_block_preview_in_the_admin(block, admin_client):
    """The preview an editor sees in the block picker renders the block's template."""
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    assert_meaningful_render(response.content.decode(), raw_preview_value(block))


# Block logic, tested directly.


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            ("YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ),
        (
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            ("YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ),
        (
            "https://m.youtube.com/watch?v=a_b-c1d2e3f",
            ("YouTube", "https://www.youtube-nocookie.com/embed/a_b-c1d2e3f"),
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            ("YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ),
        (
            "https://vimeo.com/76979871",
            ("Vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        ),
        ("https://www.dailymotion.com/video/x7tgad0", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ", None),
        ("javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_video_url(url, expected):
    link = parse_video_url(url)
    assert (link and (link.provider, link.embed_url)) == expected
    assert link is None or link.url == url


def test_the_player_autoplays_and_the_embed_url_does_not():
    youtube = parse_video_url("https://youtu.be/dQw4w9WgXcQ")
    vimeo = parse_video_url("https://vimeo.com/76979871")

    assert youtube.player_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert vimeo.player_url == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"


def test_video_block_clean_accepts_youtube_and_vimeo():
    block = VideoBlock()
    for url in ("https://youtu.be/dQw4w9WgXcQ", "https://vimeo.com/76979871"):
        value = block.to_python({"url": url, "title": "Folding dumplings", "caption": ""})
        assert block.clean(value)["url"] == url


def test_video_block_clean_rejects_other_hosts():
    block = VideoBlock()
    value = block.to_python(
        {"url": "https://www.dailymotion.com/video/x7tgad0", "title": "Dumplings", "caption": ""}
    )
    with pytest.raises(blocks.StructBlockValidationError) as excinfo:
        block.clean(value)
    assert set(excinfo.value.block_errors) == {"url"}


def test_video_block_context_and_render_use_the_privacy_friendly_player():
    block = VideoBlock()
    value = block.to_python(
        {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Folding dumplings", "caption": "Easy"}
    )
    context = block.get_context(value)
    assert context["video"].provider == "YouTube"
    rendered = block.render(value)
    # The facade names the player but loads nothing from another host until played.
    assert 'data-video-player="https://www.youtube-nocookie.com/embed/' in rendered
    assert "<iframe" not in rendered
    assert "Folding dumplings" in rendered


@pytest.mark.django_db
class TestLinkBlock:
    def clean(self, **raw):
        block = LinkBlock()
        return block.clean(block.to_python({"text": "", "page": None, "url": "", **raw}))

    def test_page_alone_is_valid_and_links_to_the_page(self, home_page):
        value = self.clean(page=home_page.pk)
        assert value.href() == home_page.url
        assert value.link_text() == home_page.title

    def test_url_alone_is_valid(self):
        value = self.clean(url="https://example.com/", text="Elsewhere")
        assert value.href() == "https://example.com/"
        assert value.link_text() == "Elsewhere"

    def test_a_page_that_is_not_live_leads_nowhere(self, home_page):
        """Unpublished, or deleted (the chooser then gives None): "" rather than a 404."""
        from home.factories import StandardPageFactory

        page = StandardPageFactory(parent=home_page)
        assert self.clean(page=page.pk).href() == page.url != ""
        page.unpublish()
        assert self.clean(page=page.pk).href() == ""
        pk = page.pk
        page.delete()
        assert LinkBlock().to_python({"text": "", "page": pk, "url": ""}).href() == ""

    def test_a_page_outside_every_site_leads_nowhere(self, home_page):
        """Wagtail gives such a page no URL (None): the link has no address, not "None"."""
        from home.factories import StandardPageFactory

        outside = StandardPageFactory(parent=Page.get_first_root_node())
        assert outside.live and outside.get_url() is None
        assert self.clean(page=outside.pk).href() == ""

    def test_a_link_to_a_page_that_is_not_live_renders_as_its_text(self, home_page):
        from home.factories import StandardPageFactory

        page = StandardPageFactory(parent=home_page, title="Summer menu")
        assert self.clean(page=page.pk).render_as_block().strip() == (
            f'<a href="{page.url}">Summer menu</a>'
        )
        page.unpublish()
        assert self.clean(page=page.pk).render_as_block().strip() == "Summer menu"

    def test_a_call_to_action_to_a_page_that_is_not_live_has_no_button(self, home_page):
        from foodie.blocks import CallToActionBlock
        from home.factories import StandardPageFactory

        page = StandardPageFactory(parent=home_page)
        block = CallToActionBlock()
        value = block.to_python(
            {"heading": "Summer", "text": "", "link": {"text": "Go", "page": page.pk, "url": ""}}
        )
        assert BeautifulSoup(block.render(value), "html.parser").find("a")["href"] == page.url
        page.unpublish()
        value = block.to_python(
            {"heading": "Summer", "text": "", "link": {"text": "Go", "page": page.pk, "url": ""}}
        )
        rendered = BeautifulSoup(block.render(value), "html.parser")
        assert rendered.find("a") is None
        assert rendered.find("h2").get_text() == "Summer"

    @pytest.mark.parametrize("with_page", [True, False], ids=["both", "neither"])
    def test_both_or_neither_is_an_error(self, home_page, with_page):
        raw = {"page": home_page.pk, "url": "https://example.com/"} if with_page else {}
        with pytest.raises(blocks.StructBlockValidationError) as excinfo:
            self.clean(**raw)
        assert set(excinfo.value.block_errors) == {"page", "url"}
        assert all(isinstance(e, ValidationError) for e in excinfo.value.block_errors.values())


@pytest.mark.django_db
class TestCaptionedImageBlock:
    def render(self, image, **overrides):
        block = CaptionedImageBlock()
        value = block.to_python(
            {"image": image.pk, "caption": "Lunch", "alt_text": "", "credit": "", **overrides}
        )
        return block.get_context(value), block.render(value)

    def test_uses_the_images_own_alt_text_and_credit(self, image):
        context, rendered = self.render(image)
        assert context["alt"] == image.description
        assert context["credit"] == image.credit
        assert f'alt="{image.description}"' in rendered
        assert f"Photo: {image.credit}" in rendered

    def test_alt_text_and_credit_overrides_win(self, image):
        context, rendered = self.render(image, alt_text="A close-up of basil", credit="Ana")
        assert context["alt"] == "A close-up of basil"
        assert context["credit"] == "Ana"
        assert 'alt="A close-up of basil"' in rendered
        assert image.description not in rendered
        assert "Photo: Ana" in rendered

    def test_renders_avif_then_webp_sources_with_dimensions_and_lazy_loading(self, image):
        _, rendered = self.render(image)
        picture = BeautifulSoup(rendered, "html.parser").find("picture")
        sources = picture.find_all("source")
        assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
        assert all(source["srcset"] for source in sources)
        img = picture.find("img")
        assert int(img["width"]) > 0
        assert int(img["height"]) > 0
        assert img["loading"] == "lazy"
