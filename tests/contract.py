"""What shared/CONTRACT.md fixes, as data, and checks of JSON values and JSON Schemas against it.

A spec is a JSON type ("string", "integer", "number", "boolean", "null", or several joined by "|"), a list
``[spec]`` (an array of such items), ``{"*": spec}`` (an object whose values all match) or ``{key: spec}`` (an
object with at least these keys). Keys may be added to what the contract names, never renamed or re-typed.
"""

from __future__ import annotations

from typing import Any

Spec = Any

ERROR: Spec = {"error": {}}
"""A failed input: an item with an "error" object (the contract names no keys inside it)."""

AREAS: Spec = [
    {
        "id": "string",
        "label_sv": "string",
        "label_en": "string",
        "description": "string",
        "concepts": [{"id": "string", "label": "string"}],
    }
]
EXTRACT_ITEM: Spec = {
    "source": "string",
    "lang": "string",
    "kind": "string",
    "mentions": [
        {
            "text": "string",
            "start": "integer",
            "end": "integer",
            "concept": {"id": "string", "label": "string"},
            "area": "string|null",
            "confidence": "number",
            "required": "boolean|null",
        }
    ],
    "areas": {"*": "number"},
}
EXTRACT: Spec = [EXTRACT_ITEM]
LINK: Spec = [{"input": "string", "candidates": [{"id": "string", "label": "string", "score": "number"}]}]
REVIEW: Spec = {
    "source": "string",
    "lang": "string",
    "title": "string|null",
    "requires_social_media": "boolean",
    "title_mentions_social_media": "boolean",
    "areas": {"*": "number"},
    "missing_areas": ["string"],
    "flags": [
        {
            "text": "string",
            "start": "integer",
            "end": "integer",
            "category": "string",
            "explanation": "string",
            "suggestion": "string",
            "source": "string",
        }
    ],
}
RANK_ITEM: Spec = {
    "candidate": "string",
    "rank": "integer",
    "score": "number",
    "areas": {"*": "number"},
    "evidence": {"*": ["string"]},
    "gaps": ["string"],
}
RANK: Spec = [RANK_ITEM]
TEAM: Spec = {"members": ["string"], "coverage": {"*": "number"}, "score": "number"}
MARKET: Spec = {
    "ads": "integer",
    "social_media_ads": "integer",
    "social_media_ads_title_silent": "integer",
    "by_year": {"*": {"ads": "integer", "social_media_ads": "integer"}},
    "by_area": {"*": "integer"},
}

COMMANDS: dict[str, Spec] = {
    "kompetens areas": AREAS,
    "kompetens extract": EXTRACT,
    "kompetens link": LINK,
    "kompetens review": REVIEW,
    "kompetens rank": RANK,
    "kompetens team": TEAM,
}
"""The commands whose result types kompetens.contract documents, by title, and what the contract fixes."""

REVIEW_KEYS = frozenset(REVIEW)


def keys(spec: Spec) -> set[str]:
    """Every key a spec names, at any depth."""
    if isinstance(spec, list):
        return keys(spec[0])
    if isinstance(spec, dict):
        return {k for k in spec if k != "*"} | {k for v in spec.values() for k in keys(v)}
    return set()


# -- values -------------------------------------------------------------------------------------------


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _allows(spec: str, found: str) -> bool:
    allowed = set(spec.split("|"))
    return found in allowed or (found == "integer" and "number" in allowed)


def problems(value: object, spec: Spec, where: str = "$") -> list[str]:
    """Where ``value`` (parsed JSON) breaks ``spec``; empty when it keeps it."""
    if isinstance(spec, str):
        found = _json_type(value)
        return [] if _allows(spec, found) else [f"{where}: {found}, not {spec}"]
    if isinstance(spec, list):
        if not isinstance(value, list):
            return [f"{where}: not an array"]
        return [p for i, item in enumerate(value) for p in problems(item, spec[0], f"{where}[{i}]")]
    if not isinstance(value, dict):
        return [f"{where}: not an object"]
    if "*" in spec:
        return [p for k, v in value.items() for p in problems(v, spec["*"], f"{where}.{k}")]
    out = [f"{where}: no key {k!r}" for k in spec if k not in value]
    return out + [p for k, s in spec.items() if k in value for p in problems(value[k], s, f"{where}.{k}")]


def item_problems(value: object, spec: Spec, where: str = "$") -> list[str]:
    """``problems`` where a failed input (an object with "error") may stand for an item or the value."""
    if isinstance(value, dict) and "error" in value:
        return problems(value, ERROR, where)
    if isinstance(spec, list) and isinstance(value, list):
        return [p for i, item in enumerate(value) for p in item_problems(item, spec[0], f"{where}[{i}]")]
    return problems(value, spec, where)


# -- JSON Schemas -------------------------------------------------------------------------------------


def _resolve(node: Any, defs: dict[str, Any]) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _options(node: Any, defs: dict[str, Any]) -> list[Any]:
    node = _resolve(node, defs)
    if isinstance(node, dict) and "anyOf" in node:
        return [o for option in node["anyOf"] for o in _options(option, defs)]
    return [node]


def _scalar_types(node: dict[str, Any]) -> set[str]:
    if "const" in node:
        return {_json_type(node["const"])}
    if "enum" in node:
        return {_json_type(v) for v in node["enum"]}
    kind = node.get("type")
    return {kind} if isinstance(kind, str) else {"any"}


def schema_problems(
    schema: Any, spec: Spec, defs: dict[str, Any] | None = None, where: str = "$"
) -> list[str]:
    """Where a JSON Schema (``json_schema(...)`` of a result type) lets a value break ``spec``: a key the
    contract names is missing or optional, or may hold another JSON type. In a union (a list's items) one
    option must keep the spec and the others must be failed inputs."""
    defs = defs if defs is not None else schema.get("$defs", {})
    options = _options(schema, defs)
    if len(options) > 1 and not isinstance(spec, str):
        kept = [o for o in options if not schema_problems(o, spec, defs, where)]
        others = [o for o in options if o not in kept]
        failed = [o for o in others if schema_problems(o, ERROR, defs, where)]
        if not kept:
            return [f"{where}: no option keeps the contract"]
        return [f"{where}: an option is neither the contract's nor a failed input"] if failed else []
    if isinstance(spec, str):
        found = {t for o in options for t in _scalar_types(o)}
        bad = sorted(t for t in found if not _allows(spec, t))
        return [f"{where}: may be {', '.join(bad)}, not {spec}"] if bad else []
    (node,) = options
    if isinstance(spec, list):
        if node.get("type") != "array" or "items" not in node:
            return [f"{where}: not an array"]
        return schema_problems(node["items"], spec[0], defs, f"{where}[]")
    if node.get("type") != "object":
        return [f"{where}: not an object"]
    if "*" in spec:
        values = node.get("additionalProperties")
        if not isinstance(values, dict):
            return [f"{where}: not an object of values"]
        return schema_problems(values, spec["*"], defs, f"{where}.*")
    props: dict[str, Any] = node.get("properties", {})
    required = set(node.get("required", []))
    out = [f"{where}: no key {k!r}" for k in spec if k not in props]
    out += [f"{where}: key {k!r} is optional" for k in spec if k in props and k not in required]
    for k, s in spec.items():
        if k in props:
            out += schema_problems(props[k], s, defs, f"{where}.{k}")
    return out
