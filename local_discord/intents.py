"""Gateway intents (Discord's documented bits) and what IDENTIFY may ask for."""

GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_PRESENCES = 1 << 8
MESSAGE_CONTENT = 1 << 15
PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT
# Every documented intent: bits 0-16, 20, 21, 24 and 25. Any other bit is an invalid intent (close 4013).
DOCUMENTED = sum(1 << bit for bit in (*range(17), 20, 21, 24, 25))
# Application flags GATEWAY_PRESENCE_LIMITED, GATEWAY_GUILD_MEMBERS_LIMITED, GATEWAY_MESSAGE_CONTENT_LIMITED: what an
# unverified app has once its owner switches the privileged intent on in the Developer Portal.
PRIVILEGED_INTENT_FLAGS = {GUILD_PRESENCES: 1 << 13, GUILD_MEMBERS: 1 << 15, MESSAGE_CONTENT: 1 << 19}


def is_valid(intents: object) -> bool:
    return isinstance(intents, int) and not isinstance(intents, bool) and intents >= 0 and not intents & ~DOCUMENTED


def disallowed(intents: int, enabled_privileged: int) -> int:
    """The privileged intents asked for that the app has not had switched on."""
    return intents & PRIVILEGED & ~enabled_privileged
