"""What to answer, decided without Discord: the cogs read the interaction, call these, and send the result.

A reply never repeats what the user typed: unknown names are answered with suggestions from the knowledge base,
so user text can never ping anyone or render as markdown.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import discord

from bot.cards.cache import RenderCache
from bot.cards.compare import compare_embeds
from bot.cards.not_covered import not_covered_message
from bot.cards.reader import card_for
from bot.cards.render import card_embeds
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.knowledge.lookup import choice_label
from bot.knowledge.matcher import Matcher
from bot.knowledge.other_causes import OtherCause, other_causes_matcher
from bot.knowledge.translations import language_of
from bot.render.common import did_you_mean
from bot.storage.recorder import Outcome

SHARE_PREFIX = "share"
SHARE_TEMPLATE = re.compile(r"^share:(?P<keys>[a-z0-9-]{1,32}(?:,[a-z0-9-]{1,32}){0,2}):(?P<section>[a-z_]{1,16}|-)$")
SECTION_PREFIX = "sec"
SECTION_TEMPLATE = re.compile(r"^sec:(?P<key>[a-z0-9-]{1,32}):(?P<section>[a-z_]{1,16})$")
HINT = "Start typing a name and pick from the list, or try an abbreviation such as `ms` or `gbs`."
STALE_BUTTON = "That button is out of date: the card it pointed to no longer exists. Try the command again."


@dataclass(frozen=True)
class Reply:
    outcome: Outcome
    cards: tuple[str | None, ...] = ()
    embeds: list[discord.Embed] = field(default_factory=list)
    content: str | None = None
    share_id: str | None = None  # custom_id of the "Share here" button, for shareable cards
    card: str | None = None  # the one card shown, whose other sections get buttons
    section: Section | None = None  # the section shown (None: the whole card)
    notice: str | None = None  # one line on the card's language, for a reader who is not reading English


def condition_reply(
    kb: KnowledgeBase,
    matcher: Matcher,
    name: str,
    section: Section | None,
    *,
    emergency_number: str | None = None,
    cache: RenderCache | None = None,
    locale: str | None = None,
) -> Reply:
    """The card for a typed name, for a reader in `locale`; `cache` (of this kb) saves rendering a card it has
    rendered before."""
    key = matcher.resolve(name)
    if key is None:
        return Reply(Outcome.UNKNOWN, (None,), content=_unknown_message(kb, matcher, [name], emergency_number))
    embeds, notice = _card(kb, key, section, emergency_number, locale, cache)
    share_id = share_custom_id([key], section)
    return Reply(Outcome.OK, (key,), embeds=embeds, share_id=share_id, card=key, section=section, notice=notice)


def _card(
    kb: KnowledgeBase,
    key: str,
    section: Section | None,
    emergency_number: str | None,
    locale: str | None,
    cache: RenderCache | None,
) -> tuple[list[discord.Embed], str | None]:
    """A card's embeds for a reader in `locale` (translated only when reviewed and current), and its notice."""
    card, notice = card_for(kb, key, locale)
    language = language_of(locale) if card is not kb.by_key[key] else None
    if cache is not None and cache.kb is kb:
        return cache.card(key, section, emergency_number, language), notice
    return card_embeds(card, kb, section, emergency_number=emergency_number), notice


def compare_reply(
    kb: KnowledgeBase, matcher: Matcher, names: Sequence[str], *, cache: RenderCache | None = None
) -> Reply:
    resolved = [matcher.resolve(n) for n in names]
    unknown = [n for n, k in zip(names, resolved, strict=True) if k is None]
    if unknown:
        return Reply(Outcome.UNKNOWN, tuple(resolved), content=_unknown_message(kb, matcher, unknown))
    keys = [k for k in resolved if k is not None]
    if len(set(keys)) < len(keys):
        repeated = choice_label(kb.by_key[next(k for k in keys if keys.count(k) > 1)])
        return Reply(
            Outcome.INVALID,
            tuple(keys),
            content=(
                f"You picked **{repeated}** more than once, so there is nothing to compare. "
                "Choose two or three different conditions, for example `/compare gbs ms`. "
                f"To see one condition on its own, use `/condition {kb.by_key[keys[0]].key}`."
            ),
        )
    if cache is not None and cache.kb is kb:
        embeds = cache.comparison(keys)
    else:
        embeds = compare_embeds([kb.by_key[k] for k in keys])
    return Reply(Outcome.OK, tuple(keys), embeds=embeds, share_id=share_custom_id(keys, None))


