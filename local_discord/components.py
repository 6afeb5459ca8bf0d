"""Finding things in a message's component tree (action rows, containers, sections, labels)."""

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from local_discord.errors import HarnessError
from local_discord.kinds import SELECTS, ButtonStyle, ComponentType

BUTTON = ComponentType.BUTTON

Path = tuple[str | int, ...]


def walk_components(components: list[Any], path: Path = ("components",)) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    """Every component with its path in the body, depth first."""
    for index, component in enumerate(components):
        if not isinstance(component, Mapping):
            continue
        here = (*path, index)
        yield here, component
        yield from walk_components(component.get("components") or [], (*here, "components"))
        for key in ("accessory", "component"):
            child = component.get(key)
            if isinstance(child, Mapping):
                yield (*here, key), child


def as_stored(components: list[Any]) -> list[Any]:
    """Components as Discord answers with them: every component numbered (its `id`, counted depth first from 1,
    skipping ids the bot chose itself), a select's value counts filled in, emoji without null fields."""
    stored = copy.deepcopy(components)
    chosen = {c["id"] for _, c in walk_components(stored) if isinstance(c.get("id"), int)}
    next_id = 1
    for _, component in walk_components(stored):
        assert isinstance(component, dict)
        if not isinstance(component.get("id"), int):
            while next_id in chosen:
                next_id += 1
            component["id"] = next_id
            chosen.add(next_id)
        if component.get("type") in SELECTS:
            component.setdefault("min_values", 1)
            component.setdefault("max_values", 1)
        for holder in [component, *(component.get("options") or [])]:
            if isinstance(holder.get("emoji"), dict):  # a unicode emoji comes back without its null id
                holder["emoji"] = {key: value for key, value in holder["emoji"].items() if value is not None}
    return stored


def find_button(components: list[Any], label_or_custom_id: str) -> Mapping[str, Any] | None:
    for _, component in walk_components(components):
        if component.get("type") == BUTTON and label_or_custom_id in (
            component.get("label"),
            component.get("custom_id"),
        ):
            return component
    return None


def find_select(components: list[Any], placeholder_or_custom_id: str) -> Mapping[str, Any] | None:
    for _, component in walk_components(components):
        if component.get("type") in SELECTS and placeholder_or_custom_id in (
            component.get("placeholder"),
            component.get("custom_id"),
        ):
            return component
    return None


def clickable(button: Mapping[str, Any]) -> str:
    """The custom_id a click sends; refuses what a person could not click either."""
    if button.get("disabled"):
        raise HarnessError(f"button {button.get('label')!r} is disabled")
    if button.get("style") == ButtonStyle.LINK or not button.get("custom_id"):
        raise HarnessError(
            f"button {button.get('label')!r} is a link or premium button: clicking it sends no interaction"
        )
    return str(button["custom_id"])


def check_selection(select: Mapping[str, Any], values: list[str]) -> None:
    """Refuse a selection the Discord client would not let a person make."""
    if select.get("disabled"):
        raise HarnessError(f"select {select.get('placeholder')!r} is disabled")
    low, high = select.get("min_values", 1), select.get("max_values", 1)
    if not low <= len(values) <= high:
        raise HarnessError(f"select {select.get('placeholder')!r} takes {low}-{high} values, got {len(values)}")
    if select.get("type") == ComponentType.STRING_SELECT:
        offered = [option["value"] for option in select.get("options") or []]
        unknown = [value for value in values if value not in offered]
        if unknown:
            raise HarnessError(f"select {select.get('placeholder')!r} has no option(s) {unknown}; offered: {offered}")


def labels(components: list[Any]) -> list[str]:
    """What a person sees to click or pick: button labels and select placeholders."""
    found = []
    for _, component in walk_components(components):
        if component.get("type") == BUTTON:
            found.append(str(component.get("label") or component.get("custom_id")))
        elif component.get("type") in SELECTS:
            found.append(str(component.get("placeholder") or component.get("custom_id")))
    return found
