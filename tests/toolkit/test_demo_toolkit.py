"""``manage.py load_demo``: the toolkit, Youth Hub, glossary and directories it builds, and that
running it again changes nothing.

As in ``tests/home/test_demo.py``, the command runs once for the module inside a transaction that
is rolled back at the end; each test runs in its own savepoint on top of that.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Page, PageLogEntry, Revision, Site

from portal.home.demo import accounts, toolkit, youth_hub
from portal.home.models import HomePage, PageChange, PortalDocument
from portal.toolkit.models import (
    RESOURCE_FORMATS,
    AgeRange,
    EngagementDirectoryPage,
    EngagementEntry,
    GlossaryPage,
    GlossaryTerm,
    PracticeBriefingIndexPage,
    PracticeBriefingPage,
    Stage,
    SupportService,
    SupportServiceIndexPage,
    ToolkitIndexPage,
    ToolkitResourcePage,
    Use,
    YouthHubIndexPage,
    YouthHubPage,
)

pytestmark = pytest.mark.django_db

TOOLKIT_PAGE_TYPES = (
    ToolkitIndexPage,
    ToolkitResourcePage,
    PracticeBriefingIndexPage,
    PracticeBriefingPage,
    EngagementDirectoryPage,
    YouthHubIndexPage,
    YouthHubPage,
    GlossaryPage,
    SupportServiceIndexPage,
)


def run_load_demo(login_file: Path) -> str:
    out = io.StringIO()
    call_command("load_demo", login_file=login_file, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def login_file(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Path]:
    """Run the command once for the module; yields the login file so tests can run it again."""
    path = tmp_path_factory.mktemp("demo-toolkit") / ".demo-login"
    with django_db_blocker.unblock(), mock.patch.dict(os.environ), transaction.atomic():
        os.environ.pop(accounts.PASSWORD_ENV, None)
        run_load_demo(path)
        yield path
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches the site's root paths; they are gone with the rollback


@pytest.fixture
def home(login_file) -> HomePage:
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def toolkit_index(home) -> ToolkitIndexPage:
    return ToolkitIndexPage.objects.child_of(home).get(slug=toolkit.SLUG)


@pytest.fixture
def hub(home) -> YouthHubIndexPage:
    return YouthHubIndexPage.objects.child_of(home).get(slug=youth_hub.SLUG)


def resources(toolkit_index: ToolkitIndexPage):
    return ToolkitResourcePage.objects.child_of(toolkit_index).live()


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "page log entries": PageLogEntry.objects.count(),
        "page changes": PageChange.objects.count(),
        "documents": PortalDocument.objects.count(),
        "glossary terms": GlossaryTerm.objects.count(),
        "support services": SupportService.objects.count(),
        "directory entries": EngagementEntry.objects.count(),
    }


# --- Toolkit ----------------------------------------------------------------------------------


def test_the_sections_are_in_the_menu(home, toolkit_index, hub):
    in_menu = set(home.get_children().live().in_menu().values_list("slug", flat=True))
    assert {toolkit.SLUG, youth_hub.SLUG} <= in_menu
    assert toolkit_index.title == "Voice of the Child toolkit"
    assert hub.title == "Youth Hub"


def test_at_least_fifteen_resources_cover_every_stage_use_age_and_format(toolkit_index):
    live = resources(toolkit_index)
    assert live.count() >= 15
    assert set(Stage.objects.filter(resources__in=live).values_list("slug", flat=True)) == {
        slug for slug, _ in Stage.CHOICES
    }
    assert set(Use.objects.filter(resources__in=live).values_list("slug", flat=True)) == {
        slug for slug, _ in Use.CHOICES
    }
    assert set(AgeRange.objects.filter(resources__in=live).values_list("slug", flat=True)) == {
        slug for slug, _ in AgeRange.CHOICES
    }
    assert set(live.values_list("resource_format", flat=True)) == {slug for slug, _ in RESOURCE_FORMATS}
    for resource in live:
        assert resource.summary and resource.body, resource.slug
        assert resource.stages.exists() and resource.uses.exists() and resource.age_ranges.exists(), resource.slug
        assert resource.owning_team is not None
        assert resource.next_review_date > timezone.localdate()
        assert PageChange.objects.filter(page=resource).exists(), resource.slug


def test_listen_resources_for_11_to_14_year_olds(client, toolkit_index):
    response = client.get(f"{toolkit_index.url}?stage=listen&age=11-14")
    assert response.status_code == 200
    found = list(response.context["results"])
    assert len(found) >= 3
    for resource in found:
        assert {"listen"} <= set(resource.stages.values_list("slug", flat=True))
        assert {"11-14"} <= set(resource.age_ranges.values_list("slug", flat=True))
        assert escape(resource.title).encode() in response.content


def test_some_resources_have_real_pdf_downloads(client, toolkit_index):
    with_downloads = [page for page in resources(toolkit_index) if page.downloads.exists()]
    assert len(with_downloads) >= 4
    kinds = set()
    for page in with_downloads:
        for download in page.downloads.all():
            document = download.document
            kinds.add(document.kind)
            with document.file.open("rb") as handle:
                assert handle.read(5) == b"%PDF-", document.title
            assert escape(document.title).encode() in client.get(page.url).content
    assert kinds <= {"form", "guidance"}
    assert "form" in kinds


def test_a_video_resource_is_a_link_with_a_text_alternative(toolkit_index):
    videos = [
        block.value
        for page in resources(toolkit_index).filter(resource_format="video")
        for block in page.body
        if block.block_type == "video_link"
    ]
    assert videos
    for video in videos:
        assert video["url"].startswith("https://")
        assert video["text_alternative"].source


def test_the_toolkit_page_has_the_four_principles_and_childrens_quotes(client, toolkit_index):
    principles = [block.value for block in toolkit_index.body if block.block_type == "principles"]
    assert len(principles) == 1
    assert len(principles[0]["principles"]) == 4
    quotes = [block.value for block in toolkit_index.body if block.block_type == "child_voice_quote"]
    assert len(quotes) >= 3
    for quote in quotes:
        assert quote["attribution"].split(",")[0] in {"Young person", "Child", "Care leaver", "Parent"}
    response = client.get(toolkit_index.url)
    assert b"principles__list" in response.content
    assert escape(principles[0]["principles"][0]["title"]).encode() in response.content


def test_practice_briefings_are_dated_and_have_topics(client, toolkit_index):
    index = PracticeBriefingIndexPage.objects.child_of(toolkit_index).get(slug=toolkit.BRIEFINGS_SLUG)
    briefings = PracticeBriefingPage.objects.child_of(index).live()
    assert briefings.count() >= 4
    assert len(set(briefings.values_list("date", flat=True))) == briefings.count()
    for briefing in briefings:
        assert briefing.date < timezone.localdate()
        assert briefing.topics.exists(), briefing.slug
    assert briefings.exclude(document=None).exists()
    topic = briefings.first().topics.first()
    response = client.get(f"{index.url}?topic={topic.slug}")
    assert response.status_code == 200
    assert response.context["results"].paginator.count >= 1


def test_the_directory_lists_every_sector(client, toolkit_index):
    page = EngagementDirectoryPage.objects.child_of(toolkit_index).get(slug=toolkit.DIRECTORY_SLUG)
    assert EngagementEntry.objects.count() >= 8
    sectors = set(EngagementEntry.objects.values_list("sector", flat=True))
    assert sectors == {slug for slug, _ in EngagementEntry.SECTORS}
    assert EngagementEntry.objects.filter(sector="health").count() >= 3
    response = client.get(page.url)
    for entry in EngagementEntry.objects.all():
        assert escape(entry.agency).encode() in response.content
        assert entry.methods


# --- Glossary ---------------------------------------------------------------------------------


def test_at_least_forty_glossary_terms_with_both_definitions(home):
    terms = GlossaryTerm.objects.filter(locale=home.locale)
    assert terms.count() >= 40
    for term in terms:
        assert term.plain_definition and term.practitioner_definition, term.slug
        assert len(term.plain_definition) <= 300, term.slug
    lado = terms.get(slug="lado")
    assert "LADO" in lado.aliases
    assert {"CSE", "CCE", "MASH", "CIN", "LAC"} <= {alias for term in terms for alias in term.aliases}
    assert terms.filter(related_terms__isnull=False).distinct().count() >= 20
    assert terms.filter(see_also__isnull=False).distinct().count() >= 10
    assert terms.filter(link_in_pages=False).exists()


def test_see_also_links_point_at_live_demo_pages(home):
    for term in GlossaryTerm.objects.prefetch_related("see_also__page"):
        for link in term.see_also.all():
            assert link.page.live, term.slug
            assert link.page.is_descendant_of(home), term.slug


def test_the_glossary_page_lists_every_term_with_related_terms(client, hub):
    page = GlossaryPage.objects.child_of(hub).get(slug=youth_hub.GLOSSARY_SLUG)
    response = client.get(page.url)
    assert response.status_code == 200
    for term in GlossaryTerm.objects.all():
        assert f'id="{term.slug}"'.encode() in response.content
    assert b"Related:" in response.content
    assert b"See also:" in response.content


# --- Youth Hub --------------------------------------------------------------------------------


def test_youth_hub_sections(hub):
    children = {page.slug: page for page in hub.get_children().live().specific()}
    assert {page.slug for page in youth_hub.YOUTH_PAGES} <= set(children)
    assert isinstance(children[youth_hub.GLOSSARY_SLUG], GlossaryPage)
    assert isinstance(children[youth_hub.SERVICES_SLUG], SupportServiceIndexPage)
    assert children[youth_hub.GLOSSARY_SLUG].title == "Words professionals use"


def test_every_youth_hub_page_has_the_quick_exit_and_help_now(client, hub):
    pages = Page.objects.descendant_of(hub, inclusive=True).live().specific()
    assert pages.count() >= 7
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert b"Leave this page" in response.content, page.url
        assert b"0800 1111" in response.content, page.url


def test_glossary_terms_are_linked_in_youth_hub_pages(client, hub):
    glossary = GlossaryPage.objects.child_of(hub).get(slug=youth_hub.GLOSSARY_SLUG)
    for page in YouthHubPage.objects.child_of(hub).live():
        content = client.get(page.url).content.decode()
        assert f'href="{glossary.url}#' in content, page.url
        assert 'class="glossary-link"' in content, page.url


def test_support_services_local_and_national(client, hub):
    services = SupportService.objects.all()
    assert services.count() >= 12
    assert services.filter(reach=SupportService.LOCAL).count() >= 3
    assert services.filter(reach=SupportService.NATIONAL).count() >= 8
    for service in services:
        assert service.topics.exists(), service.name
        assert service.phone or service.text or service.website, service.name
    childline = services.get(name="Childline")
    assert childline.phone == "0800 1111"
    assert childline.website.startswith("https://www.childline.org.uk")
    assert services.filter(phone="116 000").count() == 1
    for local in services.filter(reach=SupportService.LOCAL).exclude(phone=""):
        assert local.phone.startswith("01632 960"), local.name
    page = SupportServiceIndexPage.objects.child_of(hub).get(slug=youth_hub.SERVICES_SLUG)
    response = client.get(f"{page.url}?topic=drugs-alcohol&age=14")
    assert response.status_code == 200
    names = {service.name for service in response.context["results"]}
    assert "Talk to FRANK" in names
    assert "NSPCC Helpline" not in names


# --- Every page renders -------------------------------------------------------------------------


def test_every_toolkit_page_type_renders_for_every_demo_page(client, home):
    pages = [page for page in Page.objects.descendant_of(home).specific() if isinstance(page, TOOLKIT_PAGE_TYPES)]
    assert {type(page) for page in pages} == set(TOOLKIT_PAGE_TYPES)
    for page in pages:
        assert page.live, page.url
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title).encode() in response.content, page.url


def test_everything_the_demo_writes_is_valid(home):
    """SQLite does not enforce lengths or choices; PostgreSQL and the admin's forms do."""
    for model in (GlossaryTerm, SupportService, EngagementEntry):
        for snippet in model.objects.all():
            snippet.full_clean()
    for page in Page.objects.descendant_of(home).specific():
        if isinstance(page, TOOLKIT_PAGE_TYPES):
            page.full_clean()
            if hasattr(page, "body"):
                page.body.stream_block.clean(page.body)


