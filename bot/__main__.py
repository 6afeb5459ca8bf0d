"""Command line: `python -m bot [run|serve|validate|preview|sync|schema|i18n|db|health|forget-server-settings]`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import discord

from bot import logs, ops
from bot.cards.fit import render_problems
from bot.cards.render import card_embeds
from bot.config import Settings, SettingsError, load_settings
from bot.content import load_content, translation_status
from bot.gateway import run_bot
from bot.http.serve import DEFAULT_HOST, DEFAULT_PORT, serve
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.evidence import evidence_report
from bot.knowledge.facets import Section
from bot.knowledge.loader import ContentError, read_knowledge
from bot.knowledge.lookup import condition_matcher
from bot.knowledge.schema import check_schemas, write_schemas
from bot.knowledge.translations import LANGUAGES, fingerprint, state_of, translated
from bot.paths import content_dir
from bot.render.plain import embeds_to_text
from bot.startup import StartupFailed
from bot.storage.opening import open_backend
from bot.storage.server_key import ServerKeyProblem, forget_server_settings

log = logging.getLogger("bot")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "run"
    try:
        if command == "validate":
            return _validate(args.data, args.only)
        if command == "preview":
            return _preview(args.name, args.section, args.data, evidence=args.evidence, language=args.language)
        if command == "fingerprint":
            return _fingerprint(args.name, args.data)
        if command == "schema":
            return check_schemas() if args.check else write_schemas()
        if command == "i18n":
            from bot.i18n_tool import run as run_i18n  # builds the whole bot: only when asked

            return run_i18n(args.action, args.locales)
        settings = load_settings()
        if command == "forget-server-settings":
            return asyncio.run(_forget_server_settings(settings))
        if command == "db":
            if args.action == "import-sqlite":
                return ops.import_sqlite(settings, args.path)
            return ops.db(settings, args.action)
        if command == "health":
            return ops.health(settings)
        _configure_logging(settings)
        kb = load_content(settings.content_dir)  # all of it valid, or the bot does not start
        if command == "serve":
            return _serve(settings, kb, args.host, args.port)
        http = bool(getattr(args, "http", False))
        return _run(settings, kb, force_sync=command == "sync", sync_only=command == "sync", http=http)
    except (SettingsError, ServerKeyProblem) as exc:
        print(exc, file=sys.stderr)
        return 2
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Leg-weakness reference card bot.")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run the bot (offline local mode when DISCORD_TOKEN is not set)")
    run.add_argument(
        "--http", action="store_true", help="offline local mode: deliver interactions over HTTP, as to `serve`"
    )
    validate = sub.add_parser("validate", help="check every content file and print the problems, if any")
    preview = sub.add_parser("preview", help="print a card as plain text, exactly as the bot would send it")
    for p in (validate, preview):
        p.add_argument("--data", type=Path, help="a content folder to use instead of the bundled data/")
    preview.add_argument("name", help="a condition name or abbreviation, e.g. gbs")
    preview.add_argument("--section", choices=[s.value for s in Section], help="show one section only")
    preview.add_argument(
        "--evidence", action="store_true", help="print every statement beside the sources it cites, for review"
    )
    preview.add_argument(
        "--language", choices=sorted(LANGUAGES), help="show the card's translation (any review status), for review"
    )
    fingerprint_ = sub.add_parser(
        "fingerprint", help="print a card's English fingerprint, for a translation's translated_from"
    )
    fingerprint_.add_argument("name", help="a condition key, e.g. gbs")
    fingerprint_.add_argument("--data", type=Path, help="a content folder to use instead of the bundled data/")
    validate.add_argument(
        "--only", metavar="KEY", action="append", help="report only this card's problems (repeatable)"
    )
    sub.add_parser("sync", help="log in, sync the slash commands now, and exit")
    serve = sub.add_parser(
        "serve", help="answer interactions over HTTP (an Interactions Endpoint URL), not the gateway"
    )
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    database = sub.add_parser("db", help="the database's schema (SQLite or PostgreSQL, from DATABASE_URL)")
    database.add_argument(
        "action", choices=["upgrade", "status", "import-sqlite"], help="apply pending migrations, or show them"
    )
    database.add_argument("path", nargs="?", help="import-sqlite: the SQLite file to copy into DATABASE_URL")
    sub.add_parser("health", help="exit 0 if the running bot is ready with every shard connected (a HEALTHCHECK)")
    sub.add_parser(
        "forget-server-settings",
        help="delete every server's settings (after the server-key secret was lost); usage counts are kept",
    )
    schema = sub.add_parser("schema", help="write the JSON Schemas for content editors into schema/")
    schema.add_argument("--check", action="store_true", help="fail if the committed schemas are out of date")
    i18n = sub.add_parser("i18n", help="the command tree's translations (gettext catalogs in locales/)")
    i18n.add_argument(
        "action",
        choices=["extract", "update", "check"],
        help="extract: write locales/bot.pot; update: extract and merge into every .po; check: fail on a missing, "
        "fuzzy or too long translation",
    )
    i18n.add_argument("--locales", type=Path, help="a catalogs folder to use instead of the bundled locales/")
    return parser


def _validate(data: Path | None, only: list[str] | None) -> int:
    if only:
        return _validate_only(data, set(only))
    kb = load_content(data, comparisons=True)
    print(
        f"OK: {len(kb)} conditions and {len(kb.glossary)} glossary terms are valid, and every card, section "
        "and comparison fits Discord's limits."
    )
    for line in translation_status(kb):
        print(line)
    return 0


def _validate_only(data: Path | None, keys: set[str]) -> int:
    """The named cards' problems only, while other cards are being edited by someone else."""
    kb, problems = read_knowledge(data or content_dir())
    problems += render_problems(kb, only=keys)
    mine = [p for p in problems if Path(p.file).stem in keys or p.where.split(":")[0] in keys]
    missing = keys - {c.key for c in kb.conditions} - {Path(p.file).stem for p in mine}
    for key in sorted(missing):
        print(f"No card file for '{key}'.", file=sys.stderr)
    if mine:
        print(ContentError(mine).report(), file=sys.stderr)
        return 1
    print(f"OK: {', '.join(sorted(keys - missing))} valid and within Discord's limits.")
    return 1 if missing else 0


