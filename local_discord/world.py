"""The people and places of the local Discord: guilds, channels, roles, members, DMs, and the bot's application,
with the payloads Discord sends for each. The world tests start with is in default_world.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from local_discord import intents
from local_discord.kinds import ChannelType
from local_discord.snowflakes import SnowflakeFactory


class Perm:
    """Permission bits (Discord's documented values)."""

    ADMINISTRATOR = 1 << 3
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    USE_EXTERNAL_EMOJIS = 1 << 18
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38
    ALL = (1 << 51) - 1


EVERYONE_PERMISSIONS = (
    Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.ADD_REACTIONS
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.SEND_MESSAGES_IN_THREADS
)
TEXT_CHANNEL = ChannelType.GUILD_TEXT
DM_CHANNEL = ChannelType.DM


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(eq=False)
class User:
    key: str  # short handle used in tests: "sam", "mo"...
    id: str
    username: str
    global_name: str | None = None
    locale: str = "en-US"
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "collectibles": None,
            "primary_guild": None,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass(eq=False)
class Role:
    id: str
    name: str
    permissions: int
    position: int = 0

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }


@dataclass(eq=False)
class Channel:
    id: str
    name: str
    type: int = TEXT_CHANNEL
    guild_id: str | None = None
    position: int = 0
    recipient: User | None = None  # DMs only

    def payload(self) -> dict[str, Any]:
        if self.type == DM_CHANNEL:
            assert self.recipient is not None
            return {
                "id": self.id,
                "type": DM_CHANNEL,
                "last_message_id": None,
                "flags": 0,
                "recipients": [self.recipient.payload()],
            }
        return {
            "id": self.id,
            "type": self.type,
            "guild_id": self.guild_id,
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "topic": None,
            "nsfw": False,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "flags": 0,
        }


