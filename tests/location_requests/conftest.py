from __future__ import annotations

import pytest

from tests.location_requests.factories import LocationRequestPageFactory


@pytest.fixture
def request_page(home_page):
    return LocationRequestPageFactory(parent=home_page)
