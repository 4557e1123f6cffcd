"""Language data as plain files: ``lang/<code>/<name>.json``, the same names in every language folder.

Core code never branches on a language: it asks ``lang_data(code, name)`` and gets that language's data.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("sv", "en")


@lru_cache(maxsize=64)
def lang_data(lang: str, name: str) -> Any:
    """The parsed ``lang/<lang>/<name>.json``; an empty dict when that language has no such file."""
    if lang not in LANGUAGES:
        return {}
    path = resources.files(__package__).joinpath(lang, f"{name}.json")
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def merged(name: str, key: str) -> list[str]:
    """``key`` from ``name`` across all languages (for text whose language is unknown)."""
    out: list[str] = []
    for lang in LANGUAGES:
        out.extend(lang_data(lang, name).get(key, []))
    return out
