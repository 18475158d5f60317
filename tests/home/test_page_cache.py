"""The whole-page cache for anonymous readers (portal/home/page_cache.py): a second reader gets the
same page without a query; any editor's change is seen at once; nothing personal, no form and no
signed-in view is ever kept or shared."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from portal.home import page_cache
from portal.home.models import PartnershipSettings
from tests.factories import GuidancePageFactory, StandardPageFactory, TopicFactory
from tests.reporting.factories import SchoolFactory, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def guidance_page(site, guidance_index):
    PartnershipSettings.for_site(site)  # made on a site's first page view otherwise, a change itself
    return GuidancePageFactory(
        parent=guidance_index,
        slug="core-groups",
        title="Core group meetings",
        summary="Who meets, and when.",
        topics=[TopicFactory(name="Child protection", slug="child-protection")],
    )


def get(client: Client, url: str, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response


def title_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one("h1").get_text(strip=True)


def test_a_second_reader_gets_the_page_from_the_cache_without_a_query(guidance_page):
    first = get(Client(), guidance_page.url)
    with CaptureQueriesContext(connection) as queries:
        second = get(Client(), guidance_page.url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert len(queries.captured_queries) == 0
    assert second.content == first.content
    # The headers added further down the stack are kept with the page.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == first["X-Frame-Options"]
    assert not second.cookies


def test_publishing_a_change_is_seen_at_once(guidance_page, publish):
    get(Client(), guidance_page.url)
    assert get(Client(), guidance_page.url)["X-Page-Cache"] == "hit"

    publish(guidance_page, title="Core group meetings: what to expect")

    response = get(Client(), guidance_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert title_of(response) == "Core group meetings: what to expect"


def test_a_new_menu_item_is_seen_on_every_cached_page(home_page, guidance_page):
    get(Client(), guidance_page.url)

    StandardPageFactory(parent=home_page, title="Training", show_in_menus=True)

    response = get(Client(), guidance_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"Training" in response.content


def test_unpublishing_a_page_takes_it_out_of_the_cache(guidance_page):
    get(Client(), guidance_page.url)

    guidance_page.unpublish()

    assert Client().get(guidance_page.url).status_code == 404


def test_moving_a_page_is_seen_at_once(home_page, guidance_index, guidance_page):
    other = StandardPageFactory(parent=home_page, slug="other", title="Other section")
    get(Client(), guidance_page.url)
    old_url = guidance_page.url

    guidance_page.move(other, pos="last-child")

    moved = Client().get(old_url)
    assert moved.status_code == 301  # Wagtail's automatic redirect, not the cached page
    assert moved["Location"] == "/other/core-groups/"
    assert get(Client(), "/other/core-groups/")["X-Page-Cache"] == "miss"


def test_changing_the_footer_contacts_is_seen_at_once(site, guidance_page):
    get(Client(), guidance_page.url)
    contacts = PartnershipSettings.for_site(site)
    contacts.partnership_phone = "020 7946 0999"
    contacts.save()

    response = get(Client(), guidance_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"020 7946 0999" in response.content


def test_pupils_reports_do_not_clear_the_cache(guidance_page):
    school = SchoolFactory()  # a school is content: adding one starts a new generation
    get(Client(), guidance_page.url)

    make_report(school)  # through the real submission path: report, rollups, route cells

    assert get(Client(), guidance_page.url)["X-Page-Cache"] == "hit"


def test_each_contrast_preference_has_its_own_copy(guidance_page):
    standard = get(Client(), guidance_page.url)
    high_contrast = Client()
    high_contrast.cookies["contrast"] = "high"

    first_high = get(high_contrast, guidance_page.url)
    second_high = get(high_contrast, guidance_page.url)

    assert standard["X-Page-Cache"] == "miss" and first_high["X-Page-Cache"] == "miss"
    assert second_high["X-Page-Cache"] == "hit"
    assert b"contrast-high" in second_high.content
    assert b"contrast-high" not in get(Client(), guidance_page.url).content


def test_addresses_with_a_query_string_are_rendered_each_time(guidance_index, guidance_page):
    """Each query would be a page of its own, so anyone could fill the cache with ?x=1, ?x=2...:
    filtered lists are rendered each time (their menu and footer still come from the cache)."""
    GuidancePageFactory(parent=guidance_index, slug="other", title="Information sharing")
    everything = get(Client(), guidance_index.url)

    for _ in range(2):
        filtered = get(Client(), guidance_index.url + "?topic=child-protection")
        assert "X-Page-Cache" not in filtered
        assert b"Information sharing" not in filtered.content
    assert b"Information sharing" in everything.content
    assert get(Client(), guidance_index.url)["X-Page-Cache"] == "hit"


def test_languages_are_kept_apart(guidance_page):
    from wagtail.models import Locale

    polish = Locale.objects.create(language_code="pl")
    translation = guidance_page.copy_for_translation(polish, copy_parents=True)
    translation.title = "Spotkania grupy"
    translation.save_revision().publish()

    english = get(Client(), guidance_page.url)
    for _ in range(2):
        in_polish = Client().get(translation.url)
    assert english["X-Page-Cache"] == "miss" and in_polish["X-Page-Cache"] == "hit"
    assert b"Spotkania grupy" in in_polish.content and b'lang="pl"' in in_polish.content
    assert b"Spotkania grupy" not in get(Client(), guidance_page.url).content


def test_the_print_date_is_never_yesterdays(guidance_page, monkeypatch):
    get(Client(), guidance_page.url)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(page_cache.timezone, "localdate", lambda: tomorrow)

    assert get(Client(), guidance_page.url)["X-Page-Cache"] == "miss"


def test_a_signed_in_editor_is_never_served_or_stored(editor_client, superuser_client, guidance_page):
    get(Client(), guidance_page.url)  # an anonymous copy is in the cache

    for client in (superuser_client, editor_client, superuser_client):
        response = get(client, guidance_page.url)
        assert "X-Page-Cache" not in response

    anonymous = get(Client(), guidance_page.url)
    assert anonymous["X-Page-Cache"] == "hit"
    assert b"wagtail-userbar" not in anonymous.content


def test_a_page_behind_a_password_is_never_kept(home_page):
    private = StandardPageFactory(parent=home_page, slug="private", title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="pw")

    for _ in range(2):
        response = get(Client(), private.url)
        assert "X-Page-Cache" not in response  # the password form sets a CSRF cookie
        assert b"password" in response.content.lower()


def test_forms_with_a_token_are_never_kept(home_page):
    from tests.reporting.factories import PupilReportPageFactory

    report_page = PupilReportPageFactory(parent=home_page)

    for _ in range(2):
        response = Client().get(report_page.url, follow=True)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


def test_searches_are_never_kept_so_each_is_counted(home_page):
    for _ in range(2):
        response = get(Client(), "/search/?query=neglect")
        assert "X-Page-Cache" not in response


def test_not_found_pages_are_not_kept(home_page):
    for _ in range(2):
        response = Client().get("/no-such-page/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_a_visitor_with_a_session_is_not_served_from_the_cache(guidance_page):
    get(Client(), guidance_page.url)
    with_session = Client()
    with_session.cookies["sessionid"] = "abc"

    assert "X-Page-Cache" not in get(with_session, guidance_page.url)


def test_an_unknown_host_still_gets_djangos_answer(guidance_page):
    assert Client().get(guidance_page.url, HTTP_HOST="evil.example").status_code == 400


def test_off_when_no_seconds_are_set(settings, guidance_page):
    settings.PAGE_CACHE_SECONDS = 0

    for _ in range(2):
        assert "X-Page-Cache" not in get(Client(), guidance_page.url)


def test_hits_say_they_vary_by_cookie(guidance_page):
    miss = get(Client(), guidance_page.url)
    hit = get(Client(), guidance_page.url)

    assert hit["X-Page-Cache"] == "hit"
    assert "Cookie" in hit["Vary"] and "Cookie" in miss["Vary"]


def test_a_change_starts_a_new_generation_again_when_it_commits(guidance_page, django_capture_on_commit_callbacks):
    """A reader who renders the old rows while an editor's change is being committed keeps their
    page in the generation the commit then leaves behind."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        guidance_page.title = "Renamed"
        guidance_page.save_revision().publish()
        during = page_cache.generation()
        get(Client(), guidance_page.url)  # as if read before the commit

    for callback in callbacks:
        callback()
    assert page_cache.generation() != during
    assert get(Client(), guidance_page.url)["X-Page-Cache"] == "miss"


