"""GET /users/@me/guilds: the servers the bot is in, paged as Discord pages them (how an HTTP-only bot, with no
gateway session, learns which servers removed it)."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from local_discord import LocalDiscord

TOKEN = "user-guilds-token"


async def test_the_bots_servers_are_listed_in_id_order_and_paged(spec_path: Path) -> None:
    async with LocalDiscord(token=TOKEN, spec_path=spec_path, guild_count=5) as local:
        url = local.api_base_url + "/users/@me/guilds"
        headers = {"Authorization": f"Bot {TOKEN}"}
        async with aiohttp.ClientSession(headers=headers) as session:
            async with session.get(url) as response:
                everything = await response.json()
            async with session.get(url, params={"limit": "2", "after": everything[1]["id"]}) as response:
                page = await response.json()
            local.world.guilds.remove(local.world.guild("clinic"))
            async with session.get(url) as response:
                after_removal = await response.json()
        ids = [g["id"] for g in everything]
        assert len(ids) == 5 and ids == sorted(ids, key=int)
        assert [g["id"] for g in page] == ids[2:4]
        assert local.world.guild("study").id in [g["id"] for g in after_removal] and len(after_removal) == 4
        local.assert_no_violations()  # every answer matched the spec's MyGuildResponse
