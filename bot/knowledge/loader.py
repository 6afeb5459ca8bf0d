"""Load and validate all content at once, reporting every problem in words a content author understands.

Loading is all-or-nothing: either every file is valid and a KnowledgeBase comes back, or ContentError carries the
full list of problems (file, condition, field path, what is wrong). Nothing half-loaded ever reaches the bot.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.glossary import GlossaryTerm, term_file_stem
from bot.knowledge.matcher import Entry, Matcher, normalize
from bot.knowledge.models import Condition, Statement
from bot.knowledge.other_causes import OTHER_CAUSES_FILE, OtherCause, OtherCauses
from bot.knowledge.policy import card_problems
from bot.knowledge.translations import LANGUAGES, CardTranslation, shape_problems

GLOSSARY_DIR = "glossary"
M = TypeVar("M", bound=BaseModel)
# libyaml's safe loader is several times faster at start-up; the pure-Python one is the same parser otherwise.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CONDITIONS_DIR = "conditions"
STATEMENT_TYPES = {"Statement", *(cls.__name__ for cls in Statement.__subclasses__())}


@dataclass(frozen=True)
class Problem:
    file: str
    where: str  # the condition key (or term) and field path, e.g. "gbs: onset.speed[1]"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}" if self.where else f"{self.file}: {self.message}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} content problem(s)")

    def report(self) -> str:
        lines = [f"Found {len(self.problems)} problem(s) in the content:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def load_knowledge(data_dir: Path) -> KnowledgeBase:
    """Read every condition file and the glossary under data_dir; raise ContentError listing every problem."""
    kb, problems = read_knowledge(data_dir)
    if problems:
        raise ContentError(problems)
    return kb


def read_knowledge(data_dir: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Everything that loads, and every problem: for tools that show a valid card while others are being edited."""
    problems: list[Problem] = []
    conditions = _load_conditions(data_dir / CONDITIONS_DIR, problems)
    glossary = _load_glossary(data_dir / GLOSSARY_DIR, problems)
    others = _load_other_causes(data_dir / OTHER_CAUSES_FILE, problems)
    # A card that failed to load is still a card: links to it are not problems of their own (one cause, one line).
    file_keys = {p.stem for p in (data_dir / CONDITIONS_DIR).glob("*.yaml")}
    problems += cross_check(
        conditions, glossary, glossary_present=(data_dir / GLOSSARY_DIR).is_dir(), known_keys=file_keys
    )
    problems += _names_not_taken(others, conditions, _display(data_dir / OTHER_CAUSES_FILE))
    translations = _load_translations(data_dir, conditions, problems)
    problems += _local_names_open_no_other_cause(translations, conditions, others)
    kb = KnowledgeBase(
        conditions=tuple(c for _, c in conditions), glossary=glossary, other_causes=others, translations=translations
    )
    return kb, problems


def _local_names_open_no_other_cause(
    translations: dict[tuple[str, str], CardTranslation],
    conditions: list[tuple[str, Condition]],
    others: tuple[OtherCause, ...],
) -> list[Problem]:
    """A name the bot does not cover must never open a card once a language's names are added (the matcher takes
    unique prefixes and close spellings: Spanish PDIA would make "PD", Parkinson's disease, open GBS)."""

    def matcher(local: dict[str, tuple[str, ...]]) -> Matcher:
        return Matcher(
            Entry(key=c.key, display=c.name, names=(c.key, c.name, *c.aliases, *local.get(c.key, ())))
            for _, c in conditions
        )

    english = matcher({})
    problems: list[Problem] = []
    for language in sorted({lang for lang, _ in translations}):
        local = matcher({key: (t.name, *t.aliases) for (lang, key), t in translations.items() if lang == language})
        for other in others:
            for name in (other.name, *other.aliases):
                opened = local.resolve(name)
                if opened is not None and english.resolve(name) is None:
                    where = f"{opened}: aliases"
                    message = f"with these names, '{name}' (not covered: {other.name}) would open this card"
                    problems.append(Problem(f"data/{language}/conditions/{opened}.yaml", where, message))
    return problems


