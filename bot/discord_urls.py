"""Where discord.py finds Discord: its own servers, or the ones DISCORD_API_BASE_URL and DISCORD_GATEWAY_URL name."""

import discord.gateway
import discord.http
import yarl


def point_discord_py_at(api_base_url: str, gateway_url: str) -> None:
    """Both are class attributes discord.py reads on every request and connect, so this runs before login."""
    discord.http.Route.BASE = api_base_url.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
