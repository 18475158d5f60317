"""Saving a pupil's report: the one place a report is created.

It enforces the anonymity rules whatever the caller passed (places only as map cells, no place at
all for home and online reports, a name only with a request for a trusted adult, the date without
the time), counts the report in the rollups in the same transaction, and after the commit tells
the school about an urgent report and indexes the report for the map in Elasticsearch when that
is configured. A second submission with the same reference (a double click) stores nothing new.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import cells, choices, moderation, rollups
from .models import PupilReport, School, new_reference

logger = logging.getLogger("portal.reporting")


@dataclass
class ReportDraft:
    """What the form collected, before the anonymity rules are applied."""

    reference: str
    school: School
    age_group: str
    context: str
    categories: list[str]
    feeling: int
    cell: str = ""
    route_cells: list[str] = field(default_factory=list)
    place_description: str = ""
    school_area: str = ""
    plan_x: int | None = None
    plan_y: int | None = None
    home_room: str = ""
    online_place: str = ""
    times_of_day: list[str] = field(default_factory=list)
    days: str = ""
    details: str = ""
    wants_trusted_adult: bool = False
    contact_name: str = ""
    contact_class: str = ""
    language: str = ""


def is_urgent(draft: ReportDraft) -> bool:
    return bool(choices.URGENT_WORRIES.intersection(draft.categories)) or moderation.mentions_urgent_harm(draft.details)


def _coarse_cell(cell: str) -> str:
    """A valid cell no finer than the storage resolution (finer ones are coarsened)."""
    if not cells.is_valid_cell(cell):
        return ""
    return cells.ancestor(cell, cells.storage_resolution())


def build_report(draft: ReportDraft) -> PupilReport:
    """A report holding only what the anonymity rules allow (not yet saved)."""
    context = draft.context
    mapped = context in choices.MAPPED_CONTEXTS
    route_cells = [c for c in (_coarse_cell(c) for c in draft.route_cells) if c] if context == choices.ROUTE else []
    route_cells = list(dict.fromkeys(route_cells))
    cell = _coarse_cell(draft.cell) if mapped else ""
    if context == choices.SCHOOL_GROUNDS:
        cell = draft.school.cell  # counted at the school, wherever in the grounds it was
    if route_cells and not cell:
        cell = route_cells[0]
    wants_adult = bool(draft.wants_trusted_adult)
    details = draft.details.strip()
    return PupilReport(
        reference=draft.reference,
        school=draft.school,
        age_group=draft.age_group,
        context=context,
        cell=cell,
        route_cells=route_cells if len(route_cells) > 1 else [],
        place_description=draft.place_description.strip() if mapped else "",
        school_area=draft.school_area if context == choices.SCHOOL_GROUNDS else "",
        plan_x=cells.snap_plan_point(draft.plan_x)
        if context == choices.SCHOOL_GROUNDS and draft.plan_x is not None
        else None,
        plan_y=cells.snap_plan_point(draft.plan_y)
        if context == choices.SCHOOL_GROUNDS and draft.plan_y is not None
        else None,
        home_room=draft.home_room if context == choices.HOME else "",
        online_place=draft.online_place if context == choices.ONLINE else "",
        categories=[slug for slug in dict.fromkeys(draft.categories) if slug in choices.WORRIES_BY_SLUG],
        feeling=draft.feeling,
        times_of_day=list(dict.fromkeys(draft.times_of_day)),
        days=draft.days,
        details=details,
        wants_trusted_adult=wants_adult,
        contact_name=draft.contact_name.strip() if wants_adult else "",
        contact_class=draft.contact_class.strip() if wants_adult else "",
        language=draft.language,
        submitted_on=timezone.localdate(),
        urgent=is_urgent(draft),
        needs_moderation=moderation.needs_moderation(" ".join([details, draft.place_description])),
    )


def _same_report(a: PupilReport, b: PupilReport) -> bool:
    """Whether two reports are the same form sent twice (rather than two pupils whose random
    references happened to match)."""
    fields = ("school_id", "age_group", "context", "cell", "categories", "feeling", "details", "submitted_on")
    return all(getattr(a, name) == getattr(b, name) for name in fields)


def submit(draft: ReportDraft) -> tuple[PupilReport, bool]:
    """Store the report and count it. Returns (report, created); created is False when this same
    report was already stored (the form sent twice). Two different reports that drew the same
    random reference are both kept: the second gets a new reference."""
    report = build_report(draft)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                report.save()
                rollups.add_report(report)
        except IntegrityError:
            existing = PupilReport.objects.filter(reference=report.reference).first()
            if existing is None:
                raise
            if _same_report(existing, report):
                return existing, False
            report.pk = None
            report.reference = new_reference()
            continue
        transaction.on_commit(lambda: _after_commit(report.pk))
        return report, True
    raise IntegrityError("could not find a free reference")


def _after_commit(report_pk: int) -> None:
    from .notifications import notify_urgent

    report = PupilReport.objects.select_related("school").get(pk=report_pk)
    if report.urgent:
        notify_urgent(report)
    if settings.ELASTICSEARCH_URL:  # the client is a large import: only when it is used
        from .search_index import index_report_safely

        index_report_safely(report)
