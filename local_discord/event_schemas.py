"""Schemas for the gateway events the local Discord dispatches. The OpenAPI spec covers REST only, so each event is
built from the spec's closest objects (guild, member, user, channel, message) plus the fields Discord's gateway
documentation lists for that event; fields it marks optional are left optional."""

from __future__ import annotations

from typing import Any

from local_discord.spec_check import RESPONSE_SPEC_URI


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"{RESPONSE_SPEC_URI}#/components/schemas/{name}"}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _object(required: list[str], properties: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties or {}}


_SNOWFLAKE = _ref("SnowflakeType")
_SHARD = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
_UNAVAILABLE_GUILD = _object(["id", "unavailable"], {"id": _SNOWFLAKE, "unavailable": {"type": "boolean"}})
_MEMBER_WITH_PERMISSIONS = {
    "allOf": [_ref("GuildMemberResponse"), _object(["permissions"], {"permissions": {"type": "string"}})]
}
_CHANNEL = {"anyOf": [_ref("GuildChannelResponse"), _ref("PrivateChannelResponse")]}

# Gateway event payload structure: every frame has all four keys; s and t are null unless op is 0 (dispatch).
FRAME = {
    "type": "object",
    "required": ["op", "d", "s", "t"],
    "properties": {"op": {"type": "integer"}, "s": {"type": ["integer", "null"]}, "t": {"type": ["string", "null"]}},
    "if": {"properties": {"op": {"const": 0}}},
    "then": {"properties": {"s": {"type": "integer"}, "t": {"type": "string"}}},
    "else": {"properties": {"s": {"type": "null"}, "t": {"type": "null"}}},
}

EVENTS: dict[str, dict[str, Any]] = {
    "READY": _object(
        ["v", "user", "guilds", "session_id", "resume_gateway_url", "application"],
        {
            "v": {"type": "integer"},
            "user": _ref("UserPIIResponse"),
            "guilds": _array(_UNAVAILABLE_GUILD),
            "session_id": {"type": "string"},
            "resume_gateway_url": {"type": "string"},
            "shard": _SHARD,
            "application": _object(["id", "flags"], {"id": _SNOWFLAKE, "flags": {"type": "integer"}}),
        },
    ),
    "RESUMED": {"type": ["object", "null"]},
    "GUILD_CREATE": {
        "allOf": [
            _ref("GuildResponse"),
            _object(
                [
                    "joined_at",
                    "large",
                    "member_count",
                    "voice_states",
                    "members",
                    "channels",
                    "threads",
                    "presences",
                    "stage_instances",
                    "guild_scheduled_events",
                    "soundboard_sounds",
                ],
                {
                    "joined_at": {"type": "string"},
                    "large": {"type": "boolean"},
                    "unavailable": {"type": "boolean"},
                    "member_count": {"type": "integer"},
                    "members": _array(_ref("GuildMemberResponse")),
                    "channels": _array(_ref("GuildChannelResponse")),
                    "threads": _array(_ref("ThreadResponse")),
                },
            ),
        ]
    },
    "GUILD_MEMBERS_CHUNK": _object(
        ["guild_id", "members", "chunk_index", "chunk_count"],
        {
            "guild_id": _SNOWFLAKE,
            "members": _array(_ref("GuildMemberResponse")),
            "chunk_index": {"type": "integer"},
            "chunk_count": {"type": "integer"},
            "not_found": {"type": "array"},
        },
    ),
    # The interaction object (receiving-and-responding): required fields are those without a "?".
    "INTERACTION_CREATE": _object(
        [
            "id",
            "application_id",
            "type",
            "token",
            "version",
            "app_permissions",
            "entitlements",
            "authorizing_integration_owners",
            "attachment_size_limit",
        ],
        {
            "id": _SNOWFLAKE,
            "application_id": _SNOWFLAKE,
            "type": _ref("InteractionTypes"),
            "data": {"type": "object"},
            "guild": _object(["id", "locale", "features"], {"id": _SNOWFLAKE}),
            "guild_id": _SNOWFLAKE,
            "channel": _CHANNEL,
            "channel_id": _SNOWFLAKE,
            "member": _MEMBER_WITH_PERMISSIONS,
            "user": _ref("UserResponse"),
            "token": {"type": "string"},
            "version": {"const": 1},
            "message": _ref("MessageResponse"),
            "app_permissions": {"type": "string"},
            "locale": {"type": "string"},
            "guild_locale": {"type": "string"},
            "entitlements": {"type": "array"},
            "authorizing_integration_owners": {"type": "object", "additionalProperties": _SNOWFLAKE},
            "context": _ref("InteractionContextType"),
            "attachment_size_limit": {"type": "integer"},
        },
    ),
}
