"""DOCX -> text with zipfile and ElementTree, guarded against zip bombs.

Elements are matched by local name, so Transitional and Strict OOXML namespaces both work.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree as ET

from kompetens.errors import Code, IngestError
from kompetens.ingest.base import Extracted
from kompetens.ingest.normalize import squash_spaces

MAX_MEMBERS = 5000
MAX_PART_BYTES = 64_000_000
"""Largest XML part read (uncompressed); a long CV's document.xml is a few MB."""
MAX_TOTAL_BYTES = 128_000_000
MAX_RATIO = 100
"""Largest compression ratio accepted for parts over ``RATIO_MIN_BYTES``; Word XML compresses ~5-20x."""
RATIO_MIN_BYTES = 1_000_000

_MAIN_PART = "word/document.xml"
_HEADER_FOOTER = re.compile(r"^word/(header|footer)\d*\.xml$")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def extract_docx(data: bytes, *, source: str) -> Iterator[Extracted | IngestError]:
    """Headers, body (paragraphs and tables, in order), footers."""
    if data.startswith(_OLE_MAGIC):
        raise _error(source, "an old Word .doc or a password-protected file; save it as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            reader = _Parts(archive, source=source)
            main = reader.main_part()
            body = reader.blocks(main)
            headers = [reader.blocks(n) for n in reader.names("header")]
            footers = [reader.blocks(n) for n in reader.names("footer")]
            title = reader.title()
    except IngestError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        # RuntimeError: encrypted member; NotImplementedError: unknown compression method.
        raise _error(source, f"not a valid DOCX (zip) file ({exc})") from None
    lines = _dedupe(headers) + body + _dedupe(footers)
    yield Extracted(text="\n".join(lines), title=title, meta={"format": "docx"})


class _Parts:
    """Reads parts of an open DOCX archive with size limits."""

    def __init__(self, archive: zipfile.ZipFile, *, source: str) -> None:
        self.archive = archive
        self.source = source
        self.budget = MAX_TOTAL_BYTES
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _error(source, f"the archive has {len(infos)} members; a DOCX has a few dozen")
        self.infos = {info.filename: info for info in infos}

    def names(self, kind: str) -> list[str]:
        return sorted(n for n in self.infos if (m := _HEADER_FOOTER.match(n)) and m.group(1) == kind)

    def main_part(self) -> str:
        """The officeDocument part named in _rels/.rels (almost always word/document.xml)."""
        if "_rels/.rels" in self.infos:
            for rel in self.xml("_rels/.rels").iter():
                if _local(rel.tag) == "Relationship" and rel.get("Type", "").endswith("/officeDocument"):
                    target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                    if target in self.infos:
                        return target
        if _MAIN_PART not in self.infos:
            raise _error(self.source, "no word/document.xml inside: not a Word document")
        return _MAIN_PART

    def title(self) -> str | None:
        if "docProps/core.xml" not in self.infos:
            return None
        for elem in self.xml("docProps/core.xml").iter():
            if _local(elem.tag) == "title" and elem.text:
                return squash_spaces(elem.text) or None
        return None

    def blocks(self, name: str) -> list[str]:
        try:
            return list(_blocks(self.xml(name)))
        except RecursionError:
            raise _error(self.source, f"{name} is nested too deeply") from None

    def xml(self, name: str) -> ET.Element:
        data = self._read(name)
        # No DTDs in OOXML: refusing them rules out entity-expansion attacks.
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise _error(self.source, f"{name} declares a DTD, which a DOCX never does")
        try:
            return ET.fromstring(data)
        except ET.ParseError as exc:
            raise _error(self.source, f"{name} is not well-formed XML ({exc})") from None

    def _read(self, name: str) -> bytes:
        info = self.infos[name]
        cap = min(MAX_PART_BYTES, self.budget)
        if info.file_size > cap:
            raise _error(self.source, f"{name} would unpack to {info.file_size:,} bytes: refused")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise _error(self.source, f"{name} is compressed {ratio:,.0f}:1, like a zip bomb: refused")
        # Declared sizes can lie: read at most cap + 1 bytes whatever the header says.
        with self.archive.open(info) as fh:
            data = fh.read(cap + 1)
        if len(data) > cap:
            raise _error(self.source, f"{name} unpacks to more than {cap:,} bytes: refused")
        self.budget -= len(data)
        return data


def _blocks(elem: ET.Element) -> Iterator[str]:
    """One string per paragraph or table row, in document order."""
    for child in elem:
        tag = _local(child.tag)
        if tag == "p":
            yield _paragraph(child)
        elif tag == "tbl":
            yield from _table(child)
        elif tag != "Fallback":  # mc:Fallback repeats mc:Choice
            yield from _blocks(child)  # sdt, sdtContent, customXml, body, hdr, ftr...


def _table(tbl: ET.Element) -> Iterator[str]:
    """A row of a data table as one line, its cells joined by tabs ("Verktyg\tCanva"); a row of a layout
    table (a CV template's sidebar cell beside its main cell: a cell of several paragraphs) cell by cell,
    each paragraph on its own line and a blank line between cells, so headings, jobs and their dates keep
    their lines instead of running into one."""
    for row in _find(tbl, "tr"):
        cells = [[b for b in _blocks(cell) if b.strip()] for cell in _find(row, "tc")]
        if any(len(blocks) > 1 for blocks in cells):
            filled = [blocks for blocks in cells if blocks]
            for k, blocks in enumerate(filled):
                yield from blocks
                if k < len(filled) - 1:
                    yield ""
        else:
            yield "\t".join(" ".join(blocks) for blocks in cells)


def _find(elem: ET.Element, tag: str) -> Iterator[ET.Element]:
    """Children named ``tag``, looking through wrappers (sdt, customXml) but not nested tables."""
    for child in elem:
        name = _local(child.tag)
        if name == tag:
            yield child
        elif name not in ("tbl", "p", "Fallback"):
            yield from _find(child, tag)


def _paragraph(p: ET.Element) -> str:
    parts: list[str] = []
    _inline(p, parts)
    return "".join(parts)


_INLINE_TEXT = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


def _inline(elem: ET.Element, parts: list[str]) -> None:
    for child in elem:
        tag = _local(child.tag)
        if tag == "t":  # w:t, and m:t in equations; deleted text is w:delText and stays out
            parts.append(child.text or "")
        elif tag in _INLINE_TEXT:
            parts.append(_INLINE_TEXT[tag])
        elif tag == "txbxContent":  # a text box: its paragraphs go on their own lines
            parts.extend(f"\n{block}" for block in _blocks(child))
            parts.append("\n")
        elif tag != "Fallback":
            _inline(child, parts)


def _dedupe(parts: list[list[str]]) -> list[str]:
    """Headers/footers repeat across sections (first page, even pages): keep each text once."""
    seen: set[str] = set()
    out: list[str] = []
    for lines in parts:
        key = "\n".join(lines).strip()
        if key and key not in seen:
            seen.add(key)
            out.extend(lines)
    return out


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _error(source: str, message: str) -> IngestError:
    return IngestError(Code.E106, message, source=source)
