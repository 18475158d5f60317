"""Listing filters: the toolkit's facets, practice briefings, support services and the engagement
directory.

All are plain GET forms: they work without JavaScript, a bad value becomes a plain-language message
while the listing still shows, and nothing a reader types causes a server error.
"""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Locale

from portal.toolkit.models import ToolkitIndexPage
from tests.factories import TopicFactory
from tests.toolkit.factories import (
    EngagementDirectoryPageFactory,
    EngagementEntryFactory,
    PracticeBriefingIndexPageFactory,
    PracticeBriefingPageFactory,
    SupportServiceFactory,
    SupportServiceIndexPageFactory,
    ToolkitIndexPageFactory,
    ToolkitResourcePageFactory,
    YouthHubIndexPageFactory,
)

pytestmark = pytest.mark.django_db

ALL_RESOURCES = ["Ask in play", "Care leavers panel", "Feed back letter", "Listen and act", "Listening map"]


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def result_titles(response) -> list[str]:
    return [h3.get_text(strip=True) for h3 in soup_of(response).select(".result-list > li > h3")]


def error_summary(response) -> str:
    summary = soup_of(response).select_one(".error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def checkbox_labels(response, name: str) -> dict[str, str]:
    """{value: label text} for every checkbox of one facet, in the order shown."""
    soup = soup_of(response)
    return {
        box["value"]: soup.select_one(f"label[for={box['id']}]").get_text(strip=True)
        for box in soup.select(f"input[type=checkbox][name={name}]")
    }


def checked(response, name: str) -> list[str]:
    return [box["value"] for box in soup_of(response).select(f"input[type=checkbox][name={name}][checked]")]


# --- Toolkit facets ------------------------------------------------------------------------------


@pytest.fixture
def toolkit(home_page):
    """Five live resources with known facets, plus resources that must never be listed or counted."""
    index = ToolkitIndexPageFactory(parent=home_page, slug="toolkit")
    ToolkitResourcePageFactory(
        parent=index,
        title="Ask in play",
        stages=["ask"],
        uses=["direct-work"],
        ages=["0-4", "5-10"],
        resource_format="activity",
    )
    ToolkitResourcePageFactory(
        parent=index,
        title="Listening map",
        stages=["listen"],
        uses=["direct-work"],
        ages=["11-14"],
        resource_format="template",
    )
    ToolkitResourcePageFactory(
        parent=index,
        title="Listen and act",
        stages=["listen", "act"],
        uses=["service-planning"],
        ages=["11-14", "15-17"],
        resource_format="guide",
    )
    ToolkitResourcePageFactory(
        parent=index,
        title="Feed back letter",
        stages=["feed-back"],
        uses=["direct-work", "quality-assurance"],
        ages=["15-17"],
        resource_format="template",
    )
    ToolkitResourcePageFactory(
        parent=index,
        title="Care leavers panel",
        stages=["listen"],
        uses=["recruitment"],
        ages=["18-25"],
        resource_format="video",
    )
    # Never listed or counted: a draft here, and a live resource in another toolkit.
    ToolkitResourcePageFactory(parent=index, title="Draft resource", stages=["listen"], ages=["11-14"], live=False)
    other = ToolkitIndexPageFactory(parent=home_page, slug="old-toolkit")
    ToolkitResourcePageFactory(parent=other, title="Old resource", stages=["listen"], ages=["11-14"])
    return index


def test_toolkit_lists_every_live_resource_alphabetically_with_counts(client, toolkit):
    response = client.get(toolkit.url)

    assert response.status_code == 200
    assert result_titles(response) == ALL_RESOURCES
    assert soup_of(response).select_one("#results-heading").get_text(strip=True) == "5 resources"
    assert checkbox_labels(response, "stage") == {
        "ask": "Ask (1)",
        "listen": "Listen (3)",
        "act": "Act (1)",
        "feed-back": "Feed back (1)",
    }
    assert checkbox_labels(response, "use") == {
        "direct-work": "Direct work with children (3)",
        "service-planning": "Service planning (1)",
        "strategic-planning": "Strategic planning (0)",
        "recruitment": "Recruitment (1)",
        "quality-assurance": "Quality assurance (1)",
    }
    assert checkbox_labels(response, "age") == {
        "0-4": "Under 5 (1)",
        "5-10": "5 to 10 (1)",
        "11-14": "11 to 14 (2)",
        "15-17": "15 to 17 (2)",
        "18-25": "18 to 25 (care leavers) (1)",
    }
    assert checkbox_labels(response, "format") == {
        "activity": "Activity (1)",
        "template": "Template (2)",
        "briefing": "Briefing (0)",
        "video": "Video (1)",
        "guide": "Guide (1)",
    }
    assert checked(response, "stage") == []
    # The clear link is there for the live filter to show, but hidden until something is chosen.
    assert BeautifulSoup(response.content, "html.parser").select_one("[data-clear-filters]").has_attr("hidden")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"stage": "listen"}, ["Care leavers panel", "Listen and act", "Listening map"]),
        ({"use": "direct-work"}, ["Ask in play", "Feed back letter", "Listening map"]),
        ({"age": "15-17"}, ["Feed back letter", "Listen and act"]),
        ({"format": "template"}, ["Feed back letter", "Listening map"]),
    ],
)
def test_each_facet_filters_on_its_own(client, toolkit, query, expected):
    response = client.get(toolkit.url, query)

    assert response.status_code == 200
    assert result_titles(response) == expected
    name, value = next(iter(query.items()))
    assert checked(response, name) == [value]
    assert error_summary(response) == ""
    assert "Clear filters" in response.content.decode()


