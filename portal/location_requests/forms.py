"""The steps of the Location Risk Assessment request, one topic per step, with errors that say what
to do next."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.home.wizards import NoSilentTruncationMixin
from portal.reporting.cells import is_valid_point
from portal.reporting.geocoding import normalise_postcode

from . import choices

PHONE_RE = re.compile(r"^\+?[\d\s()-]{10,20}$")
INITIALS_RE = re.compile(r"^[A-Za-z]{1,3}$")


class OrganisationForm(forms.Form):
    organisation_name = forms.CharField(
        label=_("Name of your organisation"),
        max_length=200,
        error_messages={"required": _("Enter the name of your organisation.")},
    )
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=choices.ORGANISATION_TYPES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of organisation.")},
    )
    ofsted_urn = forms.CharField(
        label=_("Ofsted URN (if you have one)"),
        help_text=_("For example SC123456 or 2654321."),
        max_length=10,
        required=False,
    )
    contact_name = forms.CharField(
        label=_("Your full name"), max_length=150, error_messages={"required": _("Enter your full name.")}
    )
    contact_role = forms.CharField(
        label=_("Your role"),
        help_text=_("For example registered manager."),
        max_length=150,
        error_messages={"required": _("Enter your role.")},
    )
    contact_email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We will send the confirmation and the outcome here."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address in the correct format, like name@example.org."),
        },
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("For example 01632 960 123 or +44 1632 960 123."),
        max_length=40,
        error_messages={"required": _("Enter a phone number.")},
    )

    def clean_ofsted_urn(self) -> str:
        value = re.sub(r"\s+", "", self.cleaned_data.get("ofsted_urn") or "").upper()
        if value and not re.fullmatch(r"(SC)?\d{6,8}", value):
            raise forms.ValidationError(
                _("Enter the Ofsted URN as 6 to 8 digits, sometimes starting SC, like SC123456.")
            )
        return value

    def clean_contact_phone(self) -> str:
        value = (self.cleaned_data.get("contact_phone") or "").strip()
        digits = re.sub(r"\D", "", value)
        if not PHONE_RE.match(value) or not 10 <= len(digits) <= 13:
            raise forms.ValidationError(_("Enter a UK phone number, like 01632 960 123."))
        return value


class AddressForm(forms.Form):
    address_line_1 = forms.CharField(
        label=_("Address line 1"),
        max_length=200,
        error_messages={"required": _("Enter the first line of the address.")},
    )
    address_line_2 = forms.CharField(label=_("Address line 2 (optional)"), max_length=200, required=False)
    town = forms.CharField(
        label=_("Town or city"), max_length=100, error_messages={"required": _("Enter the town or city.")}
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("For example EB1 2AB."),
        max_length=10,
        error_messages={"required": _("Enter the postcode.")},
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)

    def clean_postcode(self) -> str:
        postcode = normalise_postcode(self.cleaned_data.get("postcode") or "")
        if postcode is None:
            raise forms.ValidationError(_("Enter a full UK postcode, like EB1 2AB."))
        return postcode

    def clean(self):
        data = super().clean()
        lat, lng = data.get("latitude"), data.get("longitude")
        if lat is None or lng is None or not is_valid_point(lat, lng):
            data["latitude"] = data["longitude"] = None
        return data


class PlacementForm(forms.Form):
    accommodation_type = forms.ChoiceField(
        label=_("Type of accommodation"),
        choices=choices.ACCOMMODATION_TYPES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of accommodation.")},
    )
    number_of_young_people = forms.IntegerField(
        label=_("How many young people will live there?"),
        min_value=1,
        max_value=50,
        error_messages={
            "required": _("Enter how many young people will live there."),
            "invalid": _("Enter the number of young people as a number, like 3."),
            "min_value": _("Enter at least 1."),
            "max_value": _("Enter 50 or fewer."),
        },
    )
    age_from = forms.IntegerField(
        label=_("Youngest age"),
        min_value=0,
        max_value=25,
        error_messages={
            "required": _("Enter the youngest age."),
            "invalid": _("Enter the youngest age as a number, like 16."),
            "min_value": _("Ages start at 0."),
            "max_value": _("Enter an age of 25 or under."),
        },
    )
    age_to = forms.IntegerField(
        label=_("Oldest age"),
        min_value=0,
        max_value=25,
        error_messages={
            "required": _("Enter the oldest age."),
            "invalid": _("Enter the oldest age as a number, like 17."),
            "min_value": _("Ages start at 0."),
            "max_value": _("Enter an age of 25 or under."),
        },
    )
    planned_start = forms.DateField(
        label=_("Planned start date"),
        help_text=_("For example 27/03/2027."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the planned start date."),
            "invalid": _("Enter the planned start date as a real date, like 27/03/2027."),
        },
    )
    specific_young_person = forms.ChoiceField(
        label=_("Is a specific young person being placed?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    young_person_initials = forms.CharField(
        label=_("Their initials"),
        help_text=_("Initials only, never a name. For example JD."),
        max_length=40,  # checked in clean(), so that a name gets the specific message
        required=False,
    )
    young_person_age = forms.IntegerField(
        label=_("Their age"),
        min_value=0,
        max_value=25,
        required=False,
        error_messages={"invalid": _("Enter their age as a number, like 16.")},
    )

    def clean_planned_start(self) -> datetime.date:
        value = self.cleaned_data["planned_start"]
        today = timezone.localdate()
        if value < today - datetime.timedelta(days=365):
            raise forms.ValidationError(_("The planned start date must be within the last year or in the future."))
        if value > today + datetime.timedelta(days=730):
            raise forms.ValidationError(_("The planned start date must be within the next two years."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("age_from") is not None and data.get("age_to") is not None and data["age_from"] > data["age_to"]:
            self.add_error("age_to", _("The oldest age must be the same as or more than the youngest age."))
        if data.get("specific_young_person") == "yes":
            initials = (data.get("young_person_initials") or "").strip().replace(".", "").replace(" ", "")
            if not initials:
                self.add_error("young_person_initials", _("Enter the young person's initials."))
            elif not INITIALS_RE.match(initials):
                self.add_error(
                    "young_person_initials", _("Enter initials only (up to 3 letters, like JD), never a name.")
                )
            else:
                data["young_person_initials"] = initials.upper()
            if data.get("young_person_age") is None and "young_person_age" not in self.errors:
                self.add_error("young_person_age", _("Enter the young person's age."))
        else:
            data["young_person_initials"] = ""
            data["young_person_age"] = None
        return data


class ConcernsForm(NoSilentTruncationMixin, forms.Form):
    concerns = forms.MultipleChoiceField(
        label=_("Known concerns"),
        help_text=_("Choose all that apply to the young people you support or plan to place, or none."),
        choices=choices.CONCERNS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    concern_notes = forms.CharField(
        label=_("Notes on the concerns (optional)"),
        help_text=_("Do not include names."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        data = super().clean()
        if "other" in (data.get("concerns") or []) and not (data.get("concern_notes") or "").strip():
            self.add_error("concern_notes", _("Tell us about the other concern."))
        return data


class ResearchForm(NoSilentTruncationMixin, forms.Form):
    police_team = forms.CharField(
        label=_("Local police team"),
        help_text=_("Have you contacted the local Safer Neighbourhood Team? What did they tell you?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    schools = forms.CharField(
        label=_("Nearby schools and colleges"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    transport = forms.CharField(
        label=_("Transport links"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    parks = forms.CharField(
        label=_("Parks and places where young people gather"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    licensed_premises = forms.CharField(
        label=_("Licensed premises (pubs, off-licences, betting shops)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    research_notes = forms.CharField(
        label=_("Anything else you found"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name, _label in choices.RESEARCH_TOPICS):
            self.add_error(
                None,
                _("Tell us about at least one part of your own research: it is part of the request."),
            )
        return data


class DeclarationForm(forms.Form):
    declared_accurate = forms.BooleanField(
        label=_("The information I have given is accurate to the best of my knowledge."),
        error_messages={"required": _("Confirm that the information is accurate.")},
    )
    agreed_to_sharing = forms.BooleanField(
        label=_(
            "I understand the partnership may share this information with the police and other agencies to assess "
            "the area."
        ),
        error_messages={"required": _("Confirm that you understand how the information will be shared.")},
    )


class CheckForm(forms.Form):
    """Check your answers: nothing to fill in."""


class ProviderUpdateForm(NoSilentTruncationMixin, forms.Form):
    """The provider's answer when the officer asks for more information."""

    text = forms.CharField(
        label=_("Your answer"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter the information the officer asked for.")},
    )


def response_working_days() -> int:
    return int(getattr(settings, "LOCATION_REQUEST_RESPONSE_WORKING_DAYS", 10))
