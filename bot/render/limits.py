"""Discord's message limits, and a checker that names every limit a payload breaks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR_NAME = 256
EMBEDS_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10
CONTENT = 2000
COMPONENT_ROWS = 5
CUSTOM_ID = 100


def embed_length(embed: Mapping[str, Any]) -> int:
    """Characters Discord counts toward the 6000 total for one embed."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    for f in embed.get("fields") or ():
        total += len(f.get("name") or "") + len(f.get("value") or "")
    return total


def message_problems(content: str | None, embeds: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every Discord limit this message would break; empty when it is sendable."""
    embeds = list(embeds)
    problems: list[str] = []
    if content and len(content) > CONTENT:
        problems.append(f"content is {len(content)} characters (limit {CONTENT})")
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds (limit {EMBEDS_PER_MESSAGE})")
    for n, e in enumerate(embeds):
        checks = [
            ("title", len(e.get("title") or ""), TITLE),
            ("description", len(e.get("description") or ""), DESCRIPTION),
            ("footer", len((e.get("footer") or {}).get("text") or ""), FOOTER),
            ("author name", len((e.get("author") or {}).get("name") or ""), AUTHOR_NAME),
            ("field count", len(e.get("fields") or ()), FIELDS),
        ]
        for f in e.get("fields") or ():
            checks.append((f"field '{f.get('name')}' name", len(f.get("name") or ""), FIELD_NAME))
            checks.append((f"field '{f.get('name')}' value", len(f.get("value") or ""), FIELD_VALUE))
            if not f.get("name") or not f.get("value"):
                problems.append(f"embed {n}: field '{f.get('name')}' is empty")
        problems += [f"embed {n}: {what} is {size} (limit {limit})" for what, size, limit in checks if size > limit]
    total = sum(embed_length(e) for e in embeds)
    if total > EMBEDS_TOTAL:
        problems.append(f"embeds total {total} characters (limit {EMBEDS_TOTAL})")
    return problems