def test_values_within_one_facet_are_alternatives(client, toolkit):
    response = client.get(toolkit.url, {"stage": ["ask", "listen"]})

    assert result_titles(response) == ["Ask in play", "Care leavers panel", "Listen and act", "Listening map"]
    assert checked(response, "stage") == ["ask", "listen"]


def test_facets_combine_so_that_every_one_applies(client, toolkit):
    response = client.get(toolkit.url + "?stage=listen&age=11-14")

    assert result_titles(response) == ["Listen and act", "Listening map"]
    assert checked(response, "stage") == ["listen"]
    assert checked(response, "age") == ["11-14"]


def test_or_within_and_across_facets_together(client, toolkit):
    response = client.get(toolkit.url, {"stage": ["ask", "feed-back"], "use": "direct-work", "format": "template"})

    assert result_titles(response) == ["Feed back letter"]
    assert checked(response, "stage") == ["ask", "feed-back"]
    assert checked(response, "use") == ["direct-work"]
    assert checked(response, "format") == ["template"]


def test_a_resource_matching_two_chosen_values_is_listed_once(client, toolkit):
    response = client.get(toolkit.url, {"stage": ["listen", "act"], "age": ["11-14", "15-17"]})

    assert result_titles(response) == ["Listen and act", "Listening map"]
    assert soup_of(response).select_one("#results-heading").get_text(strip=True) == "2 resources"


def test_counts_reflect_the_other_chosen_facets(client, toolkit):
    response = client.get(toolkit.url, {"age": "11-14"})

    # Each stage counts only 11 to 14 resources ...
    assert checkbox_labels(response, "stage") == {
        "ask": "Ask (0)",
        "listen": "Listen (2)",
        "act": "Act (1)",
        "feed-back": "Feed back (0)",
    }
    assert checkbox_labels(response, "format")["template"] == "Template (1)"
    # ... while the age facet's own counts ignore the age chosen, so readers can widen it.
    assert checkbox_labels(response, "age") == {
        "0-4": "Under 5 (1)",
        "5-10": "5 to 10 (1)",
        "11-14": "11 to 14 (2)",
        "15-17": "15 to 17 (2)",
        "18-25": "18 to 25 (care leavers) (1)",
    }


