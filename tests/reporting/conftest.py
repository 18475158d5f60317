"""Fixtures for the pupil reporting tests: a report page on the site and a school or two."""

from __future__ import annotations

import pytest

from portal.reporting import choices
from tests.reporting.factories import PupilReportPageFactory, SchoolFactory


@pytest.fixture
def report_page(home_page):
    return PupilReportPageFactory(parent=home_page)


@pytest.fixture
def secondary_school(db):
    return SchoolFactory(name="Brook Academy", urn="900001", phase=choices.SECONDARY, join_code="EBK-BROOK")


@pytest.fixture
def primary_school(db):
    return SchoolFactory(name="Parkside Primary", urn="900002", phase=choices.PRIMARY, join_code="EBK-PARK")


@pytest.fixture
def all_through_school(db):
    return SchoolFactory(name="Eastbrook All-Through", urn="900003", phase=choices.ALL_THROUGH, join_code="EBK-ALL")
