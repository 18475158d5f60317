"""The providers' request form (a formtools wizard embedded in the LocationRequestPage) and the
private status page. Each step has its own address and its answers stay in the session until the
request is sent, so refresh, Back and a failed check lose nothing; a double submit stores one
request."""

from __future__ import annotations

import secrets
from collections import OrderedDict

from formtools.wizard.views import NamedUrlSessionWizardView

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.home.wizards import GuardedStepsMixin
from portal.reporting.geocoding import lookup_postcode

from . import choices, services
from .forms import (
    AddressForm,
    CheckForm,
    ConcernsForm,
    DeclarationForm,
    OrganisationForm,
    PlacementForm,
    ProviderUpdateForm,
    ResearchForm,
)
from .models import LocationRequest

SENT_SESSION_KEY = "location_request_sent"

STEPS = OrderedDict(
    [
        ("organisation", OrganisationForm),
        ("address", AddressForm),
        ("placement", PlacementForm),
        ("concerns", ConcernsForm),
        ("research", ResearchForm),
        ("declaration", DeclarationForm),
        ("check", CheckForm),
    ]
)
STEP_TITLES = {
    "organisation": gettext_lazy("Your organisation"),
    "address": gettext_lazy("The address"),
    "placement": gettext_lazy("The placement"),
    "concerns": gettext_lazy("Known concerns"),
    "research": gettext_lazy("Your own research"),
    "declaration": gettext_lazy("Declaration"),
    "check": gettext_lazy("Check your answers"),
}


class LocationRequestWizard(GuardedStepsMixin, NamedUrlSessionWizardView):
    form_list = list(STEPS.items())
    template_name = "location_requests/request_step.html"
    page = None

    def get_prefix(self, request, *args, **kwargs) -> str:
        return f"location_request_{self.page.pk}"

    def page_url(self) -> str:
        return self.page.get_url(self.request)

    def get_step_url(self, step: str) -> str:
        return self.page_url() + self.page.reverse_subpage("request_step", kwargs={"step": step})

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    def _ensure_key(self) -> None:
        if "submission_key" not in self.storage.extra_data:
            self.storage.extra_data = {**self.storage.extra_data, "submission_key": secrets.token_hex(16)}

    def get(self, request, *args, **kwargs):
        already_sent = (
            kwargs.get("step") == self.done_step_name and self.storage.get_step_data(self.steps.first) is None
        )
        if already_sent and request.session.get(SENT_SESSION_KEY):
            return HttpResponseRedirect(self.page_url() + self.page.reverse_subpage("request_sent"))
        self._ensure_key()
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs):
        self._ensure_key()
        return super().post(*args, **kwargs)

    def render_next_step(self, form, **kwargs):
        """After a change made from the check page, go straight back to it."""
        if self.storage.extra_data.get("reached_check"):
            self.storage.current_step = "check"
            return HttpResponseRedirect(self.get_step_url("check"))
        return super().render_next_step(form, **kwargs)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        steps = list(self.get_form_list())
        if step == "check":
            self.storage.extra_data = {**self.storage.extra_data, "reached_check": True}
            context["sections"] = self.answers()
        index = steps.index(step)
        context.update(
            {
                "page": self.page,
                "self": self.page,
                "step_name": step,
                "step_title": STEP_TITLES.get(step, ""),
                "step_number": index + 1,
                "step_count": len(steps),
                "back_url": self.get_step_url(steps[index - 1]) if index else self.page_url(),
                "working_days": settings.LOCATION_REQUEST_RESPONSE_WORKING_DAYS,
                "map_settings": _map_settings(),
            }
        )
        return context

    def answers(self) -> list[dict]:
        """Sections for the check-your-answers page, each with a link to change it."""
        sections = []

        def section(step: str, rows: list[tuple[str, object]]) -> None:
            sections.append(
                {
                    "title": STEP_TITLES[step],
                    "url": self.get_step_url(step),
                    "rows": [
                        (label, value if value not in (None, "", []) else _("Not given")) for label, value in rows
                    ],
                }
            )

        data = self.get_cleaned_data_for_step("organisation") or {}
        section(
            "organisation",
            [
                (_("Organisation"), data.get("organisation_name")),
                (_("Type"), dict(choices.ORGANISATION_TYPES).get(data.get("organisation_type"))),
                (_("Ofsted URN"), data.get("ofsted_urn")),
                (_("Contact"), ", ".join(filter(None, [data.get("contact_name"), data.get("contact_role")]))),
                (_("Email"), data.get("contact_email")),
                (_("Phone"), data.get("contact_phone")),
            ],
        )
        data = self.get_cleaned_data_for_step("address") or {}
        address = "\n".join(
            filter(None, [data.get(k) for k in ("address_line_1", "address_line_2", "town", "postcode")])
        )
        section(
            "address",
            [
                (_("Address"), address),
                (_("On the map"), _("Pin placed") if data.get("latitude") is not None else _("From the postcode")),
            ],
        )
        data = self.get_cleaned_data_for_step("placement") or {}
        person = ""
        if data.get("specific_young_person") == "yes":
            person = _("%(initials)s, aged %(age)s") % {
                "initials": data.get("young_person_initials"),
                "age": data.get("young_person_age"),
            }
        section(
            "placement",
            [
                (_("Accommodation"), dict(choices.ACCOMMODATION_TYPES).get(data.get("accommodation_type"))),
                (_("Young people"), data.get("number_of_young_people")),
                (_("Ages"), f"{data.get('age_from')} to {data.get('age_to')}" if data else ""),
                (
                    _("Planned start"),
                    data.get("planned_start").strftime("%d %B %Y") if data.get("planned_start") else "",
                ),
                (_("Young person being placed"), person or _("No specific young person")),
            ],
        )
        data = self.get_cleaned_data_for_step("concerns") or {}
        labels = dict(choices.CONCERNS)
        section(
            "concerns",
            [
                (_("Concerns"), ", ".join(str(labels[c]) for c in data.get("concerns", [])) or _("None known")),
                (_("Notes"), data.get("concern_notes")),
            ],
        )
        data = self.get_cleaned_data_for_step("research") or {}
        section(
            "research",
            [(label, data.get(name)) for name, label in choices.RESEARCH_TOPICS]
            + [(_("Anything else"), data.get("research_notes"))],
        )
        return sections

    def done(self, form_list, form_dict, **kwargs):
        data = {step: form.cleaned_data for step, form in form_dict.items()}
        address = data["address"]
        lat, lng = address.get("latitude"), address.get("longitude")
        if lat is None:
            point = lookup_postcode(address["postcode"])
            lat, lng = (point.lat, point.lng) if point else (None, None)
        placement = data["placement"]
        research = data["research"]
        fields = {
            **{k: data["organisation"][k] for k in OrganisationForm.base_fields},
            "address_line_1": address["address_line_1"],
            "address_line_2": address["address_line_2"],
            "town": address["town"],
            "postcode": address["postcode"],
            "location": f"SRID=4326;POINT({lng:.6f} {lat:.6f})" if lat is not None else "",
            "accommodation_type": placement["accommodation_type"],
            "number_of_young_people": placement["number_of_young_people"],
            "age_from": placement["age_from"],
            "age_to": placement["age_to"],
            "planned_start": placement["planned_start"],
            "young_person_initials": placement["young_person_initials"],
            "young_person_age": placement["young_person_age"],
            "concerns": list(data["concerns"]["concerns"]),
            "concern_notes": data["concerns"]["concern_notes"],
            "research": {name: research[name] for name, _label in choices.RESEARCH_TOPICS if research.get(name)},
            "research_notes": research["research_notes"],
            "declared_accurate": True,
            "agreed_to_sharing": True,
        }
        request, _created = services.submit_request(fields, self.storage.extra_data["submission_key"])
        self.request.session[SENT_SESSION_KEY] = request.reference
        return HttpResponseRedirect(self.page_url() + self.page.reverse_subpage("request_sent"))


