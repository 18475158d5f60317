"""The pupils' report form: a django-formtools wizard embedded in the PupilReportPage.

Each step has its own address (``<page>/step/<name>/``) and every answer is kept in the session
until the report is sent, so a refresh, the back button or a failed check loses nothing. Steps
that do not apply are skipped (no age question at a primary school, one place question per kind of
place). Before anything is kept, even in the session, a pin or a drawn route is replaced by the
map cells it falls in, and a name typed without asking for a trusted adult is dropped.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import OrderedDict

from formtools.wizard.views import NamedUrlSessionWizardView

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.home.wizards import GuardedStepsMixin

from . import cells, choices, submission
from .forms import (
    AgeStepForm,
    CheckStepForm,
    DetailsStepForm,
    FeelingStepForm,
    HomePlaceStepForm,
    MapPlaceStepForm,
    OnlinePlaceStepForm,
    SchoolPlaceStepForm,
    SchoolStepForm,
    TrustedAdultStepForm,
    WhereStepForm,
    WorriesStepForm,
)
from .models import School, new_reference

SENT_SESSION_KEY = "pupil_report_sent"
REFERENCE_SESSION_KEY = "pupil_report_reference"

STEPS = OrderedDict(
    [
        ("school", SchoolStepForm),
        ("age", AgeStepForm),
        ("where", WhereStepForm),
        ("school-place", SchoolPlaceStepForm),
        ("map-place", MapPlaceStepForm),
        ("home-place", HomePlaceStepForm),
        ("online-place", OnlinePlaceStepForm),
        ("worries", WorriesStepForm),
        ("feeling", FeelingStepForm),
        ("details", DetailsStepForm),
        ("trusted-adult", TrustedAdultStepForm),
        ("check", CheckStepForm),
    ]
)
STEP_TITLES = {
    "school": gettext_lazy("Your school"),
    "age": gettext_lazy("Your age group"),
    "where": gettext_lazy("Where"),
    "school-place": gettext_lazy("Where at school"),
    "map-place": gettext_lazy("The place"),
    "home-place": gettext_lazy("Where at home"),
    "online-place": gettext_lazy("Where online"),
    "worries": gettext_lazy("What worries you"),
    "feeling": gettext_lazy("How unsafe, and when"),
    "details": gettext_lazy("Anything else"),
    "trusted-adult": gettext_lazy("Talking to an adult"),
    "check": gettext_lazy("Check your answers"),
}


# --- Which steps apply ------------------------------------------------------------------------------


def _school(wizard) -> School | None:
    data = wizard.get_cleaned_data_for_step("school") or {}
    return data.get("school")


def _context(wizard) -> str | None:
    data = wizard.get_cleaned_data_for_step("where") or {}
    return data.get("context")


def _age_group(wizard) -> str:
    school = _school(wizard)
    if school is not None and school.phase != choices.ALL_THROUGH:
        return school.phase
    data = wizard.get_cleaned_data_for_step("age") or {}
    return data.get("age_group") or choices.SECONDARY


def _needs_age(wizard) -> bool:
    school = _school(wizard)
    return school is None or school.phase == choices.ALL_THROUGH


CONDITIONS = {
    "age": _needs_age,
    "school-place": lambda wizard: _context(wizard) == choices.SCHOOL_GROUNDS,
    "map-place": lambda wizard: _context(wizard) in (choices.NEIGHBOURHOOD, choices.ROUTE),
    "home-place": lambda wizard: _context(wizard) == choices.HOME,
    "online-place": lambda wizard: _context(wizard) == choices.ONLINE,
}


# --- Abuse resistance without tracking ----------------------------------------------------------------


def client_ip(request) -> str:
    """The client's address, taking the configured number of trusted proxies into account. It is
    only ever hashed into a cache key, never stored."""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(kind: str, value: str) -> str:
    """A salted hash that changes every day, so even the cache cannot link today's key to a client
    seen yesterday."""
    salt = f"{settings.SECRET_KEY}:pupil-report-rate:{timezone.localdate().isoformat()}".encode()
    digest = hmac.new(salt, value.encode(), hashlib.sha256).hexdigest()[:32]
    return f"report-rate:{kind}:{digest}"


def _limits(request) -> list[tuple[str, int]]:
    keys = [(_rate_key("client", client_ip(request)), settings.REPORTING_RATE_LIMIT_PER_CLIENT_HOUR)]
    if request.session.session_key:
        keys.append((_rate_key("session", request.session.session_key), settings.REPORTING_RATE_LIMIT_PER_SESSION_HOUR))
    return keys


def is_rate_limited(request) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _limits(request))


def count_submission(request) -> None:
    for key, _limit in _limits(request):
        if cache.add(key, 1, timeout=60 * 60) is False:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=60 * 60)


# --- The wizard ------------------------------------------------------------------------------------------


class PupilReportWizard(GuardedStepsMixin, NamedUrlSessionWizardView):
    form_list = list(STEPS.items())
    condition_dict = CONDITIONS
    template_name = "reporting/report_step.html"
    page = None  # the PupilReportPage, given by the page's route

    # Addresses -------------------------------------------------------------------------------------

    def get_prefix(self, request, *args, **kwargs) -> str:
        return f"pupil_report_{self.page.pk}"

    def page_url(self) -> str:
        return self.page.get_url(self.request)

    def get_step_url(self, step: str) -> str:
        return self.page_url() + self.page.reverse_subpage("report_step", kwargs={"step": step})

    # Forms ---------------------------------------------------------------------------------------------

    def get_form_kwargs(self, step: str | None = None) -> dict:
        if step == "worries":
            return {"age_group": _age_group(self)}
        if step == "school-place":
            return {"school": _school(self)}
        if step == "map-place":
            return {"context": _context(self) or choices.NEIGHBOURHOOD}
        return {}

    def process_step(self, form):
        """What is kept in the session for this step: the answers, with a pin or route replaced by
        the centres of its cells and no name unless a trusted adult was asked for."""
        data = form.data.copy()
        prefix = self.get_form_prefix(self.steps.current, form)
        if isinstance(form, MapPlaceStepForm):
            cell, route = form.snapped_cells()
            for name in ("latitude", "longitude", "route"):
                data[f"{prefix}-{name}"] = ""
            if route:
                data[f"{prefix}-route"] = _json_points([cells.centre(c) for c in route])
            elif form.cleaned_data.get("latitude") is not None:
                point = cells.centre(cell)
                data[f"{prefix}-latitude"], data[f"{prefix}-longitude"] = str(point.lat), str(point.lng)
        if isinstance(form, SchoolPlaceStepForm):
            for name in ("plan_x", "plan_y"):
                value = form.cleaned_data.get(name)
                data[f"{prefix}-{name}"] = "" if value is None else str(cells.snap_plan_point(value))
        if isinstance(form, TrustedAdultStepForm) and form.cleaned_data.get("wants_trusted_adult") != form.YES:
            data[f"{prefix}-contact_name"] = data[f"{prefix}-contact_class"] = ""
        if getattr(form, "looks_automated", False):
            self.storage.extra_data = {**self.storage.extra_data, "automated": True}
        return data

    # Flow -------------------------------------------------------------------------------------------------

    def dispatch(self, request, *args, **kwargs):
        # An unsent report (with what the pupil wrote) must not wait for the next person on a
        # shared computer: the session ends after a short idle time, whatever the site's default.
        request.session.set_expiry(settings.REPORTING_DRAFT_IDLE_SECONDS)
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
        already_sent = step == self.done_step_name and self.storage.get_step_data(self.steps.first) is None
        if already_sent and request.session.get(SENT_SESSION_KEY):
            # A double click, or a refresh after sending: show the confirmation again.
            return HttpResponseRedirect(self.page_url() + self.page.reverse_subpage("report_sent"))
        if "reference" not in self.storage.extra_data:
            self.storage.extra_data = {**self.storage.extra_data, "reference": new_reference()}
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs):
        if "reference" not in self.storage.extra_data:
            self.storage.extra_data = {**self.storage.extra_data, "reference": new_reference()}
        if self.request.POST.get(f"{self.get_prefix(self.request)}-current_step") == "check":
            form = self.get_form(data=self.request.POST)
            if self.steps.current == "check" and form.is_valid() and is_rate_limited(self.request):
                form.add_error(
                    None,
                    _(
                        "You have sent a lot of reports in a short time, so we cannot take another one just now. "
                        "Please try again in an hour. If you are in danger now, call 999."
                    ),
                )
                response = self.render(form)
                response.status_code = 429
                return response
        return super().post(*args, **kwargs)

    def render_next_step(self, form, **kwargs):
        """After a change made from the check page, go back to it, stopping on the way at any step
        the change has made necessary."""
        if self.storage.extra_data.get("reached_check"):
            steps = list(self.get_form_list())
            for step in steps[steps.index(self.steps.current) + 1 :]:
                if step == "check" or not self._step_is_complete(step):
                    self.storage.current_step = step
                    return HttpResponseRedirect(self.get_step_url(step))
        return super().render_next_step(form, **kwargs)

    def _step_is_complete(self, step: str) -> bool:
        data = self.storage.get_step_data(step)
        if data is None:
            return False
        return self.get_form(step=step, data=data, files=self.storage.get_step_files(step)).is_valid()

    # Rendering -------------------------------------------------------------------------------------------

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        steps = list(self.get_form_list())
        if step == "check":
            self.storage.extra_data = {**self.storage.extra_data, "reached_check": True}
            context["answers"] = self.answers()
        previous = steps[steps.index(step) - 1] if steps.index(step) > 0 else None
        age_group = _age_group(self)
        school = _school(self)
        context.update(
            {
                "page": self.page,
                "self": self.page,
                "step_name": step,
                "step_title": STEP_TITLES.get(step, ""),
                "step_number": steps.index(step) + 1,
                "step_count": len(steps),
                "back_url": self.get_step_url(previous) if previous else self.page_url(),
                "age_group": age_group,
                "is_primary": age_group == choices.PRIMARY,
                "school": school,
                "report_context": _context(self),
                "map_settings": map_settings(school),
            }
        )
        if step == "worries":
            icons = {worry.slug: worry.icon for worry in choices.WORRIES}
            context["worry_icons"] = icons if age_group == choices.PRIMARY else {}
        return context

    def answers(self) -> list[dict]:
        """Rows for the check-your-answers page, each with a link to change it."""
        rows = []

        def add(step: str, label: str, value) -> None:
            rows.append({"label": label, "value": value or _("Not given"), "url": self.get_step_url(step)})

        steps = self.get_form_list()
        school = _school(self)
        add("school", _("School"), school.name if school else "")
        if "age" in steps:
            add("age", _("Age group"), dict(choices.AGE_GROUPS).get(_age_group(self)))
        context = _context(self)
        add("where", _("Where"), dict(choices.CONTEXTS).get(context))
        if "school-place" in steps:
            data = self.get_cleaned_data_for_step("school-place") or {}
            value = str(dict(choices.SCHOOL_AREAS).get(data.get("school_area"), ""))
            if data.get("plan_x") is not None:
                value = _("%(area)s (and a spot on the school plan)") % {"area": value}
            add("school-place", _("Where at school"), value)
        if "map-place" in steps:
            data = self.get_cleaned_data_for_step("map-place") or {}
            parts = []
            if data.get("route"):
                parts.append(_("A stretch of my route, drawn on the map"))
            elif data.get("latitude") is not None:
                parts.append(_("A pin on the map"))
            if data.get("postcode"):
                parts.append(_("Postcode %(postcode)s") % {"postcode": data["postcode"].upper()})
            if data.get("description"):
                parts.append(data["description"])
            add("map-place", _("The place"), "; ".join(str(p) for p in parts))
        if "home-place" in steps:
            data = self.get_cleaned_data_for_step("home-place") or {}
            add("home-place", _("Where at home"), dict(choices.HOME_ROOMS).get(data.get("home_room")))
        if "online-place" in steps:
            data = self.get_cleaned_data_for_step("online-place") or {}
            add("online-place", _("Where online"), dict(choices.ONLINE_PLACES).get(data.get("online_place")))
        data = self.get_cleaned_data_for_step("worries") or {}
        labels = dict(choices.worry_choices(_age_group(self)))
        add(
            "worries",
            _("What worries you"),
            ", ".join(str(labels.get(slug, slug)) for slug in data.get("categories", [])),
        )
        data = self.get_cleaned_data_for_step("feeling") or {}
        add("feeling", _("How unsafe"), dict(choices.FEELINGS).get(data.get("feeling")))
        when = [str(dict(choices.TIMES_OF_DAY)[t]) for t in data.get("times_of_day", [])]
        if data.get("days"):
            when.append(str(dict(choices.DAYS)[data["days"]]))
        add("feeling", _("When"), ", ".join(when))
        data = self.get_cleaned_data_for_step("details") or {}
        add("details", _("Anything else"), data.get("details"))
        data = self.get_cleaned_data_for_step("trusted-adult") or {}
        if data.get("wants_trusted_adult") == TrustedAdultStepForm.YES:
            value = _("Yes: %(name)s, %(class)s") % {"name": data["contact_name"], "class": data["contact_class"]}
        else:
            value = _("No")
        add("trusted-adult", _("Talk to a trusted adult"), value)
        return rows

    # Sending ------------------------------------------------------------------------------------------------

    def done(self, form_list, form_dict, **kwargs):
        sent_url = self.page_url() + self.page.reverse_subpage("report_sent")
        extra = self.storage.extra_data
        if extra.get("automated"):
            self.request.session[SENT_SESSION_KEY] = True
            return HttpResponseRedirect(sent_url)
        data = {step: form.cleaned_data for step, form in form_dict.items()}
        cell, route = ("", [])
        if "map-place" in form_dict:
            cell, route = form_dict["map-place"].snapped_cells()
        school = data["school"]["school"]
        place = data.get("map-place", {})
        draft = submission.ReportDraft(
            reference=extra["reference"],
            school=school,
            age_group=_age_group(self),
            context=data["where"]["context"],
            categories=list(data["worries"]["categories"]),
            feeling=data["feeling"]["feeling"],
            cell=cell,
            route_cells=route,
            place_description=place.get("description", ""),
            school_area=data.get("school-place", {}).get("school_area", ""),
            plan_x=data.get("school-place", {}).get("plan_x"),
            plan_y=data.get("school-place", {}).get("plan_y"),
            home_room=data.get("home-place", {}).get("home_room", ""),
            online_place=data.get("online-place", {}).get("online_place", ""),
            times_of_day=list(data["feeling"].get("times_of_day") or []),
            days=data["feeling"].get("days") or "",
            details=data["details"].get("details", ""),
            wants_trusted_adult=data["trusted-adult"]["wants_trusted_adult"] == TrustedAdultStepForm.YES,
            contact_name=data["trusted-adult"].get("contact_name", ""),
            contact_class=data["trusted-adult"].get("contact_class", ""),
            language=translation.get_language() or "",
        )
        report, created = submission.submit(draft)
        if created:
            count_submission(self.request)
        self.request.session[SENT_SESSION_KEY] = True
        # Kept only until the confirmation has shown it once.
        self.request.session[REFERENCE_SESSION_KEY] = report.reference
        return HttpResponseRedirect(sent_url)


def _json_points(points) -> str:
    return "[" + ",".join(f"[{p.lat},{p.lng}]" for p in points) + "]"


def map_settings(school: School | None = None) -> dict:
    """What the map script needs, handed over in data attributes (no inline script, for the CSP)."""
    from django.templatetags.static import static

    centre = settings.REPORTING_MAP_CENTRE
    if school is not None and school.latitude is not None:
        centre = [school.latitude, school.longitude]
    return {
        "centre": f"{centre[0]},{centre[1]}",
        "bounds": ",".join(str(v) for v in settings.REPORTING_MAP_BOUNDS),
        "tile_url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "overlay_url": static(settings.MAP_OVERLAY_IMAGE)
        if settings.MAP_OVERLAY_IMAGE and not settings.MAP_TILE_URL
        else "",
        "overlay_bounds": ",".join(str(v) for v in settings.MAP_OVERLAY_BOUNDS),
    }


def render_start(request, page) -> TemplateResponse:
    first = page.get_url(request) + page.reverse_subpage("report_step", kwargs={"step": "school"})
    response = TemplateResponse(
        request, "reporting/report_start.html", {"page": page, "self": page, "start_url": first}
    )
    patch_cache_control(response, private=True)
    return response


def render_sent(request, page) -> TemplateResponse:
    """The confirmation. The reference is shown once and then dropped from the session, which
    keeps only that a report was sent, so a refresh or a double click still lands here."""
    sent = bool(request.session.get(SENT_SESSION_KEY))
    reference = request.session.pop(REFERENCE_SESSION_KEY, "")
    response = TemplateResponse(
        request,
        "reporting/report_sent.html",
        {"page": page, "self": page, "sent": sent, "reference": reference, "start_url": page.get_url(request)},
    )
    add_never_cache_headers(response)
    return response