def test_what_editors_and_officers_do_between_publishing_leaves_the_cache_alone(guidance_page, superuser):
    """Saving a draft's revision, audit-log entries, editing sessions, subscriptions and a
    provider's answer on a request show on no public page until something is published."""
    from wagtail.admin.models import EditingSession
    from wagtail.log_actions import log
    from wagtail.models import PageSubscription

    from portal.location_requests import services
    from tests.location_requests.factories import LocationRequestFactory

    location_request = LocationRequestFactory(status="more-information")
    get(Client(), guidance_page.url)

    guidance_page.save_revision(user=superuser)  # a draft
    log(guidance_page, "wagtail.edit", user=superuser)
    EditingSession.objects.create(user=superuser, content_object=guidance_page, last_seen_at="2026-12-07T10:00Z")
    PageSubscription.objects.create(user=superuser, page=guidance_page, comment_notifications=True)
    services.provider_update(location_request, "The address is correct.")

    assert get(Client(), guidance_page.url)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("home.guidancepage", True),
        ("home.partnershipsettings", True),
        ("home.portaldocument", True),
        ("home.guidancepage_topics", True),
        ("toolkit.glossaryterm", True),
        ("reporting.school", True),
        ("wagtailcore.pageviewrestriction", True),
        ("wagtailcore.site", True),
        ("reporting.pupilreport", False),
        ("reporting.hotspotrollup", False),
        ("location_requests.locationrequest", False),
        ("wagtailcore.revision", False),
        ("wagtailcore.modellogentry", False),
        ("wagtailadmin.editingsession", False),
        ("sessions.session", False),
        ("search.searchqueryday", False),
        ("auth.user", False),
    ],
)
def test_which_models_show_on_pages(model, expected):
    from django.apps import apps

    assert page_cache.shows_on_pages(apps.get_model(model)) is expected


