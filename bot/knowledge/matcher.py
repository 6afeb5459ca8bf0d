"""One matcher for autocomplete, exact lookups and "did you mean" suggestions.

Every name is normalized the same way (accents, case, dashes and punctuation folded), so "Guillain–Barré",
"guillain barre" and "GBS" all meet. Ranking: exact name, then names starting with the query, then names with a
word starting with it, then fuzzy matches (rapidfuzz), best first.

Autocomplete asks on every keystroke, so what does not depend on the query is prepared once, the fuzzy scores come
from one rapidfuzz call, and rankings of queries that start one of our own names are kept (see `rank`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

MAX_CHOICES = 25
CHOICE_NAME_MAX = 100
_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Fuzzy scores (0-100): a suggestion must reach SUGGEST_SCORE; a typo is auto-resolved only when it reaches
# RESOLVE_SCORE and clearly beats every other entry, so a near-tie never silently picks the wrong card.
SUGGEST_SCORE = 60
RESOLVE_SCORE = 88
# "Did you mean" offers only close spellings: a worried person who typed "als" or "diabetes" must not be pointed at
# an unrelated card. Autocomplete, where people see the list as they type, may range wider (SUGGEST_SCORE).
DID_YOU_MEAN_SCORE = 75
DID_YOU_MEAN_WORD_SCORE = 80  # a query word this close to a word of a name ("gullian bare")
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
        self._exact: dict[str, int] = {}
        for norm, i in self._names:
            self._exact.setdefault(norm, i)
        # " name": a word of the name starts with a query that has no space exactly when " query" is in it.
        self._padded = [" " + norm for norm, _ in self._names]
        self._fuzzy = [(norm, i) for norm, i in self._names if len(norm) >= FUZZY_MIN_LENGTH]
        self._fuzzy_names = [norm for norm, _ in self._fuzzy]
        # Rankings by normalized query, only for queries that start one of our names: the cache then holds our own
        # text, never what people type (privacy), and cannot grow beyond the prefixes of the names.
        self._ranked: dict[str, tuple[int, ...]] = {}

    def exact(self, normalized: str) -> str | None:
        """The key whose name, alias or key is exactly this normalized text, or None."""
        index = self._exact.get(normalized)
        return None if index is None else self._entries[index].key

    def display(self, key: str) -> str:
        return next(e.display for e in self._entries if e.key == key)

    def rank(self, query: str, limit: int = MAX_CHOICES) -> list[Entry]:
        """Entries matching query, best first; an empty query lists everything in its natural order."""
        # Kept rankings are keyed by normalized text, which normalizing leaves as it is: look the query up as typed
        # first, since what people type into the box ("mu", "guil") usually is normalized already.
        ordered = self._ranked.get(query)
        if ordered is None:
            q = normalize(query)
            if not q:
                return list(self._entries[:limit])
            ordered = self._ranked.get(q)
            if ordered is None:
                ordered, starts_a_name = self._rank(q)
                if starts_a_name:
                    self._ranked[q] = ordered
        return [self._entries[i] for i in ordered[:limit]]

    def _rank(self, q: str) -> tuple[tuple[int, ...], bool]:
        """(every matching entry index, best first; whether q starts one of the names)."""
        best: dict[int, tuple[int, float]] = {}  # entry index -> (tier, -score); lower sorts first
        word_query = None if " " in q else " " + q
        starts_a_name = False
        for (norm, i), padded in zip(self._names, self._padded, strict=True):
            if norm.startswith(q):
                starts_a_name = True
                candidate = (0, -100.0) if norm == q else (1, -(100.0 - len(norm)))
            elif word_query is not None and word_query in padded:
                candidate = (2, -(100.0 - len(norm)))
            else:
                continue
            if i not in best or candidate < best[i]:
                best[i] = candidate
        if len(q) >= FUZZY_MIN_QUERY:
            # Names already matched above also get a fuzzy score here; it never beats their better tier.
            scored = process.extract(q, self._fuzzy_names, scorer=fuzz.WRatio, score_cutoff=SUGGEST_SCORE, limit=None)
            for _, score, position in scored:
                i = self._fuzzy[position][1]
                candidate = (3, -score)
                if i not in best or candidate < best[i]:
                    best[i] = candidate
        return tuple(sorted(best, key=lambda i: (*best[i], i))), starts_a_name

    def resolve(self, query: str) -> str | None:
        """The one key this query clearly names, or None."""
        if query in self._exact:  # already a normalized name, as autocomplete's values are: nothing to fold
            return self._entries[self._exact[query]].key
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
        """Keys worth offering as "did you mean": names starting with the query (or with a word starting with it),
        then close misspellings of a whole name; never a loose partial match."""
        q = normalize(query)
        if not q:
            return []
        ordered, _ = self._rank(q)
        close = (
            set(self._best_ratio(q, DID_YOU_MEAN_SCORE)) | self._close_words(q) if len(q) >= FUZZY_MIN_LENGTH else set()
        )
        word_query = " " + q
        keys = [
            self._entries[i].key
            for i in ordered
            if i in close or any(norm.startswith(q) or word_query in " " + norm for norm, j in self._names if j == i)
        ]
        return keys[:limit]

    def choices(self, query: str, limit: int = MAX_CHOICES) -> list[tuple[str, str]]:
        """(choice name, value) pairs for Discord autocomplete: at most 25, names within 1-100 characters."""
        return [(_clip(e.display), e.key) for e in self.rank(query, min(limit, MAX_CHOICES))]

    def _close_words(self, q: str) -> set[int]:
        """Entries with a name whose every word the query closely spells ("@everyone mulitple sklerosis" covers
        "multiple sclerosis"), or that closely spells every word of the query ("gullian bare"). A name only partly
        matched ("motor neurone disease" against "multifocal motor neuropathy") is not close."""
        words = q.split()
        if not any(len(w) >= FUZZY_MIN_LENGTH for w in words):
            return set()

        def close(a: str, b: str) -> bool:
            return a == b or (min(len(a), len(b)) >= FUZZY_MIN_LENGTH and fuzz.ratio(a, b) >= DID_YOU_MEAN_WORD_SCORE)

        found: set[int] = set()
        for norm, i in self._names:
            parts = norm.split()
            name_covered = all(any(close(p, w) for w in words) for p in parts)
            query_covered = all(any(close(w, p) for p in parts) for w in words)
            if name_covered or query_covered:
                found.add(i)
        return found

    def _best_ratio(self, q: str, cutoff: float = 0) -> dict[int, float]:
        best: dict[int, float] = {}
        scored = process.extract(q, self._fuzzy_names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        for _, score, position in scored:
            i = self._fuzzy[position][1]
            best[i] = max(best.get(i, 0.0), score)
        return best


def _clip(text: str) -> str:
    return text if len(text) <= CHOICE_NAME_MAX else text[: CHOICE_NAME_MAX - 1] + "…"
