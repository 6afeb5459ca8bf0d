"""Installed from a wheel (not editable), the bot still finds its content and every cog, beside its own code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Built from a copy of the sources: setuptools reuses a checkout's build/ folder, which may hold modules that no
# longer exist.
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "var")


def test_a_wheel_install_carries_the_content_and_cogs(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    shutil.copytree(ROOT, sources, ignore=NOT_SOURCES)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path, sources],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("*.whl")
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    probe = (
        "import bot, bot.paths, bot.app, pathlib; from bot.content import load_content; "
        "from bot.i18n.catalogs import load_translations; kb = load_content(); "
        "print(len(kb), len(kb.glossary), bot.paths.content_dir(), len(bot.app.extensions()), "
        "len(load_translations()), len(kb.translations))"
    )
    # Only the installed copy is importable: run from an empty folder, with the site folder first on the path.
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    cards, terms, folder, cogs, locales, translations = run.stdout.split()
    assert int(translations) == len(list((ROOT / "data").glob("*/conditions/*.yaml")))  # data/es/conditions/...
    assert int(cards) == len(list((ROOT / "data" / "conditions").glob("*.yaml")))
    assert int(terms) > 0 and folder == str(target / "bot" / "data")
    assert int(locales) == len(list((ROOT / "locales").glob("*/LC_MESSAGES/bot.po")))
    assert int(cogs) == len([p for p in (ROOT / "cogs").glob("*.py") if not p.name.startswith("_")])
