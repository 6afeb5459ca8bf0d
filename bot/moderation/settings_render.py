"""The /settings reply: this server's preferences, in plain words."""

from __future__ import annotations

import discord

from bot.render.common import DISCLAIMER, INTERNATIONAL_EMERGENCY, NEUTRAL_COLOUR
from bot.storage.settings import GuildPrefs

BAD_NUMBER = (
    "That isn't an emergency number I know, so I haven't changed anything: a red-flag box must never tell someone "
    "to dial a wrong number. Use your country's emergency number as people dial it, for example `000`, `112`, "
    "`911` or `999 or 112` (up to three); or `default` for the international wording (911, 999 or 112)."
)
NOT_SAVED = (
    "I couldn't save that: the bot's database can't be written right now, so **nothing was changed**. Please try "
    "again in a minute; the bot's operator will find the reason in its log."
)
NOT_ADDED_HERE = (
    "I can't keep settings for this server: I'm installed to someone's account here, not added to the server, so I "
    "would never learn if the server removed me. A server admin can add me to the server to use `/settings`."
)
STORAGE_NOTE = (
    "Stored under a keyed hash of this server's ID, never the ID itself, and deleted when the bot leaves the server."
)


def settings_embed(prefs: GuildPrefs, *, changed: bool) -> discord.Embed:
    embed = discord.Embed(
        title="Settings saved for this server" if changed else "Settings for this server",
        colour=NEUTRAL_COLOUR,
        description="Change any of these with `/settings` and its options.",
    )
    embed.add_field(
        name="Lookups (/condition, /compare)",
        value="Private: only the person asking sees the answer, with a Share button."
        if prefs.private_lookups
        else "Public: answers are posted in the channel for everyone.",
        inline=False,
    )
    number = (
        f"`{prefs.emergency_number}`"
        if prefs.emergency_number
        else f"the international wording: {INTERNATIONAL_EMERGENCY}"
    )
    embed.add_field(name="Emergency number in red-flag boxes", value=number, inline=False)
    embed.add_field(
        name="Anonymous usage counting",
        value="On: uses add to the anonymous daily counters (see /privacy)."
        if prefs.count_usage
        else "Off: nothing used in this server is counted.",
        inline=False,
    )
    embed.set_footer(text=f"{STORAGE_NOTE} {DISCLAIMER}")
    return embed
