"""The pupils' report form from the pupil's side: each step, its errors, skipping what does not
apply, check your answers, sending, and what happens on refresh, back and double submit."""

from __future__ import annotations

import re

import pytest

from django.test import Client, override_settings

from portal.reporting import cells
from portal.reporting.models import PupilReport
from tests.reporting.factories import PostcodeFactory
from tests.reporting.walker import ReportWalker, complete_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def walker(client, report_page, secondary_school):
    return ReportWalker(client, report_page)


def errors_of(response) -> str:
    return response.content.decode()


# --- Start page and shell -------------------------------------------------------------------------


def test_start_page_has_words_help_now_quick_exit_and_start_button(client, report_page):
    response = client.get(report_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tell us about a place where you do not feel safe." in html
    assert "We do not ask for your name." in html
    assert "999" in html and "0800 1111" in html
    assert "data-quick-exit" in html
    assert 'href="/report/step/school/"' in html


def test_every_step_page_shows_help_now_and_quick_exit_and_is_not_cached(walker):
    response = walker.get("school")
    html = response.content.decode()
    assert "Need help now?" in html and "0800 1111" in html
    assert "data-quick-exit" in html
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_pages_load_nothing_from_other_sites(walker):
    """No CDN, no fonts, no tiles from elsewhere: every script, style and image is our own."""
    walker.get("school")
    walker.answer("school", {"join_code": "EBK-BROOK"})
    walker.answer("where", {"context": "route"})
    html = walker.get("map-place").content.decode()
    assert "vendor/leaflet/leaflet.js" in html
    # Anything the browser fetches by itself: scripts, styles, images, frames, and map tiles.
    fetched = re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)=\"([^\"]+)\"", html)
    fetched += re.findall(r'data-(?:tile|overlay)-url="([^"]*)"', html)
    assert fetched
    assert [url for url in fetched if url.startswith(("http:", "https:", "//"))] == []


def test_an_unknown_step_goes_back_to_the_first(walker):
    response = walker.get("not-a-step")
    assert response.status_code in (302, 404)


# --- Step 1: school ------------------------------------------------------------------------------------


def test_school_step_needs_a_code_or_a_school(walker):
    walker.get("school")
    response = walker.post("school", {"join_code": "", "school": ""})
    assert response.status_code == 200
    assert "Enter your school&#x27;s code, or choose your school from the list." in errors_of(response)
    assert "There is a problem" in errors_of(response)


def test_a_wrong_code_is_explained_and_kept_in_the_box(walker):
    walker.get("school")
    response = walker.post("school", {"join_code": "NOPE-123"})
    html = errors_of(response)
    assert "We could not find a school with that code" in html
    assert 'value="NOPE-123"' in html


@pytest.mark.parametrize("typed", [" ebk-brook ", "EBK BROOK", "ebkbrook"])
def test_code_ignores_case_spaces_and_hyphens(walker, typed):
    walker.get("school")
    assert walker.answer("school", {"join_code": typed}) == "where"


def test_school_can_be_picked_from_the_list(walker, secondary_school):
    walker.get("school")
    assert walker.answer("school", {"school": str(secondary_school.pk)}) == "where"


def test_code_for_another_school_than_the_one_picked_is_refused(walker, secondary_school, primary_school):
    walker.get("school")
    response = walker.post("school", {"join_code": "EBK-PARK", "school": str(secondary_school.pk)})
    assert "The code is for a different school" in errors_of(response)


def test_schools_not_taking_reports_are_not_offered(walker, primary_school):
    primary_school.accepts_reports = False
    primary_school.save()
    html = walker.get("school").content.decode()
    assert "Parkside Primary" not in html
    response = walker.post("school", {"join_code": "EBK-PARK"})
    assert "We could not find a school with that code" in errors_of(response)


# --- Age group: only asked when the school does not tell us ------------------------------------------------


