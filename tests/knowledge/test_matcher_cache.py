"""The matcher keeps rankings of name prefixes: answers never change, and typed text is never kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import condition_matcher
from bot.knowledge.matcher import Matcher, normalize

TYPED = ["m", "Mu", "MULT", "guil", "Guillain–Barré", "GBS", "lupus", "sjögren", "myasth", "gullian bare", "xyz"]


def answers(matcher: Matcher, typed: str) -> tuple:
    return [e.key for e in matcher.rank(typed, 1000)], matcher.choices(typed), matcher.suggest(typed)


def every_prefix(kb: KnowledgeBase) -> list[str]:
    names = {normalize(n) for c in kb.conditions for n in (c.key, c.name, *c.aliases)}
    return sorted({name[:end] for name in names for end in range(1, len(name) + 1)})


def test_kept_rankings_are_what_a_fresh_matcher_answers(kb: KnowledgeBase) -> None:
    warm = condition_matcher(kb)
    for typed in every_prefix(kb):
        first = answers(warm, typed)
        assert answers(warm, typed) == first == answers(condition_matcher(kb), typed)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=40), st.sampled_from(TYPED)), min_size=1, max_size=8))
def test_after_any_keystrokes_answers_are_unchanged_and_only_our_own_prefixes_are_kept(
    kb: KnowledgeBase, typed: list[str]
) -> None:
    warm = condition_matcher(kb)
    for text in typed:
        answers(warm, text)
    for text in typed:
        assert answers(warm, text) == answers(condition_matcher(kb), text)
    prefixes = set(every_prefix(kb))
    assert set(warm._ranked) <= prefixes  # whatever was typed, the matcher holds only our own text