def _preview(
    name: str, section: str | None, data: Path | None, *, evidence: bool = False, language: str | None = None
) -> int:
    # Lenient: a card can be previewed while another file has problems (they are counted, not hidden).
    kb, problems = read_knowledge(data or content_dir())
    if problems:
        print(f"({len(problems)} problem(s) elsewhere in the content; run validate to see them)", file=sys.stderr)
    matcher = condition_matcher(kb)
    key = matcher.resolve(name)
    if key is None:
        hints = ", ".join(matcher.suggest(name, 3)) or "none"
        print(f"No condition matches that name. Suggestions: {hints}", file=sys.stderr)
        return 2
    if evidence:
        print(evidence_report(kb.by_key[key]), end="")
        return 0
    card = kb.by_key[key]
    if language is not None:
        translation = kb.translation(language, key)
        if translation is None:
            print(f"No {language} translation of {key} (data/{language}/conditions/{key}.yaml).", file=sys.stderr)
            return 2
        print(f"({language} translation: {state_of(translation, card).value}; only summary and red flags)")
        card = translated(card, translation)
    embeds = card_embeds(card, kb, Section(section) if section else None)
    print(embeds_to_text(e.to_dict() for e in embeds))
    return 0


def _fingerprint(name: str, data: Path | None) -> int:
    kb, _ = read_knowledge(data or content_dir())
    card = kb.get(name)
    if card is None:
        print(f"No card with the key '{name}'.", file=sys.stderr)
        return 2
    print(fingerprint(card))
    return 0


async def _forget_server_settings(settings: Settings) -> int:
    database = await open_backend(settings.database)
    try:
        forgotten = await forget_server_settings(database)
    finally:
        await database.close()
    print(f"Deleted the settings of {forgotten} server(s). The next start writes a check value for the current key.")
    return 0


def _configure_logging(settings: Settings) -> None:
    logs.configure(settings.log_level, [settings.token.reveal()] if settings.token else [])


def _serve(settings: Settings, kb: KnowledgeBase, host: str, port: int) -> int:
    try:
        return asyncio.run(serve(settings, kb, host=host, port=port))
    except discord.LoginFailure:
        print("Discord did not accept DISCORD_TOKEN. Copy the token again from the Developer Portal.", file=sys.stderr)
        return 1
    except StartupFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:  # the address is taken or not this machine's
        print(f"Could not listen on {host}:{port} ({exc.strerror or type(exc).__name__}).", file=sys.stderr)
        return 1


def _run(settings: Settings, kb: KnowledgeBase, *, force_sync: bool, sync_only: bool, http: bool = False) -> int:
    if settings.local_mode:
        from bot.local_mode.run import run_local_mode

        if ops.console_impossible(settings):
            print(ops.NO_TOKEN_HERE, file=sys.stderr)
            return 2
        if sync_only:
            print("`sync` needs DISCORD_TOKEN: there is nothing to sync in offline local mode.", file=sys.stderr)
            return 2
        return asyncio.run(run_local_mode(settings, kb, http=http))
    if http:
        print(
            "`run --http` is for offline local mode; on Discord, HTTP delivery is `python -m bot serve`.",
            file=sys.stderr,
        )
        return 2
    try:
        return asyncio.run(run_bot(settings, kb, force_sync=force_sync, sync_only=sync_only))
    except discord.LoginFailure:
        print("Discord did not accept DISCORD_TOKEN. Copy the token again from the Developer Portal.", file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print("Discord refused an intent the bot asked for; this bot only needs the Guilds intent.", file=sys.stderr)
        return 1
    except StartupFailed as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