def test_age_is_not_asked_at_a_secondary_or_primary_school(walker):
    walker.get("school")
    assert walker.answer("school", {"join_code": "EBK-BROOK"}) == "where"


def test_age_is_asked_at_an_all_through_school(walker, all_through_school):
    walker.get("school")
    assert walker.answer("school", {"join_code": "EBK-ALL"}) == "age"
    response = walker.post("age", {})
    assert "Choose primary or secondary." in errors_of(response)
    assert walker.answer("age", {"age_group": "primary"}) == "where"


# --- Where, and the place step that follows -----------------------------------------------------------


def _to_where(walker):
    walker.get("school")
    walker.answer("school", {"join_code": "EBK-BROOK"})


def test_where_is_required(walker):
    _to_where(walker)
    response = walker.post("where", {})
    assert "Choose where you feel unsafe." in errors_of(response)


@pytest.mark.parametrize(
    ("context", "next_step"),
    [
        ("school", "school-place"),
        ("neighbourhood", "map-place"),
        ("route", "map-place"),
        ("home", "home-place"),
        ("online", "online-place"),
    ],
)
def test_each_kind_of_place_asks_its_own_question(walker, context, next_step):
    _to_where(walker)
    assert walker.answer("where", {"context": context}) == next_step


def _to_map(walker, context="neighbourhood"):
    _to_where(walker)
    walker.answer("where", {"context": context})
    walker.get("map-place")


def test_map_step_needs_a_place(walker):
    _to_map(walker)
    response = walker.post("map-place", {})
    assert "Put a pin on the map, type a postcode, or tell us where it is." in errors_of(response)


def test_route_step_mentions_drawing_the_route(walker):
    _to_map(walker, "route")
    response = walker.post("map-place", {})
    assert "draw your route" in errors_of(response)


def test_map_step_without_javascript_has_postcode_and_description(walker):
    _to_map(walker)
    html = walker.last.content.decode()
    assert 'name="map-place-postcode"' in html
    assert 'name="map-place-description"' in html
    # The map itself is hidden until the script shows it.
    assert "data-report-map " in html and " hidden>" in html


def test_a_badly_shaped_postcode_is_explained(walker):
    _to_map(walker)
    response = walker.post("map-place", {"postcode": "12345"})
    assert "Enter a whole postcode, like EB1 2AB" in errors_of(response)
    assert 'value="12345"' in errors_of(response)


def test_an_unknown_postcode_is_explained_and_kept(walker):
    _to_map(walker)
    response = walker.post("map-place", {"postcode": "EB9 9ZZ", "description": "near the shops"})
    html = errors_of(response)
    assert "We could not find that postcode in this area" in html
    assert 'value="EB9 9ZZ"' in html and "near the shops" in html


def test_a_known_postcode_becomes_a_map_cell(walker):
    postcode = PostcodeFactory(postcode="EB1 1AA")
    complete_report(walker, {"map-place": {"postcode": "eb11aa"}})
    report = PupilReport.objects.get()
    assert report.cell == cells.snap(postcode.latitude, postcode.longitude)


def test_a_description_alone_is_kept_for_the_school_but_not_mapped(walker):
    complete_report(walker, {"map-place": {"description": "The alley behind the chip shop"}})
    report = PupilReport.objects.get()
    assert report.cell == ""
    assert report.place_description == "The alley behind the chip shop"


def test_a_pin_outside_the_area_is_refused(walker):
    _to_map(walker)
    response = walker.post("map-place", {"latitude": "53.48", "longitude": "-2.24"})
    assert "The pin is outside the area this form covers" in errors_of(response)


@pytest.mark.parametrize("route", ["not json", "[[1]]", '[["a", "b"]]', "[[53.4, -2.2], [53.5, -2.2]]"])
def test_a_broken_or_far_away_route_is_refused_in_plain_words(walker, route):
    _to_map(walker, "route")
    response = walker.post("map-place", {"route": route})
    assert response.status_code == 200
    html = errors_of(response)
    assert "route" in html and "error-message" in html


