"""Fixtures shared by the guidance-library tests: the people who use the admin, and the site."""

import pytest

from django.test import Client

from wagtail.models import Site

from tests.factories import UserFactory


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def editor(db):
    """A member of Wagtail's default 'Editors' group: may edit and submit, but not publish."""
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def moderator(db):
    """A member of Wagtail's default 'Moderators' group: approves and publishes."""
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def superuser_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client
