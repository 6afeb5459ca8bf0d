"""One matcher for autocomplete, exact lookups and "did you mean" suggestions.

Every name is normalized the same way (accents, case, dashes and punctuation folded), so "Guillain–Barré",
"guillain barre" and "GBS" all meet. Ranking: exact name, then names starting with the query, then names with a
word starting with it, then fuzzy matches (rapidfuzz), best first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

MAX_CHOICES = 25
CHOICE_NAME_MAX = 100
_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Fuzzy scores (0-100): a suggestion must reach SUGGEST_SCORE; a typo is auto-resolved only when it reaches
# RESOLVE_SCORE and clearly beats every other entry, so a near-tie never silently picks the wrong card.
SUGGEST_SCORE = 60
RESOLVE_SCORE = 88
RESOLVE_MARGIN = 8
# Fuzzy scores on very short strings are noise ("gullian bare" scores 60 against "mg" by partial matching):
# abbreviations are matched exactly or by prefix only.
FUZZY_MIN_LENGTH = 4
FUZZY_MIN_QUERY = 3


def normalize(text: str) -> str:
    """Fold case, accents, apostrophes, dashes and punctuation: 'Sjögren’s' -> 'sjogrens'."""
    decomposed = unicodedata.normalize("NFKD", text)
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _APOSTROPHES.sub("", no_marks.casefold())
    return _NON_WORD.sub(" ", folded).strip()


@dataclass(frozen=True)
class Entry:
    key: str
    display: str  # shown as the autocomplete choice name
    names: tuple[str, ...]  # every way to refer to it (key, name, aliases)


class Matcher:
    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries = tuple(entries)
        # (normalized name, entry index), in entry order so ties keep the natural order.
        self._names = [(normalize(n), i) for i, e in enumerate(self._entries) for n in e.names if normalize(n)]
        self._exact = {}
        for norm, i in self._names:
            self._exact.setdefault(norm, i)

    def display(self, key: str) -> str:
        return next(e.display for e in self._entries if e.key == key)

    def rank(self, query: str, limit: int = MAX_CHOICES) -> list[Entry]:
        """Entries matching query, best first; an empty query lists everything in its natural order."""
        q = normalize(query)
        if not q:
            return list(self._entries[:limit])
        best: dict[int, tuple[int, float]] = {}  # entry index -> (tier, -score); lower sorts first
        for norm, i in self._names:
            tier, score = _score(q, norm)
            if tier is None:
                continue
            candidate = (tier, -score)
            if i not in best or candidate < best[i]:
                best[i] = candidate
        ordered = sorted(best, key=lambda i: (*best[i], i))
        return [self._entries[i] for i in ordered[:limit]]

    def resolve(self, query: str) -> str | None:
        """The one key this query clearly names, or None."""
        q = normalize(query)
        if not q:
            return None
        if q in self._exact:
            return self._entries[self._exact[q]].key
        prefixed = {i for norm, i in self._names if norm.startswith(q)}
        if len(prefixed) == 1:
            return self._entries[prefixed.pop()].key
        if prefixed:
            return None  # ambiguous prefix: let the user choose from the suggestions
        scores = sorted(self._best_ratio(q).items(), key=lambda kv: -kv[1])
        if scores and scores[0][1] >= RESOLVE_SCORE:
            runner_up = scores[1][1] if len(scores) > 1 else 0.0
            if scores[0][1] - runner_up >= RESOLVE_MARGIN:
                return self._entries[scores[0][0]].key
        return None

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Keys worth offering as "did you mean"."""
        return [e.key for e in self.rank(query, limit)] if normalize(query) else []

    def choices(self, query: str, limit: int = MAX_CHOICES) -> list[tuple[str, str]]:
        """(choice name, value) pairs for Discord autocomplete: at most 25, names within 1-100 characters."""
        return [(_clip(e.display), e.key) for e in self.rank(query, min(limit, MAX_CHOICES))]

    def _best_ratio(self, q: str) -> dict[int, float]:
        best: dict[int, float] = {}
        for norm, i in self._names:
            if len(norm) >= FUZZY_MIN_LENGTH:
                best[i] = max(best.get(i, 0.0), fuzz.ratio(q, norm))
        return best


def _score(q: str, name: str) -> tuple[int | None, float]:
    if name == q:
        return 0, 100.0
    if name.startswith(q):
        return 1, 100.0 - len(name)
    if any(word.startswith(q) for word in name.split()):
        return 2, 100.0 - len(name)
    if len(name) < FUZZY_MIN_LENGTH or len(q) < FUZZY_MIN_QUERY:
        return None, 0.0
    score = fuzz.WRatio(q, name)
    return (3, score) if score >= SUGGEST_SCORE else (None, 0.0)


def _clip(text: str) -> str:
    return text if len(text) <= CHOICE_NAME_MAX else text[: CHOICE_NAME_MAX - 1] + "…"
