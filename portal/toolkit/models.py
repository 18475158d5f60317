"""Voice of the Child toolkit, practice briefings, glossary, Youth Hub and engagement directory."""

from __future__ import annotations

import string
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from portal.home.blocks import BaseStreamBlock
from portal.home.models import FixedChoice, ReviewedContentMixin, Topic, UniqueSlugPerLocaleMixin

from .blocks import ToolkitStreamBlock

# --- Fixed lists --------------------------------------------------------------------------------


class Stage(FixedChoice):
    """The four stages of hearing a child's voice."""

    CHOICES = [
        ("ask", _("Ask")),
        ("listen", _("Listen")),
        ("act", _("Act")),
        ("feed-back", _("Feed back")),
    ]
    slug = models.CharField(max_length=40, choices=CHOICES, unique=True)

    class Meta(FixedChoice.Meta):
        verbose_name = _("stage")
        verbose_name_plural = _("stages")


class Use(FixedChoice):
    CHOICES = [
        ("direct-work", _("Direct work with children")),
        ("service-planning", _("Service planning")),
        ("strategic-planning", _("Strategic planning")),
        ("recruitment", _("Recruitment")),
        ("quality-assurance", _("Quality assurance")),
    ]
    slug = models.CharField(max_length=40, choices=CHOICES, unique=True)

    class Meta(FixedChoice.Meta):
        verbose_name = _("use")
        verbose_name_plural = _("uses")


class AgeRange(FixedChoice):
    CHOICES = [
        ("0-4", _("Under 5")),
        ("5-10", _("5 to 10")),
        ("11-14", _("11 to 14")),
        ("15-17", _("15 to 17")),
        ("18-25", _("18 to 25 (care leavers)")),
    ]
    slug = models.CharField(max_length=40, choices=CHOICES, unique=True)

    class Meta(FixedChoice.Meta):
        verbose_name = _("age range")
        verbose_name_plural = _("age ranges")


class HelpTopic(FixedChoice):
    """What a support service helps young people with."""

    CHOICES = [
        ("abuse", _("Abuse and feeling unsafe")),
        ("bullying", _("Bullying")),
        ("mental-health", _("Feelings and mental health")),
        ("self-harm", _("Self-harm")),
        ("online-safety", _("Online safety")),
        ("exploitation", _("Exploitation and being pressured")),
        ("drugs-alcohol", _("Drugs and alcohol")),
        ("sexual-health", _("Relationships and sexual health")),
        ("family", _("Family problems")),
        ("running-away", _("Running away or homelessness")),
        ("lgbtq", _("LGBTQ+")),
        ("crime", _("Crime and the police")),
    ]
    slug = models.CharField(max_length=40, choices=CHOICES, unique=True)

    class Meta(FixedChoice.Meta):
        verbose_name = _("help topic")
        verbose_name_plural = _("help topics")


RESOURCE_FORMATS = [
    ("activity", _("Activity")),
    ("template", _("Template")),
    ("briefing", _("Briefing")),
    ("video", _("Video")),
    ("guide", _("Guide")),
]


# --- Toolkit ------------------------------------------------------------------------------------


class ToolkitIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(ToolkitStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = [
        "toolkit.ToolkitResourcePage",
        "toolkit.PracticeBriefingIndexPage",
        "toolkit.GlossaryPage",
        "toolkit.EngagementDirectoryPage",
    ]
    page_size = 20

    class Meta:
        verbose_name = _("toolkit index page")

    def resources(self):
        return (
            ToolkitResourcePage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("stages", "uses", "age_ranges")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        from .filters import ToolkitFilter

        context = super().get_context(request, *args, **kwargs)
        toolkit_filter = ToolkitFilter(request.GET, resources=self.resources())
        context["filter"] = toolkit_filter
        context["results"] = Paginator(toolkit_filter.results, self.page_size).get_page(request.GET.get("page"))
        return context


class ToolkitDownload(Orderable):
    page = ParentalKey("toolkit.ToolkitResourcePage", on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]


class ToolkitResourcePage(ReviewedContentMixin, Page):
    summary = models.TextField(_("summary"), help_text=_("What the resource is and when to use it, in two sentences."))
    body = StreamField(ToolkitStreamBlock(), blank=True, verbose_name=_("body"))
    stages = ParentalManyToManyField(Stage, verbose_name=_("stages"), related_name="resources")
    uses = ParentalManyToManyField(Use, verbose_name=_("uses"), related_name="resources")
    age_ranges = ParentalManyToManyField(AgeRange, verbose_name=_("age ranges"), related_name="resources")
    resource_format = models.CharField(_("format"), max_length=20, choices=RESOURCE_FORMATS, default="guide")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("uses", widget=forms.CheckboxSelectMultiple),
                FieldPanel("age_ranges", widget=forms.CheckboxSelectMultiple),
                FieldPanel("resource_format"),
            ],
            heading=_("Who and what it is for"),
        ),
        FieldPanel("body"),
        InlinePanel("downloads", label=_("Files to download")),
        *ReviewedContentMixin.review_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["toolkit.ToolkitIndexPage"]
    subpage_types: list[str] = []
    override_translatable_fields = [
        SynchronizedField("stages"),
        SynchronizedField("uses"),
        SynchronizedField("age_ranges"),
        SynchronizedField("resource_format"),
        SynchronizedField("next_review_date"),
        SynchronizedField("last_reviewed"),
    ]

    class Meta:
        verbose_name = _("toolkit resource")

    @cached_property
    def stage_list(self):
        return Stage.ordered(self.stages.all())

    @cached_property
    def use_list(self):
        return Use.ordered(self.uses.all())

    @cached_property
    def age_range_list(self):
        return AgeRange.ordered(self.age_ranges.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template needs them (not when the content comes from the cache).
        context["documents"] = SimpleLazyObject(lambda: [d.document for d in self.downloads.select_related("document")])
        context["changes"] = self.recent_changes()
        return context


class PracticeBriefingIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["toolkit.ToolkitIndexPage"]
    subpage_types = ["toolkit.PracticeBriefingPage"]
    page_size = 20

    class Meta:
        verbose_name = _("practice briefings page")

    def get_context(self, request, *args, **kwargs):
        from .filters import BriefingFilter

        context = super().get_context(request, *args, **kwargs)
        briefings = (
            PracticeBriefingPage.objects.child_of(self).live().public().prefetch_related("topics").order_by("-date")
        )
        briefing_filter = BriefingFilter(request.GET, briefings=briefings, locale=self.locale)
        context["filter"] = briefing_filter
        context["results"] = Paginator(briefing_filter.results, self.page_size).get_page(request.GET.get("page"))
        return context


class PracticeBriefingPage(Page):
    date = models.DateField(_("date of the briefing"))
    summary = models.TextField(_("summary"))
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="briefings")
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("briefing to download"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("document"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["toolkit.PracticeBriefingIndexPage"]
    subpage_types: list[str] = []
    override_translatable_fields = [SynchronizedField("topics"), SynchronizedField("date")]

    class Meta:
        verbose_name = _("practice briefing")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = [self.document] if self.document else []
        return context


# --- Glossary -----------------------------------------------------------------------------------


class GlossaryTerm(UniqueSlugPerLocaleMixin, TranslatableMixin, index.Indexed, ClusterableModel):
    """A word professionals use, explained for young people and for practitioners."""

    slug_clash_message = _("Another term in this language already uses this slug.")

    term = models.CharField(_("term"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, help_text=_("The anchor on the A to Z page, e.g. #lado"))
    also_known_as = models.CharField(
        _("also known as"),
        max_length=255,
        blank=True,
        help_text=_("Other words or abbreviations for the same thing, separated by commas; they are linked too."),
    )
    plain_definition = models.TextField(
        _("definition for young people"), help_text=_("Short, plain words that an 11-year-old can follow.")
    )
    practitioner_definition = RichTextField(
        _("definition for practitioners"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    related_terms = ParentalManyToManyField("self", verbose_name=_("related terms"), blank=True, symmetrical=False)
    link_in_pages = models.BooleanField(
        _("link this term in pages"),
        default=True,
        help_text=_("Turn off for everyday words that should not be linked wherever they appear."),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("also_known_as"),
        FieldPanel("plain_definition"),
        FieldPanel("practitioner_definition"),
        FieldPanel("related_terms"),
        InlinePanel("see_also", label=_("See also pages")),
        FieldPanel("link_in_pages"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("also_known_as", boost=2),
        index.SearchField("plain_definition"),
        index.SearchField("practitioner_definition"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("link_in_pages")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_glossary_slug_per_locale")]

    def __str__(self) -> str:
        return self.term

    @property
    def aliases(self) -> list[str]:
        return [alias.strip() for alias in self.also_known_as.split(",") if alias.strip()]

    @property
    def letter(self) -> str:
        """The A to Z heading: accents dropped ("Żłobek" under Z); digits, other scripts and
        letters with no A to Z equivalent ("Łódź", Bengali, Urdu) under "#", so no term is lost."""
        first = unicodedata.normalize("NFKD", self.term.strip()[:1])[:1].upper()
        return first if len(first) == 1 and first in string.ascii_uppercase else "#"


class GlossarySeeAlso(Orderable):
    term = ParentalKey(GlossaryTerm, on_delete=models.CASCADE, related_name="see_also")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]


register_snippet(GlossaryTerm)


class GlossaryPage(Page):
    """The A to Z of glossary terms in this page's language."""

    introduction = models.TextField(_("introduction"), blank=True)
    show_quick_exit = models.BooleanField(
        _("show the quick exit"),
        default=False,
        help_text=_("A glossary inside the Youth Hub always shows it."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    settings_panels = [*Page.settings_panels, FieldPanel("show_quick_exit")]
    parent_page_types = ["home.HomePage", "toolkit.ToolkitIndexPage", "toolkit.YouthHubIndexPage"]
    subpage_types: list[str] = []
    override_translatable_fields = [SynchronizedField("show_quick_exit")]

    class Meta:
        verbose_name = _("glossary A to Z page")

    def get_context(self, request, *args, **kwargs):
        from .glossary import alphabet_groups

        context = super().get_context(request, *args, **kwargs)
        terms = (
            GlossaryTerm.objects.filter(locale=self.locale)
            .prefetch_related("related_terms", "see_also__page")
            .order_by("term")
        )
        context["letters"], context["groups"] = alphabet_groups(terms)
        # Every page in the Youth Hub carries the quick exit, whatever the field says.
        context["show_quick_exit"] = self.show_quick_exit or YouthHubIndexPage.objects.ancestor_of(self).exists()
        return context


# --- Youth Hub ----------------------------------------------------------------------------------


class YouthHubMixin:
    """Every Youth Hub page carries the quick exit; editors cannot turn it off."""

    show_quick_exit = True


class YouthHubIndexPage(YouthHubMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "toolkit.YouthHubPage",
        "toolkit.GlossaryPage",
        "toolkit.SupportServiceIndexPage",
        "reporting.PupilReportPage",
    ]

    class Meta:
        verbose_name = _("Youth Hub home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context


class YouthHubPage(YouthHubMixin, ReviewedContentMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        *ReviewedContentMixin.review_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["toolkit.YouthHubIndexPage", "toolkit.YouthHubPage"]
    subpage_types = ["toolkit.YouthHubPage"]
    override_translatable_fields = [SynchronizedField("next_review_date"), SynchronizedField("last_reviewed")]

    class Meta:
        verbose_name = _("Youth Hub page")


class SupportService(index.Indexed, ClusterableModel):
    """A local or national service a young person can contact."""

    LOCAL = "local"
    NATIONAL = "national"
    REACH = [(LOCAL, _("Local")), (NATIONAL, _("National"))]

    name = models.CharField(_("name"), max_length=150, unique=True)
    helps_with = models.TextField(_("what it helps with"), help_text=_("In plain words for young people."))
    topics = ParentalManyToManyField(HelpTopic, verbose_name=_("topics"), related_name="services")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    text = models.CharField(
        _("text message"), max_length=80, blank=True, help_text=_("What to send and where, e.g. SHOUT to 85258")
    )
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=150, blank=True)
    min_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    reach = models.CharField(_("local or national"), max_length=10, choices=REACH, default=NATIONAL)

    panels = [
        FieldPanel("name"),
        FieldPanel("helps_with"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("text")]),
        FieldPanel("website"),
        FieldPanel("opening_hours"),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
        FieldPanel("reach"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("helps_with"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("support service")
        verbose_name_plural = _("support services")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": _("The oldest age must be the same as or more than the youngest age.")})

    @property
    def age_range_text(self) -> str:
        if self.min_age and self.max_age:
            return _("Ages %(min)s to %(max)s") % {"min": self.min_age, "max": self.max_age}
        if self.max_age:
            return _("Up to age %(max)s") % {"max": self.max_age}
        if self.min_age:
            return _("Age %(min)s and over") % {"min": self.min_age}
        return ""


register_snippet(SupportService)


class SupportServiceIndexPage(YouthHubMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["toolkit.YouthHubIndexPage", "home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("support services page")

    def get_context(self, request, *args, **kwargs):
        from .filters import SupportServiceFilter

        context = super().get_context(request, *args, **kwargs)
        services = SupportService.objects.prefetch_related("topics").order_by("reach", "name")
        service_filter = SupportServiceFilter(request.GET, services=services)
        context["filter"] = service_filter
        context["results"] = service_filter.results
        return context


# --- Engagement directory -----------------------------------------------------------------------


class EngagementEntry(index.Indexed, models.Model):
    """How one agency hears the views of children, young people and families."""

    SECTORS = [
        ("health", _("Health")),
        ("education", _("Education")),
        ("local-authority", _("Local authority")),
        ("police", _("Police")),
        ("youth-justice", _("Youth justice")),
        ("voluntary", _("Voluntary and community")),
    ]

    agency = models.CharField(_("agency"), max_length=150, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=SECTORS)
    summary = models.TextField(_("summary"), blank=True)
    methods = RichTextField(_("how they listen"), features=["bold", "italic", "ul", "ol", "link"])
    how_to_get_involved = models.TextField(_("how to get involved"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    panels = [
        FieldPanel("agency"),
        FieldPanel("sector"),
        FieldPanel("summary"),
        FieldPanel("methods"),
        FieldPanel("how_to_get_involved"),
        FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
    ]
    search_fields = [index.SearchField("agency", boost=2), index.SearchField("summary"), index.SearchField("methods")]

    class Meta:
        ordering = ["sector", "agency"]
        verbose_name = _("engagement directory entry")
        verbose_name_plural = _("engagement directory")

    def __str__(self) -> str:
        return self.agency


register_snippet(EngagementEntry)


class EngagementDirectoryPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage", "home.StandardPage", "toolkit.ToolkitIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("engagement directory page")

    def get_context(self, request, *args, **kwargs):
        from .filters import EngagementFilter

        context = super().get_context(request, *args, **kwargs)
        engagement_filter = EngagementFilter(request.GET, entries=EngagementEntry.objects.all())
        context["filter"] = engagement_filter
        context["sectors"] = engagement_filter.grouped()
        return context
