"""StreamField blocks for guidance and standard pages.

Every page body is built on ``BaseStreamBlock``; other apps extend it rather than starting again.
Nothing here fetches anything from the internet at render time: a video is a link with a text
alternative, never an embed.
"""

from __future__ import annotations

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
        label=_("Level"),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = self.unique_anchor(value["text"], (parent_context or {}).get("request"))
        return context

    @staticmethod
    def unique_anchor(text: str, request=None) -> str:
        """The heading's id: its words (in any script; "section" when none are left), made unique
        within the page being rendered by a number (two "Next steps" headings: next-steps and
        next-steps-2), so every link to an anchor lands on one heading."""
        base = slugify(text, allow_unicode=True) or "section"
        if request is None:
            return base
        used = request.__dict__.setdefault("_heading_anchors", set())
        anchor, number = base, 2
        while anchor in used:
            anchor, number = f"{base}-{number}", number + 1
        used.add(anchor)
        return anchor

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        description = _("A section heading; section headings also appear in the page's contents list.")
        preview_value = {"text": "When to refer", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        label = _("Text")
        description = _("Paragraphs, lists and links.")
        preview_value = (
            "<p>Every practitioner who works with children has a duty to act on a concern. "
            "If you are unsure, talk to your designated safeguarding lead.</p>"
        )


class WhatToDoNowBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), default=_("What to do now"), max_length=80)
    urgency = blocks.ChoiceBlock(
        choices=[
            ("urgent", _("Urgent: immediate danger")),
            ("action", _("Action needed")),
            ("info", _("Good to know")),
        ],
        default="action",
        label=_("How urgent is this?"),
    )
    body = RichTextBlock(label=_("What the reader should do"))

    class Meta:
        icon = "warning"
        template = "blocks/what_to_do_now.html"
        label = _("What to do now")
        description = _("A highlighted box telling the reader exactly what to do next.")
        preview_value = {
            "heading": "What to do now",
            "urgency": "urgent",
            "body": "<p>If a child is in immediate danger, call 999.</p>",
        }


class ContactDetailsBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Team or service"), max_length=120)
    description = blocks.TextBlock(label=_("When to contact them"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=40)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    address = blocks.TextBlock(label=_("Address"), required=False)
    opening_hours = blocks.CharBlock(label=_("Opening hours"), required=False, max_length=120)
    out_of_hours = blocks.CharBlock(label=_("Out of hours"), required=False, max_length=160)

    class Meta:
        icon = "user"
        template = "blocks/contact_details.html"
        label = _("Contact details")
        description = _("How to reach a team or service, with its hours.")
        preview_value = {
            "name": "Multi-Agency Safeguarding Hub (MASH)",
            "description": "For any concern that a child may be at risk of harm.",
            "phone": "01708 433 222",
            "email": "mash@borough.example",
            "opening_hours": "Monday to Friday, 9am to 5pm",
            "out_of_hours": "Emergency duty team: 01708 433 999",
        }

    def get_searchable_content(self, value):
        """The card's words with what each value is, as a reader sees it ("Phone ..."), so that a
        search for "MASH phone number" finds the page that gives it."""
        described = [
            (_("Phone number"), value.get("phone")),
            (_("Email"), value.get("email")),
            (_("Opening hours"), value.get("opening_hours")),
            (_("Out of hours"), value.get("out_of_hours")),
            (_("Address"), value.get("address")),
        ]
        return [
            value.get("name") or "",
            value.get("description") or "",
            *(f"{label}: {text}" for label, text in described if text),
        ]


class DecisionOutcomeBlock(blocks.StructBlock):
    condition = blocks.CharBlock(label=_("If…"), max_length=200, help_text=_("For example: the child is under 13"))
    action = RichTextBlock(label=_("…then"))
    next_step = blocks.IntegerBlock(
        label=_("Then go to step"), required=False, min_value=1, help_text=_("Leave empty if this ends the route.")
    )


class DecisionStepBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or situation"), max_length=200)
    help_text = blocks.TextBlock(label=_("Explanation"), required=False)
    outcomes = blocks.ListBlock(DecisionOutcomeBlock(), label=_("Answers"), min_num=1)


class DecisionGuideBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)
    steps = blocks.ListBlock(DecisionStepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/decision_guide.html"
        label = _("Decision guide")
        description = _("Numbered steps with conditions, for example a referral route that depends on age.")
        preview_value = {
            "title": "Referral route",
            "introduction": "Work through the steps in order.",
            "steps": [
                {
                    "question": "How old is the child?",
                    "help_text": "",
                    "outcomes": [
                        {"condition": "Under 13", "action": "<p>Tell the police.</p>", "next_step": 2},
                        {"condition": "13 or older", "action": "<p>Encourage a police referral.</p>", "next_step": 2},
                    ],
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


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Question or heading"), max_length=200)
    content = RichTextBlock(label=_("Answer"))


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=160)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Sections"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion.html"
        label = _("Accordion or FAQ")
        description = _("Sections that open and close; they work without JavaScript.")
        preview_value = {
            "title": "Common questions",
            "items": [
                {
                    "heading": "Do I need consent to share?",
                    "content": "<p>Not when a child is at risk of significant harm.</p>",
                },
            ],
        }


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=160)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_list.html"
        label = _("Document list")
        description = _("A list of documents to download, with their type, size and review date.")
        preview_value = {"heading": "Downloads", "documents": []}


class VideoLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Video title"), max_length=200)
    url = blocks.URLBlock(label=_("Link to the video"))
    publisher = blocks.CharBlock(label=_("Who made it"), required=False, max_length=120)
    duration = blocks.CharBlock(label=_("Length"), required=False, max_length=40, help_text=_("For example: 6 minutes"))
    text_alternative = RichTextBlock(
        label=_("Text alternative"),
        help_text=_("A summary or transcript for people who cannot watch the video."),
    )

    class Meta:
        icon = "media"
        template = "blocks/video_link.html"
        label = _("Video link")
        description = _("A link to a video with a written alternative. Nothing is embedded or fetched.")
        preview_value = {
            "title": "What happens at a child protection conference",
            "url": "https://www.example.org/video",
            "publisher": "A neighbouring partnership",
            "duration": "5 minutes",
            "text_alternative": "<p>A young person explains who comes to a conference and why.</p>",
        }


class ChildVoiceQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("What the child or young person said"))
    attribution = blocks.CharBlock(
        label=_("Who said it"),
        required=False,
        max_length=120,
        help_text=_("Never a name: for example 'Young person, 15'."),
    )
    context = blocks.CharBlock(label=_("Where this came from"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/child_voice_quote.html"
        label = _("What children told us")
        description = _("A quotation from a child or young person, without anything that identifies them.")
        preview_value = {
            "quote": "Listen to me properly and tell me what will happen next.",
            "attribution": "Young person, 14",
            "context": "Partnership survey",
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body can use. Apps add their own by subclassing."""

    heading = HeadingBlock()
    text = RichTextBlock()
    what_to_do_now = WhatToDoNowBlock()
    contact_details = ContactDetailsBlock()
    decision_guide = DecisionGuideBlock()
    accordion = AccordionBlock()
    document_list = DocumentListBlock()
    video_link = VideoLinkBlock()
    child_voice_quote = ChildVoiceQuoteBlock()


class HomeRouteBlock(blocks.StructBlock):
    """A route into the site for one audience on the home page."""

    audience = blocks.CharBlock(label=_("Who it is for"), max_length=80)
    description = blocks.TextBlock(label=_("What they will find"))
    page = blocks.PageChooserBlock(label=_("Page"))
    link_text = blocks.CharBlock(label=_("Link text"), max_length=80)

    class Meta:
        icon = "user"
        template = "blocks/home_route.html"
        label = _("Audience route")
        description = _("A signpost from the home page for one group of readers.")
        preview_value = {
            "audience": "Practitioners",
            "description": "Procedures, protocols and thresholds.",
            "link_text": "Find guidance",
        }
