"""Lemmas (simplemma) and word frequencies (wordfreq) of the supported languages: a :class:`Lexicon`.

simplemma decompresses a whole language dictionary on first use (~2 s for Swedish), which would dominate
start-up, and wordfreq loads its Swedish list in ~3 s. ``kompetens setup`` therefore copies both into one
SQLite file in the data folder once (``build_lemma_db``); a ``Lexicon`` over that file serves look-ups from
it on demand, so start-up costs nothing. A ``Lexicon`` without a file asks the packages themselves.

Each Engine opens the lexicon of its own data folder and hands it to the parts that lemmatise (the phrase
index, the compound splitter, the fuzzy fallback), so Engines over different data folders in one process
never share lemmas. Code that builds those parts without one gets :func:`default_lexicon`: the packages'
dictionaries, no data folder.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import simplemma
from simplemma.strategies import DefaultStrategy

SUPPORTED = ("sv", "en")
RESTORED = ("sv",)
"""Languages whose words written without diacritics are read with them (``Lexicon.restored``)."""
RESTORE_MIN_LEN = 5
"""Shorter words are left as written: "ar", "pa", "for" and "fran" are too ambiguous to restore."""
RESTORE_MARGIN = 1.0
"""Zipf by which the restored spelling must be the more frequent (ten times as frequent)."""
RESTORE_EN_ZIPF = 3.0
"""An English word at least this frequent is left as written (a Swedish ad quotes English)."""
LEMMA_MEMO_MAX = 500_000
LEMMA_CACHE = 200_000
"""Words whose lemma (and, apart, whose frequency) a lexicon keeps in memory."""
DB_MEMO_MAX = 200_000
"""Look-ups of the lexicon file kept in memory, hits and misses alike (cleared when full)."""
PREFETCH_CHUNK = 500
"""Keys per query of ``Lexicon.prefetch``."""
_LEMMAS_IN = "SELECT form, lemma FROM lemmas WHERE lang = ? AND form IN"
_FOLDED_IN = "SELECT folded, word FROM fold WHERE lang = ? AND folded IN"


def _remember(memo: dict[Any, Any], entries: Mapping[Any, Any]) -> None:
    """Put ``entries`` in ``memo``, which starts again when it would hold more than ``DB_MEMO_MAX``."""
    if len(memo) + len(entries) > DB_MEMO_MAX:
        memo.clear()
    memo.update(entries)


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
            _remember(memo, {key: found})
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
        self._fold: dict[tuple[str, str], str | None] = {}
        self._no_fold = False

    def read(self, form: str, lang: str) -> str | None:
        """The lemma of ``form`` where the memo holds its row (a look-up or ``prefetch`` read it); None where
        it holds none or a miss. No query."""
        return self._maps[lang]._memo.get(form) if lang in self._maps else None

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang not in self._maps:
            self._maps[lang] = _SqliteMap(self._conn, lang, self._lock)
        return self._maps[lang]

    def restored(self, folded: str, lang: str) -> str | None:
        if self._no_fold:
            return None
        memo = self._fold
        if (folded, lang) in memo:
            return memo[(folded, lang)]
        try:
            with self._lock:
                row = self._conn.execute(
                    "SELECT word FROM fold WHERE lang = ? AND folded = ?", (lang, folded)
                ).fetchone()
        except sqlite3.OperationalError:  # a lexicon file written before the table existed
            self._no_fold = True
            return None
        found = str(row[0]) if row else None
        _remember(memo, {(folded, lang): found})
        return found

    def prefetch(self, words: list[str], lang: str) -> None:
        """Read what the lemmatizer and ``zipf`` will ask of ``words`` (lowercased) in a few queries, not one
        per word and table: each word's row of the lemma table (and, where it has none, the capitalised
        word's: simplemma looks that up next), its frequency, and for a language whose diacritics are
        restored, its restored spelling and its English frequency (``Lexicon.restored`` reads both). Each
        answer, a miss too, goes to the memo the single look-ups read, so what they return does not change."""
        memo = self.get_dictionary(lang)._memo  # type: ignore[attr-defined]
        forms = {w for w in words if w not in memo}
        fold_memo = self._fold
        folded = (
            {w for w in words if len(w) >= RESTORE_MIN_LEN and w.isascii() and (w, lang) not in fold_memo}
            if lang in RESTORED and not self._no_fold
            else set()
        )
        restored: dict[str, str] = {}
        with self._lock:
            found = dict(self._query(_LEMMAS_IN, lang, forms))
            cased = {c for f in forms if f not in found and (c := f.capitalize()) not in memo}
            found.update(self._query(_LEMMAS_IN, lang, cased))
            forms |= cased
            if folded:
                try:
                    restored = dict(self._query(_FOLDED_IN, lang, folded))
                except sqlite3.OperationalError:  # a lexicon file written before the table existed
                    self._no_fold, folded = True, set()
        _remember(memo, {f: found.get(f) for f in forms})
        if folded:
            _remember(fold_memo, {(w, lang): restored.get(w) for w in folded})
            self.prefetch_zipf(folded, "en")
            if restored:  # their lemmas and frequencies are read next (no restored spelling is ASCII)
                self.prefetch(list(set(restored.values())), lang)
        self.prefetch_zipf(words, lang)

    def forms(self, lemmas: Collection[str], lang: str) -> set[str]:
        keys = {w for lemma in lemmas for w in (lemma, lemma.capitalize())}
        with self._lock:
            rows = self._query("SELECT form, lemma FROM lemmas WHERE lang = ? AND lemma IN", lang, keys)
        return {form.lower() for form, _ in rows}

    def prefetch_zipf(self, words: Iterable[str], lang: str) -> None:
        memo = self._zipf
        new = {w for w in words if (w, lang) not in memo}
        if not new:
            return
        with self._lock:
            zipfs = dict(self._query("SELECT word, zipf FROM freq WHERE lang = ? AND word IN", lang, new))
        _remember(memo, {(w, lang): float(zipfs.get(w, 0.0)) for w in new})

    def _query(self, sql: str, lang: str, keys: set[str]) -> list[tuple[str, Any]]:
        """Rows of ``sql ... (?, ?, ...)`` over ``keys``, in chunks of at most ``PREFETCH_CHUNK``."""
        out: list[tuple[str, Any]] = []
        ordered = sorted(keys)
        for lo in range(0, len(ordered), PREFETCH_CHUNK):
            chunk = ordered[lo : lo + PREFETCH_CHUNK]
            out += self._conn.execute(f"{sql} ({', '.join('?' * len(chunk))})", (lang, *chunk)).fetchall()
        return out

    def zipf(self, word: str, lang: str) -> float:
        memo = self._zipf
        value = memo.get((word, lang))
        if value is None:
            with self._lock:
                row = self._conn.execute(
                    "SELECT zipf FROM freq WHERE lang = ? AND word = ?", (lang, word)
                ).fetchone()
            value = float(row[0]) if row else 0.0
            _remember(memo, {(word, lang): value})
        return value


class Lexicon:
    """Lemmas and word frequencies of Swedish and English, with their own caches.

    ``Lexicon(path)`` reads the lexicon file at ``path`` (``build_lemma_db`` writes it; ``kompetens setup``
    keeps one in each data folder); without a path, or where the path is no file, it asks simplemma and
    wordfreq themselves (the same answers, seconds slower to start). ``lemma`` and ``zipf`` are cached per
    lexicon (``lru_cache`` around the look-ups: callers bind them to locals in loops).

    A lexicon pickles as the path it reads (where it is pickled with the objects that use it); the Engine
    keeps it out of the extractor it caches in the data folder (see ``pipeline.dump_extractor``).
    """

    lemma: Callable[[str, str], str]
    """The lemma of an already lowercased word; the word itself for unsupported languages and non-words."""
    zipf: Callable[[str, str], float]
    """wordfreq's Zipf frequency of a lowercased word (0.0 when unknown or the language unsupported)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None and path.is_file() else None
        self._factory = _SqliteFactory(self.path) if self.path is not None else None
        self._lemmatizer: Any = (
            simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=self._factory))
            if self._factory is not None
            else simplemma  # the module's own lemmatizer over the package's dictionaries
        )
        self._memo: dict[str, dict[str, str]] = {}  # lang -> word -> lemma, for lemma_list
        self._forms: dict[tuple[frozenset[str], str], frozenset[str]] = {}
        self.lemma = lru_cache(maxsize=LEMMA_CACHE)(self._lemma)
        self.zipf = lru_cache(maxsize=LEMMA_CACHE)(self._zipf)

    def __repr__(self) -> str:
        return f"Lexicon({str(self.path) if self.path else 'simplemma, wordfreq'})"

    def __reduce__(self) -> tuple[type[Lexicon], tuple[Path | None]]:
        return (Lexicon, (self.path,))

    def _lemma(self, word: str, lang: str) -> str:
        if lang not in SUPPORTED or not word.isalpha():
            return word
        found = self._factory.read(word, lang) if self._factory is not None else None
        if found is not None and not word.isnumeric() and unicodedata.is_normalized("NFC", word):
            # the lemma table's row for the word as written, already read (``prefetch``): simplemma's first
            # answer for a word without an apostrophe, without its strategies' calls (a test compares them)
            out = found.lower()
        else:
            out = self._lemmatizer.lemmatize(word, lang=lang).lower()
        if out == word and lang in RESTORED and len(word) >= RESTORE_MIN_LEN and word.isascii():
            restored = self.restored(word, lang)
            if restored is not None:
                return self._lemma(restored, lang)
        return out

    def restored(self, word: str, lang: str) -> str | None:
        """The word with its diacritics put back ("klagomal" -> "klagomål", "kundtjanst" -> "kundtjänst"): the
        most frequent word of the language that folds to it, where that is at least ``RESTORE_MARGIN`` more
        frequent (Zipf) than the word as written (wordfreq counts "klagomal" too: people type without
        diacritics) and the word is no common English word. None otherwise, and without a lexicon file (or
        one written before stop 25: ``kompetens setup`` writes the table)."""
        if self._factory is None or self.zipf(word, "en") >= RESTORE_EN_ZIPF:
            return None
        found = self._factory.restored(word, lang)
        if found is None or self.zipf(found, lang) < self.zipf(word, lang) + RESTORE_MARGIN:
            return None
        return found

    def prefetch(self, words: Iterable[str], lang: str) -> None:
        """Read the lexicon file's rows for many lowercased words at once (a few queries, not a few per
        word), ahead of ``lemma`` and ``zipf`` asking for them one by one: they answer the same, sooner.
        Nothing happens without a lexicon file or for an unsupported language."""
        if self._factory is not None and lang in SUPPORTED:
            self._factory.prefetch([w for w in words if w.isalpha()], lang)

    def prefetch_zipf(self, words: Iterable[str], lang: str) -> None:
        """``prefetch`` of the frequencies alone."""
        if self._factory is not None and lang in SUPPORTED:
            self._factory.prefetch_zipf(words, lang)

    def forms(self, lemmas: Collection[str], lang: str) -> set[str]:
        """The lowercased forms whose lemma in the lemma table is one of ``lemmas`` ("bränder", "branden" ... of
        "brand"), the lemmas among them where the table has them: a scan of the language's whole table, for
        set-up work. Empty for an unsupported language."""
        if lang not in SUPPORTED:
            return set()
        key = (frozenset(lemmas), lang)
        if key not in self._forms:  # extractors over the same phrases ask again (tests build many)
            self._forms[key] = frozenset(self._scan_forms(key[0], lang))
        return set(self._forms[key])

    def _scan_forms(self, wanted: frozenset[str], lang: str) -> set[str]:
        if self._factory is not None:
            return self._factory.forms(wanted, lang)
        from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

        mapping = DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)  # the one simplemma's own lemmatizer reads
        return {form.lower() for form, lemma in mapping.items() if lemma.lower() in wanted}

    def lemma_list(self, words: list[str], lang: str) -> list[str]:
        """Lemmas of many lowercased words (``lemma`` of each), through a plain dict per language.

        Extraction lemmatises every word of every ad; ``map(dict.get)`` runs in C, while a call through
        ``lru_cache`` per word costs about three times as much.
        """
        memo = self._memo.get(lang)
        if memo is None:
            memo = self._memo[lang] = {"": ""}
        out = list(map(memo.get, words))
        if None in out:
            if len(memo) > LEMMA_MEMO_MAX:
                memo.clear()
            self.prefetch([w for w, found in zip(words, out, strict=True) if found is None], lang)
            lemma = self.lemma
            for i, found in enumerate(out):
                if found is None:
                    out[i] = memo[words[i]] = lemma(words[i], lang)
        return out  # type: ignore[return-value]

    def _zipf(self, word: str, lang: str) -> float:
        if lang not in SUPPORTED:
            return 0.0
        if self._factory is not None:
            return self._factory.zipf(word, lang)
        from wordfreq import zipf_frequency

        return float(zipf_frequency(word, lang, wordlist="best"))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The process's lexicon without a data folder (simplemma's and wordfreq's own dictionaries): what the
    phrase index, the compound splitter and the extractor use when they are given none. No Engine sets it."""
    return Lexicon()


def build_lemma_db(path: Path) -> int:
    """Copy simplemma's Swedish and English dictionaries and wordfreq's frequencies into an SQLite file;
    returns the lemma row count."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    dictionaries = {lang: factory.get_dictionary(lang) for lang in SUPPORTED}
    write_lexicon(
        path,
        ((lang, form, lemma) for lang, mapping in dictionaries.items() for form, lemma in mapping.items()),
        (row for lang in SUPPORTED for row in _frequencies(lang)),
    )
    return sum(map(len, dictionaries.values()))


