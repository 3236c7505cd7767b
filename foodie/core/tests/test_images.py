"""Every image a reader sees has alt text: the admin refuses an upload without it."""

import io
import struct
import zlib

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.forms import get_image_form
from wagtail.images.models import Filter
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

from foodie.core.models import FoodieImage
from foodie.core.models.images import _filter_for_spec, parsed_filter


def png_upload(name: str = "soup.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#c8361d").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def form_data(**overrides) -> dict:
    return {
        "title": "Tomato soup",
        "collection": Collection.get_first_root_node().pk,
        "description": "A bowl of tomato soup topped with basil",
        "credit": "Ana Cook",
        "tags": "",
        **overrides,
    }


def test_project_uses_the_foodie_image_model():
    assert get_image_model() is FoodieImage


@pytest.mark.django_db
def test_admin_form_requires_alt_text_and_offers_credit():
    form_class = get_image_form(FoodieImage)
    form = form_class(data=form_data(description=""), files={"file": png_upload()})
    assert not form.is_valid()
    assert list(form.errors) == ["description"]
    assert form.fields["description"].required
    assert form.fields["description"].label.lower() == "alt text"
    assert not form.fields["credit"].required


@pytest.mark.django_db
def test_upload_without_alt_text_shows_an_error_and_creates_nothing(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"), {**form_data(description=""), "file": png_upload()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"] == ["This field is required."]
    assert not FoodieImage.objects.exists()


@pytest.mark.django_db
def test_upload_with_alt_text_creates_the_image(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"), {**form_data(), "file": png_upload()}
    )
    assert response.status_code == 302
    image = FoodieImage.objects.get()
    assert image.default_alt_text == "A bowl of tomato soup topped with basil"
    assert image.credit == "Ana Cook"
    assert (image.width, image.height) == (40, 30)


@pytest.mark.django_db
def test_bulk_upload_holds_the_file_until_alt_text_is_given(admin_client):
    """The multiple uploader (the admin's default "Add an image") cannot skip alt text."""
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": png_upload(), "collection": Collection.get_first_root_node().pk},
    )
    data = response.json()
    assert data["success"] is True
    assert not FoodieImage.objects.exists()
    upload_id = data["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])

    fields = form_data(description="")
    refused = admin_client.post(url, {f"{prefix}-{k}": v for k, v in fields.items()}).json()
    assert refused["success"] is False
    assert not FoodieImage.objects.exists()

    fields = form_data()
    created = admin_client.post(url, {f"{prefix}-{k}": v for k, v in fields.items()}).json()
    assert created["success"] is True
    image = FoodieImage.objects.get(pk=created["image_id"])
    assert image.description == "A bowl of tomato soup topped with basil"


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels over one tiny IDAT chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    pixels = zlib.compress(b"\x00" + b"\x00\x00\x00")  # one filtered row of one pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def bomb_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("bomb.png", png_claiming(65535, 65535), content_type="image/png")


@pytest.mark.django_db
def test_upload_claiming_huge_dimensions_is_a_form_error(admin_client):
    """Pillow refuses to open such a file (DecompressionBombError): a 500 without our field."""
    response = admin_client.post(
        reverse("wagtailimages:add"), {**form_data(), "file": bomb_upload()}
    )
    assert response.status_code == 200
    assert "too many pixels" in response.context["form"].errors["file"][0]
    assert not FoodieImage.objects.exists()


@pytest.mark.django_db
def test_bulk_upload_claiming_huge_dimensions_is_refused(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": bomb_upload(), "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "too many pixels" in data["error_message"]
    assert not FoodieImage.objects.exists()


@pytest.mark.django_db
def test_the_image_tags_parse_each_filter_spec_once(monkeypatch):
    """Wagtail's tags build a new ``Filter`` per spec per render; the image model hands
    them the process's parsed one."""
    parses = []
    parse = Filter.__dict__["operations"].func

    def counted(self):
        parses.append(self.spec)
        return parse(self)

    operations = cached_property(counted)
    operations.__set_name__(Filter, "operations")
    monkeypatch.setattr(Filter, "operations", operations)
    _filter_for_spec.cache_clear()
    image = FoodieImage.objects.create(
        title="Soup", description="A bowl of soup", file=ImageFile(png_upload(), name="soup.png")
    )
    template = Template(
        "{% load wagtailimages_tags %}{% picture image format-{webp,jpeg} fill-37x29 %}"
        "{% image image fill-37x29 %}"
    )
    first = template.render(Context({"image": image}))
    second = template.render(Context({"image": FoodieImage.objects.get(pk=image.pk)}))
    assert first == second
    assert first.count("<source") == 1 and first.count("<img") == 2
    assert sorted(parses) == ["fill-37x29", "format-jpeg|fill-37x29", "format-webp|fill-37x29"]


class Grayscale(Filter):
    """A filter that renders its own way (Wagtail's documented customisation)."""


@pytest.mark.django_db
def test_a_filter_subclass_and_a_bad_spec_keep_their_own_behaviour():
    own = Grayscale(spec="fill-20x20")
    assert parsed_filter(own) is own
    assert parsed_filter(Filter(spec="fill-20x20")) is parsed_filter("fill-20x20")
    image = FoodieImage.objects.create(
        title="Soup", description="A bowl of soup", file=ImageFile(png_upload(), name="soup.png")
    )
    for _ in range(2):  # not cached as parsed
        with pytest.raises(InvalidFilterSpecError):
            image.get_rendition("fill-bogus")


@pytest.mark.django_db
def test_a_rendition_read_from_the_cache_or_a_prefetch_is_not_written_back(monkeypatch):
    """Each write is a round trip to Redis in production: Wagtail 7.4 wrote back every
    rendition ``{% image %}`` asked for, and every one ``{% picture %}`` read from the
    cache. Only renditions read from the database are written."""
    image = FoodieImage.objects.create(
        title="Soup", description="A bowl of soup", file=ImageFile(png_upload(), name="soup.png")
    )
    template = Template(
        "{% load wagtailimages_tags %}{% picture image format-{webp,jpeg} fill-37x29 %}"
        "{% image image fill-20x20 %}"
    )
    backend = FoodieImage.get_rendition_model().cache_backend
    written = set()  # keys: a backend's set_many may call its own set
    set_many, set_one = backend.set_many, backend.set
    monkeypatch.setattr(
        backend, "set_many", lambda d, *a, **k: (written.update(d), set_many(d, *a, **k))[1]
    )
    monkeypatch.setattr(
        backend, "set", lambda key, *a, **k: (written.add(key), set_one(key, *a, **k))[1]
    )

    first = template.render(Context({"image": image}))  # creates and caches all three
    assert len(written) == 3
    written.clear()
    for fresh in (
        FoodieImage.objects.get(pk=image.pk),  # read from the cache
        FoodieImage.objects.prefetch_related("renditions").get(pk=image.pk),
    ):
        assert template.render(Context({"image": fresh})) == first
    assert written == set()
    backend.clear()  # evicted: read from the database, and cached again
    assert template.render(Context({"image": FoodieImage.objects.get(pk=image.pk)})) == first
    assert len(written) == 3
