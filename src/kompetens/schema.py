"""The one way results become JSON: dataclasses whose fields are the JSON keys, dumped by Pydantic.

Every result the Engine returns (``Review``, ``RankItem``, ``Team``, ``Kit``, ``LinkResult``...) is a
dataclass whose fields are exactly the keys of its JSON object; nested dataclasses are nested objects,
lists and tuples are arrays, ``dict[str, T]`` is an object. The CLI's ``--json``, the REST API's responses,
the OpenAPI schema and docs/contract.md (``python -m kompetens.contract``) all read the shape from those
types, through this module. A float field that the JSON rounds is annotated ``R1``, ``R2`` or ``R4``.

Pydantic is imported on first use only: commands that print for people never load it. Each shape's
``TypeAdapter`` is built once per process.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

if TYPE_CHECKING:
    from pydantic import TypeAdapter

JSON: TypeAlias = "bool | int | float | str | list[JSON] | dict[str, JSON] | None"

DOCUMENTED = {"use_attribute_docstrings": True}
"""``__pydantic_config__`` of a result type: the docstrings under its fields describe its keys (in the JSON
Schema, the OpenAPI document and docs/contract.md)."""


class Round:
    """``Annotated[float, Round(n)]``: the JSON form is the float rounded to ``n`` decimals."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"Round({self.digits})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.float_schema(
            serialization=core_schema.plain_serializer_function_ser_schema(
                partial(round, ndigits=self.digits), return_schema=core_schema.float_schema()
            )
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        out = handler(schema)
        out["x-decimals"] = self.digits  # for docs/contract.md
        return out


def iso_utc(value: str) -> str:
    """A stored moment in UTC (the store's ``YYYY-MM-DD HH:MM:SS``, or ISO 8601 already) as ISO 8601 with its
    offset: ``2026-12-06T11:07:30+00:00``. A value that is no moment is left as it is."""
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:  # the store writes UTC without a zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Moment:
    """``Annotated[str, Moment()]``: a moment in UTC, kept as the store writes it; its JSON form is ISO 8601
    with the offset (``iso_utc``), declared ``format: date-time``. The one place stored times become JSON."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Moment()"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(
            serialization=core_schema.plain_serializer_function_ser_schema(
                iso_utc, return_schema=core_schema.str_schema(), when_used="json"
            )
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        out = handler(schema)
        out["format"] = "date-time"
        return out


Time = Annotated[str, Moment()]
"""A moment in UTC: ISO 8601 with its offset in every JSON answer (the CLI's, the API's)."""

R1 = Annotated[float, Round(1)]
R2 = Annotated[float, Round(2)]
R4 = Annotated[float, Round(4)]


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}
_BUILDING = threading.Lock()
"""One adapter is built at a time: building one reads field docstrings with ``ast.parse``, which CPython 3.11
does not allow in two threads at once (a server answers requests, and runs background jobs, in threads)."""


def adapter(shape: Any) -> TypeAdapter[Any]:
    """The (cached) Pydantic adapter of a type: a dataclass, ``list[...]``, a union...; built once per process,
    under a lock."""
    found = _ADAPTERS.get(shape)
    if found is None:
        with _BUILDING:
            found = _ADAPTERS.get(shape)
            if found is None:
                from pydantic import TypeAdapter

                found = _ADAPTERS[shape] = TypeAdapter(shape)
    return found


def _adapter_of(value: object, shape: Any) -> TypeAdapter[Any]:
    own: Any = type(value)
    return adapter(own if shape is None else shape)


def dump_json(value: object, shape: Any = None, *, indent: int | None = None) -> bytes:
    """``value`` as UTF-8 JSON in the form ``shape`` (default: its own type) defines."""
    return _adapter_of(value, shape).dump_json(value, indent=indent)


def to_jsonable(value: object, shape: Any = None) -> JSON:
    """``value`` as plain JSON data (dicts, lists, str, numbers...), as ``dump_json`` would write it."""
    data: JSON = _adapter_of(value, shape).dump_python(value, mode="json")
    return data


def json_schema(shape: Any) -> dict[str, JSON]:
    """The JSON Schema of what ``dump_json`` writes for ``shape``: every field of an object is required,
    for every field is written, defaults included."""
    schema: dict[str, JSON] = adapter(shape).json_schema(mode="serialization")
    _require_all(schema)
    return schema


def _require_all(node: JSON) -> None:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            node["required"] = list(props)
        for value in node.values():
            _require_all(value)
    elif isinstance(node, list):
        for value in node:
            _require_all(value)
