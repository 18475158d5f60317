"""``manage.py load_demo``: the demo site it builds, and that running it again changes nothing.

The command runs once for the whole module (inside a transaction rolled back at the end), so the
tests stay fast; each test runs in its own savepoint on top of that.
"""

from __future__ import annotations

import datetime
import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Page, PageLogEntry, Revision, Site

from portal.home.demo import accounts, content, guidance
from portal.home.demo.builder import search_index_updates_paused
from portal.home.demo.pdfs import Fonts, render_document
from portal.home.demo.specs import Change, MonthDay, shift_months
from portal.home.models import (
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    LeafletIndexPage,
    PageChange,
    PartnershipSettings,
    PortalDocument,
    RecentUpdatesPage,
    StandardPage,
    Team,
    Topic,
)
from portal.home.reports import overdue_page_ids

pytestmark = pytest.mark.django_db

PAGE_TYPES = (HomePage, StandardPage, GuidanceIndexPage, GuidancePage, LeafletIndexPage, RecentUpdatesPage)


@dataclass(frozen=True)
class DemoRun:
    output: str
    login_file: Path


def run_load_demo(login_file: Path) -> str:
    out = io.StringIO()
    call_command("load_demo", login_file=login_file, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_run(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[DemoRun]:
    login_file = tmp_path_factory.mktemp("demo") / ".demo-login"
    with django_db_blocker.unblock(), mock.patch.dict(os.environ), transaction.atomic():
        os.environ.pop(accounts.PASSWORD_ENV, None)
        yield DemoRun(run_load_demo(login_file), login_file)
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches the site's root paths; they are gone with the rollback


@pytest.fixture
def home(demo_run) -> HomePage:
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def guidance_index(home) -> GuidanceIndexPage:
    return GuidanceIndexPage.objects.child_of(home).get(slug=guidance.INDEX_SLUG)


def demo_pages(home: HomePage) -> list[Page]:
    return list(Page.objects.descendant_of(home, inclusive=True).specific())


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "documents": PortalDocument.objects.count(),
        "page changes": PageChange.objects.count(),
        "users": get_user_model().objects.count(),
        "revisions": Revision.objects.count(),
        "page log entries": PageLogEntry.objects.count(),
        "topics": Topic.objects.count(),
        "teams": Team.objects.count(),
    }


# --- The site ---------------------------------------------------------------------------------


def test_the_demo_home_page_replaces_wagtails_welcome_page(home):
    assert isinstance(home, HomePage)
    assert home.live
    assert home.slug == "home"
    plain_page = ContentType.objects.get_for_model(Page)
    assert not Page.objects.filter(depth=2, content_type=plain_page).exists()


def test_the_home_page_has_a_route_for_each_audience(home):
    routes = {block.value["audience"]: block.value["page"].specific for block in home.routes}
    assert set(routes) == {"Practitioners", "Parents and carers", "Children and young people", "Care providers"}
    assert all(page.live for page in routes.values())
    assert isinstance(routes["Practitioners"], GuidanceIndexPage)
    assert routes["Care providers"].slug == "location-risk-assessments"


def test_every_page_type_renders_for_every_demo_page(client, home):
    pages = demo_pages(home)
    assert {type(page) for page in pages} >= set(PAGE_TYPES)
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title).encode() in response.content, page.url


def test_there_are_at_least_twelve_live_guidance_pages_with_metadata(guidance_index):
    pages = GuidancePage.objects.child_of(guidance_index).live()
    assert pages.count() >= 12
    for page in pages:
        assert page.summary
        assert page.topics.exists(), page.slug
        assert page.audiences.exists(), page.slug
        assert page.owning_team is not None
        assert page.last_reviewed < timezone.localdate()
        assert page.next_review_date is not None
        assert page.external_references.exists(), page.slug


def test_guidance_uses_the_full_range_of_blocks(guidance_index):
    used = {block.block_type for page in GuidancePage.objects.child_of(guidance_index) for block in page.body}
    assert used >= {
        "heading",
        "text",
        "what_to_do_now",
        "contact_details",
        "decision_guide",
        "accordion",
        "document_list",
        "video_link",
        "child_voice_quote",
    }


def test_videos_are_links_with_a_text_alternative(guidance_index):
    videos = [
        block.value
        for page in GuidancePage.objects.child_of(guidance_index)
        for block in page.body
        if block.block_type == "video_link"
    ]
    assert videos
    for video in videos:
        assert video["url"].startswith("https://www.youtube.com/watch?v=")
        assert video["text_alternative"].source


