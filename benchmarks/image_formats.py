"""Bytes per image format for the demo images' card and hero renditions.

Run: .venv/bin/python benchmarks/image_formats.py (a throwaway test database; set
DATABASE_URL for PostgreSQL). Loads the demo content, makes each recipe's and
article's hero image in the sizes the templates ask for, in AVIF, WebP and JPEG, and
prints total and median bytes per format (a Markdown table for RESULTS.md).
"""

import statistics

from scratch_db import scratch_database  # benchmarks/scratch_db.py

FORMATS = ("avif", "webp", "jpeg")
# (what, the resize operation of its {% picture %}): card, and the largest hero sizes.
RENDITIONS = (
    ("card 480x360", "fill-480x360-c75"),
    ("recipe hero 1200x750", "fill-1200x750-c80"),
    ("article hero 1200x675", "fill-1200x675-c80"),
)


def main() -> None:
    with scratch_database():
        measure()


def measure() -> None:
    from django.core.management import call_command

    from blog.models import ArticlePage
    from recipes.models import RecipePage

    call_command("load_demo_content", verbosity=0)
    images = {
        page.hero_image
        for model in (RecipePage, ArticlePage)
        for page in model.objects.live().select_related("hero_image")
        if page.hero_image
    }
    print(f"{len(images)} demo hero images\n")
    print("| Rendition | Format | Total bytes | Median bytes | vs JPEG |")
    print("|---|---|---:|---:|---:|")
    for label, operation in RENDITIONS:
        sizes = {
            fmt: [image.get_rendition(f"{operation}|format-{fmt}").file.size for image in images]
            for fmt in FORMATS
        }
        for fmt in FORMATS:
            total = sum(sizes[fmt])
            share = total / sum(sizes["jpeg"])
            median = statistics.median(sizes[fmt])
            print(f"| {label} | {fmt} | {total:,} | {median:,.0f} | {share:.0%} |")


if __name__ == "__main__":
    main()
