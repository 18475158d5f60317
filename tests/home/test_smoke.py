import pytest

from tests.factories import GuidancePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_guidance_page_renders(client, guidance_index):
    topic = TopicFactory(name="Child protection", slug="child-protection")
    page = GuidancePageFactory(
        parent=guidance_index, title="Core group meetings", topics=[topic], audiences=["practitioners"]
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert b"Core group meetings" in response.content
    assert b"Child protection" in response.content
