"""The steps of the pupils' report form, one topic per step (GOV.UK's "one thing per page").

Error messages say what to do next in words a child can follow. Places are checked here and snapped
to map cells by the wizard before anything is kept, even in the session (see ``views``).
"""

from __future__ import annotations

import json
import re

from django import forms
from django.conf import settings
from django.db.models import Value
from django.db.models.functions import Replace, Upper
from django.utils.translation import gettext_lazy as _

from portal.home.wizards import NoSilentTruncationMixin

from . import cells, choices, geocoding
from .models import School

MAX_ROUTE_POINTS = 200
# A drawn route covers at most this many cells of about 120 m (roughly 2 km of streets).
MAX_ROUTE_CELLS = 40
# A list of [lat, lng] pairs and nothing else (no nesting for the parser to recurse into).
ROUTE_RE = re.compile(r"^\s*\[\s*(?:\[[^\[\]]*\]\s*,?\s*)*\]\s*$")
MAX_TEXT = 1000


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and from screen readers) but simple bots fill in.
    A filled honeypot is not an error: the bot is shown the normal confirmation, nothing is kept."""

    website = forms.CharField(required=False, label=_("Leave this empty"), max_length=200)

    @property
    def looks_automated(self) -> bool:
        return bool(self.cleaned_data.get("website"))


def normalise_join_code(text: str) -> str:
    """Codes match whatever the case, and with or without spaces and hyphens ("ebk park")."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


class SchoolStepForm(HoneypotMixin):
    join_code = forms.CharField(
        label=_("Your school's code"),
        help_text=_("Your teacher can tell you the code. It looks like EBK-PARK."),
        required=False,
        max_length=20,
    )
    school = forms.ModelChoiceField(
        label=_("Or choose your school"),
        queryset=School.objects.filter(accepts_reports=True),
        required=False,
        empty_label=_("Choose your school"),
    )

    def clean(self):
        data = super().clean()
        code = normalise_join_code(data.get("join_code") or "")
        chosen = data.get("school")
        if code:
            from_code = (
                School.objects.filter(accepts_reports=True)
                .annotate(code=Replace(Replace(Upper("join_code"), Value("-"), Value("")), Value(" "), Value("")))
                .filter(code=code)
                .first()
            )
            if from_code is None:
                self.add_error(
                    "join_code",
                    _(
                        "We could not find a school with that code. Check the code, or choose your school from the list."
                    ),
                )
                return data
            if chosen and chosen != from_code:
                self.add_error(
                    "school", _("The code is for a different school. Check the code, or leave the list empty.")
                )
                return data
            data["school"] = from_code
        elif not chosen:
            self.add_error("join_code", _("Enter your school's code, or choose your school from the list."))
        return data


class AgeStepForm(forms.Form):
    age_group = forms.ChoiceField(
        label=_("Which part of the school are you in?"),
        choices=choices.AGE_GROUPS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose primary or secondary.")},
    )


class WhereStepForm(forms.Form):
    context = forms.ChoiceField(
        label=_("Where do you feel unsafe?"),
        choices=choices.CONTEXTS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where you feel unsafe.")},
    )