def test_a_drawn_route_is_kept_as_the_cells_it_passes(walker):
    points = [[51.5770, 0.1800], [51.5790, 0.1850], [51.5810, 0.1900]]
    complete_report(
        walker,
        {"where": {"context": "route"}, "map-place": {"route": str(points).replace(" ", "")}},
    )
    report = PupilReport.objects.get()
    assert report.route_cells == cells.snap_route(points)
    assert len(report.route_cells) > 3
    assert report.cell == report.route_cells[0]


def test_school_grounds_reports_are_counted_at_the_school(walker, secondary_school):
    complete_report(
        walker,
        {"where": {"context": "school"}, "school-place": {"school_area": "toilets", "plan_x": "33.3", "plan_y": "71"}},
    )
    report = PupilReport.objects.get()
    assert report.cell == secondary_school.cell
    assert report.school_area == "toilets"
    assert (report.plan_x, report.plan_y) == (30, 70)


def test_school_area_is_required(walker):
    _to_where(walker)
    walker.answer("where", {"context": "school"})
    response = walker.post("school-place", {})
    assert "Choose the part of the school where you feel unsafe." in errors_of(response)


def test_home_diagram_offers_rooms_and_is_never_mapped(walker):
    _to_where(walker)
    walker.answer("where", {"context": "home"})
    html = walker.get("home-place").content.decode()
    for room in ("Bedroom", "Kitchen", "Garden or outside", "Front door"):
        assert room in html
    assert "never goes on a map" in html
    response = walker.post("home-place", {})
    assert "Choose the part of the home" in errors_of(response)
    walker.answer("home-place", {"home_room": "kitchen"})


def test_online_reports_ask_where_online(walker):
    complete_report(walker, {"where": {"context": "online"}, "online-place": {"online_place": "games"}})
    report = PupilReport.objects.get()
    assert report.online_place == "games" and report.cell == ""


# --- Worries, feeling, details, trusted adult ----------------------------------------------------------------


def test_secondary_worries_include_exploitation_knives_drugs_and_online_harms(walker):
    _to_map(walker)
    walker.answer("map-place", {"latitude": "51.5774", "longitude": "0.1837"})
    html = walker.get("worries").content.decode()
    for label in ("exploitation", "Knives or other weapons", "Drugs being used or sold", "Online harms", "carry"):
        assert label in html


def test_primary_pupils_get_simpler_words_with_icons_and_no_drugs_or_weapons(client, report_page, primary_school):
    walker = ReportWalker(client, report_page)
    walker.get("school")
    walker.answer("school", {"join_code": "EBK-PARK"})
    walker.answer("where", {"context": "neighbourhood"})
    walker.answer("map-place", {"latitude": "51.5774", "longitude": "0.1837"})
    html = walker.get("worries").content.decode()
    assert "What makes you feel unsafe?" in html
    assert "A grown-up makes me feel scared" in html
    assert "choices__icon" in html
    assert "Drugs" not in html and "weapons" not in html
    response = walker.post("worries", {"categories": ["drugs"]})
    assert "Select a valid choice" in errors_of(response)


def test_worries_are_required(walker):
    _to_map(walker)
    walker.answer("map-place", {"latitude": "51.5774", "longitude": "0.1837"})
    response = walker.post("worries", {})
    assert "Choose at least one thing that worries you." in errors_of(response)


def test_feeling_is_required_and_when_is_optional(walker):
    _to_map(walker)
    walker.answer("map-place", {"latitude": "51.5774", "longitude": "0.1837"})
    walker.answer("worries", {"categories": ["bullying"]})
    response = walker.post("feeling", {"times_of_day": ["evening"]})
    html = errors_of(response)
    assert "Choose how unsafe you feel." in html
    assert re.search(r'<input type="checkbox" name="feeling-times_of_day" value="evening"[^>]*checked', html)
    assert walker.answer("feeling", {"feeling": "3"}) == "details"


