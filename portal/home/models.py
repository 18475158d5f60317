"""The guidance library: page types, taxonomy, documents, site settings and change history."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from .blocks import BaseStreamBlock, HomeRouteBlock
from .filters import GuidanceFilter, LeafletFilter, RecentUpdatesFilter

# --- Taxonomy ---------------------------------------------------------------------------------


class FixedChoice(models.Model):
    """One row per entry of a fixed list whose labels live in code (so they can be translated),
    letting pages and documents filter on it through many-to-many fields. Subclasses declare
    ``CHOICES`` and a unique ``slug`` field with those choices; ``sync_choices`` (run after every
    migrate) makes sure every entry has its row."""

    CHOICES: list[tuple[str, str]] = []

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self) -> str:
        return str(dict(self.CHOICES).get(self.slug, self.slug))

    @classmethod
    def sync_choices(cls) -> None:
        existing = set(cls.objects.values_list("slug", flat=True))
        cls.objects.bulk_create([cls(slug=slug) for slug, _label in cls.CHOICES if slug not in existing])

    @classmethod
    def ordered(cls, values):
        """Sort rows (or slugs) in the order of CHOICES."""
        order = {slug: i for i, (slug, _label) in enumerate(cls.CHOICES)}
        return sorted(values, key=lambda v: order.get(getattr(v, "slug", v), len(order)))


class Audience(FixedChoice):
    """Who a page or leaflet is written for. A fixed list, so the labels can be translated."""

    PRACTITIONERS = "practitioners"
    PARENTS_AND_CARERS = "parents-and-carers"
    CHILDREN_AND_YOUNG_PEOPLE = "children-and-young-people"
    CHOICES = [
        (PRACTITIONERS, _("Practitioners")),
        (PARENTS_AND_CARERS, _("Parents and carers")),
        (CHILDREN_AND_YOUNG_PEOPLE, _("Children and young people")),
    ]

    slug = models.CharField(max_length=40, choices=CHOICES, unique=True)

    class Meta(FixedChoice.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class UniqueSlugPerLocaleMixin:
    """Checks the (slug, locale) uniqueness of a translatable snippet in the form. Snippet forms have
    no locale field, so Django skips that constraint when validating, and a repeated slug would
    otherwise reach the database as an error."""

    slug_clash_message = _("Another item in this language already uses this slug.")

    def clean(self) -> None:
        super().clean()
        if self.slug and self.locale_id is not None:
            clash = type(self).objects.filter(slug=self.slug, locale_id=self.locale_id).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"slug": self.slug_clash_message})


class Topic(UniqueSlugPerLocaleMixin, TranslatableMixin, index.Indexed, models.Model):
    slug_clash_message = _("Another topic in this language already uses this slug.")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in web addresses, e.g. ?topic=child-protection")
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")]

    def __str__(self) -> str:
        return self.name


class Team(index.Indexed, models.Model):
    """A team that owns guidance and answers questions about it."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("organisation"), FieldPanel("email"), FieldPanel("phone")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


register_snippet(Topic)
register_snippet(Team)


# --- Documents --------------------------------------------------------------------------------