class SchoolPlaceStepForm(forms.Form):
    school_area = forms.ChoiceField(
        label=_("Which part of the school?"),
        choices=choices.SCHOOL_AREAS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the part of the school where you feel unsafe.")},
    )
    plan_x = forms.FloatField(required=False, min_value=0, max_value=100, widget=forms.HiddenInput)
    plan_y = forms.FloatField(required=False, min_value=0, max_value=100, widget=forms.HiddenInput)

    def __init__(self, *args, school: School | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean(self):
        data = super().clean()
        if (data.get("plan_x") is None) != (data.get("plan_y") is None):
            data["plan_x"] = data["plan_y"] = None  # half a tap is no tap
        return data


# Pins are kept as the centre of their cell, which can lie a little outside the box around the
# borough even when the pin was inside it; allow that much (about one cell) at the edges.
BOUNDS_MARGIN_DEGREES = 0.002


def _in_bounds(lat: float, lng: float) -> bool:
    south, west, north, east = settings.REPORTING_MAP_BOUNDS
    margin = BOUNDS_MARGIN_DEGREES
    return south - margin <= lat <= north + margin and west - margin <= lng <= east + margin


class MapPlaceStepForm(NoSilentTruncationMixin, forms.Form):
    """A pin (or, on the way to school, a line of points) on the map, or, without the map, a
    postcode or a description of the place."""

    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    route = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20_000)
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("The postcode of the place, or of somewhere near it, like EB1 2AB."),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("Or tell us where it is"),
        help_text=_("For example: the alley behind the shops on the High Road. Please do not write anyone's name."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, context: str = choices.NEIGHBOURHOOD, **kwargs):
        super().__init__(*args, **kwargs)
        self.context = context

    def clean_route(self) -> list[list[float]]:
        raw = self.cleaned_data.get("route") or ""
        if not raw.strip() or self.context != choices.ROUTE:
            return []  # a route left over from an earlier answer does not count for another place
        unreadable = forms.ValidationError(_("We could not read the route you drew. Clear it and draw it again."))
        if not ROUTE_RE.match(raw):
            raise unreadable
        try:
            points = json.loads(raw)
            points = [[float(lat), float(lng)] for lat, lng in points]
        except (TypeError, ValueError, RecursionError):
            raise unreadable from None
        if len(points) > MAX_ROUTE_POINTS:
            raise forms.ValidationError(_("The route has too many points. Clear it and draw a shorter stretch."))
        if any(not cells.is_valid_point(lat, lng) or not _in_bounds(lat, lng) for lat, lng in points):
            raise forms.ValidationError(_("Part of the route is outside the area this form covers. Draw it again."))
        if len(cells.snap_route(points)) > MAX_ROUTE_CELLS:
            raise forms.ValidationError(
                _("The route is too long. Draw only the part of the way that worries you (about 2 km at most).")
            )
        return points

    def clean(self):
        data = super().clean()
        lat, lng = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lng is None):
            lat = lng = None
        if lat is not None and (not cells.is_valid_point(lat, lng) or not _in_bounds(lat, lng)):
            self.add_error(
                None, _("The pin is outside the area this form covers. Move it to the place, or type a postcode.")
            )
            lat = lng = None
        data["latitude"], data["longitude"] = lat, lng
        postcode_text = (data.get("postcode") or "").strip()
        data["postcode_point"] = None
        if postcode_text:
            if geocoding.normalise_postcode(postcode_text) is None:
                self.add_error("postcode", _("Enter a whole postcode, like EB1 2AB, or leave it empty."))
            else:
                point = geocoding.lookup_postcode(postcode_text)
                if point is None:
                    self.add_error(
                        "postcode",
                        _(
                            "We could not find that postcode in this area. Check it, or tell us where the place is instead."
                        ),
                    )
                data["postcode_point"] = point
        has_place = lat is not None or data.get("route") or postcode_text or (data.get("description") or "").strip()
        if not self.errors and not has_place:
            message = (
                _("Put a pin on the map, draw your route, type a postcode, or tell us where it is.")
                if self.context == choices.ROUTE
                else _("Put a pin on the map, type a postcode, or tell us where it is.")
            )
            self.add_error("postcode", message)
        return data

    def snapped_cells(self) -> tuple[str, list[str]]:
        """(cell, route cells) for the place given, most precise first: a drawn route, a pin, then
        a postcode. A description alone has no cell (the school reads it; it is not on the map)."""
        data = self.cleaned_data
        route = cells.snap_route(data.get("route") or []) if self.context == choices.ROUTE else []
        if route:
            return route[0], route
        if data.get("latitude") is not None:
            return cells.snap(data["latitude"], data["longitude"]), []
        point = data.get("postcode_point")
        if point is not None:
            return cells.snap(point.lat, point.lng), []
        return "", []


class HomePlaceStepForm(forms.Form):
    home_room = forms.ChoiceField(
        label=_("Where in the home?"),
        choices=choices.HOME_ROOMS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the part of the home, or 'Somewhere else at home'.")},
    )


class OnlinePlaceStepForm(forms.Form):
    online_place = forms.ChoiceField(
        label=_("Where online?"),
        choices=choices.ONLINE_PLACES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where online, or 'Somewhere else online'.")},
    )


class WorriesStepForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("What worries you?"),
        help_text=_("Choose all that are true."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing that worries you.")},
    )

    def __init__(self, *args, age_group: str = choices.SECONDARY, **kwargs):
        super().__init__(*args, **kwargs)
        self.age_group = age_group
        self.fields["categories"].choices = choices.worry_choices(age_group)
        if age_group == choices.PRIMARY:
            self.fields["categories"].label = _("What makes you feel unsafe?")


class FeelingStepForm(forms.Form):
    feeling = forms.TypedChoiceField(
        label=_("How unsafe do you feel there?"),
        choices=choices.FEELINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how unsafe you feel.")},
    )
    times_of_day = forms.MultipleChoiceField(
        label=_("When do you feel unsafe there?"),
        help_text=_("Choose all that are true, or leave it empty if you are not sure."),
        choices=choices.TIMES_OF_DAY,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    days = forms.ChoiceField(
        label=_("Which days?"),
        choices=choices.DAYS,
        widget=forms.RadioSelect,
        required=False,
    )


class DetailsStepForm(NoSilentTruncationMixin, forms.Form):
    details = forms.CharField(
        label=_("Is there anything else you want to tell us? (optional)"),
        help_text=_("Please do not write anyone's name, yours or anybody else's."),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        error_messages={
            "max_length": _("Please use %(limit_value)d characters or fewer (you have used %(show_value)d).")
        },
    )


class TrustedAdultStepForm(forms.Form):
    YES, NO = "yes", "no"
    wants_trusted_adult = forms.ChoiceField(
        label=_("Would you like a trusted adult at school to talk to you about this?"),
        choices=[(YES, _("Yes, I would like to talk to someone")), (NO, _("No, thank you"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    contact_name = forms.CharField(
        label=_("Your first name"),
        help_text=_("Only your school's safeguarding lead will see this."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    contact_class = forms.CharField(
        label=_("Your class or form"),
        help_text=_("For example 5R or 9B."),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("wants_trusted_adult") == self.YES:
            if not (data.get("contact_name") or "").strip():
                self.add_error("contact_name", _("Tell us your first name so the right adult can find you."))
            if not (data.get("contact_class") or "").strip():
                self.add_error("contact_class", _("Tell us your class or form so the right adult can find you."))
        else:
            # Without a request for an adult, no name is kept, even if one was typed.
            data["contact_name"] = data["contact_class"] = ""
        return data


class CheckStepForm(HoneypotMixin):
    """Check your answers: nothing to fill in but the send button."""
