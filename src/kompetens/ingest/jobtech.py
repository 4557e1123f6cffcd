"""JSON and JSONL input: JobTech job ads (JobSearch / historical ads format) or ``{"text": ...}`` objects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TypeGuard

from kompetens.errors import Code, IngestError
from kompetens.ingest.base import Extracted
from kompetens.ingest.htmltext import html_to_text
from kompetens.ingest.normalize import decode_bytes, squash_spaces


def is_jobtech_ad(obj: object) -> TypeGuard[dict[str, Any]]:
    """A JobTech ad has a headline or a ``description`` object."""
    return isinstance(obj, dict) and ("headline" in obj or isinstance(obj.get("description"), dict))


HEADLINE_ONLY = "headline_only"
"""``meta`` key of a JobTech ad with a headline and no description text."""
UNSPECIFIED_PLACES = frozenset({"ospecificerad arbetsort", "unspecified workplace"})
"""JobTech's placeholder for a workplace not given, in its region and municipality fields: no place."""


def _place(value: object) -> Any:
    """A region or municipality field: its value, or None for JobTech's "unspecified" placeholder (the
    market's region table counts such an ad under "(no region)", not as a region of its own)."""
    scalar = _scalar(value)
    return None if isinstance(scalar, str) and scalar.strip().casefold() in UNSPECIFIED_PLACES else scalar


def ad_to_extracted(ad: dict[str, Any]) -> Extracted:
    """Text = headline, blank line, description; the rest goes to ``meta``. ValueError when a text field
    has the wrong type (a number for a headline, a list for a description): nothing is read silently."""
    _check_types(ad)
    headline = _text(ad.get("headline"))
    body = _description(ad.get("description"))
    address = _dict(ad.get("workplace_address"))
    employer = _dict(ad.get("employer"))
    meta: dict[str, Any] = {
        "format": "jobtech",
        "id": _scalar(ad.get("id")),
        "occupation": _label(ad.get("occupation")),
        "employer": _scalar(employer.get("name")),
        "municipality": _place(address.get("municipality")),
        "region": _place(address.get("region")),
        "publication_date": _scalar(ad.get("publication_date")),
    }
    country = _place(address.get("country"))
    if country is not None:  # where the workplace is abroad or says Sverige (review/jurisdiction.py)
        meta["country"] = country
    text = "\n\n".join(part for part in (headline, body) if part.strip())
    if headline.strip() and not body.strip():  # read, but said: a review of a headline says little
        meta["warnings"] = ["the ad has no description text: only its headline is read"]
        meta[HEADLINE_ONLY] = True  # the market does not measure it (market/analyse.ad_facts)
    return Extracted(text=text, title=squash_spaces(headline) or None, meta=meta, kind="ad")


def object_to_extracted(obj: object) -> Extracted:
    """A JobTech ad, or a generic ``{"text", "title"?, "id"?}`` object."""
    if is_jobtech_ad(obj):
        return ad_to_extracted(obj)
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        title = squash_spaces(_text(obj.get("title"))) or None
        meta = {"format": "json", "id": _scalar(obj.get("id"))}
        return Extracted(text=obj["text"], title=title, meta=meta)
    raise ValueError("neither a JobTech ad (headline, description.text) nor an object with a 'text' field")


def extract_json(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    """One ad, an array of ads, or a JobSearch response (``{"hits": [...]}``)."""
    try:
        parsed = json.loads(decode_bytes(data, source=source))
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise IngestError(Code.E107, json_error(exc), source=source) from None
    if isinstance(parsed, dict) and isinstance(parsed.get("hits"), list):
        parsed = parsed["hits"]
    if not isinstance(parsed, list):
        yield _item(parsed, source=source, item=None)
        return
    if not parsed:
        raise IngestError(Code.E110, "an empty JSON array: no ads in it", source=source)
    for number, obj in enumerate(parsed, start=1):
        yield _item(obj, source=source, item=number)


def extract_jsonl(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    """One object per line; a broken line becomes an error for ``path#LINE`` and the rest goes on."""
    lines = _lines(data, source=source)
    if not any(line.strip() for line in lines):
        raise IngestError(Code.E101, "no JSON lines in the file", source=source)
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            yield jsonl_item(raw, source=source, number=number)


def jsonl_item(raw: bytes, *, source: str, number: int) -> Extracted | IngestError:
    """Line ``number`` of a JSONL file (not blank): its ad, or the error for ``source#number``."""
    where = f"{source}#{number}"
    try:
        # without its line end: an error at the end of the line is in the line's last column, not in
        # column 1 of the next (as the whole file's reading says it)
        obj = json.loads(decode_bytes(raw, source=where).rstrip("\r\n"))
    except IngestError as exc:
        return exc
    except (ValueError, RecursionError) as exc:
        return IngestError(Code.E107, json_error(exc, line=number), source=where)
    return _item(obj, source=source, item=number)


def _lines(data: bytes, *, source: str) -> list[bytes]:
    """Lines as bytes, decoded one by one so one bad line spoils only itself; UTF-16/32 decoded whole."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return decode_bytes(data, source=source).replace("\r\n", "\n").encode("utf-8").split(b"\n")
    if b"\x00" in data:
        raise IngestError(Code.E102, "contains NUL bytes: a binary file, not JSON lines", source=source)
    return data.removeprefix(b"\xef\xbb\xbf").split(b"\n")


def _item(obj: object, *, source: str, item: int | None) -> Extracted | IngestError:
    try:
        extracted = object_to_extracted(obj)
    except ValueError as exc:
        where = source if item is None else f"{source}#{item}"
        return IngestError(Code.E107, str(exc), source=where)
    extracted.item = item
    return extracted


_TYPE_NAMES = {int: "a number", float: "a number", bool: "true or false", list: "a list", dict: "an object"}


def _type_name(value: object) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _check_types(ad: dict[str, Any]) -> None:
    headline, description = ad.get("headline"), ad.get("description")
    if headline is not None and not isinstance(headline, str):
        raise ValueError(f"field 'headline' must be text, got {_type_name(headline)}")
    if description is not None and not isinstance(description, (str, dict)):
        raise ValueError(f"field 'description' must be text or an object, got {_type_name(description)}")
    if isinstance(description, dict):
        for key in ("text", "text_formatted"):
            value = description.get(key)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"field 'description.{key}' must be text, got {_type_name(value)}")


def _description(value: object) -> str:
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return ""
    text = _text(value.get("text"))
    if text.strip():
        return text
    # Some ads carry only the HTML version.
    return html_to_text(_text(value.get("text_formatted")))[0]


def _label(value: object) -> str | None:
    """``occupation`` is an object with a label (JobSearch) or a list of them (some dumps)."""
    if isinstance(value, list):
        value = value[0] if value else None
    label = value.get("label") if isinstance(value, dict) else value
    return None if label is None else str(label)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _scalar(value: object) -> Any:
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def json_error(exc: BaseException, *, line: int | None = None) -> str:
    """What is wrong with the JSON, where: line and column of a JSON file, or (``line``: a JSONL file's line,
    one record) that line and the column in it."""
    if isinstance(exc, json.JSONDecodeError):
        what = exc.msg.removesuffix(" at").removesuffix(" starting")  # "Unterminated string starting at"
        return f"invalid JSON at line {line or exc.lineno}, column {exc.colno}: {what}"
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {exc}"
