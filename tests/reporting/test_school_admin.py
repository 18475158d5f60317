"""The schools in the admin: a map field that fetches nothing from a third party, and only
superusers and partnership administrators may add or change a school (and so its staff, who
read its reports)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.urls import reverse

from portal.reporting import choices
from portal.reporting.models import School
from portal.reporting.roles import ADMINISTRATORS, SAFEGUARDING_LEADS
from portal.reporting.widgets import SelfHostedLeafletField
from tests.factories import UserFactory
from tests.reporting.factories import SchoolFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/reporting/school/"
ADD_URL = "/admin/snippets/reporting/school/add/"


def edit_url(school: School) -> str:
    return f"/admin/snippets/reporting/school/edit/{school.pk}/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def school_form(**overrides) -> dict:
    data = {
        "name": "Northgate High School",
        "urn": "123456",
        "phase": choices.SECONDARY,
        "address": "1 Northgate Road",
        "location": "SRID=4326;POINT(0.18 51.57)",
        "lead_name": "Pat Jones",
        "lead_email": "dsl@northgate.example",
        "lead_phone": "",
        "site_plan": "",
        "join_code": "ngt7pq",
        "accepts_reports": "on",
    }
    data.update(overrides)
    return data


def third_party_urls(html: str) -> list[str]:
    """Every script, stylesheet, image or frame the page would load from another host."""
    soup = BeautifulSoup(html, "html.parser")
    urls = [tag.get("src") or tag.get("href") for tag in soup.find_all(["script", "link", "img", "iframe"])]
    return [url for url in urls if url and urlsplit(url).netloc not in ("", "testserver")]


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def administrator():
    return UserFactory(username="partnership-admin", groups=[ADMINISTRATORS])


@pytest.fixture
def school() -> School:
    return SchoolFactory(name="Eastbrook Academy")


# --- The map field ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["add", "edit"])
def test_school_form_serves_leaflet_itself(superuser, school, page):
    response = client_for(superuser).get(ADD_URL if page == "add" else edit_url(school))

    assert response.status_code == 200
    html = response.content.decode()
    media = response.context["media"]
    assert "/static/vendor/leaflet/leaflet.js" in str(media["js"])
    assert "/static/vendor/leaflet/leaflet.css" in str(media["css"])
    assert not re.search(r"(https?:)?//[^\"'\s]+", str(media)), str(media)
    assert third_party_urls(html) == []
    assert "unpkg" not in html
    assert "openstreetmap" not in html.lower()  # neither tiles nor the upstream default credit
    soup = BeautifulSoup(html, "html.parser")
    scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
    leaflet = scripts.index("/static/vendor/leaflet/leaflet.js")
    assert leaflet < scripts.index("/static/wagtailgeowidget/js/leaflet-field-controller.js")


def test_without_a_tile_server_the_map_draws_the_sketch_map(superuser, school, settings):
    settings.GEO_WIDGET_LEAFLET_TILE_LAYER = ""

    soup = BeautifulSoup(client_for(superuser).get(edit_url(school)).content, "html.parser")

    field = soup.find(id="id_location")
    options = json.loads(field["data-leaflet-field-options-value"])
    assert options["tileLayer"] == ""
    assert options["defaultLocation"] == {"lat": "51.5774", "lng": "0.1837"}  # the school's own place
    overlay = json.loads(field["data-portal-map-overlay"])
    assert overlay["url"] == "/static/images/maps/eastbrook.svg"
    assert overlay["bounds"] == [[51.555, 0.14], [51.6, 0.23]]
    # The box an editor types a position into is there, labelled, whatever the map does.
    box = soup.find(id="id_location_latlng")
    assert box is not None and soup.find("label", attrs={"for": "id_location_latlng"}) is not None


def test_with_a_tile_server_the_map_uses_it_and_no_sketch(superuser, school, settings):
    settings.GEO_WIDGET_LEAFLET_TILE_LAYER = "https://tiles.borough.example/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Borough mapping"

    soup = BeautifulSoup(client_for(superuser).get(edit_url(school)).content, "html.parser")

    field = soup.find(id="id_location")
    options = json.loads(field["data-leaflet-field-options-value"])
    assert options["tileLayer"] == "https://tiles.borough.example/{z}/{x}/{y}.png"
    assert options["tileLayerOptions"] == {"attribution": "Borough mapping"}
    assert not field.has_attr("data-portal-map-overlay")


def test_the_widget_media_lists_only_our_static_files():
    media = SelfHostedLeafletField().media

    assert media._js == [
        "vendor/leaflet/leaflet.js",
        "wagtailgeowidget/js/leaflet-field.js",
        "js/admin-leaflet-field.js",
        "wagtailgeowidget/js/leaflet-field-controller.js",
    ]
    assert "vendor/leaflet/leaflet.css" in media._css["all"]


# --- Who may add and change schools -------------------------------------------------------------


def test_administrator_creates_a_school_with_a_map_location(administrator):
    client = client_for(administrator)
    assert client.get(ADD_URL).status_code == 200

    response = client.post(ADD_URL, school_form())

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    school = School.objects.get(urn="123456")
    assert school.location == "SRID=4326;POINT(0.18 51.57)"
    assert school.latitude == pytest.approx(51.57)
    assert school.longitude == pytest.approx(0.18)
    assert school.join_code == "NGT7PQ"
    assert school.cell  # counted on the map at the school's own cell


def test_administrator_adds_a_lead_to_the_schools_staff(administrator, school):
    lead = UserFactory(username="lead", groups=[SAFEGUARDING_LEADS])
    data = school_form(
        name=school.name, urn=school.urn, join_code=school.join_code, lead_email=school.lead_email, staff=[lead.pk]
    )

    response = client_for(administrator).post(edit_url(school), data)

    assert response.status_code == 302
    assert list(school.staff.all()) == [lead]


@pytest.mark.parametrize("location", ["somewhere near the park", "SRID=4326;POINT(200 95)", "POINT(abc def)"])
def test_an_invalid_location_is_a_form_error(administrator, location):
    response = client_for(administrator).post(ADD_URL, school_form(location=location))

    assert response.status_code == 200
    assert "location" in response.context["form"].errors
    assert "Choose the school&#x27;s place on the map" in response.content.decode()
    assert not School.objects.filter(urn="123456").exists()


def test_a_school_without_a_location_is_allowed(administrator):
    response = client_for(administrator).post(ADD_URL, school_form(location=""))

    assert response.status_code == 302
    school = School.objects.get(urn="123456")
    assert school.latitude is None and school.cell == ""


def test_editor_cannot_add_or_change_a_school(school):
    editor = UserFactory(username="editor", groups=["Editors"])
    client = client_for(editor)

    assert client.get(ADD_URL).status_code in (302, 403)
    assert client.post(ADD_URL, school_form()).status_code in (302, 403)
    assert client.post(edit_url(school), school_form(name="Renamed")).status_code in (302, 403)
    assert not School.objects.filter(urn="123456").exists()
    school.refresh_from_db()
    assert school.name == "Eastbrook Academy"
    assert LIST_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_safeguarding_lead_cannot_add_themselves_to_another_schools_staff(school):
    lead = UserFactory(username="lead", groups=[SAFEGUARDING_LEADS])

    response = client_for(lead).post(edit_url(school), school_form(urn=school.urn, staff=[lead.pk]))

    assert response.status_code in (302, 403)
    assert not school.staff.exists()


def test_schools_are_listed_with_name_urn_phase_and_whether_they_accept_reports(administrator, school):
    SchoolFactory(name="Westfield Primary", phase=choices.PRIMARY, accepts_reports=False)
    client = client_for(administrator)

    listing = client.get(LIST_URL)
    searched = client.get(LIST_URL, {"q": "westf"})

    assert listing.status_code == 200
    soup = BeautifulSoup(listing.content, "html.parser")
    headings = [th.get_text(strip=True) for th in soup.select("table thead th")]
    assert {"Name", "URN", "Phase", "Accepts reports"} <= set(headings)
    assert "Eastbrook Academy" in listing.content.decode() and school.urn in listing.content.decode()
    assert "Westfield Primary" in searched.content.decode()
    assert "Eastbrook Academy" not in searched.content.decode()
    assert LIST_URL in client.get(reverse("wagtailadmin_home")).content.decode()
