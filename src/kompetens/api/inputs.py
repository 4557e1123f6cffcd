"""What the API and the web pages both parse: uploaded files -> Documents, and the role to rank for.

Uploads are written to a private temporary folder only long enough for ``Engine.read`` to read them
(the ingest layer reads files), then deleted. Sources are the uploaded file names, not the temporary paths.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..engine import Engine
from ..errors import Code, IngestError, KompetensError, RoleError
from ..ingest import SUPPORTED_LANGS, document_from_text
from ..match import Role, default_role, is_role_file, load_role, role_from_dict
from ..models import DocKind, Document

MAX_NAME_BYTES = 200
"""File systems allow 255 bytes per name; UTF-8 names are cut to this many."""
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file: the name the client gave and its bytes."""

    name: str
    data: bytes


@dataclass(slots=True)
class ReadResult:
    documents: list[Document]
    failed: list[KompetensError]


def safe_name(name: str | None, *, index: int) -> str:
    """The base name of an uploaded file (no folders, no hidden names, no controls), kept short."""
    base = PurePosixPath(_CONTROL.sub("_", name or "").replace("\\", "/")).name.strip()
    if not base or base.startswith("."):
        base = f"upload-{index}{base}"
    if len(base.encode()) > MAX_NAME_BYTES:
        suffix = PurePosixPath(base).suffix
        suffix = suffix if len(suffix.encode()) <= 16 else ""
        room = MAX_NAME_BYTES - len(suffix.encode())
        stem = base[: len(base) - len(suffix)].encode()[:room].decode("utf-8", errors="ignore")
        base = stem + suffix
    return base


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    out: list[str] = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def read_uploads(engine: Engine, uploads: Sequence[Upload], *, kind: DocKind) -> ReadResult:
    """Documents from uploaded files; a file that cannot be read is reported, the others go on."""
    result = ReadResult([], [])
    names = _unique(safe_name(u.name, index=i) for i, u in enumerate(uploads, start=1))
    with tempfile.TemporaryDirectory(prefix="kompetens-upload-") as tmp:
        for i, (upload, name) in enumerate(zip(uploads, names, strict=True)):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            path = folder / safe_name(upload.name, index=i + 1)
            path.write_bytes(upload.data)
            for item in engine.read([path], kind=kind):
                _rename(item, str(path), name)
                if isinstance(item, KompetensError):
                    result.failed.append(item)
                else:
                    result.documents.append(item)
    return result


def _rename(item: Document | IngestError, temp_path: str, name: str) -> None:
    """Replace the temporary path in a source (``path`` or ``path#3`` for one ad of a JSONL file)."""
    if item.source is not None and item.source.startswith(temp_path):
        item.source = name + item.source[len(temp_path) :]


def checked_lang(lang: str | None, *, field: str = "lang") -> str | None:
    """A language code the engine supports, or None for "detect it"; an E109 error otherwise."""
    if lang is None or not lang.strip():
        return None
    code = lang.strip().lower()
    if code not in SUPPORTED_LANGS:
        known = ", ".join(SUPPORTED_LANGS)
        raise KompetensError(Code.E109, f"unsupported language {lang!r}; known: {known}", field=field)
    return code


def text_document(
    text: str, *, kind: DocKind, lang: str | None = None, title: str | None = None, source: str = "<text>"
) -> Document:
    """A Document for pasted or posted text (E101 when it is empty)."""
    return document_from_text(
        text, source=source, kind=kind, lang=checked_lang(lang), title=(title or "").strip() or None
    )


def resolve_role(
    engine: Engine,
    *,
    role_json: str | None = None,
    role_file: Upload | None = None,
    ad_text: str | None = None,
) -> Role:
    """The role to rank for: a role as JSON, a role (or ad) file, or an ad's text; the default role if none.

    Giving more than one is an error rather than a silent choice.
    """
    given = {
        name: value
        for name, value in (("role", role_json), ("role_file", role_file), ("ad", ad_text))
        if value is not None and (not isinstance(value, str) or value.strip())
    }
    if len(given) > 1:
        raise KompetensError(
            Code.E301, f"give one of role, role_file or ad, not {' and '.join(given)}", field="role"
        )
    if role_json is not None and role_json.strip():
        return role_from_json(role_json)
    if role_file is not None:
        return role_from_upload(engine, role_file)
    if ad_text is not None and ad_text.strip():
        return role_from_ad_text(engine, ad_text)
    return default_role()


def role_from_json(raw: str) -> Role:
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RoleError(Code.E107, f"the role is not valid JSON: {exc.msg}", field="role") from None
    return role_from_dict(data, source="role")


def role_from_ad_text(engine: Engine, text: str, *, title: str | None = None) -> Role:
    return engine.role_from_ad(text_document(text, kind="ad", title=title, source="ad"))


def role_from_upload(engine: Engine, upload: Upload) -> Role:
    """A role file (YAML, or JSON with weights) as a role; any other file as a job ad to derive one from."""
    name = safe_name(upload.name, index=1)
    with tempfile.TemporaryDirectory(prefix="kompetens-role-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(upload.data)
        if is_role_file(path):
            try:
                return replace(load_role(path), source=name)
            except RoleError as exc:
                exc.source = name
                raise
        for item in engine.read([path], kind="ad"):
            _rename(item, str(path), name)
            if isinstance(item, KompetensError):
                raise item
            return engine.role_from_ad(item)
    raise IngestError(Code.E110, "no job ad found in the file", source=name, field="role_file")
