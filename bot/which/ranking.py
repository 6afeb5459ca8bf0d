"""/which's ranking: which cards meet the choices (exactly, or because they vary), and the emergency signs the
cards share, shown above every result.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.matcher import normalize
from bot.knowledge.models import Condition, Statement
from bot.storage.recorder import Outcome
from bot.which.menus import Choices, Fit, Option


@dataclass(frozen=True)
class Match:
    condition: Condition
    matched: tuple[str, ...] = ()  # the card's own labels that met a choice exactly: "Reflexes: brisk"
    varies: tuple[str, ...] = ()  # features the card meets only because it says "varies": "Onset"
    missed: tuple[str, ...] = ()  # choices the card does not list (closest matches only)


@dataclass(frozen=True)
class Ranking:
    matches: tuple[Match, ...]  # cards meeting every choice, best first
    closest: tuple[Match, ...] = ()  # when no card meets every choice: those missing exactly one

    def top(self, n: int = 2) -> tuple[str, ...]:
        return tuple(m.condition.key for m in self.matches[:n])

    @property
    def outcome(self) -> Outcome:
        return Outcome.OK if self.matches else Outcome.UNKNOWN


def rank(conditions: Sequence[Condition], choices: Choices) -> Ranking:
    """Cards meeting every choice: exact matches first, then those that only "vary", then in card order."""
    findings: dict[str, list[Option]] = {}
    for option in choices.picked:
        findings.setdefault(option.finding, []).append(option)
    scored: list[tuple[int, int, int, Match]] = []
    for n, condition in enumerate(conditions):
        matched: list[str] = []
        varies: list[str] = []
        missed: list[str] = []
        for options in findings.values():
            fit, labels = min((o.fit(condition) for o in options), key=lambda f: f[0])
            if fit is Fit.EXACT:
                matched += labels
            elif fit is Fit.VARIES:
                varies += labels
            else:
                missed.append(" or ".join(o.text for o in options))
        match = Match(condition, tuple(matched), tuple(varies), tuple(missed))
        scored.append((len(missed), len(varies), n, match))
    scored.sort(key=lambda s: s[:3])
    full = tuple(m for misses, _, _, m in scored if misses == 0)
    if full:
        return Ranking(full)
    return Ranking((), tuple(m for misses, _, _, m in scored if misses == 1))


# The emergency signs the cards share

MAX_SHARED_SIGNS = 6


def shared_emergency_signs(conditions: Sequence[Condition], limit: int = MAX_SHARED_SIGNS) -> tuple[str, ...]:
    """Emergency red flags, word for word from the cards, that two or more cards give.

    A card gives a sign when one of its own emergency lines contains all of the sign's words ("Trouble breathing"
    is in "Shortness of breath or trouble breathing"). A sign whose words contain a more general shared sign's is
    left out, so the list stays short and general. Most widely shared first, then in card order.
    """
    lines = [
        (c.key, text, frozenset(normalize(text).split())) for c in conditions for text in _texts(c.red_flags.emergency)
    ]
    candidates: dict[frozenset[str], str] = {}
    for _, text, words in lines:
        candidates.setdefault(words, text)
    givers = {words: {key for key, _, other in lines if words <= other} for words in candidates if words}
    shared = {words: keys for words, keys in givers.items() if len(keys) >= 2}
    general = [
        words for words, keys in shared.items() if not any(other < words and shared[other] >= keys for other in shared)
    ]
    ordered = sorted(general, key=lambda words: -len(shared[words]))  # stable: card order breaks ties
    return tuple(candidates[words] for words in ordered[:limit])


@functools.lru_cache(maxsize=4)
def shared_signs_of(conditions: tuple[Condition, ...]) -> tuple[str, ...]:
    """shared_emergency_signs of a knowledge base's cards, worked out once: the cards never change while the bot
    runs, and every /which reply shows these signs."""
    return shared_emergency_signs(conditions)


def _texts(items: Sequence[Statement]) -> list[str]:
    return [item.text for item in items]
