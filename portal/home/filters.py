"""Query-string filters for listing pages.

Each filter is a plain Django form bound to ``request.GET``: it works without JavaScript, a bad
value becomes a plain-language error on the page (never a server error), and the rest of the
listing still shows.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %m %Y"]


class ListingFilter:
    form_class: type[forms.Form]

    def __init__(self, data, **kwargs):
        self.form = self.form_class(data or None, **kwargs)
        self.is_bound = self.form.is_bound

    @property
    def cleaned(self) -> dict:
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {key: value for key, value in getattr(self.form, "cleaned_data", {}).items() if value}

    @property
    def active(self) -> bool:
        return bool(self.cleaned)


class GuidanceFilterForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, error_messages={"invalid_choice": _("Choose a topic from the list.")}
    )
    audience = forms.ChoiceField(
        label=_("Written for"),
        required=False,
        error_messages={"invalid_choice": _("Choose an audience from the list.")},
    )

    def __init__(self, *args, topic_choices=(), audience_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *topic_choices]
        self.fields["audience"].choices = [("", _("Everyone")), *audience_choices]


class GuidanceFilter(ListingFilter):
    """Filters guidance pages by topic and audience, with a count for every option."""

    form_class = GuidanceFilterForm

    def __init__(self, data, *, pages: QuerySet, locale=None):
        from .models import Audience, Topic

        self.pages = pages
        topics = Topic.objects.all()
        if locale is not None:
            topics = topics.filter(locale=locale)
        topic_counts = dict(
            topics.filter(guidance_pages__in=pages).annotate(n=Count("guidance_pages")).values_list("slug", "n")
        )
        audience_counts = dict(
            Audience.objects.filter(guidance_pages__in=pages)
            .annotate(n=Count("guidance_pages"))
            .values_list("slug", "n")
        )
        self.topic_options = [(t.slug, t.name, topic_counts.get(t.slug, 0)) for t in topics if topic_counts.get(t.slug)]
        self.audience_options = [
            (slug, label, audience_counts.get(slug, 0)) for slug, label in Audience.CHOICES if audience_counts.get(slug)
        ]
        super().__init__(
            data,
            topic_choices=[(slug, f"{name} ({n})") for slug, name, n in self.topic_options],
            audience_choices=[(slug, f"{label} ({n})") for slug, label, n in self.audience_options],
        )

    @property
    def results(self) -> QuerySet:
        pages = self.pages
        cleaned = self.cleaned
        if "topic" in cleaned:
            pages = pages.filter(topics__slug=cleaned["topic"])
        if "audience" in cleaned:
            pages = pages.filter(audiences__slug=cleaned["audience"])
        return pages.distinct()


class LeafletFilterForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Written for"),
        required=False,
        error_messages={"invalid_choice": _("Choose an audience from the list.")},
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, error_messages={"invalid_choice": _("Choose a language from the list.")}
    )

    def __init__(self, *args, audience_choices=(), language_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [("", _("Everyone")), *audience_choices]
        self.fields["language"].choices = [("", _("Any language")), *language_choices]


class LeafletFilter(ListingFilter):
    form_class = LeafletFilterForm

    def __init__(self, data, *, documents: QuerySet):
        from django.conf import settings

        from .models import Audience

        self.documents = documents
        audience_counts = dict(
            Audience.objects.filter(documents__in=documents).annotate(n=Count("documents")).values_list("slug", "n")
        )
        language_counts = dict(documents.order_by().values_list("language").annotate(n=Count("id")))
        self.audience_options = [
            (slug, label, audience_counts[slug]) for slug, label in Audience.CHOICES if audience_counts.get(slug)
        ]
        self.language_options = [
            (code, label, language_counts[code]) for code, label in settings.LANGUAGES if language_counts.get(code)
        ]
        super().__init__(
            data,
            audience_choices=[(slug, f"{label} ({n})") for slug, label, n in self.audience_options],
            language_choices=[(code, f"{label} ({n})") for code, label, n in self.language_options],
        )

    @property
    def results(self) -> QuerySet:
        documents = self.documents
        cleaned = self.cleaned
        if "audience" in cleaned:
            documents = documents.filter(audiences__slug=cleaned["audience"])
        if "language" in cleaned:
            documents = documents.filter(language=cleaned["language"])
        return documents.distinct()


class RecentUpdatesForm(forms.Form):
    since = forms.DateField(
        label=_("Show changes since"),
        help_text=_("For example, 1/9/2026"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        # A text box, not type="date": a date box empties itself when it holds text the browser
        # cannot read (such as a mistyped date), and what the reader typed must never be lost.
        widget=forms.DateInput(attrs={"autocomplete": "off", "spellcheck": "false"}, format="%d/%m/%Y"),
        error_messages={"invalid": _("Enter the date as day/month/year, for example 1/9/2026.")},
    )

    def clean_since(self) -> datetime.date | None:
        since = self.cleaned_data.get("since")
        if since and since > timezone.localdate():
            raise forms.ValidationError(_("The date must be today or in the past."))
        return since


class RecentUpdatesFilter(ListingFilter):
    form_class = RecentUpdatesForm

    def __init__(self, data, *, changes: QuerySet):
        self.changes = changes
        super().__init__(data)

    @property
    def results(self) -> QuerySet:
        since = self.cleaned.get("since")
        if since:
            start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
            return self.changes.filter(published_at__gte=start)
        return self.changes