def test_nothing_is_kept_when_the_cache_cannot_hold_the_generation(guidance_page, monkeypatch):
    monkeypatch.setattr(page_cache.cache, "get", lambda *args, **kwargs: None)  # as with Redis away

    for _ in range(2):
        assert "X-Page-Cache" not in get(Client(), guidance_page.url)


def test_a_lost_generation_never_brings_back_old_pages(guidance_page, publish):
    """If the cache drops the generation token (eviction, a restart of Redis), a new random token
    is drawn, so no entry of an earlier generation can be served again."""
    get(Client(), guidance_page.url)
    old = page_cache.generation()
    page_cache.cache.delete(page_cache.GENERATION_KEY)

    assert page_cache.generation() != old
    assert get(Client(), guidance_page.url)["X-Page-Cache"] == "miss"


# --- Parts of pages and the site, for the requests the page cache does not serve -----------------


def reader_with_a_session() -> Client:
    """A reader the page cache leaves alone (as it does a pupil in the middle of a form)."""
    client = Client()
    client.cookies["sessionid"] = "not-a-real-session"
    return client


def count_queries(client: Client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as queries:
        response = get(client, url)
    assert "X-Page-Cache" not in response
    return len(queries.captured_queries), response.content


def test_the_menu_breadcrumbs_languages_and_footer_are_rendered_once_per_generation(home_page, guidance_page):
    StandardPageFactory(parent=home_page, title="Training", show_in_menus=True)

    fresh, fresh_html = count_queries(reader_with_a_session(), guidance_page.url)
    again, html = count_queries(reader_with_a_session(), guidance_page.url)

    # The site, menu, breadcrumbs, language links and footer (a query each) come from the cache.
    assert again <= fresh - 5
    assert html == fresh_html
    assert b"Training" in html


def test_a_renamed_section_reaches_the_cached_breadcrumbs_and_menu(home_page, guidance_index, guidance_page, publish):
    guidance_index.show_in_menus = True
    guidance_index.save()
    get(reader_with_a_session(), guidance_page.url)

    publish(guidance_index, title="Procedures and guidance")

    soup = BeautifulSoup(get(reader_with_a_session(), guidance_page.url).content, "html.parser")
    assert "Procedures and guidance" in [link.get_text(strip=True) for link in soup.select("nav.breadcrumbs a")]
    assert "Procedures and guidance" in [link.get_text(strip=True) for link in soup.select("nav.site-nav a")]


@pytest.mark.parametrize("read_first", [True, False], ids=["after-a-reader", "before-any-reader"])
def test_a_draft_seen_in_a_preview_never_reaches_readers(guidance_page, read_first):
    if read_first:
        get(reader_with_a_session(), guidance_page.url)  # the live parts are cached
    guidance_page.title = "Draft title not yet approved"
    guidance_page.summary = "A draft summary"

    preview = guidance_page.make_preview_request()

    assert b"Draft title not yet approved" in preview.content and b"A draft summary" in preview.content
    for client in (reader_with_a_session(), Client(), reader_with_a_session()):
        html = get(client, guidance_page.url).content
        assert b"Draft title not yet approved" not in html and b"A draft summary" not in html
        assert b"Core group meetings" in html


def test_the_review_notice_follows_the_day(guidance_page, monkeypatch):
    guidance_page.next_review_date = datetime.date.today() + datetime.timedelta(days=1)
    guidance_page.save_revision().publish()
    assert b"Review overdue" not in get(reader_with_a_session(), guidance_page.url).content

    later = datetime.date.today() + datetime.timedelta(days=2)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: later)

    assert b"Review overdue" in get(reader_with_a_session(), guidance_page.url).content


