import pytest

from django.core.cache import cache

from wagtail.models import Page, Site

from tests.factories import GuidanceIndexPageFactory, HomePageFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a fresh worker would."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """A HomePage serving as the default site's root, as in a real install."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"}
    )
    return home


@pytest.fixture
def guidance_index(home_page):
    return GuidanceIndexPageFactory(parent=home_page, slug="guidance")


@pytest.fixture
def publish():
    """Publish a page through Wagtail's normal revision path (fires page_published)."""

    def _publish(page, user=None, **changes):
        for field, value in changes.items():
            setattr(page, field, value)
        revision = page.save_revision(user=user)
        revision.publish(user=user)
        page.refresh_from_db()
        return page

    return _publish
