"""Moderation: editors submit, moderators approve, and scheduled publishing goes live on time.

Uses Wagtail's default 'Editors' and 'Moderators' groups and its default 'Moderators approval'
workflow on the root page, as created by Wagtail's own migrations, through the real admin views.
"""

from __future__ import annotations

import datetime

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupApprovalTask, Page, Revision, TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.home.models import PageChange, StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def standard_page_form(slug: str = "worried-about-a-child", **overrides) -> dict:
    return nested_form_data(
        {
            "title": "Worried about a child?",
            "slug": slug,
            "introduction": "What to do if you are worried.",
            "body": streamfield([("text", rich_text("<p>Call the front door.</p>"))]),
            "owning_team": "",
            "last_reviewed": "",
            "next_review_date": "",
            "change_note": "",
            "go_live_at": "",
            "expire_at": "",
            **overrides,
        }
    )


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_url(page, action: str) -> str:
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is awaiting moderation"
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def fresh(page) -> StandardPage:
    """The page as it now is in the database."""
    page.refresh_from_db()
    return page


@pytest.fixture
def submitted_page(editor_client, home_page):
    """A new page an editor has created and submitted for moderation through the admin."""
    response = editor_client.post(add_url(home_page), {**standard_page_form(), "action-submit": "action-submit"})
    assert response.status_code == 302
    return StandardPage.objects.child_of(home_page).get(slug="worried-about-a-child")


# --- The defaults this relies on --------------------------------------------------------------------


def test_wagtail_default_groups_and_workflow_are_in_place(home_page):
    workflow = Workflow.objects.get(name="Moderators approval")
    task = workflow.tasks.get().specific

    assert workflow.active
    assert Page.get_first_root_node().get_workflow() == workflow
    assert home_page.get_workflow() == workflow
    assert isinstance(task, GroupApprovalTask)
    assert [group.name for group in task.groups.all()] == ["Moderators"]


def test_editor_has_no_publish_permission_and_moderator_does(editor, moderator, home_page):
    assert home_page.permissions_for_user(editor).can_edit()
    assert not home_page.permissions_for_user(editor).can_publish()
    assert home_page.permissions_for_user(moderator).can_publish()


# --- Editors submit ---------------------------------------------------------------------------------


def test_editor_creates_a_page_and_submits_it_for_moderation(submitted_page, editor):
    page = fresh(submitted_page)

    assert not page.live
    assert page.owner == editor
    assert page.workflow_in_progress
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert page.current_workflow_task.name == "Moderators approval"
    assert page.current_workflow_task_state.revision == page.latest_revision


