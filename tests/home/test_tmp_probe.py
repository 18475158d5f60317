import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

@pytest.mark.parametrize("n", [3, 10])
def test_probe(client, home_page, n):
    for i in range(n):
        StandardPageFactory(parent=home_page, show_in_menus=True)
    client.get(home_page.url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(home_page.url)
    print(n, len(ctx.captured_queries))
    for q in ctx.captured_queries: print(q["sql"][:200])
    assert r.status_code == 200