def _load_translations(
    data_dir: Path, conditions: list[tuple[str, Condition]], problems: list[Problem]
) -> dict[tuple[str, str], CardTranslation]:
    """data/<language>/conditions/<key>.yaml: each the translation of an English card, item for item. A localized
    name may not be another card's (in any language), so a name typed in any language finds one card only."""
    by_key = {c.key: c for _, c in conditions}
    owner = {normalize(n): c.key for _, c in conditions for n in (c.key, c.name, *c.aliases)}
    found: dict[tuple[str, str], CardTranslation] = {}
    for language in LANGUAGES:
        for path in sorted((data_dir / language / CONDITIONS_DIR).glob("*.yaml")):
            name = _display(path)
            raw = _read_yaml(path, problems)
            translation = _validate(CardTranslation, raw, name, _key_of(raw, path), problems) if raw else None
            if translation is None:
                continue
            english = by_key.get(translation.key)
            if translation.key != path.stem:
                problems.append(Problem(name, f"{translation.key}: key", f"must match the file name ('{path.stem}')"))
                continue
            if english is None:
                problems.append(Problem(name, "key", f"'{translation.key}' is not a known condition key"))
                continue
            shape = [
                Problem(name, f"{translation.key}: {p.split(' ')[0]}", p) for p in shape_problems(translation, english)
            ]
            for field_name, typed in [("name", translation.name), *(("aliases", a) for a in translation.aliases)]:
                taken = owner.setdefault(normalize(typed), translation.key)
                if taken != translation.key:
                    shape.append(
                        Problem(name, f"{translation.key}: {field_name}", f"'{typed}' is already used by '{taken}'")
                    )
            problems += shape
            if not shape:
                found[(language, translation.key)] = translation
    return found


def _load_conditions(folder: Path, problems: list[Problem]) -> list[tuple[str, Condition]]:
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        problems.append(Problem(_display(folder), "", "no condition files (*.yaml) found"))
    loaded: list[tuple[str, Condition]] = []
    for path in files:
        name = _display(path)
        raw = _read_yaml(path, problems)
        if raw is None:
            continue
        condition = _validate(Condition, raw, name, _key_of(raw, path), problems)
        if condition is None:
            continue
        if condition.key != path.stem:
            problems.append(Problem(name, f"{condition.key}: key", f"must match the file name ('{path.stem}')"))
        rules = [Problem(name, f"{condition.key}: {where}", what) for where, what in card_problems(condition)]
        problems += rules
        if not rules:
            loaded.append((name, condition))
    return loaded


def _load_glossary(folder: Path, problems: list[Problem]) -> tuple[GlossaryTerm, ...]:
    """One term per file, so contributors adding terms never edit the same file."""
    terms: list[GlossaryTerm] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        raw = _read_yaml(path, problems)
        term = _validate(GlossaryTerm, raw, _display(path), path.stem, problems) if raw is not None else None
        if term is None:
            continue
        if term_file_stem(term.term) != path.stem:
            problems.append(
                Problem(_display(path), f"term '{term.term}'", f"belongs in {term_file_stem(term.term)}.yaml")
            )
        for name in (term.term, *term.aliases):
            norm = normalize(name)
            if norm in seen:
                problems.append(
                    Problem(_display(path), f"term '{term.term}'", f"'{name}' is already used by '{seen[norm]}'")
                )
            seen[norm] = term.term
        terms.append(term)
    return tuple(terms)


def _load_other_causes(path: Path, problems: list[Problem]) -> tuple[OtherCause, ...]:
    if not path.exists():
        return ()
    raw = _read_yaml(path, problems)
    loaded = _validate(OtherCauses, raw, _display(path), "not covered", problems) if raw is not None else None
    return loaded.conditions if loaded is not None else ()


