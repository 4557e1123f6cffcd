"""What the API and the web pages both parse: uploaded files -> Documents, and the role fields -> a Role.

Uploaded CVs are read in memory (``Engine.read_files``): nothing of them is written to disk. A role or ad
file is written to a private temporary folder only long enough for the engine to read it, then deleted.
Sources are the uploaded file names, not temporary paths.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..engine import Engine
from ..errors import Code, KompetensError
from ..ingest import SUPPORTED_LANGS, document_from_text
from ..match import Role
from ..models import DocKind, Document

MAX_NAME_BYTES = 200


def attachment(name: str) -> str:
    """A ``Content-Disposition`` for a download named ``name`` (made safe with ``safe_name``): an ASCII
    ``filename`` without accents ("Asa Oberg CV.txt") for old clients and the name itself as UTF-8
    ``filename*`` (RFC 6266), so "Åsa Öberg CV.txt" is not saved as "?sa ?berg CV.txt"."""
    safe = safe_name(name, index=1)
    plain = unicodedata.normalize("NFKD", safe).encode("ascii", "ignore").decode().replace('"', "_")
    return f"attachment; filename=\"{plain or 'download'}\"; filename*=UTF-8''{quote(safe, safe='')}"


MAX_ID = 2**63 - 1
"""The largest id or version number a database holds: a larger one in a path or query is a 422, not a 500."""
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
    data: dict[str, bytes] = field(default_factory=dict)
    """The uploaded bytes by the name documents carry as their source (what a stored candidate keeps)."""

    def original(self, doc: Document) -> bytes:
        """The file a document came from, or its text where one file held several documents."""
        kept = self.data.get(doc.source or "")
        return kept if kept is not None else doc.text.encode()


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


def upload_names(uploads: Sequence[Upload]) -> list[str]:
    """The names documents from ``uploads`` carry: safe, and unique ("cv.txt (2)" for a second cv.txt)."""
    return _unique(safe_name(u.name, index=i) for i, u in enumerate(uploads, start=1))


def read_uploads(
    engine: Engine,
    uploads: Sequence[Upload],
    *,
    kind: DocKind,
    names: Sequence[str] | None = None,
    first: int = 1,
) -> ReadResult:
    """Documents from uploaded files; a file that cannot be read is reported, the others go on. ``names``:
    what to call them (``upload_names`` of these uploads by default); for a part of a longer list, its
    names there and ``first``, the number of its first upload in it."""
    result = ReadResult([], [])
    names = upload_names(uploads) if names is None else names
    files = upload_files(uploads, first=first)
    # One call for all of them (one trip to an engine worker), read in memory.
    for (_, data), name, items in zip(
        files, names, engine.read_files(files, kind=kind, names=names), strict=True
    ):
        result.data[name] = data
        for item in items:
            if isinstance(item, KompetensError):
                result.failed.append(item)
            else:
                result.documents.append(item)
    return result


def upload_files(uploads: Sequence[Upload], *, first: int = 1) -> list[tuple[str, bytes]]:
    """(safe name, bytes) of each upload: what ``Engine.read_files`` reads (the name's suffix tells the format)."""
    return [(safe_name(u.name, index=i), u.data) for i, u in enumerate(uploads, start=first)]


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


def ad_document(
    engine: Engine,
    *,
    text: str,
    upload: Upload | None,
    title: str | None = None,
    lang: str | None = None,
    source: str = "pasted ad",
) -> Document:
    """The job ad a page's form gives: its pasted ``text`` or its uploaded file (``Engine.read_ad``: txt,
    md, html, pdf, docx or a JobTech ad as JSON), one or the other. Both given is an error (E301) rather than
    a silent choice, as ``Engine.choose_role`` refuses two roles; neither is E101 at the text. A typed
    ``title`` or ``lang`` goes before the file's own."""
    chosen_lang = checked_lang(lang)
    if upload is not None and text.strip():
        raise KompetensError(
            Code.E301,
            f"give the ad's text or its file ({safe_name(upload.name, index=1)}), not both: empty the text "
            "field to use the file",
            field="ad_file",
        )
    if upload is None:
        if not text.strip():
            raise KompetensError(Code.E101, "paste the ad's text or choose its file", field="text")
        return text_document(text, kind="ad", lang=chosen_lang, title=title, source=source)
    doc = engine.read_ad(safe_name(upload.name, index=1), upload.data, lang=chosen_lang)
    typed = (title or "").strip()
    return replace(doc, title=typed) if typed else doc


def resolve_role(
    engine: Engine,
    *,
    role_json: str | None = None,
    role_file: Upload | None = None,
    ad_text: str | None = None,
    thorough: bool = False,
) -> Role:
    """The role to rank for, from the request's role fields: a role as JSON, a role (or ad) file, or an ad's
    text. ``Engine.choose_role`` decides (at most one; the default role if none), as it does for the CLI;
    here the upload becomes a file for it to read and the ad's text a Document."""
    ad = text_document(ad_text, kind="ad", source="ad") if ad_text is not None and ad_text.strip() else None
    with saved(role_file) as path:
        return engine.choose_role(
            role=role_json,
            role_file=path,
            ad=ad,
            file_name=path.name if path is not None else None,
            thorough=thorough,
        )


@contextmanager
def saved(upload: Upload | None) -> Iterator[Path | None]:
    """An uploaded file in a private temporary folder, under its safe name, while the engine reads it."""
    if upload is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="kompetens-role-") as tmp:
        path = Path(tmp) / safe_name(upload.name, index=1)
        path.write_bytes(upload.data)
        yield path
