"""Every body block renders its own template with realistic content, and nothing is embedded."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from django.template import Context, Template
from django.template.loader import get_template

from portal.home.blocks import BaseStreamBlock, HomeRouteBlock
from tests.factories import GuidancePageFactory, PortalDocumentFactory, StandardPageFactory

REFERRAL_ROUTE = {
    "title": "Referral route for sexual abuse",
    "introduction": "Work through the steps in order.",
    "steps": [
        {
            "question": "How old is the child?",
            "help_text": "Use the age on the day of the disclosure.",
            "outcomes": [
                {"condition": "Under 13", "action": "<p>Tell the police <b>at once</b>.</p>", "next_step": 2},
                {"condition": "13 or older", "action": "<p>Encourage a police referral.</p>", "next_step": 3},
            ],
        },
        {
            "question": "Is the child at immediate risk?",
            "help_text": "",
            "outcomes": [{"condition": "Yes", "action": "<p>Call 999.</p>", "next_step": 3}],
        },
        {
            "question": "When did the abuse happen?",
            "help_text": "",
            "outcomes": [
                {
                    "condition": "Within the last 7 days",
                    "action": "<p>Call the sexual assault referral centre.</p>",
                    "next_step": None,
                }
            ],
        },
    ],
}


def stream(*children: tuple[str, dict | str, str]):
    """A body StreamValue from (block type, raw value, block id) triples."""
    return BaseStreamBlock().to_python(
        [{"type": kind, "value": value, "id": block_id} for kind, value, block_id in children]
    )


def render_stream(value) -> BeautifulSoup:
    """Render a body the way page templates do: block by block, so each knows its own id."""
    template = Template("{% load wagtailcore_tags %}{% for block in body %}{% include_block block %}{% endfor %}")
    return BeautifulSoup(template.render(Context({"body": value})), "html.parser")


def render_one(kind: str, value) -> BeautifulSoup:
    return render_stream(stream((kind, value, "b1")))


# --- Every block is documented and renders its preview ------------------------------------------


@pytest.mark.parametrize("name", list(BaseStreamBlock.base_blocks))
def test_every_block_declares_icon_template_description_and_preview(name):
    block = BaseStreamBlock().child_blocks[name]
    assert block.meta.icon and block.meta.icon != "placeholder", name
    assert block.meta.description, name
    assert get_template(block.meta.template), name
    assert block.meta.preview_value is not None, name


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(BaseStreamBlock.base_blocks))
def test_every_block_renders_its_preview_value(name):
    block = BaseStreamBlock().child_blocks[name]
    html = block.render(block.get_preview_value())
    assert html.strip()
    assert "<iframe" not in html


# --- Individual blocks --------------------------------------------------------------------------


def test_heading_has_an_anchor_for_the_contents_list():
    section = render_one("heading", {"text": "When to refer", "level": "h2"})
    sub = render_one("heading", {"text": "Consent & information sharing", "level": "h3"})

    assert str(section.h2) == '<h2 id="when-to-refer">When to refer</h2>'
    assert sub.h3["id"] == "consent-information-sharing"
    assert sub.h3.get_text() == "Consent & information sharing"


@pytest.mark.django_db
def test_two_headings_with_the_same_words_get_their_own_anchors(client, guidance_index):
    heading = {"text": "Next steps", "level": "h2"}
    body = [
        {"type": "heading", "value": heading, "id": "one"},
        {"type": "heading", "value": heading, "id": "two"},
        {"type": "heading", "value": {"text": "Następne kroki", "level": "h3"}, "id": "three"},
        {"type": "heading", "value": {"text": "اگلے اقدامات", "level": "h3"}, "id": "four"},
        {"type": "heading", "value": {"text": "!!!", "level": "h3"}, "id": "five"},
    ]
    page = GuidancePageFactory(parent=guidance_index, slug="two-headings", body=body)

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")

    ids = [tag["id"] for tag in soup.select(".guidance__body h2, .guidance__body h3")]
    assert ids == ["next-steps", "next-steps-2", "następne-kroki", "اگلے-اقدامات", "section"]
    assert len(set(ids)) == len(ids) and all(ids)


def test_rich_text_keeps_its_formatting():
    soup = render_one("text", "<p>Talk to your <b>designated safeguarding lead</b>.</p><ul><li>Record it</li></ul>")

    assert soup.select_one(".rich-text b").get_text() == "designated safeguarding lead"
    assert soup.select_one(".rich-text ul li").get_text() == "Record it"


def test_decision_guide_numbers_steps_and_links_each_answer_to_its_next_step():
    soup = render_one("decision_guide", REFERRAL_ROUTE)

    guide = soup.select_one("section.decision-guide")
    assert guide.h2.get_text() == "Referral route for sexual abuse"
    assert guide["aria-labelledby"] == guide.h2["id"]
    steps = guide.select("ol.decision-guide__steps > li")
    assert len(steps) == 3
    assert [step.select_one(".decision-guide__number").get_text() for step in steps] == ["Step 1", "Step 2", "Step 3"]
    assert "How old is the child?" in steps[0].h3.get_text()
    assert steps[0].select_one(".hint").get_text() == "Use the age on the day of the disclosure."

    first_answers = steps[0].select(".decision-guide__outcomes > li")
    assert first_answers[0].select_one(".decision-guide__condition").get_text(strip=True) == "If Under 13:"
    assert first_answers[0].select_one(".rich-text b").get_text() == "at once"  # rich text, not escaped

    links = [(a.get_text(strip=True), a["href"]) for a in guide.select("a")]
    assert [text for text, _ in links] == ["Then go to step 2", "Then go to step 3", "Then go to step 3"]
    for _, href in links:
        target = soup.find(id=href.removeprefix("#"))
        assert target is not None, f"{href} points at nothing"
        assert target in steps
    assert links[0][1] == "#" + steps[1]["id"]
    # The last step ends the route: no onward link.
    assert steps[2].find("a") is None


def test_two_decision_guides_on_one_page_link_to_their_own_steps():
    soup = render_stream(
        stream(("decision_guide", REFERRAL_ROUTE, "first"), ("decision_guide", REFERRAL_ROUTE, "second"))
    )

    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "element ids are unique on the page"
    for guide in soup.select("section.decision-guide"):
        own_steps = guide.select("ol.decision-guide__steps > li")
        for link in guide.select("a[href^='#']"):
            assert soup.find(id=link["href"][1:]) in own_steps


def test_accordion_uses_details_and_summary_so_it_works_without_javascript():
    soup = render_one(
        "accordion",
        {
            "title": "Common questions",
            "items": [
                {"heading": "Do I need consent to share?", "content": "<p>Not when a child is at risk.</p>"},
                {"heading": "Who do I tell?", "content": "<p>Your designated safeguarding lead.</p>"},
            ],
        },
    )

    assert soup.h2.get_text() == "Common questions"
    sections = soup.select(".accordion details")
    assert len(sections) == 2
    assert [d.summary.get_text() for d in sections] == ["Do I need consent to share?", "Who do I tell?"]
    assert sections[0].select_one(".rich-text p").get_text() == "Not when a child is at risk."
    assert not soup.find("script")


def test_video_link_is_a_link_with_a_text_alternative_and_never_an_embed():
    soup = render_one(
        "video_link",
        {
            "title": "What happens at a child protection conference",
            "url": "https://www.youtube.com/watch?v=abc123",
            "publisher": "A neighbouring partnership",
            "duration": "5 minutes",
            "text_alternative": "<p>A young person explains who comes to a conference and why.</p>",
        },
    )

    link = soup.select_one(".video-link a")
    assert link["href"] == "https://www.youtube.com/watch?v=abc123"
    assert link.get_text() == "Watch “What happens at a child protection conference”"
    hint = soup.select_one(".video-link .hint").get_text()
    assert "A neighbouring partnership" in hint and "5 minutes" in hint
    alternative = soup.select_one(".video-link details")
    assert alternative.summary.get_text() == "Read what the video says"
    assert "who comes to a conference" in alternative.get_text()
    assert soup.find("iframe") is None
    assert soup.find("video") is None
    assert soup.find("script") is None


def test_child_voice_quote_is_a_figure_with_an_anonymous_attribution():
    soup = render_one(
        "child_voice_quote",
        {
            "quote": "Listen to me properly <and> tell me what will happen next.",
            "attribution": "Young person, 14",
            "context": "Partnership survey",
        },
    )

    assert soup.select_one("figure.child-voice blockquote p").get_text() == (
        "Listen to me properly <and> tell me what will happen next."
    )
    assert soup.figcaption.get_text() == "Young person, 14, Partnership survey"


def test_child_voice_quote_escapes_markup_and_omits_an_empty_caption():
    soup = render_one("child_voice_quote", {"quote": "<script>alert(1)</script>", "attribution": "", "context": ""})

    assert soup.find("script") is None
    assert soup.figcaption is None


@pytest.mark.parametrize("urgency", ["urgent", "action", "info"])
def test_what_to_do_now_shows_its_urgency(urgency):
    soup = render_one(
        "what_to_do_now",
        {
            "heading": "What to do now",
            "urgency": urgency,
            "body": "<p>If a child is in immediate danger, call 999.</p>",
        },
    )

    callout = soup.select_one("section.callout")
    assert f"callout--{urgency}" in callout["class"]
    assert callout["aria-labelledby"] == callout.h2["id"]
    assert callout.h2.get_text() == "What to do now"
    assert callout.select_one(".rich-text p").get_text() == "If a child is in immediate danger, call 999."


def test_two_callouts_are_labelled_by_their_own_headings():
    soup = render_stream(
        stream(
            ("what_to_do_now", {"heading": "Call 999", "urgency": "urgent", "body": "<p>Now.</p>"}, "one"),
            ("what_to_do_now", {"heading": "Then refer", "urgency": "action", "body": "<p>Today.</p>"}, "two"),
        )
    )

    for callout in soup.select("section.callout"):
        assert soup.find(id=callout["aria-labelledby"]) is callout.h2


def test_contact_details_link_phone_and_email():
    soup = render_one(
        "contact_details",
        {
            "name": "Multi-Agency Safeguarding Hub (MASH)",
            "description": "For any concern that a child may be at risk of harm.",
            "phone": "01708 433 222",
            "email": "mash@borough.example",
            "address": "Town Hall\nMain Road",
            "opening_hours": "Monday to Friday, 9am to 5pm",
            "out_of_hours": "Emergency duty team: 01708 433 999",
        },
    )

    card = soup.select_one(".contact-card")
    assert card.h3.get_text() == "Multi-Agency Safeguarding Hub (MASH)"
    phone = card.select_one("a[href^='tel:']")
    assert phone["href"] == "tel:01708433222"
    assert phone.get_text() == "01708 433 222"
    assert card.select_one("a[href^='mailto:']")["href"] == "mailto:mash@borough.example"
    text = card.get_text(" ")
    assert "Monday to Friday, 9am to 5pm" in text
    assert "Emergency duty team: 01708 433 999" in text
    assert card.address.find("br") is not None


def test_contact_details_leave_out_what_is_not_given():
    soup = render_one("contact_details", {"name": "Early Help", "phone": "", "email": ""})

    assert soup.select_one(".contact-card h3").get_text() == "Early Help"
    assert soup.find("a") is None
    assert soup.find("dt") is None


@pytest.mark.django_db
def test_document_list_links_each_document_with_its_type_and_review_date():
    current = PortalDocumentFactory(title="Threshold guide", kind="guidance", review_date=datetime.date(2099, 5, 1))
    overdue = PortalDocumentFactory(title="Old form", kind="form", review_date=datetime.date(2020, 1, 1), language="pl")

    soup = render_one("document_list", {"heading": "Downloads", "documents": [current.pk, overdue.pk]})

    assert soup.h2.get_text() == "Downloads"
    items = soup.select(".document-list > li")
    assert [li.a.get_text() for li in items] == ["Threshold guide", "Old form"]
    assert items[0].a["href"] == current.url
    assert "(PDF" in items[0].get_text()
    assert "Next review due 1 May 2099" in items[0].get_text()
    assert "Review overdue" not in items[0].get_text()
    assert "Review overdue" in items[1].get_text()
    assert "Polish" in items[1].get_text()


@pytest.mark.django_db
def test_home_route_links_to_its_page(home_page):
    target = StandardPageFactory(parent=home_page, slug="for-practitioners")
    value = HomeRouteBlock().to_python(
        {
            "audience": "Practitioners",
            "description": "Procedures and thresholds.",
            "page": target.pk,
            "link_text": "Find guidance",
        }
    )

    soup = BeautifulSoup(HomeRouteBlock().render(value), "html.parser")

    assert soup.h3.get_text() == "Practitioners"
    assert soup.a["href"] == target.url
    assert soup.a.get_text() == "Find guidance"


# --- Blocks on real pages ----------------------------------------------------------------------


@pytest.mark.django_db
def test_guidance_page_body_renders_every_block_type(client, guidance_index):
    document = PortalDocumentFactory(title="Referral form", kind="form")
    body = [
        {"type": "heading", "value": {"text": "When to refer", "level": "h2"}, "id": "h"},
        {"type": "text", "value": "<p>Read this first.</p>", "id": "t"},
        {
            "type": "what_to_do_now",
            "value": {"heading": "Act now", "urgency": "urgent", "body": "<p>Call 999.</p>"},
            "id": "w",
        },
        {"type": "contact_details", "value": {"name": "MASH", "phone": "01708 433 222"}, "id": "c"},
        {"type": "decision_guide", "value": REFERRAL_ROUTE, "id": "d1"},
        {"type": "decision_guide", "value": REFERRAL_ROUTE, "id": "d2"},
        {"type": "accordion", "value": {"title": "", "items": [{"heading": "Q", "content": "<p>A</p>"}]}, "id": "a"},
        {"type": "document_list", "value": {"heading": "Forms", "documents": [document.pk]}, "id": "l"},
        {
            "type": "video_link",
            "value": {
                "title": "Conferences",
                "url": "https://video.example/1",
                "text_alternative": "<p>Transcript.</p>",
            },
            "id": "v",
        },
        {
            "type": "child_voice_quote",
            "value": {"quote": "Listen to me.", "attribution": "Young person, 15"},
            "id": "q",
        },
    ]
    page = GuidancePageFactory(parent=guidance_index, slug="referral-route", body=body)

    response = client.get(page.url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.select_one(".guidance__body")
    assert main.find(id="when-to-refer")
    assert main.select_one(".callout--urgent")
    assert main.select_one("a[href='tel:01708433222']")
    assert len(main.select("section.decision-guide")) == 2
    assert main.select_one(".accordion details summary").get_text() == "Q"
    assert main.select_one(".document-list a")["href"] == document.url
    assert main.select_one(".video-link a")["href"] == "https://video.example/1"
    assert main.select_one("figure.child-voice")
    assert soup.find("iframe") is None
    # Anchors are unique on the whole page and every in-page link lands somewhere.
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for link in main.select("a[href^='#']"):
        assert soup.find(id=link["href"][1:]) is not None, link["href"]
