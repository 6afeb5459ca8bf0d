"""A local Discord: an aiohttp server on loopback that real, unmodified Discord clients run against.

async with LocalDiscord(token="t", spec_path=SPEC) as discord_, discord_.run_bot(BareBot()):
    reply = await discord_.slash("hello")

Imports nothing from the bot; discord.py only in `local_discord.discord_py`, for its conveniences.
"""

from local_discord.default_world import default_world
from local_discord.errors import CommandUnavailable, HarnessError, InteractionFailed, ReplyTimeout, WaitTimeout
from local_discord.harness import LocalDiscord
from local_discord.messages import Message
from local_discord.replies import Reply
from local_discord.server import EmulatorServer
from local_discord.violations import Violation
from local_discord.world import Actor, World

__all__ = [
    "Actor",
    "CommandUnavailable",
    "EmulatorServer",
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
]
