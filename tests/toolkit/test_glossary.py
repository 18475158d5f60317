"""The glossary: linking terms where they appear in page text, and the A to Z page.

Linking rules (portal/toolkit/glossary.py): each term is linked once per page, at its first
appearance in the body, matched as a whole word whatever its case, never inside a heading, a link,
a summary or code, with longer names winning; other names for a term link to the same definition.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import AnonymousUser

from wagtail.models import Locale, Page

from portal.toolkit.glossary import LinkableTerm, glossary_page_for, link_glossary_terms, linkable_terms
from portal.toolkit.models import GlossaryTerm
from tests.factories import GuidanceIndexPageFactory, GuidancePageFactory, HomePageFactory
from tests.toolkit.factories import (
    GlossaryPageFactory,
    GlossarySeeAlsoFactory,
    GlossaryTermFactory,
    PracticeBriefingIndexPageFactory,
    PracticeBriefingPageFactory,
    ToolkitIndexPageFactory,
    ToolkitResourcePageFactory,
    YouthHubIndexPageFactory,
    YouthHubPageFactory,
    heading_block,
    text_block,
)

URL = "/glossary/"
LADO = LinkableTerm(slug="lado", names=("LADO", "Local Authority Designated Officer", "designated officer"))
CIN = LinkableTerm(slug="child-in-need", names=("child in need", "CIN"))
CARE = LinkableTerm(slug="care", names=("care",))
CPP = LinkableTerm(slug="child-protection-plan", names=("child protection plan",))
CP = LinkableTerm(slug="child-protection", names=("child protection",))
TERMS = [LADO, CIN, CARE, CPP, CP]


def link(html: str, terms: list[LinkableTerm] = TERMS) -> str:
    return link_glossary_terms(html, terms, URL)


def links_in(html: str) -> list[tuple[str, str]]:
    """(text without the hidden hint, href) for every glossary link."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for a in soup.select("a.glossary-link"):
        hint = a.select_one(".visually-hidden")
        found.append((a.get_text().removesuffix(hint.get_text()), a["href"]))
    return found


# --- Linking, without a database -----------------------------------------------------------------


def test_the_first_appearance_is_linked_once():
    html = link("<p>Tell the LADO. The LADO decides.</p><p>Only then the LADO replies.</p>")

    assert links_in(html) == [("LADO", "/glossary/#lado")]
    assert html.startswith('<p>Tell the <a class="glossary-link" href="/glossary/#lado">LADO<span')
    assert html.endswith(". The LADO decides.</p><p>Only then the LADO replies.</p>")


def test_the_link_explains_itself_to_screen_reader_users():
    soup = BeautifulSoup(link("<p>Ask the LADO.</p>"), "html.parser")

    hint = soup.select_one("a.glossary-link > span.visually-hidden")
    assert hint.get_text() == " (glossary definition)"
    assert soup.a.get_text() == "LADO (glossary definition)"


def test_several_terms_in_one_sentence_are_each_linked():
    html = link("<p>A child in need may need a LADO, then care.</p>")

    assert links_in(html) == [
        ("child in need", "/glossary/#child-in-need"),
        ("LADO", "/glossary/#lado"),
        ("care", "/glossary/#care"),
    ]
    assert BeautifulSoup(html, "html.parser").get_text() == (
        "A child in need (glossary definition) may need a LADO (glossary definition), then care (glossary definition)."
    )


def test_other_names_link_to_the_same_definition_and_only_once():
    html = link("<p>The Local Authority Designated Officer (LADO) and the designated officer.</p>")

    assert links_in(html) == [("Local Authority Designated Officer", "/glossary/#lado")]


def test_an_alias_first_means_the_main_name_is_not_linked_again():
    html = link("<p>Ask for a CIN assessment.</p><p>A child in need has a plan.</p>")

    assert links_in(html) == [("CIN", "/glossary/#child-in-need")]


def test_matching_ignores_case_and_keeps_the_text_as_written():
    assert links_in(link("<p>A Child In Need plan.</p>")) == [("Child In Need", "/glossary/#child-in-need")]
    assert links_in(link("<p>CHILD PROTECTION</p>")) == [("CHILD PROTECTION", "/glossary/#child-protection")]


