"""Schools, anonymous pupil reports, the rollups behind the hotspot map, and the report page.

What a report keeps is set by the anonymity rules in ``docs/data-protection.md``: no name (unless
the pupil asks for a trusted adult), no IP address, user agent, device id or time of day of the
submission (only its date), and a place only as a map cell of about 120 m.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from . import cells, choices

# Join codes avoid letters and digits that are easy to confuse when copied from a board.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
REFERENCE_ALPHABET = JOIN_CODE_ALPHABET
POINT_RE = re.compile(r"^\s*(?:SRID=\d+;)?\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*$", re.IGNORECASE)


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_reference() -> str:
    """A reference a pupil can quote to a trusted adult, e.g. ``R-7KQ4-M2XD``. Random, so it says
    nothing about who sent the report or when."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"R-{body[:4]}-{body[4:]}"


def parse_point(value: str) -> tuple[float, float] | None:
    """(lat, lng) from wagtailgeowidget's ``SRID=4326;POINT(lng lat)`` (longitude first)."""
    match = POINT_RE.match(value or "")
    if not match:
        return None
    lng, lat = float(match.group(1)), float(match.group(2))
    return (lat, lng) if cells.is_valid_point(lat, lng) else None


class School(index.Indexed, models.Model):
    """A school whose pupils can send reports. Its place is public (a school is a public building),
    so it is kept exactly; pupils' places never are."""

    name = models.CharField(_("name"), max_length=200)
    urn = models.CharField(
        _("URN"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{6,8}$", _("A URN is the school's 6 to 8 digit unique reference number."))],
        help_text=_("The school's unique reference number from Get Information about Schools."),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=choices.SCHOOL_PHASES)
    address = models.CharField(_("address"), max_length=250, blank=True)
    location = models.CharField(
        _("location"),
        max_length=250,
        blank=True,
        help_text=_("Click the map or type the latitude and longitude of the school's main entrance."),
    )
    latitude = models.FloatField(editable=False, null=True)
    longitude = models.FloatField(editable=False, null=True)
    lead_name = models.CharField(_("safeguarding lead's name"), max_length=150)
    lead_email = models.EmailField(
        _("safeguarding lead's email"), help_text=_("Urgent reports are sent here at once (without their content).")
    )
    lead_phone = models.CharField(_("safeguarding lead's phone"), max_length=40, blank=True)
    site_plan = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("site plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional plan of the school grounds; pupils can tap where they feel unsafe."),
    )
    join_code = models.CharField(
        _("join code"),
        max_length=12,
        unique=True,
        default=new_join_code,
        help_text=_("The code the school gives its pupils to find their school in the form."),
    )
    accepts_reports = models.BooleanField(_("accepts reports"), default=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff who may read reports"),
        blank=True,
        related_name="report_schools",
        help_text=_("Only these people (normally the safeguarding lead and deputy) can read this school's reports."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("urn"), FieldPanel("phase")]),
        FieldPanel("address"),
        FieldPanel("location"),  # the admin swaps in the self-hosted Leaflet widget (wagtail_hooks)
        MultiFieldPanel(
            [FieldPanel("lead_name"), FieldRowPanel([FieldPanel("lead_email"), FieldPanel("lead_phone")])],
            heading=_("Designated safeguarding lead"),
        ),
        FieldPanel("staff"),
        FieldPanel("site_plan"),
        FieldRowPanel([FieldPanel("join_code"), FieldPanel("accepts_reports")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("accepts_reports"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        point = parse_point(self.location)
        self.latitude, self.longitude = point if point else (None, None)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.location and parse_point(self.location) is None:
            raise ValidationError(
                {"location": _("Choose the school's place on the map, or give a latitude and longitude.")}
            )
        self.join_code = (self.join_code or "").strip().upper()

    @property
    def cell(self) -> str:
        """The map cell of the school's grounds, where school-ground reports are counted."""
        if self.latitude is None or self.longitude is None:
            return ""
        return cells.snap(self.latitude, self.longitude)

    @property
    def age_groups(self) -> list[str]:
        if self.phase == choices.ALL_THROUGH:
            return [choices.PRIMARY, choices.SECONDARY]
        return [self.phase]


class PupilReportQuerySet(models.QuerySet):
    def for_user(self, user) -> PupilReportQuerySet:
        """Reports of the schools ``user`` is staff of, and no others (superusers included: a
        pupil's words are for their own school)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(school__staff=user)

    def on_map(self) -> PupilReportQuerySet:
        return self.exclude(cell="").filter(context__in=choices.MAPPED_CONTEXTS)


class PupilReport(models.Model):
    """One pupil's anonymous report. No field identifies the pupil unless they asked for a trusted
    adult, and then only their name and class, which only their school can read."""

    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference, editable=False)
    school = models.ForeignKey(School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="reports")
    age_group = models.CharField(_("age group"), max_length=20, choices=choices.AGE_GROUPS)
    context = models.CharField(_("where"), max_length=20, choices=choices.CONTEXTS)
    # The place, at most as precise as one map cell. Empty for home and online reports.
    cell = models.CharField(_("map cell"), max_length=16, blank=True, db_index=True)
    route_cells = models.JSONField(_("route cells"), default=list, blank=True)
    place_description = models.TextField(_("place in the pupil's words"), blank=True)
    school_area = models.CharField(_("part of the school"), max_length=20, choices=choices.SCHOOL_AREAS, blank=True)
    plan_x = models.PositiveSmallIntegerField(_("site plan across (%)"), null=True, blank=True)
    plan_y = models.PositiveSmallIntegerField(_("site plan down (%)"), null=True, blank=True)
    home_room = models.CharField(_("part of the home"), max_length=20, choices=choices.HOME_ROOMS, blank=True)
    online_place = models.CharField(_("where online"), max_length=20, choices=choices.ONLINE_PLACES, blank=True)
    categories = models.JSONField(_("worries"), default=list)
    feeling = models.PositiveSmallIntegerField(_("how unsafe"), choices=choices.FEELINGS)
    times_of_day = models.JSONField(_("times of day"), default=list, blank=True)
    days = models.CharField(_("days"), max_length=20, choices=choices.DAYS, blank=True)
    details = models.TextField(_("anything else"), blank=True)
    wants_trusted_adult = models.BooleanField(_("wants to talk to a trusted adult"), default=False)
    contact_name = models.CharField(_("pupil's name"), max_length=100, blank=True)
    contact_class = models.CharField(_("pupil's class or form"), max_length=50, blank=True)
    language = models.CharField(_("language of the form"), max_length=10, blank=True)
    # Only the date: the time of day a report arrived could help single a child out.
    submitted_on = models.DateField(_("sent on"), db_index=True)
    urgent = models.BooleanField(_("urgent"), default=False, db_index=True)
    needs_moderation = models.BooleanField(
        _("free text needs checking"),
        default=False,
        help_text=_("The free text may contain a name, contact details or abusive words."),
    )
    status = models.CharField(_("status"), max_length=20, choices=choices.STATUSES, default=choices.NEW)
    staff_note = models.TextField(_("note for school staff"), blank=True)
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PupilReportQuerySet.as_manager()

    class Meta:
        ordering = ["-urgent", "-submitted_on", "-id"]
        verbose_name = _("pupil report")
        verbose_name_plural = _("pupil reports")
        indexes = [models.Index(fields=["school", "status", "urgent"], name="report_school_status")]

    def __str__(self) -> str:
        return self.reference

    @property
    def map_cells(self) -> list[str]:
        """The cells this report is counted in on the map (none for home and online)."""
        if self.context not in choices.MAPPED_CONTEXTS:
            return []
        if self.route_cells:
            return list(self.route_cells)
        return [self.cell] if self.cell else []

    def worry_labels(self) -> list:
        return [choices.worry_label(slug) for slug in self.categories]


class HotspotRollup(models.Model):
    """Counts of reports by cell, worry, context, age group, school and day, kept in step with the
    reports in the same transaction. The hotspot map and area profiles read these rather than the
    reports.

    ``resolution`` 0 with an empty ``cell`` counts every report, mapped or not (home and online
    included), for themes and trends. ``category`` "" counts reports whatever their worries, so
    totals are not inflated by reports with several worries.
    """

    ALL_CATEGORIES = ""

    resolution = models.PositiveSmallIntegerField()
    cell = models.CharField(max_length=16, blank=True)
    latitude = models.FloatField(null=True)  # the cell's centre
    longitude = models.FloatField(null=True)
    category = models.CharField(max_length=40, blank=True)
    context = models.CharField(max_length=20, choices=choices.CONTEXTS)
    age_group = models.CharField(max_length=20, choices=choices.AGE_GROUPS)
    # Indexed by ``rollup_school``, which starts with it.
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "cell", "category", "context", "age_group", "school", "day"],
                name="unique_hotspot_rollup",
            )
        ]
        indexes = [
            models.Index(fields=["resolution", "day"], name="rollup_day"),
            # A school's own map (exact counts, any days): only that school's rows of the cells in
            # view. Covering on PostgreSQL, so the rows themselves are not read.
            models.Index(
                fields=["school", "resolution", "cell", "day"],
                include=["category", "context", "age_group", "count"],
                name="rollup_school",
            ),
        ]
        permissions = [("view_hotspots", "Can see the hotspot map and area profiles (counts suppressed)")]

    def __str__(self) -> str:
        return f"{self.cell or 'all'} r{self.resolution} {self.category or '*'} {self.day}: {self.count}"


class MonthlyHotspotRollup(models.Model):
    """The map's rows of :class:`HotspotRollup` summed over each calendar month and over schools:
    counts of reports by cell (map resolutions only, so never a home or online report), worry,
    context, age group and month. Kept in step in the same transaction as the daily rows
    (``rollups``), so it always equals them summed by month.

    Every reader without exact counts sees whole calendar months (``suppression.whole_months``), so
    the hotspot map (when filtered by context or age group) and the area profile read these rows:
    a year is twelve rows per cell and key instead of one per school and day. The map without those
    filters reads :class:`MonthlyHotspotTotal`. A school's own staff, who may ask for their own
    school and for any days, are answered from the daily rows."""

    resolution = models.PositiveSmallIntegerField()
    cell = models.CharField(max_length=16)
    latitude = models.FloatField()  # the cell's centre
    longitude = models.FloatField()
    category = models.CharField(max_length=40, blank=True)  # "" counts every report once
    context = models.CharField(max_length=20, choices=choices.CONTEXTS)
    age_group = models.CharField(max_length=20, choices=choices.AGE_GROUPS)
    month = models.DateField()  # the first day of the month
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "cell", "month", "category", "context", "age_group"],
                name="unique_monthly_hotspot_rollup",
            )
        ]
        # The cells in view (or in an area), then the context and age group filtered to, if any:
        # covering on PostgreSQL, so it is answered from the index alone. SQLite has no INCLUDE
        # and builds it on the key columns only.
        indexes = [
            models.Index(
                fields=["resolution", "cell", "context", "age_group", "month"],
                include=["category", "count"],
                name="monthly_rollup_cell",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell} r{self.resolution} {self.category or '*'} {self.month:%Y-%m}: {self.count}"


class MonthlyHotspotTotal(models.Model):
    """:class:`MonthlyHotspotRollup` summed over context and age group: reports by cell, worry and
    month, which is all the map without a context or age-group filter needs (most views), in a
    third to a half of the rows. Kept in step in the same transaction as the other rollups."""

    resolution = models.PositiveSmallIntegerField()
    cell = models.CharField(max_length=16)
    category = models.CharField(max_length=40, blank=True)  # "" counts every report once
    month = models.DateField()  # the first day of the month
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resolution", "cell", "month", "category"], name="unique_monthly_total")
        ]
        indexes = [
            models.Index(
                fields=["resolution", "cell", "month"], include=["category", "count"], name="monthly_total_cell"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell} r{self.resolution} {self.category or '*'} {self.month:%Y-%m}: {self.count}"


class PeriodHotspotTotal(models.Model):
    """:class:`MonthlyHotspotTotal` summed over calendar quarters and calendar years: reports by
    cell, worry and quarter (``months`` 3) or year (``months`` 12).

    The map's default view is the last twelve months, widened to whole months: thirteen monthly
    rows per cell and worry. Read as whole years, then whole quarters, then the months left over
    (``hotspots.calendar_spans``), the same range takes two to seven rows, and the biggest map views
    sum that many times fewer rows. Kept in step in the same transaction as the other rollups, so
    it always equals the monthly totals summed by quarter and by year."""

    QUARTER, YEAR = 3, 12

    resolution = models.PositiveSmallIntegerField()
    cell = models.CharField(max_length=16)
    months = models.PositiveSmallIntegerField(choices=[(QUARTER, "quarter"), (YEAR, "year")])
    start = models.DateField()  # the first day of the quarter or year
    category = models.CharField(max_length=40, blank=True)  # "" counts every report once
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "cell", "months", "start", "category"], name="unique_period_total"
            )
        ]
        # The cells in view, then the kind of period and its range: covering on PostgreSQL.
        indexes = [
            models.Index(
                fields=["resolution", "cell", "months", "start"],
                include=["category", "count"],
                name="period_total_cell",
            ),
        ]

    def __str__(self) -> str:
        span = "Q" if self.months == self.QUARTER else "Y"
        return f"{self.cell} r{self.resolution} {self.category or '*'} {span}{self.start:%Y-%m}: {self.count}"


class ReportRouteCell(models.Model):
    """The cells a route report passes through, one row per map resolution and distinct cell, so
    that the area profile can count route reports once each without reading the reports. Written
    in the transaction that saves the report and deleted with it. It repeats only what the report
    already holds for the map: its cells, date and worries (a space-separated, sorted list of
    slugs, which the area profile groups by)."""

    # Indexed by the unique constraint, which starts with it.
    report = models.ForeignKey(PupilReport, on_delete=models.CASCADE, related_name="+", db_index=False)
    resolution = models.PositiveSmallIntegerField()
    cell = models.CharField(max_length=16)
    day = models.DateField()
    categories = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "resolution", "cell"], name="unique_report_route_cell")
        ]
        indexes = [
            models.Index(
                fields=["resolution", "cell", "day"], include=["report", "categories"], name="route_cell_area"
            ),
        ]

    def __str__(self) -> str:
        return f"report {self.report_id} r{self.resolution} {self.cell}"


class AreaProfileRollup(models.Model):
    """The area profile the API gives, counted in advance: reports by month, context and worry
    within each offered radius (``area.PRECOMPUTED_RADII_M``) of the centre of each
    resolution-8 cell (``area.CENTRE_RESOLUTION``), the only circles the API answers about.

    A report counts once in every circle whose area (as ``area.area_profile`` draws it) holds one
    of its cells, for "any worry" (category "") and for each of its worries, so a route report
    counts once however many of its cells a circle holds. No school and no day: the same columns
    as the profile shows, before suppression."""

    centre = models.CharField(max_length=16)  # a resolution-8 cell
    radius_m = models.PositiveIntegerField()
    month = models.DateField()  # the first day of the month
    context = models.CharField(max_length=20, choices=choices.CONTEXTS)
    category = models.CharField(max_length=40, blank=True)  # "" counts every report once
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "radius_m", "month", "context", "category"], name="unique_area_profile_rollup"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.centre} {self.radius_m} m {self.month:%Y-%m} {self.context} {self.category or 'all'}: {self.count}"
        )


class PostcodeLocation(models.Model):
    """Where a postcode is, for pupils who type a postcode instead of using the map (no JavaScript).
    Loaded from the ONS Postcode Directory with ``manage.py import_postcodes``; nothing is looked
    up over the internet."""

    postcode = models.CharField(max_length=8, unique=True, help_text="Upper case, single space: 'RM1 3BD'.")
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode


class PupilReportPage(RoutablePageMixin, Page):
    """The page that holds the pupils' report form. Editors own the words around the form; the
    questions and the help-now box are fixed so they are never lost."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)
    privacy_notice = RichTextField(
        _("what we keep and who sees it"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("Explain in plain words that the report is anonymous and who will read it."),
    )
    confirmation_text = RichTextField(
        _("what happens next"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("Shown after a report is sent."),
    )
    show_quick_exit = True  # always: a child may need to leave this page at once

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("privacy_notice"),
        FieldPanel("confirmation_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage", "toolkit.YouthHubIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("pupil report page")

    @path("", name="report_start")
    def start(self, request):
        from .views import render_start

        return render_start(request, self)

    @re_path(r"^step/(?P<step>[a-z-]{1,30})/$", name="report_step")
    def step(self, request, step: str):
        from .views import PupilReportWizard

        return PupilReportWizard.as_view(page=self, url_name="report_step")(request, step=step)

    @path("sent/", name="report_sent")
    def sent(self, request):
        from .views import render_sent

        return render_sent(request, self)
