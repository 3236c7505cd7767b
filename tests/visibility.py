"""Pages readers must never be shown: a draft, a password- and a login-restricted page.

Every place that shows other pages (cards, listings, feeds, sitemap, search, the API)
has a test that makes these beside a live, public page and checks only that one shows.
"""

from collections.abc import Callable

from wagtail.models import Page, PageViewRestriction


def hidden_pages(factory: Callable[..., Page], parent: Page, name: str, **fields) -> list[Page]:
    """A draft, a password-protected and a login-protected page of ``factory``'s type
    under ``parent``, titled "Draft <name>", "Password <name>" and "Login <name>"."""
    draft = factory(parent=parent, title=f"Draft {name}", live=False, **fields)
    password = factory(parent=parent, title=f"Password {name}", **fields)
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    login = factory(parent=parent, title=f"Login {name}", **fields)
    PageViewRestriction.objects.create(page=login, restriction_type=PageViewRestriction.LOGIN)
    return [draft, password, login]


def assert_not_shown(text: str, pages: list[Page]) -> None:
    """Neither the title nor the URL path of any of ``pages`` is in ``text``."""
    for page in pages:
        assert page.title not in text, f"{page.title!r} is shown"
        assert f"/{page.slug}/" not in text, f"{page.slug!r} is linked"
