"""What a search asks for and what it answers, shared by both backends.

A query is split into *groups*: each group is one thing the reader typed (a word, or a phrase the
synonym list knows, like "child protection") with the alternatives that satisfy it ("CP"). A
result that satisfies more groups ranks above one that satisfies fewer, whatever the backend.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.utils.safestring import SafeString

MAX_QUERY_LENGTH = 200
MAX_GROUPS = 12
PAGE_SIZE = 10
MAX_PHRASE_WORDS = 6

# Words too common to search on alone. Kept short on purpose: "in" and "care" matter together, so
# phrases from the synonym list are matched before these are dropped.
STOP_WORDS = frozenset(
    """a an and are as at be but by can do does for from has have how i if in into is it its me my
    of on or our should so than that the their them then there these they this to was we were what
    when where which who why will with you your""".split()  # noqa: SIM905
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Lower case, accents kept (the index folds them), spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def tokenize(text: str) -> list[str]:
    """Split text into words the way the full-text indexes do (letters and digits; apostrophes,
    hyphens and other punctuation separate words)."""
    return _WORD.findall(normalise(text))


@dataclass(frozen=True)
class TermGroup:
    text: str  # what the reader typed for this part, lower case
    alternatives: tuple[str, ...]  # phrases any one of which satisfies the group; the first is `text`
    from_synonyms: bool = False


@dataclass
class ParsedQuery:
    raw: str
    groups: list[TermGroup]

    @property
    def words(self) -> list[str]:
        return [word for group in self.groups for word in tokenize(group.text)]

    @property
    def all_phrases(self) -> list[str]:
        return [alt for group in self.groups for alt in group.alternatives]

    def __bool__(self) -> bool:
        return bool(self.groups)


# --- Synonyms -------------------------------------------------------------------------------------

SYNONYM_CACHE_KEY = "search:synonyms:v1"


def synonym_groups() -> list[tuple[str, list[str]]]:
    """Every synonym group as (language, [phrase, ...]), cached until a group changes."""
    groups = cache.get(SYNONYM_CACHE_KEY)
    if groups is None:
        from .models import Synonym

        groups = [(s.language, s.phrase_list) for s in Synonym.objects.all()]
        cache.set(SYNONYM_CACHE_KEY, groups, 3600)
    return groups


def forget_synonyms() -> None:
    cache.delete(SYNONYM_CACHE_KEY)


def synonym_lookup(language: str | None) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Phrase (as a tuple of words) -> every phrase that means the same, in this language."""
    lookup: dict[tuple[str, ...], list[str]] = {}
    for group_language, phrases in synonym_groups():
        if group_language and language and group_language != language:
            continue
        normalised = [" ".join(tokenize(p)) for p in phrases]
        normalised = [p for p in normalised if p]
        for phrase in normalised:
            merged = lookup.setdefault(tuple(phrase.split()), [])
            merged.extend(p for p in normalised if p not in merged)
    return {key: tuple(value) for key, value in lookup.items()}


def parse(raw: str, language: str | None = None) -> ParsedQuery:
    """Turn what the reader typed into groups, matching the longest synonym phrases first."""
    raw = " ".join(raw.split())[:MAX_QUERY_LENGTH]
    words = tokenize(raw)
    lookup = synonym_lookup(language)
    groups: list[TermGroup] = []
    i = 0
    while i < len(words) and len(groups) < MAX_GROUPS:
        for size in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            key = tuple(words[i : i + size])
            if key in lookup:
                typed = " ".join(key)
                alternatives = (typed, *[p for p in lookup[key] if p != typed])
                groups.append(TermGroup(typed, alternatives, from_synonyms=True))
                i += size
                break
        else:
            word = words[i]
            if word not in STOP_WORDS and (len(word) > 1 or word.isdigit()):
                groups.append(TermGroup(word, (word,)))
            i += 1
    if not groups and words:
        # Only little words ("who is"): search for them anyway rather than for nothing.
        groups = [TermGroup(w, (w,)) for w in dict.fromkeys(words)][:MAX_GROUPS]
    # The same group twice ("cp cp") counts once.
    unique: dict[str, TermGroup] = {}
    for group in groups:
        unique.setdefault(group.text, group)
    return ParsedQuery(raw=raw, groups=list(unique.values()))


# --- Requests and answers -------------------------------------------------------------------------


@dataclass
class SearchRequest:
    query: str
    language: str  # the reader's language code, e.g. "en-gb"
    filters: dict[str, str] = field(default_factory=dict)  # facet name -> selected value
    page: int = 1
    page_size: int = PAGE_SIZE
    correct: bool = True  # False when the reader asked for exactly what they typed ("search instead for ...")


@dataclass
class SearchHit:
    entry_id: int
    title: str
    url: str
    snippet: SafeString
    content_type: str
    content_type_label: str
    section_label: str
    language: str
    updated_at: datetime | None
    score: float = 0.0


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def selected(self) -> FacetValue | None:
        return next((v for v in self.values if v.selected), None)


@dataclass
class SearchResponse:
    query: str  # the query the results are for (the corrected one when we corrected it)
    hits: list[SearchHit]
    total: int
    page: int
    page_size: int
    facets: list[Facet]
    backend: str
    suggestion: str | None = None  # "did you mean ..." when the results stand as they are
    corrected_from: str | None = None  # what the reader typed, when nothing matched it and we searched `query`

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))
