"""The site shell every public page shares: navigation, breadcrumbs, skip link, footer contacts,
the contrast toggle (which works without JavaScript), quick exit, the print notice, security
headers and the error and health-check pages."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import dateformat, timezone

from wagtail.models import PageViewRestriction

from portal.home.models import PartnershipSettings
from tests.factories import (
    GuidancePageFactory,
    LeafletIndexPageFactory,
    PortalDocumentFactory,
    RecentUpdatesPageFactory,
    StandardPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

CONTRAST_URL = "/preferences/contrast/"


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def menu_titles(response) -> list[str]:
    nav = soup_of(response).select_one("nav.site-nav")
    return [link.get_text(strip=True) for link in nav.select("a")] if nav else []


@pytest.fixture
def guidance_page(guidance_index):
    topic = TopicFactory(name="Neglect", slug="neglect")
    video = {
        "title": "Neglect explained",
        "url": "https://www.youtube.com/watch?v=abc123",
        "text_alternative": "<p>What neglect looks like.</p>",
    }
    return GuidancePageFactory(
        parent=guidance_index,
        slug="neglect-toolkit",
        title="Neglect toolkit",
        topics=[topic],
        audiences=["practitioners"],
        body=[{"type": "video_link", "value": video, "id": "video"}],
    )


@pytest.fixture
def every_public_page(home_page, guidance_index, guidance_page):
    """One live page of each public page type."""
    PortalDocumentFactory(title="Keeping safe online", audiences=["children-and-young-people"])
    return [
        home_page,
        StandardPageFactory(parent=home_page, slug="about", title="About the partnership"),
        guidance_index,
        guidance_page,
        LeafletIndexPageFactory(parent=home_page, slug="leaflets"),
        RecentUpdatesPageFactory(parent=home_page, slug="recent-updates"),
    ]


# --- Navigation ---------------------------------------------------------------------------------


def test_menu_lists_only_live_children_of_the_home_page_marked_show_in_menus(client, home_page):
    about = StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Not in the menu", show_in_menus=False)
    StandardPageFactory(parent=home_page, title="Draft section", show_in_menus=True, live=False)
    private = StandardPageFactory(parent=home_page, title="Staff only", show_in_menus=True)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    StandardPageFactory(parent=about, title="Grandchild page", show_in_menus=True)
    LeafletIndexPageFactory(parent=home_page, title="Leaflets", show_in_menus=True)

    response = client.get(home_page.url)

    assert response.status_code == 200
    assert menu_titles(response) == ["About us", "Leaflets"]


def test_menu_marks_the_section_of_the_current_page(client, home_page, guidance_index, guidance_page):
    StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)

    response = client.get(guidance_page.url)

    nav = soup_of(response).select_one("nav.site-nav")
    current = nav.select("a[aria-current]")
    assert [link.get_text(strip=True) for link in current] == [guidance_index.title]
    assert current[0]["href"] == guidance_index.url


def test_home_page_query_count_does_not_grow_with_the_menu(client, home_page):
    def count_queries() -> int:
        client.get(home_page.url)  # warm per-process caches (site root paths, locales)
        with CaptureQueriesContext(connection) as context:
            response = client.get(home_page.url)
        assert response.status_code == 200
        return len(context.captured_queries)

    for _ in range(3):
        StandardPageFactory(parent=home_page, show_in_menus=True)
    with_three = count_queries()
    for _ in range(7):
        StandardPageFactory(parent=home_page, show_in_menus=True)
    with_ten = count_queries()

    assert len(menu_titles(client.get(home_page.url))) == 10
    assert with_ten == with_three


def test_home_page_renders_in_a_bounded_number_of_queries(client, home_page, django_assert_max_num_queries):
    for _ in range(10):
        StandardPageFactory(parent=home_page, show_in_menus=True)
    client.get(home_page.url)
    with django_assert_max_num_queries(15):
        client.get(home_page.url)


# --- Breadcrumbs, skip link -----------------------------------------------------------------------


def test_breadcrumbs_show_the_ancestors_and_the_current_page(client, home_page, guidance_index, guidance_page):
    response = client.get(guidance_page.url)

    crumbs = soup_of(response).select_one("nav.breadcrumbs")
    assert crumbs is not None
    links = [(a.get_text(strip=True), a["href"]) for a in crumbs.select("a")]
    assert links == [(home_page.title, home_page.url), (guidance_index.title, guidance_index.url)]
    assert crumbs.select_one("[aria-current=page]").get_text(strip=True) == "Neglect toolkit"


def test_home_page_has_no_breadcrumbs(client, home_page):
    response = client.get(home_page.url)
    assert soup_of(response).select_one("nav.breadcrumbs") is None


def test_every_page_type_has_a_skip_link_to_its_main_content(client, every_public_page):
    for page in every_public_page:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        soup = soup_of(response)
        skip = soup.select_one("a.skip-link")
        assert skip is not None and skip["href"] == "#main-content", page.url
        assert soup.find("main", id="main-content") is not None, page.url
        assert soup.find_all("h1"), page.url


# --- Footer ------------------------------------------------------------------------------------


def test_footer_shows_the_partnership_contacts_for_the_site(client, site, home_page):
    PartnershipSettings.objects.update_or_create(
        site=site,
        defaults={
            "front_door_name": "Children's Front Door",
            "front_door_phone": "01708 433 222",
            "out_of_hours_phone": "01708 433 999",
            "partnership_email": "partnership@borough.example",
            "partnership_address": "Town Hall\nMain Road",
        },
    )

    response = client.get(home_page.url)

    footer = soup_of(response).select_one("footer.site-footer")
    text = footer.get_text(" ", strip=True)
    assert "If a child is in immediate danger, call the police on 999." in text
    assert "Children's Front Door" in text
    hrefs = {a["href"] for a in footer.select("a")}
    assert {"tel:01708433222", "tel:01708433999", "tel:101", "tel:08001111"} <= hrefs
    assert "mailto:partnership@borough.example" in hrefs
    assert "Town Hall" in footer.select_one("address").get_text()


def test_footer_leaves_out_contacts_that_are_not_set(client, site, home_page):
    PartnershipSettings.objects.update_or_create(site=site, defaults={"front_door_phone": "", "partnership_email": ""})

    footer = soup_of(client.get(home_page.url)).select_one("footer.site-footer")

    assert "Multi-Agency Safeguarding Hub" not in footer.get_text()
    assert not footer.select("a[href^=mailto]")


# --- Contrast toggle ---------------------------------------------------------------------------


def test_contrast_toggle_is_a_plain_form_that_works_without_javascript(client, guidance_page):
    response = client.get(guidance_page.url)
    form = soup_of(response).select_one("form.contrast-toggle")

    assert form["method"] == "get"
    assert form["action"] == CONTRAST_URL
    assert form.select_one("input[name=next]")["value"] == guidance_page.url
    assert form.select_one("input[name=contrast]")["value"] == "high"
    assert form.select_one("button[type=submit]")["aria-pressed"] == "false"
    # No token, so the page gives the reader no cookie and can be shared from the page cache.
    assert form.select_one("input[name=csrfmiddlewaretoken]") is None
    assert not response.cookies


def test_contrast_toggle_sets_a_cookie_and_redirects_back(client, guidance_page):
    response = client.get(CONTRAST_URL, {"contrast": "high", "next": guidance_page.url})

    assert response.status_code == 302
    assert response["Location"] == guidance_page.url
    cookie = response.cookies["contrast"]
    assert cookie.value == "high"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert "no-store" in response["Cache-Control"]  # a browser must ask again every time

    page = client.get(guidance_page.url)
    soup = soup_of(page)
    assert "contrast-high" in soup.html["class"]
    button = soup.select_one("form.contrast-toggle button")
    assert button["aria-pressed"] == "true"
    assert soup.select_one("form.contrast-toggle input[name=contrast]")["value"] == "standard"


def test_contrast_toggle_switches_back_to_standard(client, guidance_page):
    client.cookies["contrast"] = "high"

    response = client.get(CONTRAST_URL, {"contrast": "standard", "next": guidance_page.url})

    assert response.cookies["contrast"].value == "standard"
    soup = soup_of(client.get(guidance_page.url))
    assert "contrast-high" not in soup.html["class"]
    assert soup.select_one("form.contrast-toggle button")["aria-pressed"] == "false"


def test_contrast_toggle_without_a_choice_flips_the_current_setting(client, home_page):
    client.cookies["contrast"] = "high"

    response = client.get(CONTRAST_URL, {"contrast": "purple"})

    assert response.cookies["contrast"].value == "standard"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/path", "http://evil.example", "javascript:alert(1)"]
)
def test_contrast_toggle_never_redirects_off_site(client, home_page, next_url):
    response = client.get(CONTRAST_URL, {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["contrast"].value == "high"


def test_contrast_toggle_falls_back_to_a_same_site_referer(client, guidance_page):
    same_site = client.get(CONTRAST_URL, headers={"referer": f"http://testserver{guidance_page.url}"})
    off_site = client.get(CONTRAST_URL, headers={"referer": "https://evil.example/page"})

    assert same_site["Location"] == f"http://testserver{guidance_page.url}"
    assert off_site["Location"] == "/"


def test_contrast_toggle_refuses_other_methods(client):
    assert client.post(CONTRAST_URL, {"contrast": "high"}).status_code == 405
    assert client.put(CONTRAST_URL).status_code == 405


def test_contrast_toggle_from_script_answers_no_content(client, home_page):
    response = client.get(CONTRAST_URL, {"contrast": "high", "next": "/"}, headers={"x-requested-with": "fetch"})

    assert response.status_code == 204
    assert response.content == b""
    assert response.cookies["contrast"].value == "high"


# --- Quick exit and print notice --------------------------------------------------------------


@pytest.mark.parametrize("factory", [StandardPageFactory, GuidancePageFactory])
def test_quick_exit_appears_only_when_the_page_asks_for_it(client, settings, home_page, guidance_index, factory):
    settings.QUICK_EXIT_URL = "https://www.example.org/weather"
    parent = guidance_index if factory is GuidancePageFactory else home_page
    with_exit = factory(parent=parent, slug="for-young-people", show_quick_exit=True)
    without_exit = factory(parent=parent, slug="for-practitioners", show_quick_exit=False)

    soup = soup_of(client.get(with_exit.url))
    link = soup.select_one(".quick-exit a")
    assert link is not None
    assert link["href"] == "https://www.example.org/weather"
    assert link.get_text(strip=True) == "Leave this page"
    # It comes first, before the header, so it is the first thing keyboard users reach after the skip link.
    assert soup.select_one("body > .quick-exit") is not None

    assert b"Leave this page" not in client.get(without_exit.url).content


def test_quick_exit_is_absent_from_the_home_page(client, home_page):
    assert b"quick-exit" not in client.get(home_page.url).content


def test_print_notice_says_when_the_page_was_printed(client, guidance_page):
    response = client.get(guidance_page.url)

    notice = soup_of(response).select_one(".print-notice")
    text = notice.get_text(" ", strip=True)
    assert "Printed on" in text
    assert dateformat.format(timezone.localdate(), "j F Y") in text
    assert f"http://testserver{guidance_page.url}" in text


# --- Security headers and third parties -----------------------------------------------------------


def test_public_pages_send_a_strict_content_security_policy(client, every_public_page):
    for page in every_public_page:
        response = client.get(page.url)
        policy = response.headers.get("Content-Security-Policy")
        assert policy, page.url
        directives = {name: values for name, *values in (d.split() for d in policy.split(";") if d.strip())}
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert not re.search(r"https?:|\*", policy), f"third-party source in CSP: {policy}"


def test_admin_is_excluded_from_the_content_security_policy(superuser_client):
    response = superuser_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers


def test_pages_cannot_be_framed(client, home_page, superuser_client):
    assert client.get(home_page.url)["X-Frame-Options"] == "DENY"
    assert superuser_client.get("/admin/")["X-Frame-Options"] == "DENY"


def test_other_security_headers(client, home_page):
    response = client.get(home_page.url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def external_assets(html: bytes) -> list[str]:
    """Scripts, stylesheets, fonts, images and frames the page would fetch from another host."""
    soup = BeautifulSoup(html, "html.parser")
    found = [tag["src"] for tag in soup.find_all(["script", "img", "iframe", "source", "video", "audio"], src=True)]
    found += [tag["href"] for tag in soup.find_all("link", href=True)]
    # url(...) in inline styles, e.g. web fonts or background images.
    found += [m.decode() for m in re.findall(rb"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", html)]
    return [url for url in found if urlsplit(url).netloc]


def test_external_asset_scan_finds_third_party_resources():
    html = (
        b'<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">'
        b'<script src="//cdn.example/x.js"></script><script src="/static/js/portal.js"></script>'
        b"<div style=\"background: url('https://img.example/bg.png')\"></div>"
    )
    assert external_assets(html) == [
        "//cdn.example/x.js",
        "https://fonts.googleapis.com/css?family=Inter",
        "https://img.example/bg.png",
    ]


def test_no_public_page_loads_scripts_styles_or_fonts_from_another_site(client, every_public_page):
    for page in every_public_page:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert external_assets(response.content) == [], page.url
        soup = soup_of(response)
        assert soup.find_all("script", src=True), "the portal's own script is still loaded"
        assert all(link["href"].startswith("/static/") for link in soup.find_all("link", href=True))


# --- Error pages and health check -----------------------------------------------------------------


def test_missing_page_shows_the_404_page(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Page not found"
    assert soup.select_one("a.skip-link")["href"] == "#main-content"
    assert soup.select_one("footer.site-footer") is not None


def test_draft_page_is_not_found(client, guidance_index):
    draft = GuidancePageFactory(parent=guidance_index, slug="not-yet", live=False)
    assert client.get(f"{guidance_index.url}{draft.slug}/").status_code == 404


def test_health_check(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz/").status_code == 405


def test_favicon_ico_redirects_to_the_icon_without_a_404_page(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith("images/favicon.svg")
