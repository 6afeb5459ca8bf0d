"""A local Discord: an aiohttp server the real, unmodified discord.py client runs against.

async with LocalDiscord(token="t", spec_path=SPEC) as discord_, discord_.run_bot(BareBot()):
    reply = await discord_.slash("hello")
"""

from bot.local_discord.connect import point_discord_py_at
from bot.local_discord.errors import CommandUnavailable, HarnessError, InteractionFailed, ReplyTimeout, WaitTimeout
from bot.local_discord.harness import LocalDiscord
from bot.local_discord.messages import Message
from bot.local_discord.replies import Reply
from bot.local_discord.violations import Violation
from bot.local_discord.world import Actor, World, default_world

__all__ = [
    "Actor",
    "CommandUnavailable",
    "HarnessError",
    "InteractionFailed",
    "LocalDiscord",
    "Message",
    "Reply",
    "ReplyTimeout",
    "Violation",
    "WaitTimeout",
    "World",
    "default_world",
    "point_discord_py_at",
]