def test_counts_with_two_facets_chosen(client, toolkit):
    response = client.get(toolkit.url, {"stage": "listen", "age": "11-14"})

    assert checkbox_labels(response, "age") == {
        "0-4": "Under 5 (0)",
        "5-10": "5 to 10 (0)",
        "11-14": "11 to 14 (2)",
        "15-17": "15 to 17 (1)",
        "18-25": "18 to 25 (care leavers) (1)",
    }
    assert checkbox_labels(response, "stage")["listen"] == "Listen (2)"
    assert checkbox_labels(response, "stage")["act"] == "Act (1)"
    assert checkbox_labels(response, "use") == {
        "direct-work": "Direct work with children (1)",
        "service-planning": "Service planning (1)",
        "strategic-planning": "Strategic planning (0)",
        "recruitment": "Recruitment (0)",
        "quality-assurance": "Quality assurance (0)",
    }


def test_no_matches_says_so_and_keeps_the_choices(client, toolkit):
    response = client.get(toolkit.url, {"stage": "ask", "age": "18-25"})

    assert response.status_code == 200
    assert result_titles(response) == []
    assert soup_of(response).select_one("#results-heading").get_text(strip=True) == "0 resources"
    assert "No resources match all of these filters. Try removing one." in response.content.decode()
    assert checked(response, "stage") == ["ask"]
    assert checked(response, "age") == ["18-25"]


TOOLKIT_BAD_VALUES = [
    ({"stage": "bogus"}, "Choose a stage from the list."),
    ({"use": "gardening"}, "Choose a use from the list."),
    ({"age": "999"}, "Choose an age range from the list."),
    ({"format": "<script>alert(1)</script>"}, "Choose a format from the list."),
    ({"stage": "x" * 5000}, "Choose a stage from the list."),
    ({"stage": [f"junk-{n}" for n in range(50)]}, "Choose a stage from the list."),
    ({"age": "\x00"}, "Choose an age range from the list."),
    ({"format": "Template"}, "Choose a format from the list."),  # labels are not values
]


def test_bad_values_explain_themselves_and_still_list_everything(client, toolkit):
    for query, message in TOOLKIT_BAD_VALUES:
        response = client.get(toolkit.url, query)

        assert response.status_code == 200, query
        assert error_summary(response) == f"There is a problem {message}", query
        assert result_titles(response) == ALL_RESOURCES, query
        assert b"<script>alert(1)</script>" not in response.content


def test_a_facet_error_is_shown_by_its_checkboxes_and_linked_from_the_summary(client, toolkit):
    response = client.get(toolkit.url, {"age": "999"})

    soup = soup_of(response)
    group = soup.select_one("fieldset.form-group--error")
    assert group.legend.get_text(strip=True) == "Age of the child"
    error = group.select_one(".error-message")
    assert "Choose an age range from the list." in error.get_text()
    assert group["aria-describedby"] == error["id"]
    # The summary's link lands on the first checkbox of the group (not on "#").
    first_box = group.select_one("input[type=checkbox]")
    assert soup.select_one(".error-summary a")["href"] == f"#{first_box['id']}"
    assert len(soup.select("fieldset.form-group--error")) == 1


def test_a_bad_value_does_not_lose_the_good_ones(client, toolkit):
    response = client.get(toolkit.url, {"stage": ["bogus", "listen"], "age": "11-14"})

    assert response.status_code == 200
    assert error_summary(response) == "There is a problem Choose a stage from the list."
    assert result_titles(response) == ["Listen and act", "Listening map"]
    assert checked(response, "stage") == ["listen"]
    assert checked(response, "age") == ["11-14"]


def test_unknown_parameters_are_ignored(client, toolkit):
    response = client.get(toolkit.url, {"colour": "blue", "utm_source": "email"})

    assert response.status_code == 200
    assert error_summary(response) == ""
    assert result_titles(response) == ALL_RESOURCES


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(ToolkitIndexPage, "page_size", 2)


