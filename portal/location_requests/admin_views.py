"""The officers' pages in the admin: the queue of location requests and the page where one request
is worked (assigned, discussed in internal notes, moved through its statuses, placed on the map,
read against the area profile and completed with an outcome).

Only holders of ``location_requests.view_locationrequest`` (the "Location risk officers" group and
superusers, see roles.py) may open these pages; changing anything also needs
``location_requests.change_locationrequest``. Anyone else is refused (PermissionDenied: Wagtail
sends a signed-in user back to the dashboard with its "no permission" message, and asks anyone
signed out to sign in).

Every status change, assignment and outcome goes through :mod:`.services`, so each is written to
Wagtail's audit log; adding a note and moving the pin are logged here too. A change the workflow
does not allow (``services.TransitionError``) is shown as an error on the form, never as a crash.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from typing import Any

import django_filters

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from portal.reporting import choices as reporting_choices
from portal.reporting.area import AreaProfileError, area_profile
from portal.reporting.models import parse_point
from portal.reporting.widgets import LEAFLET_CSS, LEAFLET_JS, SelfHostedLeafletPanel, map_overlay

from . import choices, services
from .models import LocationRequest, LocationRequestNote
from .roles import CHANGE_REQUEST, OFFICERS, VIEW_REQUEST

NOTE_ACTION = "location_requests.note"
LOCATION_ACTION = "location_requests.location"

UNASSIGNED, ME, OPEN = "unassigned", "me", "open"
STATUS_LABELS = dict(choices.STATUSES)

# The radii an officer may choose for the area profile, in metres.
RADII: list[tuple[int, Any]] = [(250, _("250 m")), (500, _("500 m")), (1000, _("1 km")), (2000, _("2 km"))]
DEFAULT_RADIUS = 500
CONTEXT_LABELS = dict(reporting_choices.CONTEXTS)


# --- Who may do what -------------------------------------------------------------------------------


def may_view(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(VIEW_REQUEST))


def may_work(user: Any) -> bool:
    return may_view(user) and user.has_perm(CHANGE_REQUEST)


def officers(*also: Any) -> QuerySet:
    """The active members of the officers' group, plus any users in ``also`` (the request's
    current officer, the signed-in officer) so the choice in hand is always on the list."""
    extra = [user.pk for user in also if user is not None]
    return (
        get_user_model()
        .objects.filter(Q(is_active=True, groups__name=OFFICERS) | Q(pk__in=extra))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def display_name(user: Any) -> str:
    return str(get_user_display_name(user)) if user is not None else gettext("Unassigned")


def _no_store(response: HttpResponse) -> HttpResponse:
    """Providers' contact details and young people's details must not linger in a cache."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def overdue_text(request_obj: LocationRequest, today: datetime.date | None = None) -> str:
    """How late an open request is, in words (never colour alone): "Overdue by 3 days" or "Due
    today"; empty otherwise."""
    if not request_obj.is_open:
        return ""
    days = ((today or timezone.localdate()) - request_obj.due_date).days
    if days > 0:
        return ngettext("Overdue by %(days)s day", "Overdue by %(days)s days", days) % {"days": days}
    if days == 0:
        return gettext("Due today")
    return ""


# --- The queue -------------------------------------------------------------------------------------


def officer_filter_choices() -> list[tuple[str, Any]]:
    return [
        (UNASSIGNED, _("Nobody yet (unassigned)")),
        (ME, _("Me")),
        *((str(user.pk), display_name(user)) for user in officers()),
    ]


class LocationRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("Open (not completed or withdrawn)")), *choices.STATUSES],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_status",
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue (open and past the response date)"), widget=BooleanRadioSelect, method="filter_overdue"
    )
    officer = django_filters.ChoiceFilter(
        label=_("Officer"), choices=officer_filter_choices, empty_label=_("Anyone"), method="filter_officer"
    )
    due_date = django_filters.DateFromToRangeFilter(label=_("Response due"), widget=DateRangePickerWidget)

    class Meta:
        model = LocationRequest
        fields: list[str] = []

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == OPEN:
            return queryset.filter(status__in=choices.OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        overdue = Q(status__in=choices.OPEN_STATUSES, due_date__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_officer(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == UNASSIGNED:
            return queryset.filter(officer__isnull=True)
        if value == ME:
            return queryset.filter(officer=self.request.user) if self.request else queryset.none()
        return queryset.filter(officer_id=value)


class LocationRequestIndexView(BaseListingView):
    """Every request, soonest due first, with filters and a search by reference, organisation or
    postcode (typed with or without the space)."""

    template_name = "location_requests/admin/index.html"
    results_template_name = "location_requests/admin/index_results.html"
    page_title = _("Location requests")
    header_icon = "form"
    index_url_name = "location_requests_admin:index"
    index_results_url_name = "location_requests_admin:index_results"
    filterset_class = LocationRequestFilterSet
    is_searchable = True
    search_backend_name = None  # a database search, so a request is found as soon as it arrives
    search_fields = ["reference", "organisation_name", "postcode"]
    default_ordering = ("due_date", "id")
    paginate_by = 50
    verbose_name = _("location request")
    verbose_name_plural = _("location requests")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_view(request.user):
            raise PermissionDenied
        return _no_store(super().dispatch(request, *args, **kwargs))

    def get_base_queryset(self) -> QuerySet[LocationRequest]:
        return LocationRequest.objects.select_related("officer")

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        compact = re.sub(r"\s+", "", query).upper()
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": query})
        if compact:
            queryset = queryset.annotate(postcode_compact=Replace(Upper("postcode"), Value(" "), Value("")))
            condition |= Q(postcode_compact__contains=compact)
        return queryset.filter(condition)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["rows"] = [
            {"obj": obj, "officer": display_name(obj.officer), "overdue": overdue_text(obj, today)}
            for obj in context["object_list"]
        ]
        context["overdue_total"] = services.overdue_count(today)
        return context


# --- The forms on a request's page -----------------------------------------------------------------


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nobody (unassigned)"),
        error_messages={"invalid_choice": _("Choose an officer from the list.")},
    )

    def __init__(self, *args, request_obj: LocationRequest, user: Any, **kwargs) -> None:
        kwargs.setdefault("initial", {"officer": request_obj.officer_id})
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        field.queryset = officers(request_obj.officer, user if may_work(user) else None)
        field.label_from_instance = display_name


class StatusForm(forms.Form):
    """Offers the statuses the workflow allows next (completing is the outcome form's job). Any
    known status is accepted here, so that a change the workflow refuses reaches
    ``services.change_status`` and is refused there, in its words."""

    status = forms.ChoiceField(
        label=_("New status"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the new status."), "invalid_choice": _("Choose a status from the list.")},
    )
    message = forms.CharField(
        label=_("Information needed from the provider"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Needed when you ask for more information. The provider is emailed a link to their status page, "
            "where they read this and answer."
        ),
    )

    def __init__(self, *args, request_obj: LocationRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        field.choices = choices.STATUSES
        field.widget.choices = next_statuses(request_obj)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("status") == choices.MORE_INFORMATION and not (data.get("message") or "").strip():
            self.add_error("message", gettext("Say what information you need from the provider."))
        return data


def next_statuses(request_obj: LocationRequest) -> list[tuple[str, Any]]:
    allowed = choices.TRANSITIONS.get(request_obj.status, set()) - {choices.COMPLETED}
    return [(value, label) for value, label in choices.STATUSES if value in allowed]


class OutcomeForm(forms.Form):
    risk_rating = forms.ChoiceField(
        label=_("Risk rating"),
        choices=choices.RISK_RATINGS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a risk rating."), "invalid_choice": _("Choose low, medium or high.")},
    )
    outcome_reasons = forms.CharField(
        label=_("Reasons"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why you gave this rating. The provider reads this."),
        error_messages={"required": _("Give the reasons for the rating.")},
    )
    recommendations = forms.CharField(
        label=_("Recommendations (optional)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the provider should do to keep young people safe at this address."),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only officers can read notes. They are never shown to the provider."),
        error_messages={"required": _("Write the note before adding it.")},
    )


class RadiusForm(forms.Form):
    radius = forms.TypedChoiceField(
        label=_("Distance around the address"), choices=RADII, coerce=int, widget=forms.RadioSelect
    )

    def chosen_radius(self) -> int:
        return self.cleaned_data["radius"] if self.is_valid() else DEFAULT_RADIUS


@functools.cache
def location_panel() -> ObjectList:
    """The request's location field with the project's self-hosted map widget."""
    panel = SelfHostedLeafletPanel("location", heading=_("Pin on the map"), disable_comments=True)
    return ObjectList([panel]).bind_to_model(LocationRequest)


def location_form(request_obj: LocationRequest, user: Any, data: Any = None) -> forms.ModelForm:
    return location_panel().get_form_class()(data, instance=request_obj, for_user=user)


# --- What the provider sent, and what has happened since ------------------------------------------


def _yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


def provider_sections(obj: LocationRequest) -> list[dict[str, Any]]:
    """Everything the provider sent, in the order of the form, as labelled rows."""
    not_given = gettext("Not given")
    address = "\n".join(filter(None, [obj.address_line_1, obj.address_line_2, obj.town, obj.postcode]))
    person = gettext("No specific young person")
    if obj.young_person_initials:
        person = gettext("%(initials)s, aged %(age)s") % {
            "initials": obj.young_person_initials,
            "age": obj.young_person_age if obj.young_person_age is not None else not_given,
        }
    research = obj.research if isinstance(obj.research, dict) else {}
    sections = [
        (
            "organisation",
            gettext("Organisation"),
            [
                (gettext("Organisation"), obj.organisation_name),
                (gettext("Type"), obj.get_organisation_type_display()),
                (gettext("Ofsted URN"), obj.ofsted_urn),
                (gettext("Contact"), obj.contact_name),
                (gettext("Contact's role"), obj.contact_role),
                (gettext("Email"), obj.contact_email),
                (gettext("Phone"), obj.contact_phone),
            ],
        ),
        (
            "address",
            gettext("The address"),
            [
                (gettext("Address"), address),
                (
                    gettext("On the map"),
                    f"{obj.latitude:.5f}, {obj.longitude:.5f}"
                    if obj.latitude is not None
                    else gettext("Not on the map yet"),
                ),
            ],
        ),
        (
            "placement",
            gettext("The placement"),
            [
                (gettext("Accommodation"), obj.get_accommodation_type_display()),
                (gettext("Young people"), str(obj.number_of_young_people)),
                (gettext("Ages"), gettext("%(from)s to %(to)s") % {"from": obj.age_from, "to": obj.age_to}),
                (gettext("Planned start"), formats.date_format(obj.planned_start, "j F Y")),
                (gettext("Young person being placed"), person),
            ],
        ),
        (
            "concerns",
            gettext("Known concerns"),
            [
                (gettext("Concerns"), ", ".join(obj.concern_labels()) or gettext("None known")),
                (gettext("Notes"), obj.concern_notes),
            ],
        ),
        (
            "research",
            gettext("The provider's own research"),
            [(str(label), research.get(slug) or gettext("Nothing given")) for slug, label in choices.RESEARCH_TOPICS]
            + [(gettext("Anything else"), obj.research_notes)],
        ),
        (
            "declaration",
            gettext("Declaration"),
            [
                (gettext("The information is accurate"), _yes_no(obj.declared_accurate)),
                (gettext("Agreed to information sharing"), _yes_no(obj.agreed_to_sharing)),
            ],
        ),
    ]
    return [
        {"id": f"sent-{key}", "title": title, "rows": [(label, value or not_given) for label, value in rows]}
        for key, title, rows in sections
    ]


def history(obj: LocationRequest) -> list[dict[str, Any]]:
    """The request's audit log, newest first, in words."""
    users = {user.pk: user for user in officers()}
    rows = []
    for entry in ModelLogEntry.objects.for_instance(obj).select_related("user"):
        data = entry.data or {}
        detail = ""
        if entry.action == services.STATUS_ACTION:
            detail = gettext("%(from)s to %(to)s") % {
                "from": STATUS_LABELS.get(data.get("from"), data.get("from")),
                "to": STATUS_LABELS.get(data.get("to"), data.get("to")),
            }
        elif entry.action == services.ASSIGN_ACTION:
            officer_pk = data.get("officer")
            officer = users.get(officer_pk) or get_user_model().objects.filter(pk=officer_pk).first()
            detail = display_name(officer) if officer_pk else gettext("Nobody (unassigned)")
        elif entry.action == services.OUTCOME_ACTION:
            detail = str(dict(choices.RISK_RATINGS).get(data.get("risk_rating"), ""))
        # Only the provider acts without an account: sending the request and answering questions.
        who = gettext("The provider") if entry.user_id is None else entry.user_display_name
        rows.append(
            {
                "when": entry.timestamp,
                "who": who,
                "what": entry.message,
                "detail": detail,
            }
        )
    return rows


def area_context(request: HttpRequest, obj: LocationRequest, radius: int) -> dict[str, Any]:
    """The area profile panel: suppressed counts around the address, and the map's settings."""
    context: dict[str, Any] = {"radius": radius, "radius_label": dict(RADII)[radius]}
    if obj.latitude is None or obj.longitude is None:
        context["missing_location"] = True
        return context
    try:
        profile = area_profile(obj.latitude, obj.longitude, radius)
    except AreaProfileError as error:
        messages.error(request, gettext("The area profile could not be made: %(error)s") % {"error": error})
        context["failed"] = True
        return context
    hidden = gettext("fewer than %(threshold)s") % {"threshold": profile.threshold}

    def shown(count: int | None) -> str:
        return hidden if count is None else formats.number_format(count, force_grouping=True)

    # Hidden counts are not ranked: how small they are is what is kept back.
    order = {worry.slug: index for index, worry in enumerate(reporting_choices.WORRIES)}
    counted = sorted(
        ((slug, count) for slug, count in profile.by_category.items() if count),
        key=lambda item: (-item[1], order.get(item[0], len(order))),
    )
    withheld = [(slug, count) for slug, count in profile.by_category.items() if count is None]
    tile_url = getattr(settings, "MAP_TILE_URL", "") or ""
    overlay = None if tile_url else map_overlay()
    context.update(
        profile=profile,
        total=shown(profile.total),
        # Once any worry is held back, so are the zeros beside it, so the held-back worries say
        # nothing one by one: they are one row.
        categories=[{"label": reporting_choices.worry_label(slug), "count": shown(count)} for slug, count in counted]
        + (
            [
                {
                    "label": ngettext("%(count)s other worry", "%(count)s other worries", len(withheld))
                    % {"count": len(withheld)},
                    "count": gettext("%(hidden)s each, or none") % {"hidden": hidden},
                }
            ]
            if withheld
            else []
        ),
        contexts=[
            {"label": CONTEXT_LABELS.get(slug, slug), "count": shown(count)}
            for slug, count in profile.by_context.items()
        ],
        monthly=[{"month": month, "count": shown(count)} for month, count in profile.monthly],
        direction=profile.direction_label,
        hidden_label=hidden,
        has_hidden=any(
            count is None
            for count in [
                profile.total,
                *profile.by_category.values(),
                *profile.by_context.values(),
                *(count for _month, count in profile.monthly),
            ]
        ),
        map={
            "lat": f"{obj.latitude:.6f}",
            "lng": f"{obj.longitude:.6f}",
            "radius": str(radius),
            "tile_url": tile_url,
            "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", "") or "",
            "overlay": json.dumps(overlay) if overlay else "",
        },
    )
    return context


# --- A request's page --------------------------------------------------------------------------------


class LocationRequestEditView(WagtailAdminTemplateMixin, TemplateView):
    """One request: what the provider sent, the thread with them, internal notes, and the forms
    an officer works it with. Each form posts to its own address (``action``); a form with errors
    is shown again on this page with the errors, and nothing is changed."""

    template_name = "location_requests/admin/edit.html"
    header_icon = "form"
    action = ""
    actions = ("assign", "status", "outcome", "note", "location")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_view(request.user):
            raise PermissionDenied
        if request.method == "POST" and not may_work(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(LocationRequest.objects.select_related("officer"), pk=kwargs["pk"])
        return _no_store(super().dispatch(request, *args, **kwargs))

    @property
    def edit_url(self) -> str:
        return reverse("location_requests_admin:edit", args=[self.object.pk])

    def get_page_title(self) -> str:
        return gettext("Location request %(reference)s") % {"reference": self.object.reference}

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("location_requests_admin:index"), "label": gettext("Location requests")},
            {"url": "", "label": self.object.reference},
        ]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.action:  # the forms' own addresses are for posting to
            return redirect(self.edit_url)
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.action not in self.actions:
            return redirect(self.edit_url)
        return getattr(self, f"post_{self.action}")(request)

    # Each form's handler: redirect after success, or the page again with the form's errors.

    def post_assign(self, request: HttpRequest) -> HttpResponse:
        obj = self.object
        form = AssignForm(request.POST, request_obj=obj, user=request.user)
        if not form.is_valid():
            return self.invalid(assign_form=form)
        officer = request.user if "assign_to_me" in request.POST else form.cleaned_data["officer"]
        if officer == obj.officer:
            messages.info(request, gettext("%(reference)s is already assigned to %(officer)s.") % self._names(officer))
            return redirect(self.edit_url)
        with transaction.atomic():
            locked = LocationRequest.objects.select_for_update().get(pk=obj.pk)
            services.assign(locked, officer, user=request.user)
        if officer is None:
            messages.success(request, gettext("%(reference)s is now unassigned.") % self._names(None))
        else:
            messages.success(request, gettext("%(reference)s is assigned to %(officer)s.") % self._names(officer))
        return redirect(self.edit_url)

    def post_status(self, request: HttpRequest) -> HttpResponse:
        form = StatusForm(request.POST, request_obj=self.object)
        if not form.is_valid():
            return self.invalid(status_form=form)
        new_status = form.cleaned_data["status"]
        if new_status == self.object.status:
            form.add_error(
                "status",
                gettext("The request is already %(status)s.") % {"status": str(STATUS_LABELS[new_status]).lower()},
            )
            return self.invalid(status_form=form)
        try:
            with transaction.atomic():
                locked = LocationRequest.objects.select_for_update().get(pk=self.object.pk)
                services.change_status(locked, new_status, user=request.user, message=form.cleaned_data["message"])
        except services.TransitionError as error:
            form.add_error("status", str(error))
            return self.invalid(status_form=form)
        messages.success(
            request,
            gettext("%(reference)s is now %(status)s.")
            % {"reference": self.object.reference, "status": str(STATUS_LABELS[new_status]).lower()},
        )
        return redirect(self.edit_url)

    def post_outcome(self, request: HttpRequest) -> HttpResponse:
        form = OutcomeForm(request.POST)
        if not form.is_valid():
            return self.invalid(outcome_form=form)
        data = form.cleaned_data
        try:
            services.record_outcome(
                self.object,
                risk_rating=data["risk_rating"],
                reasons=data["outcome_reasons"],
                recommendations=data["recommendations"],
                user=request.user,
            )
        except services.TransitionError as error:
            form.add_error(None, str(error))
            return self.invalid(outcome_form=form)
        messages.success(
            request,
            gettext("%(reference)s is complete. The provider has been sent the outcome.")
            % {"reference": self.object.reference},
        )
        return redirect(self.edit_url)

    def post_note(self, request: HttpRequest) -> HttpResponse:
        form = NoteForm(request.POST)
        if not form.is_valid():
            return self.invalid(note_form=form)
        with transaction.atomic():
            note = LocationRequestNote.objects.create(
                request=self.object, author=request.user, text=form.cleaned_data["text"].strip()
            )
            log(self.object, NOTE_ACTION, user=request.user, data={"note": note.pk})
        messages.success(request, gettext("Note added. Only officers can read it."))
        return redirect(f"{self.edit_url}#notes")

    def post_location(self, request: HttpRequest) -> HttpResponse:
        obj = self.object
        old = obj.location
        form = location_form(obj, request.user, request.POST)
        valid = form.is_valid()
        value = (form.cleaned_data.get("location") or "").strip() if valid else ""
        if valid and parse_point(value) is None:
            form.add_error(
                "location",
                gettext("Put the pin on the map, or type a latitude and longitude such as 51.5774, 0.1837."),
            )
            valid = False
        if not valid:
            obj.location = old  # the form wrote its value onto the instance while checking it
            return self.invalid(location_form=form)
        if value != old:
            with transaction.atomic():
                obj.location = value
                obj.save(update_fields=["location", "latitude", "longitude"])
                log(obj, LOCATION_ACTION, user=request.user, data={"from": old, "to": value})
        messages.success(request, gettext("The location of %(reference)s is saved.") % {"reference": obj.reference})
        return redirect(f"{self.edit_url}#location")

    def _names(self, officer: Any) -> dict[str, str]:
        return {"reference": self.object.reference, "officer": display_name(officer)}

    def invalid(self, **forms_with_errors: Any) -> HttpResponse:
        messages.error(self.request, gettext("Nothing was changed. Correct the error on the form below."))
        self.object.refresh_from_db()
        return self.render_to_response(self.get_context_data(**forms_with_errors))

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = self.object
        user = self.request.user
        radius_form = RadiusForm(self.request.GET)
        if not radius_form.is_valid():  # none chosen, or not one of the choices: the default
            radius_form = RadiusForm({"radius": DEFAULT_RADIUS})
        outcome_allowed = choices.COMPLETED in choices.TRANSITIONS.get(obj.status, set())
        loc_form = kwargs.get("location_form") or location_form(obj, user)
        bound_panel = location_panel().get_bound_panel(instance=obj, request=self.request, form=loc_form)
        media = forms.Media(js=[LEAFLET_JS], css={"all": [LEAFLET_CSS]}) + loc_form.media + bound_panel.media
        context.update(
            obj=obj,
            edit_url=self.edit_url,
            index_url=reverse("location_requests_admin:index"),
            may_work=may_work(user),
            overdue=overdue_text(obj),
            officer_name=display_name(obj.officer),
            sections=provider_sections(obj),
            thread=obj.messages.all(),
            notes=obj.notes.select_related("author"),
            assign_form=kwargs.get("assign_form") or AssignForm(request_obj=obj, user=user),
            user_is_officer=obj.officer_id == user.pk,
            status_form=kwargs.get("status_form") or StatusForm(request_obj=obj),
            next_statuses=next_statuses(obj),
            outcome_allowed=outcome_allowed,
            outcome_form=kwargs.get("outcome_form") or OutcomeForm(),
            note_form=kwargs.get("note_form") or NoteForm(),
            location_form=loc_form,
            location_field_panel=bound_panel.children[0],
            radius_form=radius_form,
            area=area_context(self.request, obj, radius_form.chosen_radius()),
            history=history(obj),
            media=media,
        )
        return context