def _names_not_taken(
    others: tuple[OtherCause, ...], conditions: list[tuple[str, Condition]], file: str
) -> list[Problem]:
    """A name the bot does not cover must never shadow, or be shadowed by, a card's name (or another's)."""
    owner = {normalize(n): c.key for _, c in conditions for n in (c.key, c.name, *c.aliases)}
    problems: list[Problem] = []
    for other in others:
        for name in (other.key, other.name, *other.aliases):
            taken = owner.get(normalize(name))
            if taken is not None and taken != other.key:
                problems.append(Problem(file, f"{other.key}", f"'{name}' is already used by '{taken}'"))
            owner.setdefault(normalize(name), other.key)
    return problems


def cross_check(
    conditions: list[tuple[str, Condition]],
    glossary: tuple[GlossaryTerm, ...],
    *,
    glossary_present: bool,
    known_keys: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """Rules that span files: unique keys and aliases, related links and glossary terms that resolve."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}  # normalized name -> key that owns it
    keys = {c.key for _, c in conditions} | set(known_keys)
    for file, c in conditions:
        for field_name, name in [("key", c.key), ("name", c.name), *(("aliases", a) for a in c.aliases)]:
            norm = normalize(name)
            other = owner.get(norm)
            if other is not None and other != c.key:
                problems.append(Problem(file, f"{c.key}: {field_name}", f"'{name}' is already used by '{other}'"))
            owner.setdefault(norm, c.key)
        for related in c.related:
            if related == c.key:
                problems.append(Problem(file, f"{c.key}: related", "a card cannot be related to itself"))
            elif related not in keys:
                problems.append(Problem(file, f"{c.key}: related", f"'{related}' is not a known condition key"))
    if glossary_present:
        terms = {normalize(n) for t in glossary for n in (t.term, *t.aliases)}
        for file, c in conditions:
            for term in c.glossary:
                if normalize(term) not in terms:
                    problems.append(Problem(file, f"{c.key}: glossary", f"'{term}' is not in {GLOSSARY_DIR}/"))
    return problems


def _read_yaml(path: Path, problems: list[Problem]) -> Any | None:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except UnicodeDecodeError:
        problems.append(Problem(_display(path), "", "is not UTF-8 text"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "the file is not valid YAML"
        problems.append(Problem(_display(path), where, f"YAML syntax error: {problem}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(_display(path), "", "must be a mapping of fields (key: value), not empty"))
        return None
    return data


def _validate(model: type[M], raw: dict[str, Any], file: str, label: str, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            path = _field_path(error["loc"])
            problems.append(Problem(file, f"{label}: {path}" if path else label, _friendly(error)))
        return None


def _key_of(raw: dict[str, Any], path: Path) -> str:
    key = raw.get("key")
    return key if isinstance(key, str) and key else path.stem


def _field_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _friendly(error: ErrorDetails) -> str:
    """Turn a pydantic error into a sentence for content authors."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    size = len(value) if isinstance(value, str) else 0
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling, or see schema/condition.schema.json)"
    if kind == "enum":
        return f"'{value}' is not allowed; use one of: {ctx.get('expected', '')}"
    if kind == "string_too_long":
        return f"is too long ({size} characters; at most {ctx['max_length']})"
    if kind == "string_too_short":
        return f"is too short ({size} characters; at least {ctx['min_length']})"
    if kind == "too_short":
        return f"needs at least {ctx['min_length']} item(s)"
    if kind == "too_long":
        return f"has too many items (at most {ctx['max_length']})"
    if kind == "string_pattern_mismatch":
        return f"'{value}' must be lowercase letters, digits and dashes (at most 32 characters)"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return f"'{value}' is not a date; write it as YYYY-MM-DD"
    if kind in {"model_type", "dict_type"} and ctx.get("class_name", "") in STATEMENT_TYPES:
        return "must be a cited statement: text: ... and cite: [source ids]"
    if kind in {"tuple_type", "list_type"}:
        return "must be a list (one '- item' per line, or [a, b])"
    if kind == "string_type":
        return "must be text" + (f" (got {type(value).__name__})" if value is not None else " (it is empty)")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return error["msg"]


def _display(path: Path) -> str:
    """A short, stable name for messages: relative to the content folder's parent."""
    parts = path.parts
    if "data" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("data") :])
    return path.name