def _map_settings() -> dict:
    from portal.reporting.views import map_settings

    return map_settings()


def render_start(request, page) -> TemplateResponse:
    first = page.get_url(request) + page.reverse_subpage("request_step", kwargs={"step": "organisation"})
    return TemplateResponse(
        request,
        "location_requests/request_start.html",
        {
            "page": page,
            "self": page,
            "start_url": first,
            "working_days": settings.LOCATION_REQUEST_RESPONSE_WORKING_DAYS,
        },
    )


def render_sent(request, page) -> TemplateResponse:
    reference = request.session.get(SENT_SESSION_KEY, "")
    location_request = LocationRequest.objects.filter(reference=reference).first() if reference else None
    response = TemplateResponse(
        request,
        "location_requests/request_sent.html",
        {"page": page, "self": page, "request_obj": location_request, "start_url": page.get_url(request)},
    )
    add_never_cache_headers(response)
    return response


def status_view(request, token: str):
    """The provider's private status page. Any token the site did not make is a plain 404 that
    says nothing about whether a request exists."""
    location_request = LocationRequest.for_token(token)
    if location_request is None:
        raise Http404
    form = None
    if location_request.status == choices.MORE_INFORMATION:
        form = ProviderUpdateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.provider_update(location_request, form.cleaned_data["text"])
            return redirect(request.path + "?sent=1")
    elif request.method == "POST":
        return redirect(request.path)
    response = TemplateResponse(
        request,
        "location_requests/status.html",
        {
            "request_obj": location_request,
            "messages_thread": location_request.messages.all(),
            "form": form,
            "just_sent": request.GET.get("sent") == "1",
            "show_quick_exit": False,
            # The address is the provider's private link: the contrast toggle must not copy it
            # into a query string (it comes back through the same-origin Referer instead).
            "private_address": True,
        },
    )
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    # "same-origin" (the site's policy) keeps the private link from other sites; "no-referrer"
    # would make browsers send the answer form with "Origin: null", which CSRF checks refuse.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