# --- Running it again -------------------------------------------------------------------------


def test_running_it_again_changes_nothing(login_file):
    before = counts()
    published = dict(PageChange.objects.values_list("id", "published_at"))
    output = run_load_demo(login_file)
    assert counts() == before
    assert dict(PageChange.objects.values_list("id", "published_at")) == published
    assert "pages: 0 created, 0 updated" in output
    assert "documents: 0 created, 0 updated" in output
    assert "snippets: 0 created, 0 updated" in output


def test_edited_snippets_are_put_back_without_duplicates(login_file):
    service = SupportService.objects.get(name="Childline")
    service.phone = "0000"
    service.save()
    term = GlossaryTerm.objects.get(slug="lado")
    term.related_terms.set([])
    term.save()
    before = counts()
    output = run_load_demo(login_file)
    assert counts() == before
    assert SupportService.objects.get(name="Childline").phone == "0800 1111"
    assert GlossaryTerm.objects.get(slug="lado").related_terms.exists()
    assert "snippets: 0 created, 2 updated" in output


def test_guidance_links_terms_to_the_practitioners_glossary_and_the_youth_hub_to_its_own(client, home):
    from portal.home.models import GuidancePage
    from portal.toolkit.models import YouthHubPage

    guidance = GuidancePage.objects.live().get(slug="child-protection-conferences")
    youth_page = YouthHubPage.objects.live().first()

    guidance_html = client.get(guidance.url).content.decode()
    youth_html = client.get(youth_page.url).content.decode()

    assert 'class="glossary-link" href="/glossary/#' in guidance_html
    assert 'class="glossary-link" href="/youth-hub/glossary/#' in youth_html
