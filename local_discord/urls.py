"""Where the local Discord listens: loopback only, Discord's paths."""

HOST = "127.0.0.1"
API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"


def api_base_url(base_url: str) -> str:
    return base_url + API_PREFIX


def gateway_url(base_url: str) -> str:
    return "ws" + base_url.removeprefix("http") + GATEWAY_PATH