def test_abbreviations_match_only_in_capitals():
    # "SEND" (special educational needs) must not link the everyday word "send".
    send = LinkableTerm(slug="send", names=("Special educational needs and disabilities", "SEND"))
    assert links_in(link("<p>Please send the form.</p>", [send])) == []
    assert links_in(link("<p>the lado said</p>")) == []
    assert links_in(link("<p>Support for SEND pupils.</p>", [send])) == [("SEND", "/glossary/#send")]
    assert links_in(link("<p>Ask the LADO.</p>")) == [("LADO", "/glossary/#lado")]


@pytest.mark.parametrize(
    "text",
    [
        "medicine",  # CIN inside a word
        "CINEMA",
        "careful",  # care at the start of a word
        "aftercare",  # ... at the end
        "child-care",  # ... after a hyphen
        "care-experienced",  # ... before a hyphen
        "LADOs",
        "scare",
        "child protectionist",
    ],
)
def test_only_whole_words_match(text):
    html = f"<p>{text}</p>"
    assert link(html) == html


def test_punctuation_around_a_term_does_not_stop_it_matching():
    assert links_in(link("<p>(LADO)</p>")) == [("LADO", "/glossary/#lado")]
    assert links_in(link("<p>“care”.</p>")) == [("care", "/glossary/#care")]
    assert links_in(link("<p>CIN/LADO</p>")) == [("CIN", "/glossary/#child-in-need"), ("LADO", "/glossary/#lado")]


def test_longer_names_win():
    html = link("<p>A child protection plan is made at a child protection conference.</p>")

    assert links_in(html) == [
        ("child protection plan", "/glossary/#child-protection-plan"),
        ("child protection", "/glossary/#child-protection"),
    ]


def test_a_shorter_name_inside_a_longer_one_already_linked_stays_unlinked():
    html = link("<p>A child protection plan, then another child protection plan.</p>", [CPP, CP])

    # The second "child protection plan" is one match (already linked): no "child protection" link inside it.
    assert links_in(html) == [("child protection plan", "/glossary/#child-protection-plan")]


@pytest.mark.parametrize(
    "html",
    [
        "<h2>The LADO</h2>",
        "<h3>The LADO</h3>",
        "<h4>The <em>LADO</em></h4>",
        '<a href="/elsewhere/">the LADO</a>',
        '<a href="/elsewhere/"><strong>LADO</strong></a>',
        "<details><summary>What does the LADO do?</summary></details>",
        "<p>Run <code>LADO</code></p>",
        "<pre>LADO</pre>",
        "<button>LADO</button>",
        "<label>LADO</label>",
        "<p><dfn>LADO</dfn></p>",
        '<p><abbr title="Local Authority Designated Officer">LADO</abbr></p>',
        "<script>var LADO = 1;</script>",
        "<!-- LADO -->",
    ],
)
def test_never_linked_inside_headings_links_summaries_or_code(html):
    assert link(html) == html


def test_a_term_in_a_heading_is_linked_in_the_text_after_it():
    html = link("<h2>The LADO</h2><details><summary>LADO</summary><p>The LADO</p></details>")

    soup = BeautifulSoup(html, "html.parser")
    assert soup.h2.a is None
    assert soup.summary.a is None
    assert soup.details.p.a["href"] == "/glossary/#lado"


def test_html_is_not_mangled():
    # Written as the parser writes HTML once it has linked a term (void elements as "<br/>",
    # attributes in alphabetical order), so that the comparison below can be exact.
    source = (
        '<div class="rich-text" data-block="x&amp;y"><p>Call the <strong>LADO</strong> on '
        '<a href="tel:01708433222">01708 433 222</a>.<br/>Then write it down.</p>'
        '<p><img alt="A child in need" src="/media/images/x.png?w=1&amp;h=2"/> Tom &amp; Jerry '
        "&lt;script&gt;alert(1)&lt;/script&gt; café – “quotes”, Łódź and Ștefan.</p>"
        "<ul><li><em>Child <b>in</b> need</em></li><li>care</li></ul></div>"
    )

    html = link(source)

    assert links_in(html) == [("LADO", "/glossary/#lado"), ("care", "/glossary/#care")]
    # Removing the links gives back exactly what went in: tags, attributes, entities and text.
    soup = BeautifulSoup(html, "html.parser")
    for a in soup.select("a.glossary-link"):
        a.select_one(".visually-hidden").decompose()
        a.unwrap()
    assert str(soup) == source
    assert "<strong><a " in html  # the link goes inside the nested element
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_html_without_any_term_comes_back_exactly_as_it_was():
    source = '<p class="a" id="b">Nothing<br>to link &amp; <img src="x.png" alt="">here&nbsp;at all</p>'

    assert link(source) == source


