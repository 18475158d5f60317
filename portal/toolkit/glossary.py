"""The glossary's A to Z, and linking glossary terms where they appear in page text.

Linking rules: each term (or one of its other names) is linked once per page, at its first
appearance in the body text, never inside a heading, an existing link, a button, a form label or
code. Matching is whole-word and ignores case; longer names win over shorter ones
("child protection plan" before "child protection").
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString

from django.utils.translation import gettext

SKIP_INSIDE = {
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "button",
    "label",
    "summary",
    "code",
    "pre",
    "script",
    "style",
    "dfn",
    "abbr",
    "textarea",
    "select",
    "option",
}


@dataclass(frozen=True)
class LinkableTerm:
    slug: str
    names: tuple[str, ...]


def _sort_key(term) -> tuple[str, str]:
    """Dictionary order, the same on every database: case and accents ignored ("care leaver"
    before "Child", "Émancipation" among the Es)."""
    folded = unicodedata.normalize("NFKD", term.term.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)), term.term


def alphabet_groups(terms: Iterable) -> tuple[list[tuple[str, bool]], list[tuple[str, list]]]:
    """Letters A to Z (each with whether any term starts with it) and the terms grouped by letter."""
    groups: dict[str, list] = {}
    for term in sorted(terms, key=_sort_key):
        groups.setdefault(term.letter, []).append(term)
    letters = [(letter, letter in groups) for letter in string.ascii_uppercase]
    if "#" in groups:
        letters.append(("#", True))
    ordered = [(letter, groups[letter]) for letter, present in letters if present]
    return letters, ordered


def linkable_terms(locale) -> list[LinkableTerm]:
    """The terms to link in pages of a locale (a Locale or its id)."""
    from .models import GlossaryTerm

    rows = GlossaryTerm.objects.filter(locale_id=getattr(locale, "pk", locale), link_in_pages=True).values_list(
        "slug", "term", "also_known_as"
    )
    terms = []
    for slug, term, also in rows:
        names = [term, *(alias.strip() for alias in also.split(","))]
        terms.append(LinkableTerm(slug=slug, names=tuple(n for n in names if len(n) >= 2)))
    return terms


def _pattern(terms: list[LinkableTerm]) -> tuple[re.Pattern | None, dict[str, str]]:
    slug_for: dict[str, str] = {}
    spellings: set[str] = set()
    for term in terms:
        for name in term.names:
            slug_for.setdefault(name.casefold(), term.slug)
            # Both as written and case-folded: re.IGNORECASE does not fold "ß" to "ss", so
            # "Straße" only matches itself, and "STRASSE" only matches "strasse".
            spellings.update((name,) if _is_abbreviation(name) else (name, name.casefold()))
    if not slug_for:
        return None, slug_for
    names = sorted(spellings, key=lambda name: (-len(name), name))
    alternatives = "|".join(_alternative(name) for name in names)
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE), slug_for


def _is_abbreviation(name: str) -> bool:
    """All-capital names such as SEND, CIN or LADO: matched only in capitals, so the everyday
    words "send" and "cin" are left alone."""
    return name.isupper() and " " not in name


def _alternative(name: str) -> str:
    return f"(?-i:{re.escape(name)})" if _is_abbreviation(name) else re.escape(name)


def _slug_for_match(matched: str, slug_for: dict[str, str]) -> str | None:
    slug = slug_for.get(matched.casefold())
    if slug is None:
        # re.IGNORECASE uses simple case mapping, str.casefold() full folding: Turkish "İ"
        # matches "i" but folds to "i̇". Find the name the regex matched instead.
        for name, candidate in slug_for.items():
            if re.fullmatch(re.escape(name), matched, re.IGNORECASE):
                return candidate
    return slug


def _inside_skipped(node) -> bool:
    return any(parent.name in SKIP_INSIDE for parent in node.parents if parent.name)


def link_glossary_terms(html: str, terms: list[LinkableTerm], glossary_url: str) -> str:
    """Return ``html`` with the first appearance of each term linked to its definition."""
    pattern, slug_for = _pattern(terms)
    if pattern is None or not html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    linked: set[str] = set()
    hidden_text = gettext("(glossary definition)")
    for text_node in list(soup.find_all(string=True)):
        if not isinstance(text_node, NavigableString) or text_node.__class__ is not NavigableString:
            continue  # comments, doctype and the like
        if _inside_skipped(text_node):
            continue
        text = str(text_node)
        pieces: list = []
        position = 0
        for match in pattern.finditer(text):
            slug = _slug_for_match(match.group(1), slug_for)
            if slug is None or slug in linked:
                continue
            linked.add(slug)
            pieces.append(text[position : match.start()])
            link = soup.new_tag("a", href=f"{glossary_url}#{slug}", attrs={"class": "glossary-link"})
            link.string = match.group(1)
            hint = soup.new_tag("span", attrs={"class": "visually-hidden"})
            hint.string = f" {hidden_text}"
            link.append(hint)
            pieces.append(link)
            position = match.end()
        if not pieces:
            continue
        pieces.append(text[position:])
        for piece in pieces:
            if isinstance(piece, str):
                if piece:
                    text_node.insert_before(NavigableString(piece))
            else:
                text_node.insert_before(piece)
        text_node.extract()
    # Untouched HTML goes back exactly as it came (the parser would re-serialise it).
    return str(soup) if linked else html


def glossary_page_for(page):
    """The glossary A to Z a page should link to: the one in the same section if there is one,
    otherwise any live glossary page in the page's language."""
    from .models import GlossaryPage

    candidates = list(GlossaryPage.objects.live().public().filter(locale_id=page.locale_id).order_by("path"))
    if not candidates:
        return None

    def shared_depth(candidate) -> int:
        parent_path = candidate.path[: -GlossaryPage.steplen]
        return len(parent_path) if page.path.startswith(parent_path) else 0

    return max(candidates, key=shared_depth)
