"""Factories for location risk assessment requests."""

from __future__ import annotations

import datetime
import itertools

import factory
import wagtail_factories

from django.utils import timezone

from portal.location_requests import choices
from portal.location_requests.models import LocationRequest, LocationRequestPage

_keys = itertools.count(1)


class LocationRequestPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LocationRequestPage

    title = "Ask for a location risk assessment"
    slug = "location-request"
    introduction = "<p>Care providers use this form to ask us to assess an area.</p>"


class LocationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocationRequest

    reference = factory.Sequence(lambda n: f"LRA-2026-{n + 1:05d}")
    submission_key = factory.LazyFunction(lambda: f"key-{next(_keys)}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    organisation_name = "Brookside Supported Living"
    organisation_type = "supported-accommodation"
    ofsted_urn = "SC123456"
    contact_name = "Pat Lee"
    contact_role = "Registered manager"
    contact_email = factory.Sequence(lambda n: f"manager{n}@provider.example")
    contact_phone = "01632 960 123"
    address_line_1 = "12 Mill Road"
    town = "Eastbrook"
    postcode = "EB1 1AA"
    location = "SRID=4326;POINT(0.1837 51.5774)"
    accommodation_type = "house"
    number_of_young_people = 3
    age_from = 16
    age_to = 17
    planned_start = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    concerns = factory.LazyFunction(lambda: ["missing"])
    research = factory.LazyFunction(lambda: {"transport": "Bus stop outside."})
    declared_accurate = True
    agreed_to_sharing = True
    status = choices.SUBMITTED


ANSWERS = {
    "organisation": {
        "organisation_name": "Brookside Supported Living",
        "organisation_type": "supported-accommodation",
        "ofsted_urn": "sc 123456",
        "contact_name": "Pat Lee",
        "contact_role": "Registered manager",
        "contact_email": "pat@provider.example",
        "contact_phone": "01632 960 123",
    },
    "address": {"address_line_1": "12 Mill Road", "town": "Eastbrook", "postcode": "eb11aa"},
    "placement": {
        "accommodation_type": "house",
        "number_of_young_people": "3",
        "age_from": "16",
        "age_to": "17",
        "planned_start": "",  # filled in by the walker: a date a month from today
        "specific_young_person": "yes",
        "young_person_initials": "J.D.",
        "young_person_age": "16",
    },
    "concerns": {"concerns": ["missing", "exploitation"], "concern_notes": "Has gone missing twice."},
    "research": {"police_team": "Spoke to the Safer Neighbourhood Team.", "transport": "Two bus routes."},
    "declaration": {"declared_accurate": "on", "agreed_to_sharing": "on"},
}
