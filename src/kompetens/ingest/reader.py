"""Files and folders -> Documents: the public entry points of the ingest layer."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Collection, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from kompetens.errors import Code, IngestError
from kompetens.ingest.base import Extracted, Extractor
from kompetens.ingest.docx import extract_docx
from kompetens.ingest.htmltext import html_to_text, looks_like_html
from kompetens.ingest.jobtech import extract_json, extract_jsonl, jsonl_item
from kompetens.ingest.langdetect import (
    LANGUAGE_NAMES,
    SUPPORTED_LANGS,
    UNDETERMINED,
    foreign_paragraphs,
    identify_language,
    language_name,
    paragraph_languages,
)
from kompetens.ingest.normalize import normalize_text, squash_spaces
from kompetens.ingest.pdf import extract_pdf
from kompetens.ingest.text import extract_html, extract_markdown, extract_txt
from kompetens.models import DocKind, Document

DEFAULT_MAX_BYTES = 20_000_000

EXTRACTORS: dict[str, Extractor] = {
    ".txt": extract_txt,
    ".text": extract_txt,
    ".md": extract_markdown,
    ".markdown": extract_markdown,
    ".html": extract_html,
    ".htm": extract_html,
    ".pdf": extract_pdf,
    ".docx": extract_docx,
    ".json": extract_json,
    ".jsonl": extract_jsonl,
    ".ndjson": extract_jsonl,
}
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(EXTRACTORS)
_IMAGE = "an image has no text: give {document} as PDF, .docx or text"
UNREAD_DOCUMENTS: dict[str, str] = {
    # documents a folder of CVs or ads may hold that no reader here takes: reported, not skipped
    ".doc": "save it as .docx or PDF",
    ".rtf": "save it as .docx, PDF or text",
    ".odt": "save it as .docx or PDF",
    ".pages": "export it as .docx or PDF",
    ".wpd": "save it as .docx or PDF",
    ".xps": "save it as PDF",
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff", ".heic", ".webp"), _IMAGE),
}
"""Suffixes of documents that a folder walk reports as unsupported (with what to do) instead of skipping
silently: a recruiter's folder of CVs that holds an old .doc or a scanned photo loses no candidate unseen.
``{document}`` is what is being read ("the CV", "the ad": ``unread_message``)."""
_DOCUMENT_NOUNS: dict[DocKind | None, str] = {"cv": "the CV", "ad": "the ad"}


def unread_message(suffix: str, kind: DocKind | None = None) -> str:
    """Why a document of ``suffix`` (one of ``UNREAD_DOCUMENTS``) is not read, and what to do, naming it by
    the kind being read: an image among ads is "the ad", among CVs "the CV", else "the document"."""
    what = UNREAD_DOCUMENTS[suffix].format(document=_DOCUMENT_NOUNS.get(kind, "the document"))
    return f"unsupported file type {suffix!r}: {what}"


def unknown_type(path: Path, extensions: Collection[str] = ()) -> IngestError:
    """E108 for a file no reader takes, naming the known types (``extensions``: those its caller reads)."""
    known = ", ".join((*SUPPORTED_EXTENSIONS, *sorted(extensions)))
    if not path.suffix:
        what = "no file extension, and the content is neither a PDF nor a Word file (DOCX); name the file"
        return IngestError(Code.E108, f"{what} with one of: {known}", source=str(path))
    if path.suffix.lower() in COMPRESSED:
        inner = Path(path.stem).suffix or "its file"
        packed = "only JSON lines packed with gzip, bzip2 or xz (ads.jsonl.gz) or zipped are read"
        return IngestError(
            Code.E108,
            f"a compressed file ({path.suffix!r}) of this kind is not read ({packed}): unpack it first"
            f" ({COMPRESSED[path.suffix.lower()]} {path.name}) and give {inner}; known: {known}",
            source=str(path),
        )
    return IngestError(Code.E108, f"unknown file type {path.suffix!r}; known: {known}", source=str(path))


COMPRESSED: dict[str, str] = {
    ".gz": "gunzip -k",
    ".zip": "unzip",
    ".bz2": "bunzip2 -k",
    ".xz": "unxz -k",
    ".zst": "unzstd",
    ".7z": "7z x",
}
"""Compressed files and the command that unpacks one. JSON lines packed with gzip, bzip2 or xz, and zip
files of JSON lines, are read (``packed_jsonl``: JobTech's historical ads come zipped); any other is an error
that says how to unpack it, where it said "unknown file type '.gz'" (a bug hunt, hJ)."""

JSONL_INNER = frozenset({".jsonl", ".ndjson"})
_PACKERS: dict[str, Any] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_PACKED_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, zipfile.BadZipFile)


def packed_jsonl(path: Path) -> bool:
    """A JSON-lines corpus packed whole (``ads.jsonl.gz``, ``.bz2``, ``.xz``) or a zip file (whose
    ``.jsonl`` and ``.ndjson`` members are read, in name order): read line by line, unpacked as it goes."""
    suffix = path.suffix.lower()
    if suffix in _PACKERS:
        return Path(path.stem).suffix.lower() in JSONL_INNER
    return suffix == ".zip"


def _packed_members(path: Path, stack: ExitStack) -> Iterator[tuple[str, IO[bytes]]]:
    """(source, binary stream) of each JSON-lines file ``path`` packs: ``ads.jsonl.gz`` itself, or each
    ``.jsonl``/``.ndjson`` member of a zip as ``ads.zip:2023.jsonl``; an IngestError for a zip without any."""
    suffix = path.suffix.lower()
    if suffix in _PACKERS:
        yield str(path), stack.enter_context(_PACKERS[suffix](path, "rb"))
        return
    archive = stack.enter_context(zipfile.ZipFile(path))
    names = sorted(n for n in archive.namelist() if Path(n).suffix.lower() in JSONL_INNER)
    if not names:
        raise IngestError(Code.E108, "the zip file holds no .jsonl or .ndjson file", source=str(path))
    for name in names:
        with archive.open(name) as member:
            yield f"{path}:{name}", member


PathsArg = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""Files and folders as the public API takes them: one path (a ``str`` or ``Path``) or an iterable of them."""


def as_paths(paths: PathsArg, *, name: str = "paths") -> tuple[Path, ...]:
    """``paths`` as a tuple of Paths: a ``str`` or ``Path`` is one path (not its characters, one file each:
    ``"ads.jsonl"`` read as ``a``, ``d``, ``s``, ``.`` would measure the working folder, and ``/`` the whole
    filesystem). Raises TypeError for bytes or anything that is neither a path nor an iterable of paths."""
    if isinstance(paths, str | os.PathLike):
        return (Path(paths),)
    if isinstance(paths, bytes | bytearray):
        raise TypeError(f"{name}: give paths as str or pathlib.Path, not bytes")
    try:
        items = tuple(paths)
    except TypeError:
        raise TypeError(
            f"{name}: expected a path (str or pathlib.Path) or a list of paths, not {type(paths).__name__}"
        ) from None
    for item in items:
        if not isinstance(item, str | os.PathLike):
            raise TypeError(
                f"{name}: each path must be a str or pathlib.Path, not {type(item).__name__} ({item!r:.60})"
            )
    return tuple(Path(item) for item in items)


def read_path(
    path: Path,
    *,
    kind: DocKind | None = None,
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Document]:
    """Read one file: one Document, or one per ad in a JSON array / JSONL file.

    ``kind`` overrides what the content says (a JobTech ad is "ad", anything else "text");
    ``lang`` skips language detection. Raises the first IngestError met, JSONL lines included
    (use ``iter_documents`` to keep the good lines of a file with bad ones).
    """
    docs: list[Document] = []
    for item in _iter_file(Path(path), kind=kind, lang=lang, max_bytes=max_bytes):
        if isinstance(item, IngestError):
            raise item
        docs.append(item)
    return docs


def iter_documents(
    paths: PathsArg,
    *,
    kind: DocKind | None = None,
    lang: str | None = None,
    recursive: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | IngestError]:
    """Documents from files and folders; a bad file or JSONL line yields its error and reading goes on.

    Folders are walked in sorted order, skipping hidden entries and files with unknown extensions. ``paths``:
    one path (``str`` or ``Path``) or an iterable of them (``as_paths``: TypeError, at the call, otherwise).
    """
    return _iter_paths(as_paths(paths), kind=kind, lang=lang, recursive=recursive, max_bytes=max_bytes)


def _iter_paths(
    paths: tuple[Path, ...], *, kind: DocKind | None, lang: str | None, recursive: bool, max_bytes: int
) -> Iterator[Document | IngestError]:
    for path in paths:
        for file in expand_paths(path, recursive=recursive, kind=kind):
            if isinstance(file, IngestError):
                yield file
            else:
                yield from _iter_file(file, kind=kind, lang=lang, max_bytes=max_bytes)


def stream_jsonl(
    path: Path, *, kind: DocKind | None = None, lang: str | None = None
) -> Iterator[Document | IngestError]:
    """A JSON-lines file read line by line, whatever its size: the documents and errors ``iter_documents``
    gives, without holding the file (so without its size limit). A line with NUL bytes is that line's
    error rather than the file's; a UTF-16 or UTF-32 file is read whole, as ``iter_documents`` reads it."""
    source = str(path)
    error = jsonl_file_error(path)
    if error is not None:
        yield error
        return
    if packed_jsonl(path):
        yield from _stream_packed(path, kind=kind, lang=lang)
        return
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield IngestError(Code.E100, f"cannot be read ({exc.strerror})", source=source)
        return
    with fh:
        if fh.read(4).startswith(_WIDE_BOMS):
            yield from _iter_file(path, kind=kind, lang=lang, max_bytes=DEFAULT_MAX_BYTES)
            return
        fh.seek(0)
        yield from _jsonl_lines(fh, source, kind=kind, lang=lang)


def _jsonl_lines(
    fh: IO[bytes], source: str, *, kind: DocKind | None, lang: str | None
) -> Iterator[Document | IngestError]:
    for number, raw in enumerate(fh, start=1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        item = jsonl_item(raw, source=source, number=number)
        yield item if isinstance(item, IngestError) else _document(item, source=source, kind=kind, lang=lang)


def count_packed_lines(path: Path) -> int:
    """The non-blank lines of a packed JSON-lines file (``packed_jsonl``), unpacking it once (a progress
    total); 1 where it cannot be read, as reading will report that one error."""
    count = 0
    try:
        with ExitStack() as stack:
            for _, fh in _packed_members(path, stack):
                count += sum(1 for line in fh if line.strip())
    except (IngestError, *_PACKED_ERRORS):
        return max(count, 1)
    return max(count, 1)


def _stream_packed(path: Path, *, kind: DocKind | None, lang: str | None) -> Iterator[Document | IngestError]:
    """The lines of a packed JSON-lines file (``packed_jsonl``), unpacked as they are read; a file that
    turns out damaged is its error after the lines read before it (naming the file: E104-like, E110)."""
    try:
        with ExitStack() as stack:
            for source, fh in _packed_members(path, stack):
                yield from _jsonl_lines(fh, source, kind=kind, lang=lang)
    except IngestError as exc:
        yield exc
    except _PACKED_ERRORS as exc:
        what = str(exc) or type(exc).__name__
        yield IngestError(
            Code.E110, f"the packed file is damaged or not what its name says ({what})", source=str(path)
        )


def jsonl_file_error(path: Path, *, chunk: int = 1 << 20) -> IngestError | None:
    """The error of a JSON-lines file as a whole, or None: no such file or not a file (E100, E108), empty or
    only whitespace (E101). Reads up to the first byte that is not blank, so it costs nothing on a corpus;
    both market backends ask it (Spark reads the lines itself)."""
    source = str(path)
    try:
        if _regular_file_size(path) == 0:
            return IngestError(Code.E101, "the file is empty", source=source)
        with path.open("rb") as fh:
            head = fh.read(chunk)
            if head.startswith(_WIDE_BOMS):
                return None  # read whole and decoded as UTF-16 or UTF-32
            head = head.removeprefix(b"\xef\xbb\xbf")
            while head:
                if head.strip():
                    return None
                head = fh.read(chunk)
    except IngestError as exc:
        return exc
    except OSError as exc:
        return IngestError(Code.E100, f"cannot be read ({exc.strerror})", source=source)
    return IngestError(Code.E101, "the file holds only whitespace", source=source)


_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16 and UTF-32


def document_from_text(
    text: str,
    *,
    source: str = "<text>",
    kind: DocKind | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> Document:
    """A Document for a string (API input, pasted text), normalised and language-tagged like a file."""
    if not text.strip():
        raise IngestError(Code.E101, "the text is empty", source=source)
    fmt = "text"
    if looks_like_html(text):  # a page's source pasted into a form: its visible text, its <title>
        visible, page_title = html_to_text(text)
        if visible.strip():
            text, fmt, title = visible, "html", title or page_title
    doc = _document(
        Extracted(text=text, title=title, meta={"format": fmt}), source=source, kind=kind, lang=lang
    )
    if isinstance(doc, IngestError):
        raise doc
    return doc


LANG_HINT = "give the language to override (--lang sv|en, or lang in the API)"


def require_language(
    doc: Document, *, supported: Iterable[str] = SUPPORTED_LANGS, hint: str | None = LANG_HINT
) -> Document:
    """The document itself, or IngestError E109 when its language is unknown or unsupported; ``hint`` (how
    to give the language) ends the message where the language could not be told (a short text, an unknown
    one), not for a text read as French: read as Swedish or English, it would be misread."""
    if doc.lang in set(supported):
        return doc
    message = doc.meta.get("lang_warning") or f"the language {doc.lang!r} is not supported"
    told = not doc.meta.get("lang_short") and doc.meta.get("lang_detected") not in (None, "", UNDETERMINED)
    raise IngestError(Code.E109, f"{message}; {hint}" if hint and not told else message, source=doc.source)


def expand_paths(
    path: Path,
    *,
    recursive: bool = True,
    extensions: Collection[str] = (),
    kind: DocKind | None = None,
) -> Iterator[Path | IngestError]:
    """A named file as is (a missing one too, to report it), but a file of a type no reader takes, nor
    ``extensions``, is its error (E108, naming them all); a folder's known files (those of the readers here,
    and ``extensions`` such as ``.csv`` that a caller reads itself). A document the readers do not take
    (``UNREAD_DOCUMENTS``: .doc, .rtf, images...) is yielded as its error (naming ``kind``, what is read),
    other files are skipped; a folder with nothing to read at all is an error (E108) rather than no output."""
    if not path.is_dir():
        suffix = path.suffix.lower()
        if not path.is_file() or suffix in EXTRACTORS or suffix in extensions or packed_jsonl(path):
            yield path
        elif suffix in UNREAD_DOCUMENTS:
            yield IngestError(Code.E108, unread_message(suffix, kind), source=str(path))
        else:
            yield unknown_type(path, extensions)
        return
    found = 0
    for item in _walk(path, recursive=recursive, extensions=extensions, kind=kind):
        found += 1
        yield item
    if not found:
        known = ", ".join((*SUPPORTED_EXTENSIONS, *sorted(extensions)))
        yield IngestError(Code.E108, f"the folder holds no file to read (known: {known})", source=str(path))


def _walk(
    path: Path, *, recursive: bool, extensions: Collection[str], kind: DocKind | None
) -> Iterator[Path | IngestError]:
    try:
        entries = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield IngestError(Code.E100, f"the folder cannot be listed ({exc.strerror})", source=str(path))
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):  # hidden files, Office lock files
            continue
        suffix = entry.suffix.lower()
        if entry.is_dir():
            if recursive and not entry.is_symlink():  # symlinked folders could loop
                yield from _walk(entry, recursive=True, extensions=extensions, kind=kind)
        elif suffix in EXTRACTORS or suffix in extensions or packed_jsonl(entry):
            yield entry
        elif suffix in UNREAD_DOCUMENTS:
            yield IngestError(Code.E108, unread_message(suffix, kind), source=str(entry))


def _iter_file(
    path: Path, *, kind: DocKind | None, lang: str | None, max_bytes: int
) -> Iterator[Document | IngestError]:
    source = str(path)
    if packed_jsonl(path):
        yield from stream_jsonl(path, kind=kind, lang=lang)
        return
    try:
        size = _regular_file_size(path)
        if path.suffix:
            extractor = _extractor(path, kind)
            data = _read_capped(path, size=size, max_bytes=max_bytes)
            extractor = _by_content(path, extractor, data)
        else:  # no extension: a PDF or DOCX is told by its content
            data = _read_capped(path, size=size, max_bytes=max_bytes)
            extractor = _extractor(path, kind, data)
        for item in extractor(data, source=source):
            yield (
                item
                if isinstance(item, IngestError)
                else _document(item, source=source, kind=kind, lang=lang)
            )
    except IngestError as exc:
        yield exc


def read_bytes(
    name: str,
    data: bytes,
    *,
    kind: DocKind | None = None,
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | IngestError]:
    """Documents from a file's bytes (an upload), its format told by ``name``'s suffix: what ``iter_documents``
    yields for the same file at a path named ``name``, without writing it anywhere."""
    try:
        if Path(name).suffix:
            extractor = _extractor(Path(name), kind)
            _check_bytes(data, max_bytes=max_bytes, source=name)
            extractor = _by_content(Path(name), extractor, data)
        else:  # an ATS attachment saved as "CV": a PDF or DOCX is told by its content
            _check_bytes(data, max_bytes=max_bytes, source=name)
            extractor = _extractor(Path(name), kind, data)
        for item in extractor(data, source=name):
            yield (
                item if isinstance(item, IngestError) else _document(item, source=name, kind=kind, lang=lang)
            )
    except IngestError as exc:
        yield exc


def _check_bytes(data: bytes, *, max_bytes: int, source: str) -> None:
    """``_read_capped``'s checks, for bytes in memory."""
    if len(data) > max_bytes:
        raise IngestError(Code.E103, f"{len(data):,} bytes; the limit is {max_bytes:,}", source=source)
    if not data:
        raise IngestError(Code.E101, "the file is empty", source=source)
    if not data.strip():
        raise IngestError(Code.E101, "the file holds only whitespace", source=source)


def _regular_file_size(path: Path) -> int:
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise IngestError(Code.E100, "no such file", source=source) from None
    except OSError as exc:
        raise IngestError(Code.E100, f"cannot be opened ({exc.strerror})", source=source) from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(Code.E108, "is a folder; pass it to iter_documents", source=source)
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(Code.E108, "not a regular file (a device, pipe or socket)", source=source)
    return info.st_size


def sniffed_suffix(data: bytes) -> str | None:
    """The type of a file without an extension, told by its first bytes: ``.pdf`` (``%PDF-``) or ``.docx`` (a
    zip holding ``word/document.xml``); None for anything else (text is not guessed: it may be any format)."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04") and b"word/document.xml" in data:
        return ".docx"
    return None


def _extractor(path: Path, kind: DocKind | None = None, data: bytes | None = None) -> Extractor:
    """The reader of ``path``'s type, told by its extension; with none, by ``data``'s content
    (``sniffed_suffix``) where given."""
    suffix = path.suffix.lower()
    if not suffix and data is not None:
        suffix = sniffed_suffix(data) or ""
    extractor = EXTRACTORS.get(suffix)
    if extractor is None:
        if suffix in UNREAD_DOCUMENTS:  # a named .doc, as in a folder: what to do about it
            raise IngestError(Code.E108, unread_message(suffix, kind), source=str(path))
        raise unknown_type(path)
    return extractor


_BY_CONTENT = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"})
"""The document extensions a file's content overrules where it is a PDF or a Word file (``sniffed_suffix``)."""


def _by_content(path: Path, extractor: Extractor, data: bytes) -> Extractor:
    """The reader of what the file is where its name says another document type: a PDF saved as "cv.txt" was
    "contains NUL bytes: a binary file, not text" (E102), a Word file named "cv.pdf" "not a readable PDF"
    (E104), though its first bytes said what it was (a staffing coordinator's hunt, hO2)."""
    suffix = path.suffix.lower()
    if suffix not in _BY_CONTENT:
        return extractor
    sniffed = sniffed_suffix(data)
    return EXTRACTORS[sniffed] if sniffed is not None and sniffed != suffix else extractor


def _read_capped(path: Path, *, size: int, max_bytes: int) -> bytes:
    """The file's bytes; the size is checked before reading, and the read is capped all the same."""
    source = str(path)
    if size > max_bytes:
        raise IngestError(Code.E103, f"{size:,} bytes; the limit is {max_bytes:,}", source=source)
    if size == 0:
        raise IngestError(Code.E101, "the file is empty", source=source)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise IngestError(Code.E100, f"cannot be read ({exc.strerror})", source=source) from None
    if len(data) > max_bytes:
        raise IngestError(Code.E103, f"more than {max_bytes:,} bytes", source=source)
    if not data.strip():
        raise IngestError(Code.E101, "the file holds only whitespace", source=source)
    return data


LANG_GIVEN = "lang_given"
"""``Document.meta`` key: the caller gave the document's language (``lang=``); nothing reads it again."""
LANG_SETTLED_WITHOUT_IDENTITY = "lang_without_identity"
"""``Document.meta`` key: the language was settled on a CV's text without its name, contact and birth lines
(``_without_identity``), so profiling it need not read it again (``match.score._cv_language``)."""


def _document(
    item: Extracted, *, source: str, kind: DocKind | None, lang: str | None
) -> Document | IngestError:
    """Normalise the text, settle kind and language."""
    if item.item is not None:
        source = f"{source}#{item.item}"
    text = normalize_text(item.text)
    if not text.strip():
        return IngestError(Code.E110, "no text found in it", source=source)
    meta = dict(item.meta)
    kind = kind or item.kind
    if lang is None:
        lang = _settle_language(_without_identity(text) if kind == "cv" else text, meta)
        if kind == "cv":
            meta[LANG_SETTLED_WITHOUT_IDENTITY] = True
    else:
        meta[LANG_GIVEN] = True
    title = squash_spaces(normalize_text(item.title)) if item.title else None
    return Document(
        source=source,
        text=text,
        lang=lang.lower(),
        kind=kind or "text",
        title=title or None,
        meta=meta,
    )


def _without_identity(text: str) -> str:
    """A CV's text without the person's name, contact and birth lines, which the anonymiser removes before
    scoring: a CV's language is read from the rest, so that a name ("Awaa Aabazghnf" read the whole of a
    short English CV as French) can neither refuse a CV (E109) nor change its profile."""
    from ..match.anonymize import anonymize

    return anonymize(text, keep_length=False).text


def settle_language(text: str) -> str:
    """The language ``text`` is read in, as reading a file settles it (``UNDETERMINED`` where none served)."""
    return _settle_language(text, {})


def _settle_language(text: str, meta: dict[str, Any]) -> str:
    """The document's language. Where the text as a whole reads as no supported language (a short
    Swedish ad with a long French paragraph), its paragraphs are identified one by one: the supported
    language holding most of the text wins, and the other parts are named in ``meta["lang_parts"]`` and
    warned about in ``meta["warnings"]``. (Only then: identifying every paragraph of every document
    would cost ten times the whole-text check, and Swedish paragraphs alone are often taken for Danish.)"""
    detected = identify_language(text)
    if detected in SUPPORTED_LANGS:
        _name_foreign_parts(text, meta, str(detected))
        return str(detected)
    parts = paragraph_languages(text)
    sizes: dict[str, int] = {}
    for start, end, code in parts:
        if code in SUPPORTED_LANGS:
            sizes[code] = sizes.get(code, 0) + end - start
    if not sizes:
        letters = sum(map(str.isalpha, text))
        meta["lang_detected"] = detected
        meta["lang_warning"] = _lang_warning(detected, letters=letters)
        meta["lang_short"] = letters < SHORT_TEXT_LETTERS
        return UNDETERMINED
    lang = max(sizes, key=lambda code: sizes[code])
    _name_parts(meta, [(s, e, c) for s, e, c in parts if c not in SUPPORTED_LANGS], lang)
    return lang


def _name_foreign_parts(text: str, meta: dict[str, Any], lang: str) -> None:
    """Name the paragraphs of another language in a Swedish or English document."""
    other = foreign_paragraphs(text, lang)
    if other:
        _name_parts(meta, other, lang)


def _name_parts(meta: dict[str, Any], other: list[tuple[int, int, str | None]], lang: str) -> None:
    """``other`` parts in ``meta["lang_parts"]``, each warned about as read as ``lang``."""
    meta["lang_parts"] = [{"start": s, "end": e, "lang": c or UNDETERMINED} for s, e, c in other]
    meta.setdefault("warnings", []).extend(
        f"characters {s}-{e}: {language_name(c)} is not supported; read as {language_name(lang)}"
        for s, e, c in other
    )


_PART_WARNING = re.compile(r"^characters (\d+)-(\d+): (.+) is not supported; read as (.+)$")


def warned_part(warning: str) -> tuple[int, int, str | None, str | None] | None:
    """The part a warning of ``_name_parts`` names: its start and end, its language and the language it was
    read as (codes; None for a language without a code here), or None for another warning. The reports
    name the part in their own language by its first words, the JSON keeps the warning with its offsets."""
    found = _PART_WARNING.match(warning)
    if found is None:
        return None
    codes = {name: code for code, name in LANGUAGE_NAMES.items()}

    def code(name: str) -> str | None:
        return codes.get(name) or (name.strip("'") if name.startswith("'") else None)

    return int(found[1]), int(found[2]), code(found[3]), code(found[4])


SHORT_TEXT_LETTERS = 60
"""Below this many letters a text's language is not named: the detector's guess at a few words ("Sociala
medier, SEO", "Social media manager sökes") is as often Spanish or Dutch as it is right."""


def _lang_warning(detected: str | None, *, letters: int = SHORT_TEXT_LETTERS) -> str:
    if letters < SHORT_TEXT_LETTERS:
        return f"the text is too short to tell its language ({letters} letter{'' if letters == 1 else 's'})"
    if detected is None:
        return "the language could not be identified"
    return f"{language_name(detected)} is not supported (supported: Swedish, English)"
