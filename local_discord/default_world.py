"""The default world: the bot's three audiences, a study group, a patient-support server and a French-speaking
clinic, each with an owner, a moderator (Manage Messages), an admin (Manage Server) and plain members, in several
locales. Tests refer to them by key ("study", "sam", "mo"...). More guilds on request (`guild_count`), for sharding:
"guild3", "guild4"... each a copy of the study group's membership with one channel."""

from __future__ import annotations

from local_discord.snowflakes import DISCORD_EPOCH_MS, SnowflakeFactory
from local_discord.world import EVERYONE_PERMISSIONS, Channel, Guild, Member, Perm, Role, User, World

# 2021-03-01 UTC, rounded down so that (ms - Discord's epoch) is a multiple of 840 = lcm(1..8).
GUILDS_CREATED_MS = DISCORD_EPOCH_MS + (1_614_556_800_000 - DISCORD_EPOCH_MS) // 840 * 840
AUDIENCE_GUILDS = 3  # study, support, clinic


def default_world(
    snowflakes: SnowflakeFactory, *, application_id: str | None = None, guild_count: int = AUDIENCE_GUILDS
) -> World:
    """Six people and `guild_count` guilds (at least the three audiences); tests refer to them by key ("study",
    "sam", "mo"..., "guild3" for the fourth guild). Guild i is on shard i % n for any n up to 8."""
    if guild_count < AUDIENCE_GUILDS:
        raise ValueError(f"the default world has at least {AUDIENCE_GUILDS} guilds")
    app_id = application_id or snowflakes.next()
    bot = User("bot", app_id, "Local Bot", None, bot=True)  # a bot's user id equals its application id
    people = [
        User("olivia", snowflakes.next(), "olivia", "Olivia (owner)", "en-US"),
        User("mo", snowflakes.next(), "mo", "Mo (moderator)", "en-GB"),
        User("ada", snowflakes.next(), "ada", "Ada (admin)", "en-US"),
        User("sam", snowflakes.next(), "sam", "Sam", "en-US"),
        User("lucia", snowflakes.next(), "lucia", "Lucía", "es-ES"),
        User("pierre", snowflakes.next(), "pierre", "Pierre", "fr"),
    ]
    users = {user.key: user for user in people}
    made: list[str] = []
    bot_role_permissions = EVERYONE_PERMISSIONS | Perm.MANAGE_MESSAGES

    def guild(key: str, name: str, locale: str, owner: str, channels: list[str], members: dict[str, str]) -> Guild:
        # Guilds made one millisecond apart at a fixed time: guild i is on shard i % n for any n up to 8.
        guild_id = snowflakes.at(GUILDS_CREATED_MS + len(made))
        made.append(guild_id)
        moderator = Role(snowflakes.next(), "Moderator", Perm.MANAGE_MESSAGES, 1)
        admin = Role(snowflakes.next(), "Server Admin", Perm.MANAGE_GUILD, 2)
        bot_role = Role(snowflakes.next(), "Local Bot", bot_role_permissions, 3)
        roles_by_name = {"moderator": [moderator], "admin": [admin], "member": []}
        return Guild(
            key=key,
            id=guild_id,
            name=name,
            locale=locale,
            owner=users[owner],
            # The @everyone role shares the guild's id, as on Discord.
            everyone=Role(guild_id, "@everyone", EVERYONE_PERMISSIONS),
            roles=[moderator, admin, bot_role],
            channels=[
                Channel(snowflakes.next(), channel, guild_id=guild_id, position=i) for i, channel in enumerate(channels)
            ],
            members=[Member(users[k], list(roles_by_name[r])) for k, r in members.items()] + [Member(bot, [bot_role])],
        )

    guilds = [
        guild(
            "study",
            "Neuro Study Group",
            "en-US",
            "olivia",
            ["general", "study-hall"],
            {"olivia": "member", "mo": "moderator", "ada": "admin", "sam": "member"},
        ),
        guild(
            "support",
            "Leg Weakness Support",
            "es-ES",
            "lucia",
            ["bienvenida", "preguntas"],
            {"lucia": "member", "mo": "moderator", "sam": "member", "pierre": "member"},
        ),
        guild(
            "clinic",
            "Clinique Neuro",
            "fr",
            "pierre",
            ["general"],
            {"pierre": "member", "ada": "admin", "lucia": "member"},
        ),
    ]
    study_members = {"olivia": "member", "mo": "moderator", "ada": "admin", "sam": "member"}
    guilds += [
        guild(f"guild{i}", f"Test Server {i}", "en-US", "olivia", ["general"], study_members)
        for i in range(AUDIENCE_GUILDS, guild_count)
    ]
    return World(bot=bot, application_id=app_id, users=users, guilds=guilds, bot_role_permissions=bot_role_permissions)