@dataclass(eq=False)
class Member:
    user: User
    roles: list[Role] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=now_iso)

    def payload(self, *, with_user: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "roles": [role.id for role in self.roles],
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        return data


@dataclass(eq=False)
class Guild:
    key: str
    id: str
    name: str
    locale: str
    owner: User
    everyone: Role
    roles: list[Role] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)

    def member(self, user: User) -> Member | None:
        return next((m for m in self.members if m.user is user), None)

    def channel(self, name: str) -> Channel:
        for channel in self.channels:
            if name in (channel.name, channel.id):
                return channel
        raise KeyError(f"guild {self.key!r} has no channel {name!r}: {[c.name for c in self.channels]}")

    def role(self, name: str) -> Role:
        for role in [self.everyone, *self.roles]:
            if name in (role.name, role.id):
                return role
        raise KeyError(f"guild {self.key!r} has no role {name!r}")

    def permissions(self, member: Member) -> int:
        """Guild-level permissions, as Discord puts them in an interaction's member.permissions."""
        if member.user is self.owner:
            return Perm.ALL
        value = self.everyone.permissions
        for role in member.roles:
            value |= role.permissions
        return Perm.ALL if value & Perm.ADMINISTRATOR else value

    def create_payload(self, bot: User) -> dict[str, Any]:
        """The GUILD_CREATE dispatch for this guild, as the bot joined it."""
        joined = self.member(bot)
        return {
            "id": self.id,
            "name": self.name,
            "icon": None,
            "banner": None,
            "home_header": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": self.owner.id,
            "application_id": None,  # the guild was not created by an application
            "region": "deprecated",  # as Discord still sends it
            "widget_enabled": False,
            "widget_channel_id": None,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [role.payload() for role in [self.everyone, *self.roles]],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_id": self.channels[0].id if self.channels else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "preferred_locale": self.locale,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "description": None,
            "vanity_url_code": None,
            "max_members": 500000,
            "max_presences": None,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "nsfw": False,
            "incidents_data": None,
            "joined_at": joined.joined_at if joined is not None else now_iso(),
            "large": False,
            "unavailable": False,
            # Equal to the members sent, so discord.py treats the guild as fully chunked.
            "member_count": len(self.members),
            "members": [member.payload() for member in self.members],
            "channels": [channel.payload() for channel in self.channels],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


@dataclass(frozen=True)
class Actor:
    """Who does something, and where: a user in a guild channel, or in a DM with the bot."""

    user: User
    channel: Channel
    guild: Guild | None = None
    locale: str | None = None  # None: the user's own locale

    @property
    def member(self) -> Member | None:
        return self.guild.member(self.user) if self.guild else None

    @property
    def effective_locale(self) -> str:
        return self.locale or self.user.locale


@dataclass(eq=False)
class World:
    bot: User
    application_id: str
    users: dict[str, User]
    guilds: list[Guild]
    bot_role_permissions: int
    dm_channels: dict[str, Channel] = field(default_factory=dict)
    default_user_key: str = "sam"
    # Privileged intents switched on for the app in the Developer Portal (none: the default for a new app).
    privileged_intents: int = 0
    verify_key: str = "0" * 64  # the app's public key (hex), which signs HTTP interactions
    interactions_endpoint_url: str | None = None  # set: interactions are POSTed there

    def application_payload(self) -> dict[str, Any]:
        """GET /oauth2/applications/@me: the bot's own application, as its owner's token sees it."""
        return {
            "id": self.application_id,
            "name": self.bot.username,
            "icon": None,
            "description": "A bot running against the local Discord emulator.",
            "summary": "",
            "type": None,
            "bot": self.bot.payload(),
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.guilds[0].owner.payload(),
            "team": None,
            "verify_key": self.verify_key,
            "flags": self.privileged_intent_flags(),
            "flags_new": str(self.privileged_intent_flags()),
            "tags": [],
            "redirect_uris": [],
            "interactions_endpoint_url": self.interactions_endpoint_url,
            "role_connections_verification_url": None,
            "event_webhooks_url": None,
            "event_webhooks_status": 1,
            "approximate_guild_count": len(self.guilds),
            "approximate_user_install_count": 0,
            "approximate_user_authorization_count": 0,
            "explicit_content_filter": 0,
            "eligible_oauth2_scopes": ["applications.commands", "bot"],
            "integration_types_config": {"0": {}, "1": {}},
            "install_params": {"scopes": ["applications.commands", "bot"], "permissions": "0"},
            "rpc_origins": [],
        }

    def privileged_intent_flags(self) -> int:
        """Application flags for the privileged intents enabled (GATEWAY_*_LIMITED: an unverified app's)."""
        flags = 0
        for intent, flag in intents.PRIVILEGED_INTENT_FLAGS.items():
            if self.privileged_intents & intent:
                flags |= flag
        return flags

    def user(self, who: str | User | Member) -> User:
        if isinstance(who, User):
            return who
        if isinstance(who, Member):
            return who.user
        try:
            return self.users[who]
        except KeyError:
            raise KeyError(f"no user {who!r}; known: {sorted(self.users)}") from None

    def guild(self, which: str | Guild) -> Guild:
        if isinstance(which, Guild):
            return which
        for guild in self.guilds:
            if which in (guild.key, guild.id, guild.name):
                return guild
        raise KeyError(f"no guild {which!r}; known: {[g.key for g in self.guilds]}")

    def dm_channel(self, user: User, snowflakes: SnowflakeFactory) -> Channel:
        if user.key not in self.dm_channels:
            self.dm_channels[user.key] = Channel(snowflakes.next(), "", DM_CHANNEL, recipient=user)
        return self.dm_channels[user.key]

    def channel(self, channel_id: str) -> Channel | None:
        for guild in self.guilds:
            for channel in guild.channels:
                if channel.id == channel_id:
                    return channel
        return next((c for c in self.dm_channels.values() if c.id == channel_id), None)

    def guild_of(self, channel: Channel) -> Guild | None:
        return next((g for g in self.guilds if g.id == channel.guild_id), None)

    def bot_permissions(self, guild: Guild | None) -> int:
        if guild is None:
            return EVERYONE_PERMISSIONS
        return guild.everyone.permissions | self.bot_role_permissions
