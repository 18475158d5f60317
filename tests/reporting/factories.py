"""Factories for schools and pupil reports. Reports are made through ``submission.submit`` so the
rollups are always in step, as they are for real reports."""

from __future__ import annotations

import itertools

import factory
import wagtail_factories

from portal.reporting import cells, choices, submission
from portal.reporting.models import PostcodeLocation, PupilReport, PupilReportPage, School

# A point in the middle of the (fictional) demo borough, and one a few streets away.
CENTRE = (51.5774, 0.1837)
NEARBY = (51.5801, 0.1902)
_references = itertools.count(1)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ("urn",)

    name = factory.Sequence(lambda n: f"Eastbrook School {n}")
    urn = factory.Sequence(lambda n: f"{100000 + n}")
    phase = choices.SECONDARY
    location = f"SRID=4326;POINT({CENTRE[1]} {CENTRE[0]})"
    lead_name = "Alex Morgan"
    lead_email = factory.Sequence(lambda n: f"dsl{n}@school.example")
    join_code = factory.Sequence(lambda n: f"JOIN{n:02d}"[:12])


class PostcodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostcodeLocation
        django_get_or_create = ("postcode",)

    postcode = "EB1 1AA"
    latitude = NEARBY[0]
    longitude = NEARBY[1]


def make_report(
    school: School | None = None, *, point: tuple[float, float] | None = CENTRE, **overrides
) -> PupilReport:
    """A stored report (through the real submission path). ``point`` is snapped like a pin."""
    school = school or SchoolFactory()
    values = {
        "reference": f"R-TEST-{next(_references):04d}",
        "school": school,
        "age_group": school.age_groups[0],
        "context": choices.NEIGHBOURHOOD,
        "categories": ["bullying"],
        "feeling": 2,
    }
    if point is not None and "cell" not in overrides:
        values["cell"] = cells.snap(*point)
    values.update(overrides)
    report, _created = submission.submit(submission.ReportDraft(**values))
    return report


class PupilReportPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PupilReportPage

    title = "Tell us where you feel unsafe"
    slug = "report"
    introduction = "<p>Tell us about a place where you do not feel safe.</p>"
    privacy_notice = "<p>We do not ask for your name.</p>"


def make_report_on(day, school: School | None = None, **kwargs) -> PupilReport:
    """``make_report`` as if sent on ``day`` (the submission path stamps today's date)."""
    from unittest import mock

    with mock.patch("portal.reporting.submission.timezone.localdate", return_value=day):
        return make_report(school, **kwargs)
