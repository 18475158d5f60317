"""Query-string filters for the toolkit, briefings, support services and the engagement directory.

Within one facet the values are alternatives (stage=ask&stage=listen: either); across facets they
all apply (stage=listen&age=11-14: both). Every option shows how many results choosing it would
give, given the other facets already chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from portal.home.filters import ListingFilter

from .models import RESOURCE_FORMATS, AgeRange, EngagementEntry, HelpTopic, Stage, SupportService, Use


@dataclass(frozen=True)
class Facet:
    name: str  # the query-string parameter
    label: str
    lookup: str  # the field to filter on, e.g. "stages__slug"
    choices: list[tuple[str, str]]
    error: str


TOOLKIT_FACETS = [
    Facet("stage", _("Stage"), "stages__slug", Stage.CHOICES, _("Choose a stage from the list.")),
    Facet("use", _("Use"), "uses__slug", Use.CHOICES, _("Choose a use from the list.")),
    Facet("age", _("Age of the child"), "age_ranges__slug", AgeRange.CHOICES, _("Choose an age range from the list.")),
    Facet("format", _("Format"), "resource_format", RESOURCE_FORMATS, _("Choose a format from the list.")),
]


class FacetCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose field id is the first box's, so the error summary's link lands on the
    group (Django leaves it empty for checkbox groups, which made the link go to "#")."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class FacetForm(forms.Form):
    def __init__(self, *args, facets: list[Facet], counts: dict[str, dict[str, int]], **kwargs):
        super().__init__(*args, **kwargs)
        for facet in facets:
            self.fields[facet.name] = forms.MultipleChoiceField(
                label=facet.label,
                required=False,
                choices=[(value, f"{label} ({counts[facet.name].get(value, 0)})") for value, label in facet.choices],
                widget=FacetCheckboxes,
                error_messages={"invalid_choice": facet.error, "invalid_list": facet.error},
            )


class FacetFilter(ListingFilter):
    """Filters a queryset on several multi-valued facets and counts each option."""

    facets: list[Facet] = []

    def __init__(self, data, *, queryset: QuerySet):
        self.queryset = queryset
        self.data = data
        self.selected = self._selected_values(data)
        counts = {facet.name: self._counts(facet) for facet in self.facets}
        self.form = FacetForm(data or None, facets=self.facets, counts=counts)
        self.is_bound = self.form.is_bound

    def _selected_values(self, data) -> dict[str, list[str]]:
        selected = {}
        for facet in self.facets:
            valid = {value for value, _label in facet.choices}
            values = [v for v in (data.getlist(facet.name) if data else []) if v in valid]
            if values:
                selected[facet.name] = values
        return selected

    def _apply(self, queryset: QuerySet, *, skip: str | None = None) -> QuerySet:
        for facet in self.facets:
            if facet.name == skip or facet.name not in self.selected:
                continue
            queryset = queryset.filter(**{f"{facet.lookup}__in": self.selected[facet.name]})
        return queryset

    def _counts(self, facet: Facet) -> dict[str, int]:
        """How many results each option of this facet gives, with every other facet applied."""
        ids = self._apply(self.queryset, skip=facet.name).values("pk")
        base = self.queryset.model.objects.filter(pk__in=ids)
        rows = base.values(facet.lookup).annotate(n=Count("pk", distinct=True)).order_by()
        return {row[facet.lookup]: row["n"] for row in rows if row[facet.lookup] is not None}

    @property
    def active(self) -> bool:
        return bool(self.selected)

    @property
    def results(self) -> QuerySet:
        return self._apply(self.queryset).distinct()


class ToolkitFilter(FacetFilter):
    facets = TOOLKIT_FACETS

    def __init__(self, data, *, resources: QuerySet):
        super().__init__(data, queryset=resources)


class BriefingFilterForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, error_messages={"invalid_choice": _("Choose a topic from the list.")}
    )

    def __init__(self, *args, topic_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *topic_choices]


class BriefingFilter(ListingFilter):
    form_class = BriefingFilterForm

    def __init__(self, data, *, briefings: QuerySet, locale=None):
        from portal.home.models import Topic

        self.briefings = briefings
        topics = Topic.objects.filter(briefings__in=briefings).annotate(n=Count("briefings", distinct=True))
        if locale is not None:
            topics = topics.filter(locale=locale)
        super().__init__(data, topic_choices=[(t.slug, f"{t.name} ({t.n})") for t in topics.order_by("name")])

    @property
    def results(self) -> QuerySet:
        topic = self.cleaned.get("topic")
        return self.briefings.filter(topics__slug=topic).distinct() if topic else self.briefings


class SupportServiceFilterForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("What do you need help with?"),
        required=False,
        error_messages={"invalid_choice": _("Choose something from the list.")},
    )
    age = forms.IntegerField(
        label=_("How old are you?"),
        help_text=_("Optional. We only use it to show services for your age."),
        required=False,
        min_value=5,
        max_value=25,
        # A text box with a number keypad, not type="number": browsers blank a number field that
        # holds anything but a number, so "abc" or "fourteen" vanished after the error instead of
        # staying there to be corrected (and Chrome would not let it be typed at all).
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter your age as a number, like 14."),
            "min_value": _("Enter an age of 5 or more."),
            "max_value": _("Enter an age of 25 or less."),
        },
    )
    reach = forms.ChoiceField(
        label=_("Local or national"),
        required=False,
        choices=[("", _("Both")), *SupportService.REACH],
        error_messages={"invalid_choice": _("Choose local or national.")},
    )

    def __init__(self, *args, topic_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Anything")), *topic_choices]


class SupportServiceFilter(ListingFilter):
    form_class = SupportServiceFilterForm

    def __init__(self, data, *, services: QuerySet):
        self.services = services
        counts = dict(
            HelpTopic.objects.filter(services__in=services)
            .annotate(n=Count("services", distinct=True))
            .values_list("slug", "n")
        )
        choices = [(slug, f"{label} ({counts[slug]})") for slug, label in HelpTopic.CHOICES if counts.get(slug)]
        super().__init__(data, topic_choices=choices)

    @property
    def results(self) -> QuerySet:
        services = self.services
        cleaned = self.cleaned
        if "topic" in cleaned:
            services = services.filter(topics__slug=cleaned["topic"])
        if "reach" in cleaned:
            services = services.filter(reach=cleaned["reach"])
        if "age" in cleaned:
            age = cleaned["age"]
            services = services.filter(Q(min_age__isnull=True) | Q(min_age__lte=age)).filter(
                Q(max_age__isnull=True) | Q(max_age__gte=age)
            )
        return services.distinct()


class EngagementFilterForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("All sectors")), *EngagementEntry.SECTORS],
        error_messages={"invalid_choice": _("Choose a sector from the list.")},
    )


class EngagementFilter(ListingFilter):
    form_class = EngagementFilterForm

    def __init__(self, data, *, entries: QuerySet):
        self.entries = entries
        super().__init__(data)

    @property
    def results(self) -> QuerySet:
        sector = self.cleaned.get("sector")
        return self.entries.filter(sector=sector) if sector else self.entries

    def grouped(self) -> list[tuple[str, str, list[EngagementEntry]]]:
        by_sector: dict[str, list[EngagementEntry]] = {}
        for entry in self.results:
            by_sector.setdefault(entry.sector, []).append(entry)
        return [(slug, label, by_sector[slug]) for slug, label in EngagementEntry.SECTORS if slug in by_sector]
