"""Pleasant, distinct food illustrations drawn locally with Pillow (no network)."""

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

PALETTES = {
    "tomato": ["#c8361d", "#e85d3f", "#f2a541", "#4f7d33"],
    "greens": ["#4f7d33", "#7fae45", "#c6dd8b", "#f3e3a1"],
    "curry": ["#d98e04", "#f2b134", "#8c3b0f", "#5c8a2e"],
    "berry": ["#7b1e4b", "#b33771", "#f0a6c4", "#3c6e47"],
    "bread": ["#b9782f", "#d9a05b", "#f1d29a", "#7a4a1e"],
    "ocean": ["#1f5f8b", "#f08a4b", "#f6d6ad", "#5b8c5a"],
    "chocolate": ["#4b2a1a", "#7a4a2b", "#c79a6b", "#f4e1c1"],
    "citrus": ["#f5b700", "#f08700", "#8ac926", "#fff1b5"],
}
BACKGROUNDS = ["#f6efe6", "#e9e2d6", "#dfe8e1", "#efe1d9", "#e4e6ee", "#f3ead2"]


@dataclass(frozen=True)
class GeneratedImage:
    content: bytes
    width: int
    height: int


def draw_dish(seed: str, palette: str, width: int = 1600, height: int = 1000) -> GeneratedImage:
    """A top-down plate of food on a table: deterministic for a given seed."""
    rng = random.Random(seed)
    colours = PALETTES[palette]
    image = Image.new("RGB", (width, height), rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)

    # Table texture: soft diagonal stripes.
    stripe = rng.choice(["#00000008", "#ffffff20"])
    for x in range(-height, width, 60):
        draw.line([(x, 0), (x + height, height)], fill=stripe, width=18)

    cx = width // 2 + rng.randint(-width // 8, width // 8)
    cy = height // 2 + rng.randint(-height // 12, height // 12)
    radius = int(min(width, height) * rng.uniform(0.36, 0.42))

    shadow = Image.new("L", (width, height), 0)
    ImageDraw.Draw(shadow).ellipse(
        [cx - radius + 25, cy - radius + 35, cx + radius + 25, cy + radius + 35], fill=90
    )
    image.paste((60, 45, 35), mask=shadow.filter(ImageFilter.GaussianBlur(30)))
    draw = ImageDraw.Draw(image)
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill="#fbfaf7")
    inner = int(radius * 0.78)
    draw.ellipse([cx - inner, cy - inner, cx + inner, cy + inner], fill="#f1eee8")

    # The food: overlapping blobs in the palette, then a scatter of garnish.
    for _ in range(rng.randint(9, 15)):
        r = rng.randint(inner // 6, inner // 3)
        dx, dy = rng.uniform(-0.55, 0.55) * inner, rng.uniform(-0.55, 0.55) * inner
        colour = rng.choice(colours[:3])
        draw.ellipse([cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r], fill=colour)
    for _ in range(rng.randint(25, 45)):
        r = rng.randint(6, 16)
        dx, dy = rng.uniform(-0.7, 0.7) * inner, rng.uniform(-0.7, 0.7) * inner
        draw.ellipse([cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r], fill=colours[3])

    # A fork beside the plate.
    fx = cx + radius + 70 if cx + radius + 120 < width else cx - radius - 90
    draw.rounded_rectangle([fx, cy - radius * 0.7, fx + 22, cy + radius * 0.8], 10, fill="#b8b2a8")
    for tine in range(4):
        tx = fx - 12 + tine * 14
        draw.rounded_rectangle(
            [tx, cy - radius * 0.9, tx + 8, cy - radius * 0.6], 4, fill="#b8b2a8"
        )

    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return GeneratedImage(buffer.getvalue(), width, height)


def draw_portrait(seed: str, width: int = 600, height: int = 600) -> GeneratedImage:
    """A friendly abstract avatar for an author."""
    rng = random.Random(seed)
    palette = PALETTES[rng.choice(sorted(PALETTES))]
    image = Image.new("RGB", (width, height), rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    draw.ellipse([width * 0.18, height * 0.55, width * 0.82, height * 1.2], fill=palette[0])
    draw.ellipse([width * 0.32, height * 0.18, width * 0.68, height * 0.58], fill=palette[2])
    draw.ellipse([width * 0.28, height * 0.12, width * 0.72, height * 0.34], fill=palette[1])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return GeneratedImage(buffer.getvalue(), width, height)
