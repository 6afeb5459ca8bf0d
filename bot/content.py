"""Load the content the bot serves: valid and sendable, or not at all."""

from __future__ import annotations

from pathlib import Path

from bot.cards.fit import render_problems
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import ContentError, load_knowledge
from bot.knowledge.translations import LANGUAGES, State, fingerprint, state_of
from bot.paths import content_dir


def load_content(data_dir: Path | None = None, *, comparisons: bool = False) -> KnowledgeBase:
    """The knowledge base, after every schema, cross-file and Discord-limit check; ContentError otherwise."""
    kb = load_knowledge(data_dir or content_dir())
    problems = render_problems(kb, comparisons=comparisons)
    if problems:
        raise ContentError(problems)
    return kb


def translation_status(kb: KnowledgeBase) -> list[str]:
    """One line per content language (how many cards are translated, reviewed, stale), then each stale file: the
    English changed since it was translated, so replies show the English until the translation is brought up to date
    and its `translated_from` set to the new fingerprint (`python -m bot fingerprint KEY`)."""
    lines, stale = [], []
    for language in LANGUAGES:
        states = [
            (key, state_of(translation, kb.by_key[key]))
            for (lang, key), translation in sorted(kb.translations.items())
            if lang == language
        ]
        counted = {state: sum(1 for _, s in states if s is state) for state in State}
        lines.append(
            f"{language}: {len(states)} card(s) translated: {counted[State.CURRENT]} reviewed and current, "
            f"{counted[State.DRAFT]} draft(s), {counted[State.STALE]} stale."
        )
        stale += [
            f"STALE: data/{language}/conditions/{key}.yaml was translated from an older English version "
            f"(now {fingerprint(kb.by_key[key])}); replies show the English card until it is updated."
            for key, state in states
            if state is State.STALE
        ]
    return lines + stale