def test_the_sexual_abuse_guidance_has_a_decision_guide(client, guidance_index):
    page = GuidancePage.objects.child_of(guidance_index).get(slug="child-sexual-abuse-referrals")
    guides = [block.value for block in page.body if block.block_type == "decision_guide"]
    assert len(guides) == 1
    conditions = [outcome["condition"] for step in guides[0]["steps"] for outcome in step["outcomes"]]
    assert any("under 13" in condition for condition in conditions)
    assert any("within the last 7 days" in condition for condition in conditions)
    assert any("7 or more days ago" in condition for condition in conditions)
    response = client.get(page.url)
    assert b"decision-guide" in response.content
    assert b"Then go to step 2" in response.content


def test_two_pages_are_overdue_for_review(home, admin_client):
    overdue = Page.objects.filter(id__in=overdue_page_ids()).descendant_of(home)
    assert sorted(overdue.values_list("slug", flat=True)) == ["online-safety", "resolving-professional-disagreements"]
    response = admin_client.get(reverse("review_due_report"))
    assert response.status_code == 200
    assert b"Online safety" in response.content
    assert b"Resolving professional disagreements" in response.content


def test_pages_for_young_people_and_worried_adults(client, home):
    young = StandardPage.objects.child_of(home).get(slug=content.YOUNG_PEOPLE_SLUG)
    worried = StandardPage.objects.child_of(home).get(slug=content.WORRIED_SLUG)
    assert young.show_quick_exit
    assert young.show_in_menus and worried.show_in_menus
    assert b"Leave this page" in client.get(young.url).content
    assert b"0800 1111" in client.get(young.url).content
    urgent = [block.value for block in worried.body if block.block_type == "what_to_do_now"]
    assert urgent[0]["urgency"] == "urgent"
    assert any(block.block_type == "contact_details" for block in worried.body)


def test_menu_holds_the_main_sections(home):
    in_menu = set(home.get_children().live().in_menu().values_list("slug", flat=True))
    assert in_menu >= {"worried-about-a-child", "guidance", "leaflets", "children-and-young-people", "recent-updates"}


def test_partnership_settings_are_filled_in(home):
    contacts = PartnershipSettings.for_site(Site.objects.get(is_default_site=True))
    assert contacts.front_door_phone
    assert contacts.out_of_hours_phone
    assert contacts.partnership_email.endswith(".example")
    assert contacts.partnership_address


# --- Leaflets ---------------------------------------------------------------------------------


def test_leaflets_are_real_pdfs(demo_run):
    leaflets = PortalDocument.objects.filter(kind=PortalDocument.LEAFLET)
    assert leaflets.count() >= 5
    for leaflet in leaflets:
        with leaflet.file.open("rb") as handle:
            data = handle.read()
        assert data.startswith(b"%PDF-"), leaflet.title
        assert len(data) > 1500, leaflet.title
        assert leaflet.file_size == len(data)
        assert leaflet.summary and leaflet.audiences.exists() and leaflet.review_date


def test_some_leaflets_are_in_another_language(demo_run):
    languages = set(PortalDocument.objects.filter(kind=PortalDocument.LEAFLET).values_list("language", flat=True))
    configured = {code for code, _ in settings.LANGUAGES}
    assert settings.LANGUAGE_CODE in languages
    assert languages - {settings.LANGUAGE_CODE}
    assert languages <= configured


def test_leaflet_pdfs_are_deterministic():
    for spec in content.SITE.documents[:3]:
        assert render_document(spec) == render_document(spec)


def test_text_a_standard_font_cannot_show_loses_its_accents_not_its_letters():
    assert Fonts("Helvetica", "Helvetica-Bold", fold_text=True).clean("Łódź & Zażółć") == "Lodz &amp; Zazolc"


# --- History ----------------------------------------------------------------------------------


def test_history_spans_recent_months_with_updates(client, home):
    changes = PageChange.objects.filter(page__in=demo_pages(home))
    now = timezone.now()
    assert changes.filter(kind=PageChange.UPDATED).count() >= 8
    assert all(change.published_at < now for change in changes)
    oldest = min(change.published_at for change in changes)
    assert now - oldest > datetime.timedelta(days=90)
    updates_page = RecentUpdatesPage.objects.child_of(home).get()
    newest = changes.order_by("-published_at").first()
    assert escape(newest.note).encode() in client.get(updates_page.url).content


