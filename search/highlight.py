"""Snippets with the searched words marked, for the database backend (Elasticsearch highlights its
own). Words match on a light English stem, so "meetings" marks "meeting" and "conference" marks
"conferences". Everything is escaped; only the ``<mark>`` tags are markup."""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import STOP_WORDS, ParsedQuery, tokenize

SNIPPET_CHARS = 240
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SUFFIXES = (("ings", ""), ("ing", ""), ("ies", "y"), ("es", ""), ("ed", ""), ("s", ""), ("e", ""))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = word.lower()
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def stems(text: str) -> set[str]:
    return {stem(word) for word in tokenize(text)}


def contains_phrase(text: str, phrase: str) -> bool:
    needle = [stem(w) for w in tokenize(phrase)]
    hay = [stem(w) for w in tokenize(text)]
    if not needle or len(needle) > len(hay):
        return False
    return any(hay[i : i + len(needle)] == needle for i in range(len(hay) - len(needle) + 1))


def wanted_stems(parsed: ParsedQuery) -> set[str]:
    words = {w for phrase in parsed.all_phrases for w in tokenize(phrase)}
    meaningful = {w for w in words if w not in STOP_WORDS} or words
    return {stem(w) for w in meaningful}


def snippet(summary: str, body: str, parsed: ParsedQuery, width: int = SNIPPET_CHARS) -> SafeString:
    """The summary if it mentions what was searched, else the stretch of the body that mentions
    most of it, else the start of the summary (or body)."""
    wanted = wanted_stems(parsed) if parsed else set()
    for text in (summary, body):
        matches = _matches(text, wanted)
        if matches:
            start, end = _best_window(text, matches, width)
            return _render(text, start, end, matches)
    text = summary or body
    start, end = _best_window(text, [], width)
    return _render(text, start, end, [])


def _matches(text: str, wanted: set[str]) -> list[tuple[int, int, str]]:
    if not text or not wanted:
        return []
    return [(m.start(), m.end(), stem(m.group())) for m in _WORD.finditer(text) if stem(m.group()) in wanted]


def _best_window(text: str, matches: list[tuple[int, int, str]], width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    if not matches:
        return 0, _word_end(text, width)
    best_start, best_score = matches[0][0], -1
    for start, _end, _stem in matches:
        covered = {s for m_start, _e, s in matches if start <= m_start < start + width}
        if len(covered) > best_score:
            best_start, best_score = start, len(covered)
    # Lead in a little, from a word boundary, so the marked word isn't the first thing read.
    start = max(0, best_start - width // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else best_start
    return start, _word_end(text, start + width)


def _word_end(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", 0, position)
    return space if space > 0 else position


def _render(text: str, start: int, end: int, matches: list[tuple[int, int, str]]) -> SafeString:
    parts = ["… " if start > 0 else ""]
    cursor = start
    for m_start, m_end, _stem in matches:
        if m_start < start or m_end > end:
            continue
        parts.append(escape(text[cursor:m_start]))
        parts.append(f"<mark>{escape(text[m_start:m_end])}</mark>")
        cursor = m_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
