"""One name per concept: editors see "article", so the classes say Article too.

RenameModel keeps the rows, and Django renames the content types with the models, so
existing pages keep their type, revisions and search entries.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_hero_image_contract"),
        # Home's featured articles point at the page model: rename after they exist.
        ("home", "0003_homepagefeaturedarticle_homepagefeaturedrecipe"),
    ]

    operations = [
        migrations.RenameModel("BlogIndexPage", "ArticleIndexPage"),
        migrations.RenameModel("BlogPage", "ArticlePage"),
        migrations.RenameModel("BlogPageAuthor", "ArticlePageAuthor"),
        migrations.RenameModel("BlogPageTag", "ArticlePageTag"),
    ]