def test_a_pages_dates_follow_its_history(guidance_index):
    page = GuidancePage.objects.child_of(guidance_index).get(slug="child-protection-conferences")
    changes = list(PageChange.objects.filter(page=page).order_by("published_at"))
    assert [change.kind for change in changes] == ["new", "updated", "updated"]
    assert page.first_published_at == changes[0].published_at
    assert page.last_published_at == changes[-1].published_at
    assert page.change_note == changes[-1].note


def test_history_notes_are_unique_and_only_the_first_may_be_empty():
    pages = [*content.SITE.guidance, *(spec for spec in content.SITE.pages if hasattr(spec, "history"))]
    for spec in pages:
        notes = [change.note for change in spec.history]
        assert notes, spec.slug
        assert all(notes[1:]), spec.slug
        assert len(set(notes)) == len(notes), spec.slug


# --- Users ------------------------------------------------------------------------------------


def test_demo_users_have_the_right_roles_and_printed_passwords(demo_run):
    saved = accounts.saved_passwords(demo_run.login_file)
    users = {user.username: user for user in get_user_model().objects.filter(username__in=saved)}
    assert users["admin"].is_superuser
    assert list(users["editor"].groups.values_list("name", flat=True)) == ["Editors"]
    assert list(users["approver"].groups.values_list("name", flat=True)) == ["Moderators"]
    assert not users["editor"].is_superuser and not users["approver"].is_superuser
    for username, password in saved.items():
        assert users[username].check_password(password)
        assert f"user: {username}  password: {password}" in demo_run.output
    assert "http://testserver/admin/" in demo_run.output


def test_the_login_file_is_private_and_reused(tmp_path):
    login_file = tmp_path / ".demo-login"
    first = accounts.demo_passwords(login_file, environ={})
    assert stat.S_IMODE(login_file.stat().st_mode) == 0o600
    assert accounts.demo_passwords(login_file, environ={}).passwords == first.passwords
    assert len(set(first.passwords.values())) == len(accounts.DEMO_USERS)


def test_demo_password_from_the_environment_is_not_written_down(tmp_path):
    login_file = tmp_path / ".demo-login"
    logins = accounts.demo_passwords(login_file, environ={accounts.PASSWORD_ENV: "a shared demo password"})
    assert set(logins.passwords.values()) == {"a shared demo password"}
    assert accounts.PASSWORD_ENV in logins.source
    assert not login_file.exists()


# --- Running it again -------------------------------------------------------------------------


def test_running_it_again_changes_nothing(demo_run, home):
    before = counts()
    published = dict(PageChange.objects.values_list("id", "published_at"))
    output = run_load_demo(demo_run.login_file)
    assert counts() == before
    assert dict(PageChange.objects.values_list("id", "published_at")) == published
    assert "pages: 0 created, 0 updated" in output
    assert "documents: 0 created, 0 updated" in output
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk


def test_a_changed_page_is_republished_without_repeating_its_history(demo_run, guidance_index):
    page = GuidancePage.objects.child_of(guidance_index).get(slug="core-group-meetings")
    page.summary = "Edited by hand."
    page.save()
    before = counts()
    run_load_demo(demo_run.login_file)
    page.refresh_from_db()
    assert page.summary == guidance.CORE_GROUPS.summary
    after = counts()
    assert after.pop("revisions") == before.pop("revisions") + 1
    assert after.pop("page log entries") > before.pop("page log entries")
    assert after == before  # in particular, no new history entry


def test_it_will_not_overwrite_a_different_page_at_a_demo_address(demo_run, home):
    RecentUpdatesPage.objects.child_of(home).get().delete()
    home.add_child(instance=StandardPage(title="Not the updates page", slug=content.UPDATES_SLUG))
    with pytest.raises(CommandError, match="not a RecentUpdatesPage"):
        run_load_demo(demo_run.login_file)


# --- Pieces -----------------------------------------------------------------------------------


def test_search_index_updates_are_paused_only_inside_the_block(demo_run):
    with mock.patch("modelsearch.signal_handlers.insert_or_update_object_task") as task:
        with search_index_updates_paused():
            Team.objects.create(name="Inside the block")
        task.enqueue.assert_not_called()
        Team.objects.create(name="Outside the block")
        task.enqueue.assert_called_once()


def test_relative_dates():
    assert shift_months(datetime.date(2026, 11, 1), 3) == datetime.date(2027, 2, 1)
    assert MonthDay(-1, 10).resolve(datetime.date(2026, 1, 15)) == datetime.date(2025, 12, 10)
    with pytest.raises(ValueError):
        Change(0, "today")


def test_every_content_language_has_a_locale_for_translation(home):
    from django.conf import settings

    from wagtail.models import Locale

    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