def test_pagination_keeps_the_filters(client, toolkit, small_pages):
    first = client.get(toolkit.url, {"stage": ["ask", "listen"]})

    assert result_titles(first) == ["Ask in play", "Care leavers panel"]
    next_link = soup_of(first).select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?stage=ask&stage=listen&page=2"

    second = client.get(toolkit.url + next_link)
    assert result_titles(second) == ["Listen and act", "Listening map"]
    assert "Page 2 of 2" in second.content.decode()
    assert checked(second, "stage") == ["ask", "listen"]
    previous_link = soup_of(second).select_one(".pagination a[rel=prev]")["href"]
    assert previous_link == "?stage=ask&stage=listen&page=1"


def test_bad_page_numbers_show_a_page_of_results(client, toolkit, small_pages):
    expected = {
        "abc": ALL_RESOURCES[:2],
        "0": ALL_RESOURCES[4:],
        "-1": ALL_RESOURCES[4:],
        "99999999999999999999999": ALL_RESOURCES[4:],
        "2.5": ALL_RESOURCES[:2],
    }
    for page, titles in expected.items():
        response = client.get(toolkit.url, {"page": page})

        assert response.status_code == 200, page
        assert result_titles(response) == titles, page


# --- Practice briefings --------------------------------------------------------------------------


@pytest.fixture
def briefings(home_page):
    toolkit = ToolkitIndexPageFactory(parent=home_page, slug="toolkit")
    index = PracticeBriefingIndexPageFactory(parent=toolkit, slug="briefings")
    neglect = TopicFactory(name="Neglect", slug="neglect")
    exploitation = TopicFactory(name="Exploitation", slug="exploitation")
    TopicFactory(name="Unused", slug="unused")
    PracticeBriefingPageFactory(
        parent=index, title="Neglect learning", date=datetime.date(2025, 3, 1), topics=[neglect]
    )
    PracticeBriefingPageFactory(
        parent=index, title="Exploitation review", date=datetime.date(2025, 6, 1), topics=[exploitation]
    )
    PracticeBriefingPageFactory(
        parent=index,
        title="Neglect and exploitation",
        date=datetime.date(2024, 11, 1),
        topics=[neglect, exploitation],
    )
    PracticeBriefingPageFactory(
        parent=index, title="Draft briefing", date=datetime.date(2026, 1, 1), topics=[neglect], live=False
    )
    return index


def option_labels(response, name: str) -> dict[str, str]:
    select = soup_of(response).select_one(f"select[name={name}]")
    return {option["value"]: option.get_text(strip=True) for option in select.select("option")}


def test_briefings_are_newest_first_with_topic_counts(client, briefings):
    response = client.get(briefings.url)

    assert response.status_code == 200
    assert result_titles(response) == ["Exploitation review", "Neglect learning", "Neglect and exploitation"]
    assert option_labels(response, "topic") == {
        "": "All topics",
        "exploitation": "Exploitation (2)",
        "neglect": "Neglect (2)",
    }
    dates = [t["datetime"] for t in soup_of(response).select(".result-list time")]
    assert dates == ["2025-06-01", "2025-03-01", "2024-11-01"]


def test_briefings_filter_by_topic(client, briefings):
    response = client.get(briefings.url, {"topic": "neglect"})

    assert result_titles(response) == ["Neglect learning", "Neglect and exploitation"]
    assert soup_of(response).select_one("select[name=topic] option[selected]")["value"] == "neglect"
    assert "Clear filters" in response.content.decode()


def test_briefings_only_offer_topics_in_the_page_language(client, briefings):
    polish = Locale.objects.create(language_code="pl")
    polish_topic = TopicFactory(name="Zaniedbanie", slug="zaniedbanie", locale=polish)
    PracticeBriefingPageFactory(parent=briefings, title="Mixed", topics=[polish_topic])

    response = client.get(briefings.url)

    assert "zaniedbanie" not in option_labels(response, "topic")


def test_bad_briefing_topic_explains_itself(client, briefings):
    # "unused" is a real topic, but no briefing has it, so it is not offered.
    for topic in ["bogus", "unused", "<b>x</b>", "x" * 3000, ["neglect", "bogus"]]:
        response = client.get(briefings.url, {"topic": topic})

        assert response.status_code == 200, topic
        assert error_summary(response) == "There is a problem Choose a topic from the list.", topic
        assert result_titles(response) == ["Exploitation review", "Neglect learning", "Neglect and exploitation"]
        assert b"<b>x</b>" not in response.content