def not_covered(kb: KnowledgeBase, name: str) -> OtherCause | None:
    """The cause the bot recognises but does not cover that this name clearly means, if any."""
    key = _other_causes(kb.other_causes).resolve(name)
    return next((c for c in kb.other_causes if c.key == key), None) if key else None


@functools.cache
def _other_causes(causes: tuple[OtherCause, ...]) -> Matcher:
    return other_causes_matcher(causes)


def share_reply(
    kb: KnowledgeBase, custom_id: str, *, emergency_number: str | None = None, locale: str | None = None
) -> Reply:
    """The public version of a card or comparison, rebuilt from the button's custom_id alone, for the server's
    `locale`."""
    parsed = parse_share_id(custom_id)
    if parsed is None or any(k not in kb.by_key for k in parsed[0]):
        return Reply(Outcome.UNKNOWN, (None,), content=STALE_BUTTON)
    keys, section = parsed
    if len(keys) == 1:
        embeds, notice = _card(kb, keys[0], section, emergency_number, locale, None)
        return Reply(Outcome.OK, keys, embeds=embeds, card=keys[0], section=section, notice=notice)
    return Reply(Outcome.OK, keys, embeds=compare_embeds([kb.by_key[k] for k in keys]))


def section_reply(
    kb: KnowledgeBase,
    custom_id: str,
    *,
    emergency_number: str | None = None,
    cache: RenderCache | None = None,
    locale: str | None = None,
) -> Reply:
    """One section of a card, from a section button's custom_id alone, for the member's `locale`."""
    match = SECTION_TEMPLATE.match(custom_id)
    if not match or match["key"] not in kb.by_key or match["section"] not in Section._value2member_map_:
        return Reply(Outcome.UNKNOWN, (None,), content=STALE_BUTTON)
    key, section = match["key"], Section(match["section"])
    embeds, notice = _card(kb, key, section, emergency_number, locale, cache)
    share_id = share_custom_id([key], section)
    return Reply(Outcome.OK, (key,), embeds=embeds, share_id=share_id, card=key, section=section, notice=notice)


def section_custom_id(key: str, section: Section) -> str:
    return f"{SECTION_PREFIX}:{key}:{section.value}"


def share_custom_id(keys: Sequence[str], section: Section | None) -> str:
    return f"{SHARE_PREFIX}:{','.join(keys)}:{section.value if section else '-'}"


def parse_share_id(custom_id: str) -> tuple[tuple[str, ...], Section | None] | None:
    match = SHARE_TEMPLATE.match(custom_id)
    if not match:
        return None
    keys = tuple(match["keys"].split(","))
    raw_section = match["section"]
    if raw_section == "-":
        return keys, None
    if raw_section not in Section._value2member_map_ or len(keys) != 1:
        return None
    return keys, Section(raw_section)


def _unknown_message(
    kb: KnowledgeBase, matcher: Matcher, names: Sequence[str], emergency_number: str | None = None
) -> str:
    """Suggestions from our own names; for a cause the bot does not cover, say so rather than suggest a card."""
    for name in names:
        other = not_covered(kb, name)
        if other is not None:
            return not_covered_message(other, emergency_number)
    suggestions: list[str] = []
    for name in names:
        for key in matcher.suggest(name, 3):
            if key not in suggestions:
                suggestions.append(key)
    count = "a name you typed" if len(names) == 1 else f"{len(names)} of the names you typed"
    offered = [f"{choice_label(kb.by_key[k])}: `/condition {k}`" for k in suggestions[:3]]
    return did_you_mean(f"I don't have a card matching {count}.", offered, HINT)
