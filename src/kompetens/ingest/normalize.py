"""Bytes -> str decoding and the text normalisation every Document goes through."""

from __future__ import annotations

import codecs
import re
import unicodedata

from kompetens.errors import Code, IngestError

# Checked longest first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NEWLINES = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Invisible characters that split words (soft hyphen in PDFs, zero-width space, stray BOMs).
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff]")
# C0/C1 controls except \t and \n (\r, \v, \f and NEL were turned into \n before).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")
# Controls that do not occur in text files (whitespace controls \t \n \v \f \r are fine).
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_PROSE_SAMPLE_CHARS = 100_000

# A cp1252 guess is kept only for text that looks like prose; random bytes decode too.
_MAX_CONTROL_SHARE_UTF8 = 0.10
_MAX_CONTROL_SHARE_CP1252 = 0.01
_MAX_NON_ASCII_SHARE_CP1252 = 0.30
_MIN_LETTER_SHARE_CP1252 = 0.50


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` newlines, no invisible characters, other controls -> spaces.

    The last step keeps the length, so it never moves an offset.
    """
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROLS.sub(" ", text)


def squash_spaces(text: str) -> str:
    """Collapse all whitespace to single spaces (for titles and metadata)."""
    return _WHITESPACE.sub(" ", text).strip()


def decode_bytes(data: bytes, *, source: str) -> str:
    """Decode a text file: BOM if any, else UTF-8, else cp1252 when the result looks like text (see
    ``decode_with_warnings``: a UTF-8 file with a few bad bytes keeps its UTF-8 lines)."""
    return decode_with_warnings(data, source=source)[0]


def decode_with_warnings(data: bytes, *, source: str) -> tuple[str, list[str]]:
    """``decode_bytes``, and what the reader should know: the lines that were not valid UTF-8.

    A file that is UTF-8 apart from a few lines (a pasted signature, one byte cut) is decoded line by
    line: the valid lines as UTF-8, never reinterpreted, the others as Windows-1252, and a warning names
    them. A file with no UTF-8 sequence at all is a Windows-1252 file, decoded whole."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError:
                raise _binary(source, f"not valid {encoding.upper()} despite its byte-order mark") from None
    if b"\x00" in data:
        raise _binary(source, "contains NUL bytes: a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_mixed(data, source=source)
    if _control_share(text) > _MAX_CONTROL_SHARE_UTF8:
        raise _binary(source, "mostly control characters: a binary file, not text")
    return text, []


def _decode_mixed(data: bytes, *, source: str) -> tuple[str, list[str]]:
    lines = data.split(b"\n")
    decoded: list[str] = []
    bad: list[int] = []
    utf8_seen = False
    for number, line in enumerate(lines, 1):
        try:
            decoded.append(line.decode("utf-8"))
            utf8_seen = utf8_seen or not line.isascii()
        except UnicodeDecodeError:
            bad.append(number)
            decoded.append("")
    if not utf8_seen:  # no UTF-8 anywhere: a Windows-1252 file
        return _decode_legacy(data, source=source), []
    for number in bad:
        decoded[number - 1] = lines[number - 1].decode("cp1252", errors="replace")
    shown = ", ".join(map(str, bad[:_BAD_LINES_SHOWN])) + (" ..." if len(bad) > _BAD_LINES_SHOWN else "")
    warning = f"not valid UTF-8 on line{'s' if len(bad) > 1 else ''} {shown}: read as Windows-1252"
    return "\n".join(decoded), [warning]


_BAD_LINES_SHOWN = 10


def _decode_legacy(data: bytes, *, source: str) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _binary(source, "neither UTF-8 nor Windows-1252 text") from None
    if not _looks_like_prose(text):
        raise _binary(source, "not UTF-8, and does not look like Windows-1252 text either")
    return text


def _control_share(text: str) -> float:
    return len(_BINARY_CONTROLS.findall(text)) / max(len(text), 1)


def _looks_like_prose(text: str) -> bool:
    text = text[:_PROSE_SAMPLE_CHARS]
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return True
    non_ascii = sum(1 for ch in visible if ord(ch) > 0x7F) / len(visible)
    letters = sum(1 for ch in visible if ch.isalpha()) / len(visible)
    return (
        _control_share(text) <= _MAX_CONTROL_SHARE_CP1252
        and non_ascii <= _MAX_NON_ASCII_SHARE_CP1252
        and letters >= _MIN_LETTER_SHARE_CP1252
    )


def _binary(source: str, why: str) -> IngestError:
    return IngestError(Code.E102, why, source=source)
