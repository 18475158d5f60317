"""'Did you mean': corrections for misspelt words from the index's own vocabulary.

The vocabulary (``SearchWord``) is every word in the search entries with the number of entries
using it, kept in step as entries change. A typed word the vocabulary doesn't know (allowing for
plurals and the like) is replaced by the closest known word (at most one edit for short words, two
for longer ones; a swap of neighbouring letters is one edit), the most used when several are as
close. Works the same whatever the backend, so the database path never lacks it.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from .highlight import stem
from .models import SearchWord
from .query import STOP_WORDS, synonym_lookup, tokenize

CACHE_SECONDS = 600
MAX_CANDIDATES = 20000


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up (returning limit + 1) once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous_previous is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def allowed_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def _variants(word: str) -> set[str]:
    """Forms that count as the same word for "is it known" (plurals and simple endings)."""
    base = stem(word)
    return {word, base, base + "s", base + "e", base + "es", base + "ed", base + "ing", word + "s", word.rstrip("s")}


def suggest(query: str, language: str | None = None) -> str | None:
    """The query with each unknown word corrected, or None when there is nothing to correct."""
    words = tokenize(query)
    checkable = [w for w in words if w not in STOP_WORDS and len(w) >= 3 and w.isalpha()]
    if not checkable:
        return None
    key = "search:suggest:" + hashlib.sha256(f"{language}|{' '.join(words)}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    synonym_words = {w for phrase in synonym_lookup(language) for w in phrase}
    variants = {w: _variants(w) for w in checkable}
    known = set(
        SearchWord.objects.filter(word__in={v for vs in variants.values() for v in vs}).values_list("word", flat=True)
    )
    corrected, changed = [], False
    for word in words:
        if word in variants and word not in synonym_words and not (variants[word] & known):
            replacement = closest_word(word)
            if replacement and replacement != word:
                corrected.append(replacement)
                changed = True
                continue
        corrected.append(word)
    result = " ".join(corrected) if changed else ""
    cache.set(key, result, CACHE_SECONDS)
    return result or None


def closest_word(word: str) -> str | None:
    limit = allowed_edits(word)
    candidates = SearchWord.objects.filter(
        first=word[0], length__gte=len(word) - limit, length__lte=len(word) + limit
    ).values_list("word", "entries")
    best = _best(word, candidates, limit)
    if best is None:
        # The first letter may be the mistake ("ocre group"): one edit, same length give or take one.
        candidates = (
            SearchWord.objects.filter(length__gte=len(word) - 1, length__lte=len(word) + 1)
            .exclude(first=word[0])
            .values_list("word", "entries")[:MAX_CANDIDATES]
        )
        best = _best(word, candidates, 1)
    return best


def _best(word: str, candidates, limit: int) -> str | None:
    best: tuple[int, int, str] | None = None
    for candidate, entries in candidates:
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            rank = (distance, -entries, candidate)
            if best is None or rank < best:
                best = rank
    return best[2] if best else None
