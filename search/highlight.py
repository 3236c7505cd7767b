"""Marking the words a reader searched for, safely, in plain text.

Wagtail's database backend returns no highlights, so we mark matches ourselves. The
match is approximate English stemming to agree with the index: "roasted" marks
"Roast", "roasting" and "roasted"; "chickpea" marks "chickpeas".
"""

import re
from functools import lru_cache

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Words the full-text index ignores; marking every "and" would only add noise.
STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of"}
    | {"on", "or", "the", "to", "with", "without"}
)
SUFFIXES = ("ing", "es", "ed", "s", "y")
MIN_STEM_LENGTH = 3


def stem(word: str) -> str:
    """A crude English stem: enough to mark the forms PostgreSQL's stemmer matches."""
    word = word.lower()
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LENGTH:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=256)
def term_pattern(terms: str) -> re.Pattern | None:
    """A regex matching any word that starts with the stem of one of ``terms``."""
    stems = {stem(word) for word in terms.split() if word.lower() not in STOP_WORDS}
    stems.discard("")
    if not stems:
        return None
    # Longest first, so "chickpea" wins over "chick" at the same position.
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text: object, terms: str) -> SafeString:
    """``text`` HTML-escaped, with each word matching ``terms`` wrapped in ``<mark>``."""
    text = "" if text is None else str(text)
    pattern = term_pattern(terms or "")
    if pattern is None:
        return escape(text)
    parts, end = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[end : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group()))
        end = match.end()
    parts.append(escape(text[end:]))
    return mark_safe("".join(parts))  # every part is escaped above


def matches(text: str, terms: str) -> bool:
    pattern = term_pattern(terms or "")
    return bool(pattern and pattern.search(text or ""))
