"""The import arrows point one way: delivery -> features -> shared layers -> content. Checked over every module's
imports (type-only and in-function ones included), so a wrong arrow fails here before it spreads."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = {"bot.knowledge", "bot.paths"}
SHARED = {  # each shared layer, and what it may import besides itself
    "bot.knowledge": {"bot.paths"},
    "bot.render": CONTENT,
    "bot.i18n": {"bot.paths"},  # the command tree's translations: catalogs found beside the code, nothing else
    "bot.storage": CONTENT | {"bot.render"},
    "bot.interactions": CONTENT | {"bot.render", "bot.storage"},
}
FEATURES = {f"bot.{name}" for name in ("cards", "which", "quiz", "deck", "glossary", "search", "moderation", "info")}
MAY_USE = CONTENT | set(SHARED) | FEATURES  # what a feature may import (other features: public modules only)


def modules() -> dict[str, Path]:
    found = {}
    for folder in ("bot", "cogs"):
        for path in (ROOT / folder).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def area(module: str) -> str:
    """The package a module belongs to for these rules: bot.cards.render -> bot.cards; bot.app -> bot.app."""
    parts = module.split(".")
    return parts[0] if parts[0] == "cogs" else ".".join(parts[:2])


GRAPH = {
    name: sorted({i for i in imports(path) if i.split(".")[0] in ("bot", "cogs")}) for name, path in modules().items()
}


@pytest.mark.parametrize("layer", sorted(SHARED))
def test_a_shared_layer_imports_only_what_lies_below_it(layer: str) -> None:
    allowed = SHARED[layer] | {layer}
    wrong = [(m, i) for m, found in GRAPH.items() if area(m) == layer for i in found if area(i) not in allowed]
    assert wrong == []


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_a_feature_imports_shared_layers_and_other_features_public_modules_never_delivery(feature: str) -> None:
    wrong = []
    for module, found in GRAPH.items():
        if area(module) != feature:
            continue
        for target in found:
            private = area(target) != feature and any(part.startswith("_") for part in target.split(".")[2:])
            if area(target) not in MAY_USE or private:
                wrong.append((module, target))
    assert wrong == []


def test_only_the_app_finds_the_cogs() -> None:
    assert sorted(m for m, found in GRAPH.items() if any(area(i) == "cogs" for i in found) and area(m) != "cogs") == [
        "bot.app"
    ]


DELIVERY_ON_TOP = {"bot.__main__", "bot.local_mode"}  # what may start the HTTP delivery; it may import anything


def test_only_the_entry_points_use_the_http_delivery() -> None:
    users = {area(m) for m, found in GRAPH.items() if area(m) != "bot.http" for i in found if area(i) == "bot.http"}
    assert users <= DELIVERY_ON_TOP


def test_no_import_cycles() -> None:
    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, path = stack.pop()
            for target in GRAPH.get(node, ()):
                if target == start:
                    return [*path, start]
                if target in GRAPH and target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, target]))
        return None

    cycles = [cycle for name in GRAPH if (cycle := cycle_from(name))]
    assert cycles == []
