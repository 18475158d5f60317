"""The site search's own data.

``SearchEntry`` is one searchable thing as a reader sees it (a page, a document or a glossary
term), flattened into the fields both search backends rank on, with its facets beside it in
``SearchFacetValue``. The database backend runs full text over these rows (SQLite FTS5 or
PostgreSQL ``tsvector``, both kept in step by the database itself, see migration 0002); the
Elasticsearch backend indexes the same rows. ``Synonym`` groups are editable vocabulary,
``SearchWord`` the vocabulary for "did you mean", ``SearchQueryDay`` the editors' analytics.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale

# What a result is, as the "content type" facet names it. The order is the facet's order.
CONTENT_TYPES = [
    ("guidance", _("Guidance and procedures")),
    ("toolkit", _("Toolkit resources")),
    ("briefing", _("Practice briefings")),
    ("youth-hub", _("Youth Hub")),
    ("glossary", _("Glossary terms")),
    ("leaflet", _("Leaflets")),
    ("document", _("Documents and forms")),
    ("page", _("Other pages")),
]
CONTENT_TYPE_LABELS = dict(CONTENT_TYPES)

FACETS = ["content_type", "section", "audience", "topic"]
FACET_LABELS = {
    "content_type": _("Type of content"),
    "section": _("Section"),
    "audience": _("Written for"),
    "topic": _("Topic"),
}


class SearchEntry(models.Model):
    PAGE = "page"
    DOCUMENT = "document"
    GLOSSARY = "glossary"
    SOURCES = [(PAGE, _("page")), (DOCUMENT, _("document")), (GLOSSARY, _("glossary term"))]

    source = models.CharField(max_length=20, choices=SOURCES)
    source_id = models.PositiveIntegerField()
    content_type = models.CharField(max_length=30, choices=CONTENT_TYPES)
    # Null for things that belong to every language of the site (documents carry their own).
    locale = models.ForeignKey(Locale, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10, blank=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    keywords = models.TextField(blank=True, help_text="Topics, aliases and other words that name the thing.")
    body = models.TextField(blank=True)
    section = models.CharField(max_length=100, blank=True)
    section_label = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    # The distinct words of the entry, so the "did you mean" vocabulary can be kept in step.
    words = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="unique_search_entry_source")]
        indexes = [models.Index(fields=["locale", "content_type"], name="search_entry_locale_type")]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.source_id}: {self.title}"

    @property
    def content_type_label(self) -> str:
        return str(CONTENT_TYPE_LABELS.get(self.content_type, self.content_type))


class SearchFacetValue(models.Model):
    """One value of one facet of an entry (an entry has several audiences and topics)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)
    label = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "entry"], name="search_facet_lookup")]
        constraints = [models.UniqueConstraint(fields=["entry", "facet", "value"], name="unique_search_facet_value")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class Synonym(models.Model):
    """Words and abbreviations that mean the same thing: a search for any of them finds them all."""

    phrases = models.TextField(
        _("words that mean the same"),
        help_text=_(
            "Separate them with commas, e.g. “LAC, looked after children, children in care, CiC”. "
            "A search for any one of them also finds pages using the others."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Leave empty for words used in every language (abbreviations, for example)."),
    )
    note = models.CharField(
        _("note for editors"), max_length=255, blank=True, help_text=_("Where the term comes from, if useful.")
    )

    panels = [FieldPanel("phrases"), FieldPanel("language"), FieldPanel("note")]

    class Meta:
        ordering = ["phrases"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return ", ".join(self.phrase_list)

    @property
    def phrase_list(self) -> list[str]:
        seen: list[str] = []
        for raw in self.phrases.replace("\n", ",").split(","):
            phrase = " ".join(raw.split())
            if phrase and phrase.lower() not in {p.lower() for p in seen}:
                seen.append(phrase)
        return seen

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if len(self.phrase_list) < 2:
            raise ValidationError(
                {"phrases": _("Give at least two words or phrases, separated by commas, that mean the same.")}
            )


class SearchWord(models.Model):
    """A word that occurs in the index, with how many entries use it: "did you mean" picks from these."""

    word = models.CharField(max_length=60, unique=True)
    first = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()
    entries = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["first", "length"], name="search_word_shape")]

    def __str__(self) -> str:
        return self.word


class SearchQueryDay(models.Model):
    """How often a query was searched on a day, and how often it found nothing. Nothing about who
    searched is kept: no user, session or address, and digits, emails and postcodes are masked."""

    date = models.DateField()
    query = models.CharField(max_length=100)
    searches = models.PositiveIntegerField(default=0)
    no_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["date", "query"], name="unique_search_query_day")]
        indexes = [models.Index(fields=["date"], name="search_query_day_date")]
        verbose_name = _("search query count")

    def __str__(self) -> str:
        return f"{self.date} {self.query}: {self.searches}"
