"""Flagging free text a member of school staff should check before acting on it or quoting it.

Pupils are asked not to write names, but some will. Text is flagged when it looks as if it holds
contact details (an email address, a phone number, a social media handle), a person's name
(two capitalised words together), or an abusive word. Flagged text is still kept and shown to the
school; the flag only asks the reader to take care, and it is never shown outside the school.
"""

from __future__ import annotations

import re

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE_RE = re.compile(r"(?:\+?44\s?|0)(?:\d[\s-]?){9,10}\b")
HANDLE_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{3,}")
# Two or more capitalised words in a row that do not start a sentence: "Jamie Smith", "Mr Patel".
NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:Mr|Mrs|Ms|Miss|Dr|[A-Z][a-z]+)\s+[A-Z][a-z]+\b")
TITLE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?\s+[A-Z][a-z]+")
ABUSIVE_WORDS = frozenset(
    {"fuck", "fucking", "shit", "bitch", "bastard", "cunt", "twat", "wanker", "slag", "slut", "whore", "retard"}
)
WORD_RE = re.compile(r"[a-z]+")


def reasons(text: str) -> list[str]:
    """Why the text needs checking (empty when it does not)."""
    text = text or ""
    found = []
    if EMAIL_RE.search(text) or PHONE_RE.search(text) or HANDLE_RE.search(text):
        found.append("contact details")
    if TITLE_RE.search(text) or NAME_RE.search(text):
        found.append("a name")
    if any(word in ABUSIVE_WORDS for word in WORD_RE.findall(text.lower())):
        found.append("abusive words")
    return found


def needs_moderation(text: str) -> bool:
    return bool(reasons(text))


# Words in free text that make a report urgent even when no urgent worry was ticked (a pupil at
# risk of harming themselves may not find their worry in any list).
URGENT_PHRASES = (
    "kill myself",
    "hurt myself",
    "end my life",
    "suicide",
    "self harm",
    "self-harm",
    "cut myself",
    "hits me",
    "hit me",
    "beats me",
    "knife",
    "gun",
    "touched me",
    "touches me",
)


def mentions_urgent_harm(text: str) -> bool:
    lowered = " ".join((text or "").lower().split())
    return any(re.search(rf"\b{re.escape(phrase)}\b", lowered) for phrase in URGENT_PHRASES)