# --- Support services ----------------------------------------------------------------------------

ALL_SERVICES = ["Borough Youth Counselling", "Eastbrook Pride Youth", "Childline", "Kooth", "Talk to Frank"]


@pytest.fixture
def services(home_page):
    hub = YouthHubIndexPageFactory(parent=home_page, slug="youth-hub")
    page = SupportServiceIndexPageFactory(parent=hub, slug="get-support")
    SupportServiceFactory(name="Childline", topics=["abuse", "bullying", "mental-health"], max_age=18)
    SupportServiceFactory(name="Kooth", topics=["mental-health"], min_age=11, max_age=25)
    SupportServiceFactory(
        name="Borough Youth Counselling", topics=["mental-health", "family"], min_age=13, max_age=19, reach="local"
    )
    SupportServiceFactory(name="Talk to Frank", topics=["drugs-alcohol"])
    SupportServiceFactory(name="Eastbrook Pride Youth", topics=["lgbtq"], min_age=14, max_age=21, reach="local")
    return page


def service_names(response) -> list[str]:
    return [h3.contents[0].strip() for h3 in soup_of(response).select(".result-list > li.service > h3")]


def test_support_services_list_local_first_with_topic_counts(client, services):
    response = client.get(services.url)

    assert response.status_code == 200
    assert service_names(response) == ALL_SERVICES
    assert option_labels(response, "topic") == {
        "": "Anything",
        "abuse": "Abuse and feeling unsafe (1)",
        "bullying": "Bullying (1)",
        "mental-health": "Feelings and mental health (3)",
        "drugs-alcohol": "Drugs and alcohol (1)",
        "family": "Family problems (1)",
        "lgbtq": "LGBTQ+ (1)",
    }
    assert option_labels(response, "reach") == {"": "Both", "local": "Local", "national": "National"}


def test_support_services_filter_by_topic(client, services):
    response = client.get(services.url, {"topic": "mental-health"})

    assert service_names(response) == ["Borough Youth Counselling", "Childline", "Kooth"]


@pytest.mark.parametrize(
    ("reach", "expected"),
    [("local", ["Borough Youth Counselling", "Eastbrook Pride Youth"]), ("national", ALL_SERVICES[2:])],
)
def test_support_services_filter_by_reach(client, services, reach, expected):
    assert service_names(client.get(services.url, {"reach": reach})) == expected


def test_support_services_filter_by_age(client, services):
    expected = {
        # Childline has no youngest age and Talk to Frank no ages at all: both are open.
        "5": ["Childline", "Talk to Frank"],
        "10": ["Childline", "Talk to Frank"],
        "11": ["Childline", "Kooth", "Talk to Frank"],  # the youngest age is included
        "18": ALL_SERVICES,  # the oldest age is included
        "19": ["Borough Youth Counselling", "Eastbrook Pride Youth", "Kooth", "Talk to Frank"],
        "25": ["Kooth", "Talk to Frank"],
        " 14 ": ALL_SERVICES,
    }
    for age, names in expected.items():
        response = client.get(services.url, {"age": age})

        assert error_summary(response) == "", age
        assert service_names(response) == names, age


def test_support_services_combine_filters(client, services):
    response = client.get(services.url, {"topic": "mental-health", "reach": "national", "age": "12"})

    assert service_names(response) == ["Childline", "Kooth"]
    soup = soup_of(response)
    assert soup.select_one("select[name=topic] option[selected]")["value"] == "mental-health"
    assert soup.select_one("select[name=reach] option[selected]")["value"] == "national"
    assert soup.select_one("input[name=age]")["value"] == "12"
    assert "Show all services" in response.content.decode()


def test_support_services_with_no_match_point_to_childline(client, services):
    response = client.get(services.url, {"topic": "lgbtq", "reach": "national"})

    assert service_names(response) == []
    assert "call Childline free on 0800 1111" in response.content.decode()