def test_special_characters_in_names_are_literal():
    terms = [
        LinkableTerm(slug="s-g-o", names=("S.G.O.",)),
        LinkableTerm(slug="c-plus-plus", names=("C++",)),
        LinkableTerm(slug="a-b", names=("A(B)",)),
    ]

    assert links_in(link("<p>An S.G.O. and C++ and A(B).</p>", terms)) == [
        ("S.G.O.", "/glossary/#s-g-o"),
        ("C++", "/glossary/#c-plus-plus"),
        ("A(B)", "/glossary/#a-b"),
    ]
    assert link("<p>SxGxO and CC and AB</p>", terms) == "<p>SxGxO and CC and AB</p>"


def test_names_with_letters_beyond_ascii_match():
    terms = [
        LinkableTerm(slug="zazalenie", names=("zażalenie",)),
        LinkableTerm(slug="strasse", names=("Straße",)),
        LinkableTerm(slug="ocrotire", names=("ocrotire",)),
        LinkableTerm(slug="shishu", names=("শিশু",)),
    ]

    html = link("<p>ZAŻALENIE, Straße, OCROTIRE, শিশু.</p>", terms)

    assert [href for _text, href in links_in(html)] == [
        "/glossary/#zazalenie",
        "/glossary/#strasse",
        "/glossary/#ocrotire",
        "/glossary/#shishu",
    ]


def test_case_folding_quirks_do_not_break_the_page():
    # "İ" (Turkish capital dotted I) matches "i" case-insensitively but case-folds to "i̇".
    in_need = LinkableTerm(slug="in-need", names=("in need",))
    html = link("<p>Children İn need</p>", [in_need])

    assert links_in(html) == [("İn need", "/glossary/#in-need")]


def test_nothing_to_link_or_nothing_to_link_with():
    assert link("", TERMS) == ""
    assert link("<p>LADO</p>", []) == "<p>LADO</p>"
    assert link("<p>LADO</p>", [LinkableTerm(slug="empty", names=())]) == "<p>LADO</p>"


# --- Which terms are linked ----------------------------------------------------------------------


@pytest.mark.django_db
def test_linkable_terms_leave_out_unlinked_terms_and_other_languages():
    english = Locale.get_default()
    polish = Locale.objects.create(language_code="pl")
    GlossaryTermFactory(term="LADO", slug="lado", also_known_as=" Local Authority Designated Officer ,, X ,")
    GlossaryTermFactory(term="Family", slug="family", link_in_pages=False)
    GlossaryTermFactory(term="Kurator", slug="kurator", locale=polish)

    assert linkable_terms(english) == [
        LinkableTerm(slug="lado", names=("LADO", "Local Authority Designated Officer")),
    ]
    assert linkable_terms(polish) == [LinkableTerm(slug="kurator", names=("Kurator",))]


# --- Linking on real pages -----------------------------------------------------------------------


