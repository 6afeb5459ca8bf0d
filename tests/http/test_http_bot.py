"""Without gateway events, whether the bot was added to a server comes from the interaction itself."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.http.http_bot import HttpBot

GUILD, USER = "111", "222"
GUILD_INSTALL, USER_INSTALL = "0", "1"


def in_a_server(owners: dict[str, str]) -> dict[str, Any]:
    user = {"id": USER, "username": "sam", "discriminator": "0", "avatar": None, "global_name": None}
    return {
        "id": "1",
        "application_id": "2",
        "type": 2,
        "token": "t",
        "version": 1,
        "attachment_size_limit": 8_000_000,
        "guild_id": GUILD,
        "channel": {"id": "3", "type": 0, "guild_id": GUILD, "name": "general", "position": 0},
        "member": {"user": user, "roles": [], "flags": 0, "permissions": "0", "joined_at": None, "deaf": False},
        "authorizing_integration_owners": owners,
        "data": {"id": "4", "name": "settings", "type": 1},
    }


@pytest.mark.parametrize(
    ("owners", "added"),
    [
        ({GUILD_INSTALL: GUILD}, True),  # added to this server
        ({GUILD_INSTALL: GUILD, USER_INSTALL: USER}, True),  # and to the person's account
        ({USER_INSTALL: USER}, False),  # only installed to the person's account: used in a server it is not in
        ({GUILD_INSTALL: "999"}, False),
    ],
)
async def test_added_to_server_reads_the_interactions_authorizing_owners(owners, added: bool) -> None:
    client = discord.Client(intents=discord.Intents(guilds=True))
    async with client:  # as after login: the bot's own user is known
        me = {"id": "2", "username": "bot", "discriminator": "0", "avatar": None, "global_name": None, "bot": True}
        client._connection.user = discord.ClientUser(state=client._connection, data=me)  # type: ignore[arg-type]
        interaction = discord.Interaction(data=in_a_server(owners), state=client._connection)  # type: ignore[arg-type]
        assert HttpBot.added_to_server(client, interaction) is added  # type: ignore[arg-type]