SERVICE_BAD_VALUES = [
    ({"age": "abc"}, "Enter your age as a number, like 14."),
    ({"age": "14.5"}, "Enter your age as a number, like 14."),
    ({"age": "9" * 5000}, "Enter your age as a number, like 14."),
    ({"age": "\x00"}, "Enter your age as a number, like 14."),
    ({"age": "3"}, "Enter an age of 5 or more."),
    ({"age": "-14"}, "Enter an age of 5 or more."),
    ({"age": "40"}, "Enter an age of 25 or less."),
    ({"topic": "gardening"}, "Choose something from the list."),
    ({"topic": "crime"}, "Choose something from the list."),  # a real topic no service has
    ({"reach": "both"}, "Choose local or national."),
]


def test_bad_support_service_values_explain_themselves(client, services):
    for query, message in SERVICE_BAD_VALUES:
        response = client.get(services.url, query)

        assert response.status_code == 200, query
        assert error_summary(response) == f"There is a problem {message}", query
        assert service_names(response) == ALL_SERVICES, query
        name = next(iter(query))
        assert soup_of(response).select_one(f"[name={name}]")["aria-invalid"] == "true", query
        assert soup_of(response).select_one(".error-summary a")["href"] == f"#id_{name}", query


def test_what_a_young_person_typed_is_kept_after_an_error(client, services):
    response = client.get(services.url, {"age": "abc", "topic": "mental-health"})

    soup = soup_of(response)
    assert soup.select_one("input[name=age]")["value"] == "abc"
    assert soup.select_one("select[name=topic] option[selected]")["value"] == "mental-health"
    # The valid choice still applies.
    assert service_names(response) == ["Borough Youth Counselling", "Childline", "Kooth"]


# --- Engagement directory ------------------------------------------------------------------------


@pytest.fixture
def directory(home_page):
    page = EngagementDirectoryPageFactory(parent=home_page, slug="how-agencies-listen")
    EngagementEntryFactory(agency="Youth Voice charity", sector="voluntary")
    EngagementEntryFactory(agency="Hospital young people's forum", sector="health")
    EngagementEntryFactory(agency="Eastbrook Police youth panel", sector="police")
    EngagementEntryFactory(agency="CAMHS participation group", sector="health")
    EngagementEntryFactory(agency="Schools council network", sector="education")
    return page


def sector_groups(response) -> list[tuple[str, list[str]]]:
    return [
        (section.h2.get_text(strip=True), [h3.get_text(strip=True) for h3 in section.select("article h3")])
        for section in soup_of(response).select("main section")
    ]


def test_directory_is_grouped_by_sector_in_a_fixed_order(client, directory):
    response = client.get(directory.url)

    assert response.status_code == 200
    assert sector_groups(response) == [
        ("Health", ["CAMHS participation group", "Hospital young people's forum"]),
        ("Education", ["Schools council network"]),
        ("Police", ["Eastbrook Police youth panel"]),
        ("Voluntary and community", ["Youth Voice charity"]),
    ]


def test_directory_filters_by_sector(client, directory):
    response = client.get(directory.url, {"sector": "police"})

    assert sector_groups(response) == [("Police", ["Eastbrook Police youth panel"])]
    assert soup_of(response).select_one("select[name=sector] option[selected]")["value"] == "police"


def test_directory_sector_with_no_entries_says_so(client, directory):
    response = client.get(directory.url, {"sector": "youth-justice"})

    assert sector_groups(response) == []
    assert "No agencies are listed for this sector yet." in response.content.decode()


def test_bad_sector_explains_itself_and_lists_everything(client, directory):
    for sector in ["bogus", "Health", "<script>alert(1)</script>", "x" * 4000, "\x00", ["police", "bogus"]]:
        response = client.get(directory.url, {"sector": sector})

        assert response.status_code == 200, sector
        assert error_summary(response) == "There is a problem Choose a sector from the list.", sector
        assert [name for name, _entries in sector_groups(response)] == [
            "Health",
            "Education",
            "Police",
            "Voluntary and community",
        ]
        assert b"<script>alert(1)</script>" not in response.content
