"""Discord's official OpenAPI 3.1 spec as a judge: of request bodies (refused the way Discord refuses a bad one),
and of what the local Discord itself answers and dispatches (so a field Discord always sends cannot go missing)."""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from local_discord.form_errors import Issue

log = logging.getLogger(__name__)

SPEC_URI = "urn:discord-openapi"
# What Discord answers is judged against the spec as published; what clients send, a little more leniently.
RESPONSE_SPEC_URI = "urn:discord-openapi-responses"
_METHODS = {"get", "post", "put", "patch", "delete"}
VERDICTS_KEPT = 4096  # request verdicts remembered (then forgotten all at once)


@dataclass(frozen=True)
class Operation:
    method: str
    template: str  # the spec's path template, e.g. /webhooks/{webhook_id}/{webhook_token}
    pattern: re.Pattern[str]
    literal_segments: int  # more literal segments = more specific (/users/@me beats /users/{user_id})


class SpecChecker:
    """Finds the spec operation for a request (path template + method) and validates its JSON body.

    A missing spec file is logged once and then every check passes: the emulator still runs offline.
    """

    def __init__(self, spec_path: str | Path | None) -> None:
        self.spec_path = Path(spec_path) if spec_path is not None else None
        self._spec: dict[str, Any] | None = None
        self._loaded = False
        self._operations: list[Operation] = []
        self._validators: dict[tuple[str, str], Draft202012Validator | None] = {}
        self._output_validators: dict[str, Draft202012Validator] = {}
        self._verdicts: dict[tuple[str, str, str], list[Issue]] = {}
        self._validator_class: type[Draft202012Validator] = Draft202012Validator

    @property
    def available(self) -> bool:
        self._load()
        return self._spec is not None

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if self.spec_path is None:  # checks turned off on purpose (the benchmarks' floor): no warning to print
            log.info("No Discord OpenAPI spec given: request bodies are not validated")
            return
        if not self.spec_path.is_file():
            log.warning("Discord OpenAPI spec not found at %s: request bodies will NOT be validated", self.spec_path)
            return
        spec = json.loads(self.spec_path.read_text(encoding="utf-8"))
        as_published = copy.deepcopy(spec)
        _accept_integer_snowflakes(spec)
        self._spec = spec
        self._validator_class = _discriminating_validator(spec)
        self._registry = Registry().with_resources(
            [
                (SPEC_URI, DRAFT202012.create_resource(spec)),
                (RESPONSE_SPEC_URI, DRAFT202012.create_resource(as_published)),
            ]
        )
        for template, item in spec["paths"].items():
            for method in item:
                if method in _METHODS:
                    self._operations.append(_operation(method, template))

    def find_operation(self, method: str, path: str) -> Operation | None:
        """The most specific spec operation whose template matches `path` (relative to /api/v10)."""
        self._load()
        method = method.lower()
        matches = [op for op in self._operations if op.method == method and op.pattern.fullmatch(path)]
        return max(matches, key=lambda op: op.literal_segments, default=None)

    def check(self, method: str, path: str, body: Any) -> list[Issue]:
        """Issues with `body` for `method path`; empty when valid, unknown to the spec, or no spec is loaded."""
        operation = self.find_operation(method, path)
        if operation is None:
            return []
        validator = self._validator(operation)
        if validator is None:
            return []
        # A verdict depends on the operation and the body alone: a bot sending the same card again is not re-judged.
        key = (operation.method, operation.template, json.dumps(body, sort_keys=True))
        if key not in self._verdicts:
            if len(self._verdicts) >= VERDICTS_KEPT:
                self._verdicts.clear()
            issues: list[Issue] = []
            for error in validator.iter_errors(body):
                issues.extend(_issues_for(error))
            self._verdicts[key] = list(dict.fromkeys(issues))  # one `required` error can name fields reported
        return list(self._verdicts[key])

    def response_problems(self, method: str, path: str, status: int, data: Any) -> list[str]:
        """What is wrong with an answer the local Discord gives, by the spec's schema for that status."""
        operation = self.find_operation(method, path)
        if operation is None:
            return []
        pointer = self._response_schema_pointer(operation, status)
        if pointer is None:  # a status the spec does not describe (5xx), or one it gives no body (204)
            return [f"the spec gives {status} no JSON body, yet one was sent"] if data and status < 500 else []
        return self.problems({"$ref": f"{RESPONSE_SPEC_URI}#/{pointer}"}, data)

    def problems(self, schema: Mapping[str, Any], data: Any) -> list[str]:
        """Every way `data` fails `schema` (which may $ref the spec's components as RESPONSE_SPEC_URI#/...)."""
        self._load()
        if self._spec is None:
            return []
        key = json.dumps(schema, sort_keys=True)
        if key not in self._output_validators:
            self._output_validators[key] = self._validator_class(schema, registry=self._registry)
        return sorted(_describe(error) for error in self._output_validators[key].iter_errors(data))

    def _response_schema_pointer(self, operation: Operation, status: int) -> str | None:
        assert self._spec is not None
        responses = self._spec["paths"][operation.template][operation.method]["responses"]
        key = str(status) if str(status) in responses else f"{str(status)[0]}XX"
        if key not in responses:
            return None
        parts: tuple[str, ...] = ("paths", operation.template, operation.method, "responses", key)
        response = responses[key]
        if "$ref" in response:  # a shared response, e.g. #/components/responses/ClientErrorResponse
            parts = tuple(response["$ref"].removeprefix("#/").split("/"))
            response = self._spec["components"]["responses"][parts[-1]]
        if "application/json" not in response.get("content", {}):
            return None
        return "/".join(_escape_pointer(part) for part in (*parts, "content", "application/json", "schema"))

    def _validator(self, operation: Operation) -> Draft202012Validator | None:
        key = (operation.method, operation.template)
        if key not in self._validators:
            assert self._spec is not None
            body = self._spec["paths"][operation.template][operation.method].get("requestBody")
            if body is None or "application/json" not in body.get("content", {}):
                self._validators[key] = None
            else:
                parts = ("paths", operation.template, operation.method, "requestBody", "content", "application/json")
                pointer = "/".join(_escape_pointer(part) for part in (*parts, "schema"))
                schema = {"$ref": f"{SPEC_URI}#/{pointer}"}
                self._validators[key] = self._validator_class(schema, registry=self._registry)
        return self._validators[key]


