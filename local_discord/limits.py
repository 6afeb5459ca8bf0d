"""Discord's limits that the OpenAPI spec cannot express (or that must hold even without the spec).

Numbers come from Discord's documentation (see /work/shared/notes/discord-protocol.md).
"""

from collections.abc import Mapping
from typing import Any

from local_discord.components import walk_components
from local_discord.flags import IS_COMPONENTS_V2
from local_discord.form_errors import Issue
from local_discord.kinds import ComponentType
from local_discord.message_rules import allowed_mentions_issues, button_issues, embed_issues, row_width_issues

CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_CHARS = 6000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER_TEXT = 2048
AUTHOR_NAME = 256
ACTION_ROWS = 5
ROW_ITEMS = 5
SELECT_OPTIONS = 25
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
CHOICE_STRING_VALUE = 100


Path = tuple[str | int, ...]


def too_long(path: Path, value: Any, limit: int) -> list[Issue]:
    if isinstance(value, str | list) and len(value) > limit:
        return [Issue(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")]
    return []


def length_between(path: Path, value: Any, low: int, high: int) -> list[Issue]:
    if isinstance(value, str) and len(value) < low:
        return [Issue(path, "BASE_TYPE_MIN_LENGTH", f"Must be {low} or more in length.")]
    return too_long(path, value, high)


def embed_chars(embed: Mapping[str, Any]) -> int:
    """The characters Discord counts towards the 6000 budget of a message's embeds."""
    fields = embed.get("fields") or []
    return sum(
        len(text or "")
        for text in (
            embed.get("title"),
            embed.get("description"),
            (embed.get("footer") or {}).get("text"),
            (embed.get("author") or {}).get("name"),
            *(field.get("name") for field in fields),
            *(field.get("value") for field in fields),
        )
    )


def message_issues(body: Mapping[str, Any]) -> list[Issue]:
    """Issues with a message body (interaction response data, followup, edit or channel message)."""
    issues = too_long(("content",), body.get("content"), CONTENT)
    embeds = body.get("embeds") or []
    issues += too_long(("embeds",), embeds, EMBEDS_PER_MESSAGE)
    for index, embed in enumerate(embeds):
        issues += _embed_issues(("embeds", index), embed)
    if sum(embed_chars(embed) for embed in embeds) > EMBED_TOTAL_CHARS:
        issues.append(
            Issue(("embeds",), "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL_CHARS}")
        )
    components = body.get("components") or []
    issues += _component_issues(components, int(body.get("flags") or 0))
    issues += allowed_mentions_issues(body.get("allowed_mentions"))
    issues += button_issues(components) + row_width_issues(components)
    return issues


def _embed_issues(path: Path, embed: Mapping[str, Any]) -> list[Issue]:
    fields = embed.get("fields") or []
    issues = too_long((*path, "title"), embed.get("title"), EMBED_TITLE)
    issues += too_long((*path, "description"), embed.get("description"), EMBED_DESCRIPTION)
    issues += too_long((*path, "footer", "text"), (embed.get("footer") or {}).get("text"), FOOTER_TEXT)
    issues += too_long((*path, "author", "name"), (embed.get("author") or {}).get("name"), AUTHOR_NAME)
    issues += too_long((*path, "fields"), fields, EMBED_FIELDS)
    for index, field in enumerate(fields):
        issues += length_between((*path, "fields", index, "name"), field.get("name"), 1, FIELD_NAME)
        issues += length_between((*path, "fields", index, "value"), field.get("value"), 1, FIELD_VALUE)
    return issues + embed_issues(path, embed)


def _component_issues(rows: list[Any], flags: int) -> list[Issue]:
    issues: list[Issue] = []
    if not flags & IS_COMPONENTS_V2:
        issues += too_long(("components",), rows, ACTION_ROWS)
    custom_ids: set[str] = set()
    for path, component in walk_components(rows):
        if component.get("type") == ComponentType.ACTION_ROW:
            issues += too_long((*path, "components"), component.get("components") or [], ROW_ITEMS)
        if component.get("type") == ComponentType.STRING_SELECT:
            issues += too_long((*path, "options"), component.get("options") or [], SELECT_OPTIONS)
        custom_id = component.get("custom_id")
        if custom_id is not None:
            if custom_id in custom_ids:
                issues.append(
                    Issue(
                        (*path, "custom_id"),
                        "COMPONENT_CUSTOM_ID_DUPLICATED",
                        "Component custom id cannot be duplicated",
                    )
                )
            custom_ids.add(custom_id)
    return issues


def is_empty_message(body: Mapping[str, Any]) -> bool:
    """Discord refuses (code 50006) to create a message with nothing in it."""
    return not any(body.get(key) for key in ("content", "embeds", "components", "attachments", "poll", "sticker_ids"))


def autocomplete_issues(data: Mapping[str, Any]) -> list[Issue]:
    choices = data.get("choices") or []
    issues = too_long(("choices",), choices, AUTOCOMPLETE_CHOICES)
    for index, choice in enumerate(choices):
        issues += choice_issues(("choices", index), choice)
    return issues


def choice_issues(path: Path, choice: Mapping[str, Any]) -> list[Issue]:
    issues = length_between((*path, "name"), choice.get("name"), 1, CHOICE_NAME)
    return issues + length_between((*path, "value"), choice.get("value"), 1, CHOICE_STRING_VALUE)