def test_moderators_are_emailed_about_a_submission(
    editor_client, moderator, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(add_url(home_page), {**standard_page_form(), "action-submit": "action-submit"})

    to_moderator = [message for message in mail.outbox if moderator.email in message.to]
    assert to_moderator
    assert "Worried about a child?" in to_moderator[0].subject


def test_moderator_sees_the_submission_on_the_dashboard(moderator_client, submitted_page):
    response = moderator_client.get("/admin/")

    assert response.status_code == 200
    assert "Worried about a child?" in response.content.decode()
    assert action_url(submitted_page, "approve") in response.content.decode()


def test_editor_cannot_publish_directly(editor_client, home_page):
    response = editor_client.post(add_url(home_page), {**standard_page_form(), "action-publish": "action-publish"})

    assert response.status_code == 302
    page = StandardPage.objects.child_of(home_page).get(slug="worried-about-a-child")
    assert not page.live
    assert page.live_revision is None
    assert not PageChange.objects.filter(page=page).exists()


def test_editor_cannot_publish_changes_to_a_live_page(editor_client, home_page, publish):
    page = publish(StandardPageFactory(parent=home_page, slug="contact", title="Contact us"))

    response = editor_client.post(
        edit_url(page),
        {**standard_page_form("contact", title="Contact the partnership"), "action-publish": "action-publish"},
    )

    assert response.status_code == 302
    page = fresh(page)
    assert page.live
    assert page.title == "Contact us"  # the live page is unchanged...
    assert page.get_latest_revision_as_object().title == "Contact the partnership"  # ...the edit is a draft
    assert page.has_unpublished_changes


def test_editor_cannot_approve_their_own_submission(editor_client, submitted_page):
    response = editor_client.post(action_url(submitted_page, "approve"), {"comment": ""})

    assert response.status_code in (302, 403)
    page = fresh(submitted_page)
    assert not page.live
    assert page.workflow_in_progress


# --- Moderators approve -----------------------------------------------------------------------------


def test_moderator_approves_and_the_page_goes_live(moderator_client, moderator, client, submitted_page):
    response = moderator_client.post(action_url(submitted_page, "approve"), {"comment": ""})

    assert response.status_code == 302
    page = fresh(submitted_page)
    assert page.live
    assert not page.workflow_in_progress
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    task_state = TaskState.objects.get(workflow_state=state)
    assert (task_state.status, task_state.finished_by) == (TaskState.STATUS_APPROVED, moderator)
    assert PageChange.objects.get(page=page).kind == PageChange.NEW
    public = client.get(page.url)
    assert public.status_code == 200
    assert b"Call the front door." in public.content


def test_moderator_can_approve_with_a_comment(moderator_client, submitted_page):
    response = moderator_client.post(action_url(submitted_page, "approve"), {"comment": "Clear and accurate."})

    assert response.status_code == 302
    assert fresh(submitted_page).live
    assert TaskState.objects.get(revision__object_id=str(submitted_page.pk)).comment == "Clear and accurate."


def test_moderator_requests_changes_and_the_page_stays_unpublished(moderator_client, submitted_page):
    response = moderator_client.post(action_url(submitted_page, "reject"), {"comment": "Add the out-of-hours number."})

    assert response.status_code == 302
    page = fresh(submitted_page)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_approving_an_edit_to_a_live_page_publishes_it_and_records_the_note(
    editor_client, moderator_client, home_page, publish
):
    page = publish(StandardPageFactory(parent=home_page, slug="contact", title="Contact us"))
    editor_client.post(
        edit_url(page),
        {**standard_page_form("contact", title="Contact us", change_note="New phone number."), "action-submit": "1"},
    )
    page = fresh(page)
    assert page.workflow_in_progress
    assert page.change_note == ""  # not live yet

    moderator_client.post(action_url(page, "approve"), {"comment": ""})

    page = fresh(page)
    assert page.change_note == "New phone number."
    latest = PageChange.objects.filter(page=page).first()
    assert (latest.kind, latest.note) == (PageChange.UPDATED, "New phone number.")


def test_moderator_may_publish_directly(moderator_client, home_page):
    response = moderator_client.post(add_url(home_page), {**standard_page_form(), "action-publish": "action-publish"})

    assert response.status_code == 302
    assert StandardPage.objects.child_of(home_page).get(slug="worried-about-a-child").live


# --- Scheduled publishing ---------------------------------------------------------------------------


def travel_forward(monkeypatch, days: int) -> datetime.datetime:
    """Move the clock on, as if publish_scheduled were run from cron after the scheduled time."""
    later = timezone.now() + datetime.timedelta(days=days)
    monkeypatch.setattr(timezone, "now", lambda: later)
    return later


def test_approved_revision_scheduled_for_later_goes_live_with_publish_scheduled(
    editor_client, moderator_client, home_page, monkeypatch
):
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    editor_client.post(
        add_url(home_page), {**standard_page_form(go_live_at=go_live, change_note="New page."), "action-submit": "1"}
    )
    page = StandardPage.objects.child_of(home_page).get(slug="worried-about-a-child")
    moderator_client.post(action_url(page, "approve"), {"comment": ""})

    page = fresh(page)
    assert not page.live  # approved, but scheduled
    scheduled = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    assert scheduled.approved_go_live_at > timezone.now()
    call_command("publish_scheduled")
    assert not fresh(page).live  # not before its time
    assert not PageChange.objects.filter(page=page).exists()

    later = travel_forward(monkeypatch, days=3)
    call_command("publish_scheduled")

    page = fresh(page)
    assert page.live
    assert page.last_published_at == later
    assert page.live_revision == scheduled
    change = PageChange.objects.get(page=page)
    assert (change.kind, change.note) == (PageChange.NEW, "New page.")
    assert change.revision == scheduled
    assert change.published_at == later  # the day it went live, not the day it was approved


def test_scheduled_update_to_a_live_page_records_an_update(home_page, moderator, publish):
    page = publish(StandardPageFactory(parent=home_page, slug="thresholds", title="Thresholds"))
    page.title = "Thresholds of need"
    page.change_note = "New threshold document."
    revision = page.save_revision(user=moderator, approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))

    call_command("publish_scheduled")

    page = fresh(page)
    assert page.title == "Thresholds of need"
    assert page.live_revision == revision
    latest = PageChange.objects.filter(page=page).first()
    assert (latest.kind, latest.note) == (PageChange.UPDATED, "New threshold document.")
