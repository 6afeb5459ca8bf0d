"""The /about reply: version, how fresh and how reviewed the content is, the sources policy, where to report errors."""

from __future__ import annotations

from importlib import metadata

import discord

from bot.knowledge.base import KnowledgeBase
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR

DISTRIBUTION = "legweakness-bot"
WHAT = (
    "Sourced reference cards about immune-mediated conditions that can cause leg weakness, such as multiple "
    "sclerosis, Guillain-Barré syndrome and myasthenia gravis, to read privately, compare and share."
)
SOURCES_POLICY = (
    "Every card is written in our own words from authoritative sources, at least one of them the guideline or "
    "criteria that define the condition (others: NINDS/NIH, MedlinePlus, the NHS, national foundations and "
    "peer-reviewed reviews). Every statement names the sources that support it; sources are linked on the card, "
    "never copied."
)
DRAFTS_NOTE = (
    "A reviewed card was checked statement by statement against its cited sources by a second contributor; "
    "a draft was not yet, and says so."
)
REPORT = "Tell your server's moderators, or open an issue in the bot's source repository."


def installed_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown (not installed as a package)"


def about_embed(kb: KnowledgeBase, version: str, repository_url: str | None = None) -> discord.Embed:
    drafts = sum(c.is_draft for c in kb.conditions)
    reviewed = len(kb) - drafts
    embed = discord.Embed(title="About this bot", description=WHAT, colour=NEUTRAL_COLOUR)
    embed.add_field(name="Version", value=version, inline=True)
    if kb.last_reviewed is not None:  # a draft is never described as reviewed
        embed.add_field(name="Content last reviewed", value=kb.last_reviewed.isoformat(), inline=True)
    embed.add_field(
        name="Cards",
        value=f"{_count(len(kb), 'card')}: {reviewed} reviewed, {_count(drafts, 'draft')}. {DRAFTS_NOTE}",
        inline=False,
    )
    embed.add_field(name="Sources", value=SOURCES_POLICY, inline=False)
    report = f"{REPORT}\n{repository_url}" if repository_url else REPORT
    embed.add_field(name="Found a mistake in a card?", value=report, inline=False)
    embed.set_footer(text=DISCLAIMER)
    return embed


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
