"""The local Discord server: REST under /api/v10 and the gateway websocket, on 127.0.0.1 only."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Self

from aiohttp import web, web_app

from local_discord.app_api import AppApi
from local_discord.channel_api import ChannelApi
from local_discord.command_api import CommandApi
from local_discord.default_world import AUDIENCE_GUILDS, default_world
from local_discord.faults import Faults
from local_discord.gateway import GUILDS_PER_SHARD, HEARTBEAT_GRACE, Gateway
from local_discord.interaction_api import InteractionApi
from local_discord.interactions_endpoint import InteractionsEndpoints
from local_discord.output_check import OutputCheck
from local_discord.ratelimits import RateLimiter
from local_discord.rest import Rest
from local_discord.session_starts import IDENTIFY_INTERVAL, MAX_CONCURRENCY
from local_discord.signing import InteractionSigner
from local_discord.snowflakes import SnowflakeFactory
from local_discord.spec_check import SpecChecker
from local_discord.state import RESPONSE_WINDOW, TOKEN_LIFETIME, EmulatorState
from local_discord.urls import GATEWAY_PATH, HOST, api_base_url, gateway_url
from local_discord.world import World

HEARTBEAT_INTERVAL = 41.25  # seconds, Discord's usual value


def _forget_cached_handlers() -> None:
    """aiohttp (3.10.6 on) keeps every app's middleware-wrapped handlers in a module-wide cache of 1024 entries,
    keyed by the handler and the app: a closed server's routes, and with them its whole state (spec validators,
    messages, replies), would stay alive for hundreds of servers more. Over a test session that made the heap so
    big that a full garbage collection took seconds, long enough to miss an interaction's 3-second window. The
    cache is rebuilt on the next request; clearing it costs servers still running nothing but that."""
    cached = getattr(web_app, "_cached_build_middleware", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


class EmulatorServer:
    """Discord's side of the conversation: the state, the REST routes and the gateway, served on loopback.

    See `LocalDiscord` for the test-facing API that drives it the way a person uses Discord.
    """

    def __init__(
        self,
        *,
        token: str,
        spec_path: str | Path | None = None,
        application_id: str | None = None,
        world: World | None = None,
        guild_count: int = AUDIENCE_GUILDS,
        port: int = 0,
        response_window: float = RESPONSE_WINDOW,
        token_lifetime: float = TOKEN_LIFETIME,
        heartbeat_interval: float = HEARTBEAT_INTERVAL,
        heartbeat_grace: float = HEARTBEAT_GRACE,
        guilds_per_shard: int = GUILDS_PER_SHARD,
        recommended_shards: int | None = None,
        max_concurrency: int = MAX_CONCURRENCY,
        identify_interval: float = IDENTIFY_INTERVAL,
        rate_limits: bool = True,
        check_output: bool = True,
    ) -> None:
        """`rate_limits=False` turns REST rate limiting (and its headers) off, for benchmarks. `check_output`
        checks every answer and gateway frame against the spec (when it is loaded), recording what fails in
        `state.output_issues`. `guild_count` grows the default world (guild i on shard i % n);
        `recommended_shards` is GET /gateway/bot's `shards` (default: enough for 2500 guilds a shard);
        `max_concurrency` and `identify_interval` are the identify buckets' (`state.session_starts` has the rest)."""
        self._port = port
        self._token = token  # the bot token this Discord accepts; never logged
        snowflakes = SnowflakeFactory()
        self.state = EmulatorState(
            token=token,
            world=world or default_world(snowflakes, application_id=application_id, guild_count=guild_count),
            snowflakes=snowflakes,
            response_window=response_window,
            token_lifetime=token_lifetime,
        )
        self.state.recommended_shards = recommended_shards
        self.state.session_starts.configure(max_concurrency=max_concurrency, identify_interval=identify_interval)
        self.spec = SpecChecker(spec_path)
        # Without the spec there is nothing to check against: skip even computing shapes.
        checking = check_output and self.spec.available
        self.output_check = OutputCheck(self.spec, self.state.output_issues) if checking else None
        self.gateway = Gateway(
            self.state,
            heartbeat_interval=heartbeat_interval,
            heartbeat_grace=heartbeat_grace,
            guilds_per_shard=guilds_per_shard,
            check_frame=self.output_check.frame if self.output_check is not None else None,
        )
        self.faults = Faults(self.gateway)
        self.signer = InteractionSigner()
        self.state.world.verify_key = self.signer.public_key
        self.endpoints = InteractionsEndpoints(self.state, self.spec, self.signer, self.output_check)
        self.limiter = RateLimiter(enabled=rate_limits)
        self._runner: web.AppRunner | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.api_base_url if self._runner else 'not started'}>"

    async def start(self) -> None:
        self.spec.available  # noqa: B018 - load (or report the missing spec) now, not mid-test
        rest = Rest(self.state, self.spec, self.faults, self.limiter, self.output_check)
        app = web.Application(middlewares=[rest.middleware])
        for api in (AppApi, CommandApi, InteractionApi, ChannelApi):
            app.add_routes(api(self.state, rest).routes())
        app.add_routes([web.get(GATEWAY_PATH, self.gateway.handle)])
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, HOST, self._port)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self.state.base_url = f"http://{HOST}:{self._port}"

    async def close(self) -> None:
        await self.endpoints.close()
        if self._runner is not None:
            await self.gateway.close()
            await self._runner.cleanup()
            self._runner = None
            _forget_cached_handlers()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    @property
    def port(self) -> int:
        return self._port

    def issued_identifiers(self) -> set[str]:
        """Every identifier this Discord handed out, and the bot token (see EmulatorState)."""
        return self.state.issued_identifiers()

    @property
    def api_base_url(self) -> str:
        return api_base_url(self.state.base_url)

    @property
    def gateway_url(self) -> str:
        return gateway_url(self.state.base_url)

    @property
    def public_key(self) -> str:
        """The application's public key in hex (the bot's DISCORD_PUBLIC_KEY), which signs HTTP interactions."""
        return self.signer.public_key
