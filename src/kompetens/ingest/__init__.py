"""Files -> Documents: plain text, Markdown, HTML, PDF, DOCX and JobTech ads (JSON / JSONL)."""

from kompetens.ingest.langdetect import SUPPORTED_LANGS, detect_language, identify_language
from kompetens.ingest.normalize import decode_bytes, decode_with_warnings, normalize_text
from kompetens.ingest.reader import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    PathsArg,
    as_paths,
    document_from_text,
    iter_documents,
    jsonl_file_error,
    read_bytes,
    read_path,
    require_language,
    stream_jsonl,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "SUPPORTED_LANGS",
    "PathsArg",
    "as_paths",
    "decode_bytes",
    "decode_with_warnings",
    "detect_language",
    "document_from_text",
    "identify_language",
    "iter_documents",
    "jsonl_file_error",
    "normalize_text",
    "read_bytes",
    "read_path",
    "require_language",
    "stream_jsonl",
]