def test_details_warn_about_names_and_keep_too_long_text(walker):
    _to_map(walker)
    walker.answer("map-place", {"latitude": "51.5774", "longitude": "0.1837"})
    walker.answer("worries", {"categories": ["bullying"]})
    walker.answer("feeling", {"feeling": "3"})
    html = walker.get("details").content.decode()
    assert "Please do not write anyone" in html
    long_text = "word " * 250
    response = walker.post("details", {"details": long_text})
    assert "Please use 1000 characters or fewer" in errors_of(response)
    assert long_text.strip()[:100] in errors_of(response)


def _to_adult(walker):
    _to_map(walker)
    walker.answer("map-place", {"latitude": "51.5774", "longitude": "0.1837"})
    walker.answer("worries", {"categories": ["bullying"]})
    walker.answer("feeling", {"feeling": "3"})
    walker.answer("details", {"details": ""})


def test_trusted_adult_yes_needs_a_name_and_class(walker):
    _to_adult(walker)
    response = walker.post("trusted-adult", {"wants_trusted_adult": "yes"})
    html = errors_of(response)
    assert "Tell us your first name" in html and "Tell us your class or form" in html
    assert (
        walker.answer("trusted-adult", {"wants_trusted_adult": "yes", "contact_name": "Jo", "contact_class": "9B"})
        == "check"
    )


def test_a_name_typed_without_asking_for_an_adult_is_not_kept(walker):
    complete_report(
        walker, {"trusted-adult": {"wants_trusted_adult": "no", "contact_name": "Jo", "contact_class": "9B"}}
    )
    report = PupilReport.objects.get()
    assert (report.wants_trusted_adult, report.contact_name, report.contact_class) == (False, "", "")


def test_a_trusted_adult_request_keeps_name_and_class(walker):
    complete_report(
        walker, {"trusted-adult": {"wants_trusted_adult": "yes", "contact_name": "Jo", "contact_class": "9B"}}
    )
    report = PupilReport.objects.get()
    assert (report.wants_trusted_adult, report.contact_name, report.contact_class) == (True, "Jo", "9B")


# --- Check your answers, changes, sending --------------------------------------------------------------------


def test_check_page_lists_answers_with_change_links(walker):
    response = complete_report(walker, send=False)
    html = response.content.decode()
    assert "Check your answers before you send them" in html
    assert "Brook Academy" in html and "Drugs being used or sold" in html and "A pin on the map" in html
    assert 'href="/report/step/worries/"' in html
    assert "Send my report" in html


def test_a_change_from_the_check_page_returns_to_it(walker):
    complete_report(walker, send=False)
    walker.get("worries")
    assert walker.answer("worries", {"categories": ["bullying"]}) == "check"


def test_changing_where_asks_the_new_place_question_then_returns_to_check(walker):
    complete_report(walker, send=False)
    walker.get("where")
    assert walker.answer("where", {"context": "home"}) == "home-place"
    assert walker.answer("home-place", {"home_room": "garden"}) == "check"


def test_sending_stores_one_report_and_shows_the_reference_once(walker, secondary_school):
    response = complete_report(walker)
    html = response.content.decode()
    report = PupilReport.objects.get()
    assert "Thank you. Your report has been sent" in html
    assert report.reference in html
    assert report.school == secondary_school
    assert report.categories == ["groups", "drugs"]
    assert report.feeling == 2 and report.times_of_day == ["evening"] and report.days == "weekends"
    assert report.cell == cells.snap(51.5774, 0.1837)
    # A refresh still thanks the pupil but no longer shows the reference (it is not kept).
    again = walker.client.get(walker.sent_url).content.decode()
    assert "Your report has been sent" in again and report.reference not in again


