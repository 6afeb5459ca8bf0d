"""JSON Schemas generated from the content models, committed so editors validate YAML while typing."""

from __future__ import annotations

import json
import sys

from pydantic import BaseModel

from bot.knowledge.glossary import GlossaryTerm
from bot.knowledge.models import Condition
from bot.knowledge.other_causes import OtherCauses
from bot.paths import schema_dir

SCHEMAS: dict[str, type[BaseModel]] = {
    "condition.schema.json": Condition,
    "glossary.schema.json": GlossaryTerm,
    "not_covered.schema.json": OtherCauses,
}


def render_schema(model: type[BaseModel]) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas() -> int:
    folder = schema_dir()
    folder.mkdir(exist_ok=True)
    for name, model in SCHEMAS.items():
        (folder / name).write_text(render_schema(model), encoding="utf-8")
        print(f"wrote schema/{name}")
    return 0


def check_schemas() -> int:
    stale = [
        name
        for name, model in SCHEMAS.items()
        if not (schema_dir() / name).exists()
        or (schema_dir() / name).read_text(encoding="utf-8") != render_schema(model)
    ]
    for name in stale:
        print(f"schema/{name} is out of date: run `python -m bot schema`", file=sys.stderr)
    return 1 if stale else 0