def write_lexicon(
    path: Path, lemmas: Iterable[tuple[str, str, str]], frequencies: Iterable[tuple[str, str, float]]
) -> None:
    """Write a lexicon file: (lang, form, lemma) and (lang, word, Zipf frequency) rows; the first of equal
    keys is kept. The file is replaced only when complete."""
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    conn.execute(
        "CREATE TABLE lemmas (lang TEXT, form TEXT, lemma TEXT, PRIMARY KEY (lang, form)) WITHOUT ROWID"
    )
    conn.executemany("INSERT OR IGNORE INTO lemmas VALUES (?, ?, ?)", lemmas)
    conn.execute(
        "CREATE TABLE freq (lang TEXT, word TEXT, zipf REAL, PRIMARY KEY (lang, word)) WITHOUT ROWID"
    )
    conn.executemany("INSERT OR IGNORE INTO freq VALUES (?, ?, ?)", frequencies)
    conn.execute(
        "CREATE TABLE fold (lang TEXT, folded TEXT, word TEXT, PRIMARY KEY (lang, folded)) WITHOUT ROWID"
    )
    from kompetens.link.text import fold  # the linker's folding: "klagomål" -> "klagomal" (setup time only)

    rows = conn.execute(
        "SELECT lang, word FROM freq WHERE lang IN ({}) ORDER BY zipf DESC, word".format(
            ", ".join("?" for _ in RESTORED)
        ),
        RESTORED,
    ).fetchall()
    # the most frequent word of each folded spelling first: INSERT OR IGNORE keeps it
    conn.executemany(
        "INSERT OR IGNORE INTO fold VALUES (?, ?, ?)",
        ((lang, folded, word) for lang, word in rows if (folded := fold(word)) != word),
    )
    conn.commit()
    conn.close()
    tmp.replace(path)


def _frequencies(lang: str) -> Iterator[tuple[str, str, float]]:
    from wordfreq import get_frequency_dict

    for word, freq in get_frequency_dict(lang, wordlist="best").items():
        z = math.log10(freq) + 9.0  # wordfreq's Zipf scale
        if z >= 1.0 and word.isalpha():
            yield lang, word, round(z, 2)
