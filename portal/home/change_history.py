"""Builds each page's public 'what changed' history from editors' change notes on publish."""

from __future__ import annotations

from django.utils import timezone

from .models import PageChange, ReviewedContentMixin


def record_published_change(page, revision=None) -> PageChange | None:
    """Record a history entry for a just-published page, if readers have something to learn.

    The first publication is always recorded. After that, an entry is written only when the
    editor wrote a change note that differs from the last one, so a minor correction published
    with the note left untouched does not repeat the previous entry.
    """
    if not isinstance(page, ReviewedContentMixin):
        return None
    if not page.live:
        # Wagtail also sends page_published when a never-published page is scheduled for later;
        # it is recorded when publish_scheduled actually puts it live.
        return None
    note = (page.change_note or "").strip()
    last = PageChange.objects.filter(page=page).order_by("-published_at", "-id").first()
    if last is None:
        kind = PageChange.NEW
    elif note and note != last.note:
        kind = PageChange.UPDATED
    else:
        return None
    return PageChange.objects.create(
        page=page,
        revision=revision,
        published_at=page.last_published_at or timezone.now(),
        kind=kind,
        note=note,
    )


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    record_published_change(instance, revision)
