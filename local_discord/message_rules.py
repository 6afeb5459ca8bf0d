"""Rules for a message body that the OpenAPI schema cannot express, refused with Discord's own error codes:
mentions allowed both by `parse` and by a list, buttons with the wrong kind of target, a select sharing its row,
embed URLs that are not URLs, and timestamps that are not ISO 8601."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from local_discord.components import walk_components
from local_discord.form_errors import Issue
from local_discord.kinds import SELECTS, ButtonStyle, ComponentType

Path = tuple[str | int, ...]
# Embed fields that hold a URL, by where they sit in an embed.
_EMBED_URLS: tuple[Path, ...] = (
    ("url",),
    ("author", "url"),
    ("author", "icon_url"),
    ("footer", "icon_url"),
    ("image", "url"),
    ("thumbnail", "url"),
    ("video", "url"),
)
# Schemes Discord accepts in embeds ("attachment://" names an upload of the same message).
_EMBED_SCHEMES = ("http", "https", "attachment")
_ROW_WIDTH = 5  # a button takes one unit of an action row; a select takes all five


def allowed_mentions_issues(allowed: Any) -> list[Issue]:
    """`parse: ["users"]` with a non-empty `users` list (likewise roles) is contradictory: Discord refuses it."""
    if not isinstance(allowed, Mapping):
        return []
    parse = allowed.get("parse") or []
    return [
        Issue(
            ("allowed_mentions",),
            "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
            f'parse:["{kind}"] and {kind}: [ids...] are mutually exclusive.',
        )
        for kind in ("users", "roles")
        if kind in parse and allowed.get(kind)
    ]


def button_issues(components: list[Any]) -> list[Issue]:
    """A link button needs a url and no custom_id; any other (except premium) needs a custom_id."""
    issues = []
    for path, component in walk_components(components):
        if component.get("type") != ComponentType.BUTTON:
            continue
        style, custom_id, url = component.get("style"), component.get("custom_id"), component.get("url")
        if style == ButtonStyle.LINK:
            if custom_id is not None:
                issues.append(
                    Issue(
                        (*path, "custom_id"),
                        "BUTTON_COMPONENT_CUSTOM_ID_URL_MUTUALLY_EXCLUSIVE",
                        "A custom id and url cannot both be specified",
                    )
                )
            if not url:
                issues.append(Issue((*path, "url"), "BUTTON_COMPONENT_URL_REQUIRED", "A url is required"))
        elif style != ButtonStyle.PREMIUM and not custom_id:
            issues.append(Issue((*path, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required"))
    return issues


def row_width_issues(components: list[Any]) -> list[Issue]:
    """An action row holds up to five buttons, or one select alone."""
    issues = []
    for path, component in walk_components(components):
        if component.get("type") != ComponentType.ACTION_ROW:
            continue
        width = 0
        for index, child in enumerate(component.get("components") or []):
            width += _ROW_WIDTH if isinstance(child, Mapping) and child.get("type") in SELECTS else 1
            if width > _ROW_WIDTH:
                issues.append(
                    Issue(
                        (*path, "components", index),
                        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                        "The specified component exceeds the maximum width",
                    )
                )
    return issues


def embed_issues(path: Path, embed: Mapping[str, Any]) -> list[Issue]:
    """URLs that are not well-formed URLs, and a timestamp that is not ISO 8601."""
    issues = []
    for where in _EMBED_URLS:
        value = _at(embed, where)
        if value is not None:
            issues += _url_issues((*path, *where), value)
    timestamp = embed.get("timestamp")
    if timestamp is not None and not _is_iso8601(timestamp):
        issues.append(
            Issue((*path, "timestamp"), "DATE_TIME_TYPE_PARSE", f"Could not parse {timestamp}. Should be ISO8601.")
        )
    return issues


def _at(embed: Mapping[str, Any], where: Path) -> Any:
    value: Any = embed
    for key in where:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _url_issues(path: Path, value: Any) -> list[Issue]:
    if not isinstance(value, str):
        return []  # the schema reports the type
    parts = urlsplit(value)
    if not parts.scheme or not (parts.netloc or parts.scheme == "attachment") or any(c.isspace() for c in value):
        return [Issue(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.")]
    if parts.scheme not in _EMBED_SCHEMES:
        schemes = ", ".join(repr(scheme) for scheme in _EMBED_SCHEMES)
        message = f'Scheme "{parts.scheme}" is not supported. Scheme must be one of ({schemes}).'
        return [Issue(path, "URL_TYPE_INVALID_SCHEME", message)]
    return []


def _is_iso8601(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
