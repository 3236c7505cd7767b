"""Publishing pages in tests as editors do in the admin."""

from wagtail.models import Page


def publish(page: Page) -> Page:
    """Publish ``page`` as it stands (fields and child relations) as a new revision,
    as the admin's Publish button does; return it as the database now has it."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page
