"""Bot tokens shaped like Discord's, for clients that read them (hikari takes the bot's id from the first part)."""

import base64
import secrets


def bot_token(application_id: str) -> str:
    """base64(bot user id) . base64(a timestamp-sized part) . a random HMAC-sized part: random on every call."""
    user_id = base64.urlsafe_b64encode(application_id.encode()).decode().rstrip("=")
    return f"{user_id}.{secrets.token_urlsafe(4)}.{secrets.token_urlsafe(27)}"