class PortalDocument(AbstractDocument):
    """A Wagtail document that knows who it is for, its language and when it is next reviewed."""

    LEAFLET = "leaflet"
    KINDS = [
        (LEAFLET, _("Leaflet for children and families")),
        ("guidance", _("Guidance or procedure")),
        ("form", _("Form or template")),
        ("other", _("Other")),
    ]

    kind = models.CharField(_("kind of document"), max_length=20, choices=KINDS, default="other")
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences on what it covers."))
    audiences = models.ManyToManyField(Audience, verbose_name=_("audiences"), blank=True, related_name="documents")
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    review_date = models.DateField(_("next review date"), null=True, blank=True)
    extracted_text = models.TextField(_("text inside the file"), blank=True, editable=False)
    extracted_from_hash = models.CharField(max_length=40, blank=True, editable=False)

    admin_form_fields = (*Document.admin_form_fields, "kind", "summary", "audiences", "language", "review_date")
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("summary"),
        index.SearchField("extracted_text"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def is_review_overdue(self) -> bool:
        return self.review_date is not None and self.review_date < timezone.localdate()

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "file" in update_fields:
            self.refresh_extracted_text()
        super().save(*args, **kwargs)

    def refresh_extracted_text(self) -> bool:
        """Extract the text of a PDF when the file is new or has changed. Returns whether it ran."""
        from .document_text import extract_pdf_text

        if not self.file:
            return False
        try:
            if not self.file_hash:
                self._set_file_hash()
            if self.file_hash == self.extracted_from_hash:
                return False
            if self.file_extension.lower() == "pdf":
                with self.open_file() as handle:
                    self.extracted_text = extract_pdf_text(handle)
            else:
                self.extracted_text = ""
        except OSError:  # the file is missing from storage: keep what we had
            return False
        self.extracted_from_hash = self.file_hash
        return True


# --- Site settings ----------------------------------------------------------------------------


@register_setting(icon="phone")
class PartnershipSettings(BaseSiteSetting):
    """Contacts shown in every page's footer."""

    emergency_text = models.CharField(
        _("emergency message"),
        max_length=200,
        default=_("If a child is in immediate danger, call the police on 999."),
    )
    front_door_name = models.CharField(
        _("referral service name"), max_length=120, default="Multi-Agency Safeguarding Hub (MASH)"
    )
    front_door_phone = models.CharField(_("referral service phone"), max_length=40, blank=True)
    front_door_email = models.EmailField(_("referral service email"), blank=True)
    out_of_hours_phone = models.CharField(_("out-of-hours phone"), max_length=40, blank=True)
    police_non_emergency = models.CharField(_("police non-emergency number"), max_length=40, default="101")
    childline_phone = models.CharField(_("Childline phone"), max_length=40, default="0800 1111")
    partnership_email = models.EmailField(_("partnership email"), blank=True)
    partnership_phone = models.CharField(_("partnership phone"), max_length=40, blank=True)
    partnership_address = models.TextField(_("partnership address"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("emergency_text"),
                FieldPanel("front_door_name"),
                FieldRowPanel([FieldPanel("front_door_phone"), FieldPanel("front_door_email")]),
                FieldPanel("out_of_hours_phone"),
                FieldRowPanel([FieldPanel("police_non_emergency"), FieldPanel("childline_phone")]),
            ],
            heading=_("Emergency and referral contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("partnership_email"), FieldPanel("partnership_phone"), FieldPanel("partnership_address")],
            heading=_("Partnership contacts"),
        ),
    ]

    class Meta:
        verbose_name = _("partnership contacts")


# --- Shared page behaviour --------------------------------------------------------------------


class QuickExitMixin(models.Model):
    """Pages meant for children and young people show the quick-exit control."""

    show_quick_exit = models.BooleanField(
        _("show the quick exit"),
        default=False,
        help_text=_(
            "Turn on for pages meant for children and young people, or for anyone who may need to leave quickly."
        ),
    )

    class Meta:
        abstract = True


class ReviewedContentMixin(models.Model):
    """Content that is owned, reviewed on a schedule, and tells readers what changed."""

    owning_team = models.ForeignKey(
        Team,
        verbose_name=_("owning team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review_date = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("The page appears in the review-due report after this date."),
    )
    change_note = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_(
            "Tell readers what changed in this version, in a sentence. It appears in the page's history "
            "and on the recent updates page when you publish. Leave it as it is for a minor correction."
        ),
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("owning_team"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_date")]),
                FieldPanel("change_note"),
            ],
            heading=_("Ownership, review and change note"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def is_review_overdue(self) -> bool:
        return self.next_review_date is not None and self.next_review_date < timezone.localdate()

    def recent_changes(self, limit: int = 5):
        return PageChange.objects.filter(page=self).order_by("-published_at")[:limit]


class PageChange(models.Model):
    """One entry in a page's public 'what changed' history, written when a revision is published."""

    NEW = "new"
    UPDATED = "updated"
    KINDS = [(NEW, _("New")), (UPDATED, _("Updated"))]

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="public_changes")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=10, choices=KINDS)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("page change")
        verbose_name_plural = _("page changes")

    def __str__(self) -> str:
        return f"{self.page_id} {self.kind} {self.published_at:%Y-%m-%d}"


# --- Pages ------------------------------------------------------------------------------------


class HomePage(Page):
    introduction = models.TextField(_("introduction"), blank=True)
    routes = StreamField([("route", HomeRouteBlock())], blank=True, verbose_name=_("routes for each audience"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("routes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.GuidanceIndexPage",
        "home.LeafletIndexPage",
        "home.RecentUpdatesPage",
        "toolkit.ToolkitIndexPage",
        "toolkit.YouthHubIndexPage",
        "toolkit.GlossaryPage",
        "toolkit.SupportServiceIndexPage",
        "toolkit.EngagementDirectoryPage",
        "reporting.PupilReportPage",
        "location_requests.LocationRequestPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_changes"] = latest_changes(locale=self.locale)[:5]
        return context


class StandardPage(QuickExitMixin, ReviewedContentMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        *ReviewedContentMixin.review_panels,
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("show_quick_exit")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    # A section page may hold its own guidance or leaflets (both list StandardPage as a parent).
    subpage_types = [
        "home.StandardPage",
        "home.GuidanceIndexPage",
        "home.LeafletIndexPage",
        "toolkit.ToolkitIndexPage",
        "toolkit.EngagementDirectoryPage",
    ]

    override_translatable_fields = [SynchronizedField("show_quick_exit"), SynchronizedField("next_review_date")]

    class Meta:
        verbose_name = _("standard page")


class GuidanceIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.GuidancePage"]
    page_size = 20

    class Meta:
        verbose_name = _("guidance index page")

    def guidance_pages(self):
        return (
            GuidancePage.objects.child_of(self)
            .live()
            .public()
            .select_related("owning_team")
            .prefetch_related("topics", "audiences")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = self.guidance_pages()
        guidance_filter = GuidanceFilter(request.GET, pages=pages, locale=self.locale)
        paginator = Paginator(guidance_filter.results, self.page_size)
        context["filter"] = guidance_filter
        context["results"] = paginator.get_page(request.GET.get("page"))
        return context


class GuidanceRelatedDocument(Orderable):
    page = ParentalKey("home.GuidancePage", on_delete=models.CASCADE, related_name="related_documents")
    document = models.ForeignKey(settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]


class ExternalReference(Orderable):
    page = ParentalKey("home.GuidancePage", on_delete=models.CASCADE, related_name="external_references")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"))
    publisher = models.CharField(_("publisher"), max_length=120, blank=True)

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("publisher")]


class GuidancePage(QuickExitMixin, ReviewedContentMixin, Page):
    """A procedure, protocol or piece of practice guidance."""

    summary = models.TextField(_("summary"), help_text=_("Two or three sentences: what this is and when to use it."))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="guidance_pages")
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="guidance_pages"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Topics and audiences"),
        ),
        InlinePanel("related_documents", label=_("Related documents")),
        InlinePanel("external_references", label=_("External references")),
        *ReviewedContentMixin.review_panels,
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("show_quick_exit")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("next_review_date"),
    ]

    parent_page_types = ["home.GuidanceIndexPage"]
    subpage_types: list[str] = []

    override_translatable_fields = [
        SynchronizedField("topics"),
        SynchronizedField("audiences"),
        SynchronizedField("show_quick_exit"),
        SynchronizedField("next_review_date"),
        SynchronizedField("last_reviewed"),
    ]

    class Meta:
        verbose_name = _("guidance page")

    @cached_property
    def topic_list(self):
        return list(self.topics.all())

    @cached_property
    def audience_list(self):
        return list(self.audiences.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["changes"] = self.recent_changes()
        # Read only when the template needs them (not when the content comes from the cache).
        context["documents"] = SimpleLazyObject(
            lambda: [rel.document for rel in self.related_documents.select_related("document")]
        )
        return context


class LeafletIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types: list[str] = []
    page_size = 30

    class Meta:
        verbose_name = _("leaflets page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        leaflets = (
            PortalDocument.objects.filter(kind=PortalDocument.LEAFLET).prefetch_related("audiences").order_by("title")
        )
        leaflet_filter = LeafletFilter(request.GET, documents=leaflets)
        context["filter"] = leaflet_filter
        context["results"] = Paginator(leaflet_filter.results, self.page_size).get_page(request.GET.get("page"))
        return context


class RecentUpdatesPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    page_size = 25

    class Meta:
        verbose_name = _("recent updates page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        updates_filter = RecentUpdatesFilter(request.GET, changes=latest_changes(locale=self.locale))
        context["filter"] = updates_filter
        context["results"] = Paginator(updates_filter.results, self.page_size).get_page(request.GET.get("page"))
        return context


def latest_changes(locale=None):
    """Published changes to live pages, newest first."""
    changes = PageChange.objects.filter(page__live=True).select_related("page")
    if locale is not None:
        changes = changes.filter(page__locale=locale)
    return changes.order_by("-published_at", "-id")
