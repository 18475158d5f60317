"""Location Risk Assessment requests: what a care provider asks, and the officer's assessment.

Providers have no accounts: each request has a reference for people (``LRA-2026-00042``) and a
private link to its status page. The link's token is the reference signed with the site's secret
key (``status_token``): unguessable, never stored, and the same in every email sent about the
request.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.home.blocks import BaseStreamBlock

from . import choices, working_days

POSTCODE_VALIDATOR = RegexValidator(
    r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$",
    _("Enter a full UK postcode, like EB1 2AB."),
)


STATUS_TOKEN_SALT = "location-request-status"  # noqa: S105 - a namespace for signing, not a secret


class BankHoliday(models.Model):
    """A day that does not count as a working day for response deadlines."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("date"), FieldPanel("name")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("bank holiday")
        verbose_name_plural = _("bank holidays")

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%d %B %Y})"


def due_date_for(submitted: datetime.date) -> datetime.date:
    days = int(getattr(settings, "LOCATION_REQUEST_RESPONSE_WORKING_DAYS", 10))
    holidays = BankHoliday.objects.filter(date__gte=submitted).values_list("date", flat=True)
    return working_days.add_working_days(submitted, days, holidays)


class ReferenceSequence(models.Model):
    """The last reference number used in each year. Incremented with an UPDATE inside the
    request's transaction, so two requests sent at the same moment never share a number."""

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"

    @classmethod
    def next_reference(cls, year: int) -> str:
        """Call inside a transaction (the row stays locked until it commits)."""
        for _attempt in range(3):
            if cls.objects.filter(year=year).update(last_number=F("last_number") + 1):
                number = cls.objects.get(year=year).last_number
                return f"LRA-{year}-{number:05d}"
            try:
                with transaction.atomic():
                    cls.objects.create(year=year, last_number=0)
            except IntegrityError:
                pass  # another request created this year's row first; update it
        raise RuntimeError("could not allocate a reference")


class LocationRequestQuerySet(models.QuerySet):
    def open(self) -> LocationRequestQuerySet:
        return self.filter(status__in=choices.OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> LocationRequestQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())


class LocationRequest(index.Indexed, models.Model):
    """One provider's request for an assessment of the area around an address."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    submission_key = models.CharField(max_length=40, unique=True, editable=False)
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    due_date = models.DateField(_("response due"))

    # The organisation.
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_type = models.CharField(_("type of organisation"), max_length=30, choices=choices.ORGANISATION_TYPES)
    ofsted_urn = models.CharField(
        _("Ofsted URN"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^(SC)?\d{6,8}$", _("An Ofsted URN is 6 to 8 digits, sometimes after SC."))],
    )
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_role = models.CharField(_("contact's role"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)

    # The address.
    address_line_1 = models.CharField(_("address line 1"), max_length=200)
    address_line_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=8, validators=[POSTCODE_VALIDATOR])
    location = models.CharField(
        _("location"), max_length=250, blank=True, help_text=_("Where the address is on the map.")
    )
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    # The placement.
    accommodation_type = models.CharField(
        _("type of accommodation"), max_length=30, choices=choices.ACCOMMODATION_TYPES
    )
    number_of_young_people = models.PositiveSmallIntegerField(
        _("number of young people"), validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    age_from = models.PositiveSmallIntegerField(
        _("youngest age"), validators=[MinValueValidator(0), MaxValueValidator(25)]
    )
    age_to = models.PositiveSmallIntegerField(_("oldest age"), validators=[MinValueValidator(0), MaxValueValidator(25)])
    planned_start = models.DateField(_("planned start"))
    young_person_initials = models.CharField(_("young person's initials"), max_length=4, blank=True)
    young_person_age = models.PositiveSmallIntegerField(_("young person's age"), null=True, blank=True)

    # Known concerns and the provider's own research.
    concerns = models.JSONField(_("known concerns"), default=list, blank=True)
    concern_notes = models.TextField(_("notes on the concerns"), blank=True)
    research = models.JSONField(_("research done"), default=dict, blank=True)
    research_notes = models.TextField(_("other research"), blank=True)

    # The declaration.
    declared_accurate = models.BooleanField(_("declared accurate"), default=False)
    agreed_to_sharing = models.BooleanField(_("agreed to information sharing"), default=False)

    # The officer's work.
    status = models.CharField(_("status"), max_length=20, choices=choices.STATUSES, default=choices.SUBMITTED)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="location_requests",
    )
    information_requested = models.TextField(
        _("information asked for"), blank=True, help_text=_("Shown to the provider when more information is needed.")
    )
    risk_rating = models.CharField(_("risk rating"), max_length=10, choices=choices.RISK_RATINGS, blank=True)
    outcome_reasons = models.TextField(_("reasons"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = LocationRequestQuerySet.as_manager()

    search_fields = [
        index.SearchField("reference"),
        index.SearchField("organisation_name"),
        index.SearchField("postcode"),
        index.AutocompleteField("reference"),
        index.AutocompleteField("organisation_name"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("location request")
        verbose_name_plural = _("location requests")
        indexes = [models.Index(fields=["status", "due_date"], name="lra_status_due")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.address_line_1}, {self.postcode}"

    def save(self, *args, **kwargs) -> None:
        from portal.reporting.models import parse_point

        point = parse_point(self.location)
        self.latitude, self.longitude = point if point else (None, None)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in choices.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    def concern_labels(self) -> list[str]:
        labels = dict(choices.CONCERNS)
        return [str(labels.get(slug, slug)) for slug in self.concerns]

    @property
    def status_token(self) -> str:
        return signing.Signer(salt=STATUS_TOKEN_SALT).sign_object(self.reference, compress=True)

    @classmethod
    def for_token(cls, token: str) -> LocationRequest | None:
        """The request a status link is for, or None for any token the site did not make."""
        if not token or len(token) > 200:
            return None
        try:
            reference = signing.Signer(salt=STATUS_TOKEN_SALT).unsign_object(token)
        except signing.BadSignature:
            return None
        if not isinstance(reference, str):
            return None
        return cls.objects.filter(reference=reference).first()


class LocationRequestMessage(models.Model):
    """What the provider and the officer say to each other through the status page: a request for
    more information, the provider's answer."""

    FROM_PROVIDER, FROM_OFFICER = "provider", "officer"
    request = models.ForeignKey(LocationRequest, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=10, choices=[(FROM_PROVIDER, _("Provider")), (FROM_OFFICER, _("Officer"))])
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request.reference} {self.sender} {self.created_at:%Y-%m-%d}"


class LocationRequestNote(models.Model):
    """An officer's internal note: never shown to the provider."""

    request = models.ForeignKey(LocationRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.request.reference} note {self.created_at:%Y-%m-%d}"


class LocationRequestPage(RoutablePageMixin, Page):
    """The page providers use to ask for an assessment. Editors write the process and the eight
    principles young people should be able to agree to; the form's questions are fixed."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul", "ol"], blank=True)
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("the process and the principles"),
        help_text=_("How the process works, and the principles young people should be able to agree to."),
    )
    confirmation_text = RichTextField(_("what happens next"), features=["bold", "italic", "link", "ul"], blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("confirmation_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("location request page")

    @path("", name="request_start")
    def start(self, request):
        from .views import render_start

        return render_start(request, self)

    @re_path(r"^step/(?P<step>[a-z-]{1,30})/$", name="request_step")
    def step(self, request, step: str):
        from .views import LocationRequestWizard

        return LocationRequestWizard.as_view(page=self, url_name="request_step")(request, step=step)

    @path("sent/", name="request_sent")
    def sent(self, request):
        from .views import render_sent

        return render_sent(request, self)