def test_a_double_submit_stores_one_report(walker):
    complete_report(walker, send=False)
    first = walker.post("check", {})
    second = walker.post("check", {})
    done_first = walker.client.get(first["Location"])
    done_second = walker.client.get(second["Location"])
    assert PupilReport.objects.count() == 1
    assert done_first["Location"].endswith("/report/sent/")
    assert done_second["Location"].endswith("/report/sent/")


def test_the_same_answers_sent_twice_at_once_store_one_report(walker, client):
    """Two requests racing with the same session data (a double click before the first finished)."""
    complete_report(walker, send=False)
    walker.post("check", {})
    saved_session = dict(client.session.items())
    client.get(walker.step_url("done"))
    session = client.session
    session.update(saved_session)
    session.save()
    client.get(walker.step_url("done"))
    assert PupilReport.objects.count() == 1


def test_answers_survive_going_back_and_refreshing(walker):
    complete_report(walker, send=False)
    html = walker.get("details").content.decode()
    assert "Older people hang around the bus stop at night." in html
    html = walker.get("school").content.decode()
    assert 'value="EBK-BROOK"' in html
    # Back links point at the previous step.
    assert 'class="back-link" href="/report/step/school/"' in walker.get("where").content.decode()


def test_nothing_is_stored_before_the_pupil_sends(walker):
    complete_report(walker, send=False)
    assert PupilReport.objects.count() == 0


def test_a_filled_honeypot_is_thanked_but_not_stored(walker):
    walker.get("school")
    walker.answer("school", {"join_code": "EBK-BROOK", "website": "http://spam.example"})
    step = "where"
    from tests.reporting.walker import SECONDARY_ANSWERS

    while step != "check":
        step = walker.answer(step, SECONDARY_ANSWERS.get(step, {}))
    done = walker.post("check", {})
    sent = walker.client.get(walker.client.get(done["Location"])["Location"])
    assert "Your report has been sent" in sent.content.decode()
    assert PupilReport.objects.count() == 0


@override_settings(REPORTING_RATE_LIMIT_PER_SESSION_HOUR=1)
def test_too_many_reports_from_one_device_are_refused_kindly_and_answers_kept(walker):
    complete_report(walker)
    response = complete_report(walker, send=False)
    response = walker.post("check", {})
    html = errors_of(response)
    assert response.status_code == 429
    assert "You have sent a lot of reports in a short time" in html and "999" in html
    assert "Brook Academy" in html  # the answers are still there
    assert PupilReport.objects.count() == 1


@override_settings(REPORTING_RATE_LIMIT_PER_CLIENT_HOUR=2, REPORTING_RATE_LIMIT_PER_SESSION_HOUR=100)
def test_the_per_address_limit_counts_across_devices(report_page, secondary_school):
    for _ in range(2):
        complete_report(ReportWalker(Client(), report_page, REMOTE_ADDR="198.51.100.7"))
    walker = ReportWalker(Client(), report_page, REMOTE_ADDR="198.51.100.7")
    complete_report(walker, send=False)
    assert walker.post("check", {}).status_code == 429
    other = ReportWalker(Client(), report_page, REMOTE_ADDR="198.51.100.8")
    complete_report(other)
    assert PupilReport.objects.count() == 3


def test_forms_refuse_posts_without_the_csrf_token(report_page, secondary_school):
    client = Client(enforce_csrf_checks=True)
    walker = ReportWalker(client, report_page)
    walker.get("school")
    response = walker.post("school", {"join_code": "EBK-BROOK"})
    assert response.status_code == 403


def test_rubbish_posted_to_any_step_never_gives_a_server_error(walker):
    walker.get("school")
    for step in ("school", "where", "map-place", "worries", "feeling", "details", "trusted-adult", "check", "done"):
        response = walker.client.post(
            walker.step_url(step),
            {f"{walker.prefix}-current_step": step, f"{step}-latitude": "nan", f"{step}-categories": "x" * 500},
        )
        assert response.status_code < 500, step
