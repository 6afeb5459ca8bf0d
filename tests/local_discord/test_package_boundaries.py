"""The local Discord is its own package: it imports nothing from the bot, only its discord.py adapter imports
discord.py, and its modules import each other one way (no cycle, counting imports made only for type checking)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "local_discord"
DISCORD_PY_ADAPTER = "local_discord.discord_py"
PROJECT_PACKAGES = {"bot", "cogs", "bench", "tests"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.glob("*.py"))}


def imported(name: str) -> set[str]:
    """Every module `name` imports, anywhere in its body; `from pkg import mod` counts as importing pkg.mod."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(submodules or {node.module})
    return found


def test_nothing_in_the_package_imports_the_bot() -> None:
    offenders = {
        name: sorted(target for target in imported(name) if target.split(".")[0] in PROJECT_PACKAGES)
        for name in MODULES
    }
    assert {name: targets for name, targets in offenders.items() if targets} == {}


def test_only_the_adapter_imports_discord_py() -> None:
    users = {name for name in MODULES if any(target.split(".")[0] == "discord" for target in imported(name))}
    assert users == {DISCORD_PY_ADAPTER}


def test_the_modules_import_each_other_one_way() -> None:
    edges = {name: imported(name) & MODULES.keys() - {name} for name in MODULES}
    cycles = []
    state: dict[str, str] = {}  # "open" while on the current path, "done" after

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(edges[name]):
            if state.get(target) == "open":
                cycles.append([*path[path.index(target) :], target] if target in path else [name, target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in MODULES:
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_package_imports_without_discord_py() -> None:
    probe = "import sys; sys.modules['discord'] = None; import local_discord as d; print(d.LocalDiscord.__name__)"
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=PACKAGE.parent, timeout=60, check=False
    )
    assert (run.returncode, run.stdout.strip()) == (0, "LocalDiscord"), run.stderr
