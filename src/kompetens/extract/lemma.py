"""Lemmas (simplemma) and word frequencies (wordfreq), cached per language: words repeat heavily across ads.

simplemma decompresses a whole language dictionary on first use (~2 s for Swedish), which would dominate
start-up, and wordfreq loads its Swedish list in ~3 s. ``kompetens setup`` therefore copies both into one
SQLite file in the data folder once (``build_lemma_db``); ``use_lemma_db`` then serves lookups from it on
demand, so start-up costs nothing. Without that file we fall back to the packages themselves.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import simplemma
from simplemma.strategies import DefaultStrategy

SUPPORTED = ("sv", "en")
LEMMA_MEMO_MAX = 500_000
DB_MEMO_MAX = 200_000
"""Look-ups of the lexicon file kept in memory, hits and misses alike (cleared when full)."""
_lemmatizer: simplemma.Lemmatizer | None = None
_factory: _SqliteFactory | None = None


class _SqliteMap(Mapping[str, str]):
    """A read-only form -> lemma mapping of one language, read from SQLite on demand."""

    def __init__(self, conn: sqlite3.Connection, lang: str, lock: threading.Lock) -> None:
        self._conn, self._lang, self._lock = conn, lang, lock
        self._memo: dict[str, str | None] = {}  # simplemma asks for the same forms again and again

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        memo = self._memo
        if key in memo:
            found = memo[key]
        else:
            with self._lock:
                row = self._conn.execute(
                    "SELECT lemma FROM lemmas WHERE lang = ? AND form = ?", (self._lang, key)
                ).fetchone()
            found = row[0] if row else None
            if len(memo) > DB_MEMO_MAX:
                memo.clear()
            memo[key] = found
        return default if found is None else found

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            rows = self._conn.execute("SELECT form FROM lemmas WHERE lang = ?", (self._lang,)).fetchall()
        return iter(r[0] for r in rows)

    def __len__(self) -> int:
        with self._lock:
            return int(
                self._conn.execute("SELECT count(*) FROM lemmas WHERE lang = ?", (self._lang,)).fetchone()[0]
            )


class _SqliteFactory:
    """simplemma's DictionaryFactory protocol over our SQLite file (plus the frequency table)."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._maps: dict[str, _SqliteMap] = {}
        self._zipf: dict[tuple[str, str], float] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang not in self._maps:
            self._maps[lang] = _SqliteMap(self._conn, lang, self._lock)
        return self._maps[lang]

    def zipf(self, word: str, lang: str) -> float:
        memo = self._zipf
        value = memo.get((word, lang))
        if value is None:
            with self._lock:
                row = self._conn.execute(
                    "SELECT zipf FROM freq WHERE lang = ? AND word = ?", (lang, word)
                ).fetchone()
            value = float(row[0]) if row else 0.0
            if len(memo) > DB_MEMO_MAX:
                memo.clear()
            memo[(word, lang)] = value
        return value


def build_lemma_db(path: Path) -> int:
    """Copy simplemma's Swedish and English dictionaries into an SQLite file; returns the row count."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    conn.execute(
        "CREATE TABLE lemmas (lang TEXT, form TEXT, lemma TEXT, PRIMARY KEY (lang, form)) WITHOUT ROWID"
    )
    rows = 0
    for lang in SUPPORTED:
        mapping = factory.get_dictionary(lang)
        conn.executemany(
            "INSERT OR IGNORE INTO lemmas VALUES (?, ?, ?)", ((lang, k, v) for k, v in mapping.items())
        )
        rows += len(mapping)
    conn.execute(
        "CREATE TABLE freq (lang TEXT, word TEXT, zipf REAL, PRIMARY KEY (lang, word)) WITHOUT ROWID"
    )
    for lang in SUPPORTED:
        conn.executemany("INSERT OR IGNORE INTO freq VALUES (?, ?, ?)", _frequencies(lang))
    conn.commit()
    conn.close()
    tmp.replace(path)
    return rows


def _frequencies(lang: str) -> Iterator[tuple[str, str, float]]:
    from wordfreq import get_frequency_dict

    for word, freq in get_frequency_dict(lang, wordlist="best").items():
        z = math.log10(freq) + 9.0  # wordfreq's Zipf scale
        if z >= 1.0 and word.isalpha():
            yield lang, word, round(z, 2)


def use_lemma_db(path: Path) -> bool:
    """Serve lemmas from ``path`` if it exists (built by ``build_lemma_db``); True when in use."""
    global _lemmatizer, _factory
    if not path.is_file():
        return False
    _factory = _SqliteFactory(path)
    _lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_factory))
    lemma.cache_clear()
    zipf.cache_clear()
    _memo.clear()
    return True


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """Lemma of an already lowercased word; the word itself for unsupported languages."""
    if lang not in SUPPORTED or not word.isalpha():
        return word
    out: str = (_lemmatizer or simplemma).lemmatize(word, lang=lang)
    return out.lower()


_memo: dict[str, dict[str, str]] = {}


def lemma_list(words: list[str], lang: str) -> list[str]:
    """Lemmas of many lowercased words (``lemma`` of each), through a plain dict per language.

    Extraction lemmatises every word of every ad; ``map(dict.get)`` runs in C, while a call through
    ``lru_cache`` per word costs about three times as much.
    """
    memo = _memo.get(lang)
    if memo is None:
        memo = _memo[lang] = {"": ""}
    out = list(map(memo.get, words))
    if None in out:
        if len(memo) > LEMMA_MEMO_MAX:
            memo.clear()
        for i, found in enumerate(out):
            if found is None:
                out[i] = memo[words[i]] = lemma(words[i], lang)
    return out  # type: ignore[return-value]


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of a lowercased word (0.0 when unknown or the language unsupported)."""
    if lang not in SUPPORTED:
        return 0.0
    if _factory is not None:
        return _factory.zipf(word, lang)
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang, wordlist="best"))
