"""Point the real discord.py client at another Discord (the local emulator, or any loopback URL)."""

import discord.gateway
import discord.http
import yarl


def point_discord_py_at(api_base_url: str, gateway_url: str) -> None:
    """Send discord.py's REST calls to `api_base_url` (e.g. http://127.0.0.1:PORT/api/v10) and its gateway
    connection to `gateway_url`. Both are class attributes read on every request/connect, so this must run
    before the client logs in."""
    discord.http.Route.BASE = api_base_url.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