def test_a_renamed_site_is_seen_at_once(site, guidance_page):
    get(reader_with_a_session(), guidance_page.url)
    site.site_name = "Northfield Safeguarding Children Partnership"
    site.save()

    assert b"Northfield Safeguarding Children Partnership" in get(reader_with_a_session(), guidance_page.url).content


def test_the_site_is_looked_up_once_per_generation(guidance_page):
    get(reader_with_a_session(), guidance_page.url)
    with CaptureQueriesContext(connection) as queries:
        get(reader_with_a_session(), guidance_page.url)

    assert not [query for query in queries.captured_queries if '"wagtailcore_site"' in query["sql"]]


def test_no_parts_are_kept_when_the_page_cache_is_off(settings, guidance_page):
    settings.PAGE_CACHE_SECONDS = 0
    get(reader_with_a_session(), guidance_page.url)
    with CaptureQueriesContext(connection) as queries:
        get(reader_with_a_session(), guidance_page.url)

    assert [query for query in queries.captured_queries if '"wagtailcore_site"' in query["sql"]]


def test_a_providers_private_status_page_is_never_kept_nor_copied_into_the_contrast_toggle(home_page):
    from django.urls import reverse

    from tests.location_requests.factories import LocationRequestFactory

    location_request = LocationRequestFactory()
    url = reverse("location_request_status", kwargs={"token": location_request.status_token})

    for _ in range(2):
        response = get(Client(), url)
        assert "X-Page-Cache" not in response
    toggle = BeautifulSoup(response.content, "html.parser").select_one("form.contrast-toggle")
    assert toggle.select_one("input[name=next]") is None  # the token stays out of query strings
    assert location_request.status_token not in str(toggle)

    back = Client().get("/preferences/contrast/", {"contrast": "high"}, headers={"referer": f"http://testserver{url}"})
    assert back.status_code == 302 and back["Location"] == f"http://testserver{url}"


# --- shared_part on every page type whose content is the same for every reader ----------------------


@pytest.fixture
def content_pages(home_page, guidance_index, guidance_page):
    from tests.toolkit.factories import (
        GlossaryPageFactory,
        GlossaryTermFactory,
        PracticeBriefingIndexPageFactory,
        PracticeBriefingPageFactory,
        ToolkitIndexPageFactory,
        ToolkitResourcePageFactory,
        YouthHubIndexPageFactory,
        YouthHubPageFactory,
    )

    GlossaryPageFactory(parent=home_page)
    GlossaryTermFactory(term="Core group")
    body = [
        {"type": "heading", "value": {"text": "What happens", "level": "h2"}, "id": "h1"},
        {"type": "text", "value": "<p>The core group meets within ten working days.</p>", "id": "t1"},
        {"type": "heading", "value": {"text": "What happens", "level": "h2"}, "id": "h2"},
    ]
    toolkit = ToolkitIndexPageFactory(parent=home_page)
    briefings = PracticeBriefingIndexPageFactory(parent=home_page)
    youth_hub = YouthHubIndexPageFactory(parent=home_page)
    guidance_page.body = body
    guidance_page.save_revision().publish()
    return [
        guidance_page,
        StandardPageFactory(parent=home_page, slug="worried", title="Worried about a child?", body=body),
        ToolkitResourcePageFactory(parent=toolkit, body=body),
        PracticeBriefingPageFactory(parent=briefings, body=body),
        YouthHubPageFactory(parent=youth_hub, body=body),
    ]


def test_every_page_type_renders_the_same_from_its_cached_parts(settings, content_pages):
    settings.PAGE_CACHE_SECONDS = 0
    plain = {page.url: get(reader_with_a_session(), page.url).content for page in content_pages}
    settings.PAGE_CACHE_SECONDS = 600

    for page in content_pages:
        first, first_html = count_queries(reader_with_a_session(), page.url)
        again, html = count_queries(reader_with_a_session(), page.url)
        assert first_html == plain[page.url] == html, page.url
        assert again < first, page.url
        assert b'id="what-happens"' in html and b'id="what-happens-2"' in html, page.url


def test_each_page_keeps_its_own_content(content_pages):
    for page in content_pages:
        get(reader_with_a_session(), page.url)
    for page in content_pages:
        soup = BeautifulSoup(get(reader_with_a_session(), page.url).content, "html.parser")
        assert soup.select_one("h1").get_text(strip=True) == page.title


def test_shared_part_says_how_to_use_it():
    from django.template import Template, TemplateSyntaxError

    for wrong in ("{% shared_part %}", "{% shared_part footer %}", '{% shared_part "footer" for_everyone %}'):
        with pytest.raises(TemplateSyntaxError, match="shared_part"):
            Template("{% load portal_tags %}" + wrong + "x{% endshared_part %}")