def _discriminating_validator(spec: dict[str, Any]) -> type[Draft202012Validator]:
    """Draft 2020-12 with two shortcuts that give the same verdict faster (a message body used to cost
    milliseconds): a union whose branches each fix `type` (Discord's unions of components, callbacks, options) is
    judged by the one branch the value's `type` names; a "null or X" union, given a value that is not null, by X."""
    components = spec["components"]["schemas"]
    branch_types: dict[int, list[set[Any] | None]] = {}  # by id() of the spec's own (long-lived) union lists

    def types_of(branch: Any) -> set[Any] | None:
        if not isinstance(branch, dict):
            return None
        target = components.get(branch["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in branch else branch
        kind = (target.get("properties") or {}).get("type")
        if not isinstance(kind, dict):
            return None
        if "const" in kind:
            return {kind["const"]}
        return set(kind["enum"]) if "enum" in kind else None

    def the_branch(branches: list[Any], instance: Any) -> Any:
        """The only branch that can hold `instance`, or None when that takes the full check to know."""
        if len(branches) == 2 and NULL in branches and instance is not None:
            return branches[1] if branches[0] == NULL else branches[0]
        kind = instance.get("type") if isinstance(instance, dict) else None
        if not isinstance(kind, int | str) or isinstance(kind, bool):
            return None
        if id(branches) not in branch_types:
            branch_types[id(branches)] = [types_of(branch) for branch in branches]
        types = branch_types[id(branches)]
        named = [branch for branch, t in zip(branches, types, strict=True) if t is not None and kind in t]
        return named[0] if len(named) == 1 and all(t is not None for t in types) else None

    def shortcut(keyword: str) -> Any:
        every_branch = Draft202012Validator.VALIDATORS[keyword]

        def union(validator: Any, branches: list[Any], instance: Any, schema: Any) -> Any:
            branch = the_branch(branches, instance)
            if branch is None:
                yield from every_branch(validator, branches, instance, schema)
            else:
                yield from validator.descend(instance, branch)

        return union

    extended: type[Any] = validators.extend(
        Draft202012Validator, {"oneOf": shortcut("oneOf"), "anyOf": shortcut("anyOf")}
    )
    return extended


NULL = {"type": "null"}


def _describe(error: ValidationError) -> str:
    if error.validator in ("anyOf", "oneOf") and error.context:
        # Name what failed in the branch that came closest, not "is not valid under any of the given schemas".
        branches: dict[int, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
        closest = min(
            branches.values(),
            key=lambda errors: (any(_is_kind_miss(e, error) or _is_discriminator_miss(e) for e in errors), len(errors)),
        )
        return "; ".join(_describe(sub) for sub in closest)
    where = "".join(f"[{part!r}]" for part in error.absolute_path) or "<root>"
    return f"{where}: {error.message[:300]}"


def _accept_integer_snowflakes(spec: dict[str, Any]) -> None:
    # The spec types snowflakes as strings, but Discord accepts integers and discord.py sends them
    # (allowed_mentions.users, for one); rejecting those would be stricter than Discord itself.
    snowflake = spec["components"]["schemas"]["SnowflakeType"]
    snowflake["type"] = ["string", "integer"]
    snowflake["minimum"] = 0


def _operation(method: str, template: str) -> Operation:
    segments = template.strip("/").split("/")
    regex = "/" + "/".join("[^/]+" if seg.startswith("{") else re.escape(seg) for seg in segments)
    literal = sum(not seg.startswith("{") for seg in segments)
    return Operation(method, template, re.compile(regex), literal)


def _escape_pointer(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _issues_for(error: ValidationError) -> list[Issue]:
    """Issues for one error; anyOf/oneOf failures descend into the branch the body was evidently aiming for."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return _to_issues(error)
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    # Discord discriminates unions by a `type` field, so a branch whose `type` did not match is the wrong one;
    # so is a branch for another kind of value altogether (null instead of an object, say).
    plausible = [
        errs
        for errs in branches.values()
        if not any(_is_discriminator_miss(e) or _is_kind_miss(e, error) for e in errs)
    ]
    if not plausible and all(any(_is_discriminator_miss(e) for e in errs) for errs in branches.values()):
        allowed = sorted({value for errs in branches.values() for e in errs for value in _discriminator_values(e)})
        return [Issue((*error.absolute_path, "type"), "BASE_TYPE_CHOICES", f"Value must be one of {allowed}.")]
    candidates = [[issue for e in errs for issue in _issues_for(e)] for errs in (plausible or branches.values())]
    # The branch with the fewest complaints, then the one that got furthest into the body.
    return min(candidates, key=lambda issues: (len(issues), -max((len(i.path) for i in issues), default=0)))


def _is_kind_miss(error: ValidationError, union: ValidationError) -> bool:
    return bool(error.validator == "type" and error.absolute_path == union.absolute_path)


def _is_discriminator_miss(error: ValidationError) -> bool:
    return bool(error.path) and error.path[-1] == "type" and error.validator in ("enum", "const")


def _discriminator_values(error: ValidationError) -> list[Any]:
    if not _is_discriminator_miss(error):
        return []
    return list(error.validator_value) if error.validator == "enum" else [error.validator_value]


def _to_issues(error: ValidationError) -> list[Issue]:
    path = tuple(error.absolute_path)
    keyword, expected = error.validator, error.validator_value
    if keyword == "required":
        missing = [name for name in expected if isinstance(error.instance, dict) and name not in error.instance]
        return [Issue((*path, name), "BASE_TYPE_REQUIRED", "This field is required") for name in missing]
    if keyword in ("maxLength", "maxItems", "maxProperties"):
        return [Issue(path, "BASE_TYPE_MAX_LENGTH", f"Must be {expected} or fewer in length.")]
    if keyword in ("minLength", "minItems", "minProperties"):
        return [Issue(path, "BASE_TYPE_MIN_LENGTH", f"Must be {expected} or more in length.")]
    if keyword in ("enum", "const"):
        choices = expected if keyword == "enum" else [expected]
        return [Issue(path, "BASE_TYPE_CHOICES", f"Value must be one of {choices}.")]
    if keyword == "maximum":
        return [Issue(path, "NUMBER_TYPE_MAX", f"Value should be less than or equal to {expected}.")]
    if keyword == "minimum":
        return [Issue(path, "NUMBER_TYPE_MIN", f"Value should be greater than or equal to {expected}.")]
    if keyword == "type":
        return [Issue(path, "BASE_TYPE_BAD_TYPE", f"Must be of type {expected}.")]
    if keyword == "pattern":
        return [Issue(path, "STRING_TYPE_REGEX", "String value did not match validation regex.")]
    return [Issue(path, "INVALID_FORM_BODY", error.message[:200])]