def body_links(response, selector: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    return links_in(str(soup.select_one(selector)))


@pytest.fixture
def glossary(home_page):
    page = GlossaryPageFactory(parent=home_page, slug="glossary")
    GlossaryTermFactory(term="LADO", slug="lado", also_known_as="Local Authority Designated Officer")
    GlossaryTermFactory(term="Child protection", slug="child-protection")
    GlossaryTermFactory(term="Child protection plan", slug="child-protection-plan")
    GlossaryTermFactory(term="Care", slug="care", link_in_pages=False)
    GlossaryTermFactory(term="CIN", slug="cin", also_known_as="child in need")
    GlossaryTermFactory(term="Kurator", slug="kurator", locale=Locale.objects.create(language_code="pl"))
    return page


GUIDANCE_BODY = [
    heading_block("What the LADO does"),
    text_block(
        "<h3>LADO referrals</h3><p>Tell the <b>LADO</b> about any allegation. "
        "The LADO will call you back.</p><p>A child protection plan follows child protection enquiries.</p>"
    ),
    heading_block("Child protection and the LADO", level="h3"),
    text_block(
        "<p>Again, the LADO and the Local Authority Designated Officer. Good care matters. "
        'See <a href="https://www.gov.uk/lado">LADO guidance</a>. A Kurator is not linked. '
        "Medicine is not CIN, but a child in need is.</p>"
    ),
    {
        "type": "accordion",
        "value": {
            "title": "LADO questions",
            "items": [{"heading": "Who is the LADO?", "content": "<p>Ask about CIN here.</p>"}],
        },
    },
]


def test_guidance_page_links_each_term_once_across_blocks(client, guidance_index, glossary):
    page = GuidancePageFactory(parent=guidance_index, slug="allegations", body=GUIDANCE_BODY)

    response = client.get(page.url)

    assert response.status_code == 200
    assert body_links(response, ".guidance__body") == [
        ("LADO", "/glossary/#lado"),
        ("child protection plan", "/glossary/#child-protection-plan"),
        ("child protection", "/glossary/#child-protection"),
        ("CIN", "/glossary/#cin"),  # and not again as "child in need", its other name
    ]
    body = BeautifulSoup(response.content, "html.parser").select_one(".guidance__body")
    # Never in a heading (heading block or rich text), an existing link or a summary ...
    assert body.select("h2 a, h3 a, summary a") == []
    assert body.select_one('a[href="https://www.gov.uk/lado"]').get_text() == "LADO guidance"
    # ... and the first LADO of the running text is linked inside the editor's bold.
    assert body.select_one("b > a.glossary-link")["href"] == "/glossary/#lado"
    # "care" is not linked in pages; "Kurator" is a Polish term; "Medicine" does not contain "CIN".
    assert "Good care matters." in body.get_text()
    assert "A Kurator is not linked." in body.get_text()


def test_glossary_links_keep_entities_and_special_characters(client, guidance_index, glossary):
    page = GuidancePageFactory(
        parent=guidance_index,
        slug="entities",
        body=[text_block("<p>Tom &amp; Jerry write &lt;b&gt; to the LADO – “quickly”, café.</p>")],
    )

    response = client.get(page.url)

    content = response.content.decode()
    assert "Tom &amp; Jerry write &lt;b&gt; to the " in content
    assert "</a> – “quickly”, café." in content
    assert body_links(response, ".guidance__body") == [("LADO", "/glossary/#lado")]


def test_no_live_glossary_page_means_no_links(client, guidance_index, glossary):
    page = GuidancePageFactory(parent=guidance_index, slug="allegations", body=GUIDANCE_BODY)
    glossary.unpublish()

    response = client.get(page.url)

    assert response.status_code == 200
    assert body_links(response, ".guidance__body") == []
    assert "Tell the <b>LADO</b> about any allegation." in response.content.decode()


def test_without_any_glossary_the_page_still_renders(client, guidance_index):
    GlossaryTermFactory(term="LADO", slug="lado")
    page = GuidancePageFactory(parent=guidance_index, slug="allegations", body=GUIDANCE_BODY)

    response = client.get(page.url)

    assert response.status_code == 200
    assert body_links(response, ".guidance__body") == []


def test_a_glossary_outside_every_site_is_not_linked_to(client, guidance_index):
    stray_home = HomePageFactory(parent=Page.get_first_root_node(), slug="not-a-site")
    GlossaryPageFactory(parent=stray_home, slug="glossary")
    GlossaryTermFactory(term="LADO", slug="lado")
    page = GuidancePageFactory(parent=guidance_index, slug="allegations", body=[text_block("<p>The LADO.</p>")])

    response = client.get(page.url)

    assert response.status_code == 200
    assert body_links(response, ".guidance__body") == []
    assert b"None#lado" not in response.content


@pytest.fixture
def two_glossaries(home_page, glossary):
    hub = YouthHubIndexPageFactory(parent=home_page, slug="youth-hub")
    youth_glossary = GlossaryPageFactory(parent=hub, slug="words", show_quick_exit=True)
    return {"top": glossary, "hub": hub, "youth": youth_glossary}


def test_pages_link_to_the_glossary_in_their_own_section(client, home_page, guidance_index, two_glossaries):
    hub = two_glossaries["hub"]
    youth_page = YouthHubPageFactory(
        parent=hub, slug="allegations", body=[text_block("<p>What a LADO does for you.</p>")]
    )
    nested = YouthHubPageFactory(parent=youth_page, slug="more", body=[text_block("<p>The LADO again.</p>")])
    guidance = GuidancePageFactory(parent=guidance_index, slug="lado", body=[text_block("<p>The LADO.</p>")])

    assert glossary_page_for(youth_page).specific == two_glossaries["youth"]
    assert glossary_page_for(nested).specific == two_glossaries["youth"]
    assert glossary_page_for(hub).specific == two_glossaries["youth"]
    assert glossary_page_for(guidance).specific == two_glossaries["top"]
    assert glossary_page_for(home_page).specific == two_glossaries["top"]

    assert body_links(client.get(youth_page.url), "article.content") == [("LADO", "/youth-hub/words/#lado")]
    assert body_links(client.get(nested.url), "article.content") == [("LADO", "/youth-hub/words/#lado")]
    assert body_links(client.get(guidance.url), ".guidance__body") == [("LADO", "/glossary/#lado")]


def test_a_section_without_its_own_glossary_uses_the_other_one(client, home_page, two_glossaries):
    two_glossaries["top"].unpublish()
    toolkit = ToolkitIndexPageFactory(parent=home_page, slug="toolkit")
    resource = ToolkitResourcePageFactory(parent=toolkit, slug="r", body=[text_block("<p>The LADO.</p>")])

    assert glossary_page_for(resource).specific == two_glossaries["youth"]
    assert body_links(client.get(resource.url), "article.content") == [("LADO", "/youth-hub/words/#lado")]


@pytest.mark.django_db
def test_no_glossary_in_the_page_language_means_no_glossary_page(glossary):
    # glossary_page_for only looks in the page's language.
    class PolishPage:
        locale_id = -1
        path = "0001"

    assert glossary_page_for(PolishPage()) is None


def test_toolkit_pages_link_to_the_toolkit_glossary(client, home_page, glossary):
    toolkit = ToolkitIndexPageFactory(parent=home_page, slug="toolkit")
    toolkit_glossary = GlossaryPageFactory(parent=toolkit, slug="terms")
    resource = ToolkitResourcePageFactory(
        parent=toolkit,
        slug="direct-work",
        body=[heading_block("The LADO"), text_block("<p>Talk to the LADO. Then the LADO.</p>")],
    )
    briefings = PracticeBriefingIndexPageFactory(parent=toolkit, slug="briefings")
    briefing = PracticeBriefingPageFactory(
        parent=briefings, slug="learning", body=[text_block("<p>A child protection plan review.</p>")]
    )

    assert glossary_page_for(resource).specific == toolkit_glossary
    assert body_links(client.get(resource.url), "article.content") == [("LADO", "/toolkit/terms/#lado")]
    assert body_links(client.get(briefing.url), "article.content") == [
        ("child protection plan", "/toolkit/terms/#child-protection-plan")
    ]


def test_youth_hub_pages_link_terms(client, two_glossaries):
    hub = two_glossaries["hub"]
    hub.body = [text_block("<p>Worried about a LADO or a child protection plan?</p>")]
    hub.save()

    response = client.get(hub.url)

    assert body_links(response, "main") == [
        ("LADO", "/youth-hub/words/#lado"),
        ("child protection plan", "/youth-hub/words/#child-protection-plan"),
    ]


# --- The A to Z page -----------------------------------------------------------------------------


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def a_to_z(home_page):
    page = GlossaryPageFactory(parent=home_page, slug="glossary", introduction="Words we use.")
    guidance = GuidanceIndexPageFactory(parent=home_page, slug="guidance")
    see_also_page = GuidancePageFactory(parent=guidance, slug="allegations", title="Allegations against staff")
    cp = GlossaryTermFactory(
        term="Child protection",
        slug="child-protection",
        plain_definition="When adults work together to keep a child safe.",
        practitioner_definition="<p>Enquiries under <b>section 47</b>.</p>",
    )
    lado = GlossaryTermFactory(
        term="LADO",
        slug="lado",
        also_known_as="Local Authority Designated Officer, designated officer",
        plain_definition="The person who checks what happens when an adult may have hurt a child.",
        related=[cp],
    )
    GlossarySeeAlsoFactory(term=lado, page=see_also_page)
    GlossaryTermFactory(term="care leaver", slug="care-leaver", plain_definition="Someone who was in care.")
    GlossaryTermFactory(term="Child in need", slug="child-in-need", plain_definition="A child who needs help.")
    GlossaryTermFactory(term="16 plus team", slug="16-plus", plain_definition="Helps young people aged 16+.")
    GlossaryTermFactory(term="Family", slug="family", plain_definition="People you live with.", link_in_pages=False)
    GlossaryTermFactory(
        term="Kurator", slug="kurator", plain_definition="Polski.", locale=Locale.objects.create(language_code="pl")
    )
    return page


def test_a_to_z_letters_link_only_where_there_are_terms(client, a_to_z):
    soup = soup_of(client.get(a_to_z.url))

    items = soup.select("nav.a-to-z li")
    assert [li.get_text(strip=True) for li in items] == [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"]
    linked = {li.a.get_text(): li.a["href"] for li in items if li.a}
    assert linked == {"C": "#letter-c", "F": "#letter-f", "L": "#letter-l", "#": "#letter-other"}
    for li in items:
        if not li.a:
            assert li.span["aria-disabled"] == "true"
    # Every link has its target.
    for href in linked.values():
        assert soup.select_one(href) is not None


def test_a_to_z_groups_terms_under_their_letter(client, a_to_z):
    soup = soup_of(client.get(a_to_z.url))

    groups = {
        section.h2.get_text(): [dfn.get_text() for dfn in section.select("dfn")]
        for section in soup.select("section.glossary-letter")
    }
    # Lower-case terms go under their capital; a term starting with a digit goes under "#", last.
    assert list(groups) == ["C", "F", "L", "#"]
    assert groups == {
        "C": ["care leaver", "Child in need", "Child protection"],
        "F": ["Family"],
        "L": ["LADO"],
        "#": ["16 plus team"],
    }
    assert soup.select_one("section.glossary-letter")["aria-labelledby"] == "letter-c"
    assert "Kurator" not in soup.get_text()  # another language's term


def test_each_term_has_an_anchor_and_both_definitions(client, a_to_z):
    soup = soup_of(client.get(a_to_z.url))

    entry = soup.select_one("#child-protection")
    assert entry.dfn.get_text() == "Child protection"
    assert entry.dd.p.get_text() == "When adults work together to keep a child safe."
    details = entry.select_one("details.glossary__more")
    assert details.summary.get_text(" ", strip=True) == "More detail for practitioners : Child protection"
    assert details.select_one(".rich-text").decode_contents() == "<p>Enquiries under <b>section 47</b>.</p>"

    lado = soup.select_one("#lado")
    assert (
        lado.dt.get_text(" ", strip=True) == "LADO (also called Local Authority Designated Officer, designated officer)"
    )
    assert lado.select_one("details") is None  # no practitioner definition, no "more detail"
    for slug in ("care-leaver", "child-in-need", "16-plus", "family"):
        assert soup.select_one(f"[id='{slug}'] dfn") is not None, slug


def test_related_terms_and_see_also_pages_are_linked(client, a_to_z):
    soup = soup_of(client.get(a_to_z.url))

    hints = soup.select("#lado .hint")
    related, see_also = hints[-2], hints[-1]
    assert related.get_text(" ", strip=True) == "Related: Child protection"
    assert related.a["href"] == "#child-protection"
    assert see_also.get_text(" ", strip=True) == "See also: Allegations against staff"
    assert see_also.a["href"] == "/guidance/allegations/"
    # Terms without either show neither.
    assert soup.select("#care-leaver .hint") == []


def test_a_to_z_does_not_link_terms_inside_itself(client, a_to_z):
    soup = soup_of(client.get(a_to_z.url))

    assert soup.select("a.glossary-link") == []


def test_terms_starting_with_accents_or_other_scripts_are_not_lost(client, a_to_z):
    GlossaryTermFactory(term="Ździebko", slug="zdziebko", plain_definition="Trochę.")
    GlossaryTermFactory(term="Émancipation", slug="emancipation", plain_definition="Freedom.")
    GlossaryTermFactory(term="শিশু", slug="shishu", plain_definition="Child.")
    GlossaryTermFactory(term="Łódź team", slug="lodz", plain_definition="A team.")

    soup = soup_of(client.get(a_to_z.url))

    groups = {
        section.h2.get_text(): [dfn.get_text() for dfn in section.select("dfn")]
        for section in soup.select("section.glossary-letter")
    }
    assert groups["Z"] == ["Ździebko"]
    assert groups["E"] == ["Émancipation"]
    assert set(groups["#"]) == {"16 plus team", "Łódź team", "শিশু"}
    # Every term on the page has its entry, and every letter heading is unique.
    assert len(soup.select(".glossary__entry")) == 10
    ids = [h2["id"] for h2 in soup.select("section.glossary-letter h2")]
    assert len(ids) == len(set(ids))


def test_an_empty_glossary_says_so(client, home_page):
    page = GlossaryPageFactory(parent=home_page, slug="glossary")

    soup = soup_of(client.get(page.url))

    assert "There are no terms in the glossary yet." in soup.get_text()
    assert [li.a for li in soup.select("nav.a-to-z li") if li.a] == []
    assert len(soup.select("nav.a-to-z li")) == 26


# --- Caching the linked body ---------------------------------------------------------------------


def test_a_published_body_is_linked_once_then_served_from_the_cache(
    client, guidance_index, glossary, publish, monkeypatch
):
    page = GuidancePageFactory(parent=guidance_index, slug="cached", body=GUIDANCE_BODY)
    publish(page)
    calls = []
    real = link_glossary_terms

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("portal.toolkit.templatetags.glossary_tags.link_glossary_terms", counting)
    first = client.get(page.url)
    second = client.get(page.url)

    assert len(calls) == 1
    assert body_links(first, ".guidance__body") == body_links(second, ".guidance__body")
    assert ("LADO", "/glossary/#lado") in body_links(second, ".guidance__body")


def test_the_cache_follows_glossary_edits_and_republishing(client, guidance_index, glossary, publish):
    page = GuidancePageFactory(parent=guidance_index, slug="fresh", body=GUIDANCE_BODY)
    publish(page)
    assert ("LADO", "/glossary/#lado") in body_links(client.get(page.url), ".guidance__body")

    # An editor stops "LADO" being linked: the next view shows it at once.
    GlossaryTerm.objects.filter(slug="lado").update(link_in_pages=False)
    assert ("LADO", "/glossary/#lado") not in body_links(client.get(page.url), ".guidance__body")

    # The page is republished with new text: the new text is linked.
    publish(page, body=[text_block("<p>Only a child protection plan here.</p>")])
    assert body_links(client.get(page.url), ".guidance__body") == [
        ("child protection plan", "/glossary/#child-protection-plan")
    ]


def test_previews_are_never_served_from_or_stored_in_the_cache(guidance_index, glossary, publish, rf):
    from django.core.cache import cache

    page = GuidancePageFactory(parent=guidance_index, slug="preview", body=GUIDANCE_BODY)
    publish(page)
    page.body = [("text", "<p>Draft words about the LADO.</p>")]
    request = rf.get(page.url, HTTP_HOST="localhost")
    request.user = AnonymousUser()

    response = page.make_preview_request(request)

    assert b"Draft words about the" in response.content
    assert not [key for key in cache._cache if "glossary-body" in key]  # locmem's store
