"""Conveniences for bots written with discord.py. The only module of the package that imports discord.py.

Any other library finds the local Discord through its own options (a REST base URL, a gateway URL) or through
GET /gateway and /gateway/bot, which name the local gateway: see the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import discord.gateway
import discord.http
import yarl


def point_discord_py_at(api_base_url: str, gateway_url: str) -> None:
    """Send discord.py's REST calls to `api_base_url` (e.g. http://127.0.0.1:PORT/api/v10) and its gateway
    connection to `gateway_url`. Both are class attributes read on every request/connect, so this must run
    before the client logs in."""
    discord.http.Route.BASE = api_base_url.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


@contextmanager
def discord_py_pointed_at(api_base_url: str, gateway_url: str) -> Iterator[None]:
    """discord.py pointed at these URLs for the block, then back where it was."""
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    point_discord_py_at(api_base_url, gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
