"""Who is who in the console's test server: permissions by the names Discord's own settings show, which member may
use a moderator command, and the member a `mention:` option names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import discord

from local_discord import LocalDiscord
from local_discord.world import Actor, Guild, Member, Perm

# discord.py's flag names where Discord's client words them differently.
_DISCORD_WORDING = {"manage_guild": "Manage Server", "manage_expressions": "Manage Expressions"}


def permission_names(bits: int) -> list[str]:
    """8224 -> ['Manage Server', 'Manage Messages']: what a server admin sees in Discord's role settings."""
    return [
        _DISCORD_WORDING.get(name, name.replace("_", " ").title().replace("Tts", "TTS"))
        for name, granted in discord.Permissions(bits)
        if granted
    ]


def required_permissions(definition: Mapping[str, Any]) -> int | None:
    """The permissions a command is offered with by default (None: everyone)."""
    value = definition.get("default_member_permissions")
    return None if value is None else int(value)


def may_use(guild: Guild, member: Member, needed: int) -> bool:
    """Whether Discord's client offers a command needing `needed` to this member ("0": administrators only)."""
    granted = guild.permissions(member)
    return granted == Perm.ALL if needed == 0 else granted & needed == needed


def members_who_may(guild: Guild, needed: int) -> list[str]:
    return [m.user.key for m in guild.members if not m.user.bot and may_use(guild, m, needed)]


def describe(actor: Actor) -> str:
    """'Moderator', 'server owner', 'member': what this person may do in the test server."""
    roles = [role.name for role in actor.member.roles] if actor.member else []
    if actor.guild is not None and actor.guild.owner is actor.user:
        roles.insert(0, "server owner")
    return ", ".join(roles) or "member"


def not_offered(local: LocalDiscord, member: str, command: str, definition: Mapping[str, Any]) -> str | None:
    """Why Discord's client would not offer this command to `member` here, in Discord's words; None: it would."""
    actor = local.actor(member=member)
    needed = required_permissions(definition)
    if actor.guild is None or actor.member is None or needed is None or may_use(actor.guild, actor.member, needed):
        return None
    wanted = " and ".join(permission_names(needed)) or "Administrator"
    others = [f"`as {key}`" for key in members_who_may(actor.guild, needed)]
    hint = f" Try {' or '.join(others)}." if others else ""
    you = f"{actor.user.key} ({describe(actor)})"
    return f"Discord offers /{command} only to members with {wanted}; you are {you}.{hint}"


def who_may_use(local: LocalDiscord, member: str, commands: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """'/card (Manage Messages): mo, olivia' for each command not everyone is offered: the banner's moderator line."""
    actor = local.actor(member=member)
    if actor.guild is None:
        return []
    lines = []
    for name, definition in sorted(commands.items()):
        needed = required_permissions(definition)
        if needed is not None:
            wanted = " and ".join(permission_names(needed)) or "Administrator"
            lines.append(f"/{name} ({wanted}): {', '.join(members_who_may(actor.guild, needed))}")
    return lines


def find_member(local: LocalDiscord, member: str, typed: str) -> str | None:
    """The key of the member `typed` names (`sam`, `@sam`, any case), in the test server `member` is in."""
    guild = local.actor(member=member).guild
    wanted = typed.strip().removeprefix("@").lower()
    people = [m.user for m in guild.members if not m.user.bot] if guild else []
    return next((u.key for u in people if wanted in {u.key.lower(), u.username.lower()}), None)


def mention_names(local: LocalDiscord) -> dict[str, str]:
    """Every id a mention can name (people, roles, channels) -> the name Discord's client shows for it."""
    world = local.world
    names = {user.id: user.username for user in world.users.values()} | {world.bot.id: world.bot.username}
    for guild in world.guilds:
        names |= {role.id: role.name.removeprefix("@") for role in [guild.everyone, *guild.roles]}
        names |= {channel.id: channel.name for channel in guild.channels}
    return names
