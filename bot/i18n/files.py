"""Writing the template and merging it into every locale's catalog, with Babel's own catalog and .po writers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from bot.i18n.catalogs import read_catalog
from bot.i18n.locales import DOMAIN, LOCALES, babel_locale, catalog_path, template_path
from bot.i18n.rules import catalog_problems, template_problems
from bot.i18n.tree_strings import LIMIT, TreeString

PROJECT = "legweakness-bot"
# Written on every new entry: these are drafts until a native speaker has checked them (CONTRIBUTING.md). The
# reviewer deletes the comment in the same commit that confirms the translation.
DRAFT = "draft: needs a native speaker's review"
HEADER = """\
# Translations of legweakness-bot's slash commands: descriptions and choice names (names stay English).
# An entry with a "draft" comment awaits a native speaker's review (CONTRIBUTING.md, Translating).
#"""


def template(strings: Sequence[TreeString]) -> Catalog:
    catalog = Catalog(project=PROJECT, domain=DOMAIN, header_comment=HEADER, fuzzy=False)
    for string in strings:
        comments = [f"Shown at {', '.join(string.where)}. Discord allows 1 to {LIMIT} characters."]
        catalog.add(string.text, context=string.context, auto_comments=comments)
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        # No dates or line numbers: a catalog changes only when its strings do, so diffs and reviews stay small.
        write_po(file, catalog, width=120, omit_header=False, sort_output=False, ignore_obsolete=True)


def _entries(catalog: Catalog) -> list[tuple[object, ...]]:
    return [(m.context, m.id, tuple(m.auto_comments)) for m in catalog if m.id]


def extract(strings: Sequence[TreeString], directory: Path | None = None) -> Path:
    """Write locales/bot.pot; an unchanged template keeps its date, so extracting twice changes no file."""
    path = template_path(directory)
    catalog = template(strings)
    if path.is_file() and path.stat().st_size:
        with path.open("rb") as file:
            old = read_po(file)
        if _entries(old) == _entries(catalog):
            catalog.creation_date = old.creation_date
    _write(catalog, path)
    return path


def update(strings: Sequence[TreeString], directory: Path | None = None) -> list[Path]:
    """Extract, then merge into each catalog: new strings arrive empty, changed ones fuzzy (Babel's match against
    the old English), gone ones are dropped."""
    with extract(strings, directory).open("rb") as file:
        pot = read_po(file)
    written = []
    for code in LOCALES:
        path = catalog_path(code, directory)
        if path.is_file():
            catalog = read_catalog(path, code)
        else:
            catalog = Catalog(
                locale=babel_locale(code), project=PROJECT, domain=DOMAIN, header_comment=HEADER, fuzzy=False
            )
        revised = catalog.revision_date
        catalog.update(pot, update_header_comment=False)
        catalog.revision_date = revised
        for message in catalog:
            if message.id and not message.string and DRAFT not in message.user_comments:
                message.user_comments.append(DRAFT)
        _write(catalog, path)
        written.append(path)
    return written


def check(strings: Sequence[TreeString], directory: Path | None = None) -> list[str]:
    """Everything wrong with the template and the catalogs; empty when the bot may sync them."""
    problems = []
    pot = template_path(directory)
    if pot.is_file():
        with pot.open("rb") as file:
            problems += template_problems(read_po(file), strings)
    else:
        problems.append(f"{pot} is missing: run `make i18n-update`")
    for code in LOCALES:
        path = catalog_path(code, directory)
        if not path.is_file():
            problems.append(f"{code}: no catalog at {path}")
            continue
        problems += catalog_problems(code, read_catalog(path, code), strings)
    return problems
