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
    "Every card is written in our own words from at least two authoritative sources (such as NINDS/NIH, "
    "MedlinePlus, the NHS, national patient foundations and peer-reviewed reviews). Sources are linked on the card, "
    "never copied, and nothing goes on a card that its sources do not support."
)
DRAFTS_NOTE = "A draft has not yet been checked against its sources by a second contributor, and says so."
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
    reviewed_on = kb.last_reviewed.isoformat() + ("" if reviewed else " (every card is still a draft)")
    embed.add_field(name="Content last reviewed", value=reviewed_on, inline=True)
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
