"""Login and discovery: the bot user, its application, and where the gateway is (GET /gateway, /gateway/bot).

GET /gateway and /gateway/bot name the local gateway, so a client of any library that asks Discord where to connect
(most do, or do when sharded) finds the local one without being told.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from aiohttp import web

from local_discord.http_json import json_response
from local_discord.urls import API_PREFIX, gateway_url

if TYPE_CHECKING:
    from local_discord.rest import Rest
    from local_discord.state import EmulatorState

GUILDS_PER_SHARD = 2500  # Discord's documented maximum; GET /gateway/bot recommends enough shards for it


class AppApi:
    def __init__(self, state: EmulatorState, rest: Rest) -> None:
        self.state = state
        self.rest = rest

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(API_PREFIX + "/users/@me", self.current_user),
            web.get(API_PREFIX + "/users/@me/guilds", self.current_user_guilds),
            web.get(API_PREFIX + "/oauth2/applications/@me", self.current_application),
            web.get(API_PREFIX + "/applications/@me", self.current_application),
            web.get(API_PREFIX + "/gateway", self.gateway),
            web.get(API_PREFIX + "/gateway/bot", self.gateway_bot),
        ]

    async def current_user(self, request: web.Request) -> web.Response:
        self.rest.require_bot(request)
        extra = {"verified": True, "mfa_enabled": False, "email": None, "locale": "en-US"}
        return json_response(self.state.world.bot.payload() | extra)

    async def current_user_guilds(self, request: web.Request) -> web.Response:
        """The servers the bot is in, by id, paged with `after`/`before` and `limit` (at most 200), as Discord does:
        how a bot without a gateway session learns which servers it was removed from."""
        self.rest.require_bot(request)
        world, query = self.state.world, request.query
        guilds = sorted((g for g in world.guilds if g.member(world.bot) is not None), key=lambda g: int(g.id))
        if query.get("after", "").isdigit():
            guilds = [g for g in guilds if int(g.id) > int(query["after"])]
        if query.get("before", "").isdigit():
            guilds = [g for g in guilds if int(g.id) < int(query["before"])]
        limit = min(200, max(1, int(query["limit"]))) if query.get("limit", "").isdigit() else 200
        page = guilds[-limit:] if query.get("before") else guilds[:limit]
        return json_response(
            [
                {
                    "id": g.id,
                    "name": g.name,
                    "icon": None,
                    "banner": None,
                    "owner": g.owner is world.bot,
                    "permissions": str(world.bot_permissions(g)),
                    "features": [],
                }
                for g in page
            ]
        )

    async def current_application(self, request: web.Request) -> web.Response:
        self.rest.require_bot(request)
        return json_response(self.state.world.application_payload())

    async def gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": gateway_url(self.state.base_url)})

    async def gateway_bot(self, request: web.Request) -> web.Response:
        self.rest.require_bot(request)
        shards = self.state.recommended_shards or max(1, math.ceil(len(self.state.world.guilds) / GUILDS_PER_SHARD))
        limit = self.state.session_starts.payload()
        return json_response({"url": gateway_url(self.state.base_url), "shards": shards, "session_start_limit": limit})
