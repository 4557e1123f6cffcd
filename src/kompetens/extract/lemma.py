"""Lemmas (simplemma) and word frequencies (wordfreq) of the supported languages: a :class:`Lexicon`.

simplemma decompresses a whole language dictionary on first use (~2 s for Swedish), which would dominate
start-up, and wordfreq loads its Swedish list in ~3 s. ``kompetens setup`` therefore copies both into one
SQLite file in the data folder once (``build_lemma_db``); a ``Lexicon`` over that file serves look-ups from
it on demand, so start-up costs nothing. A ``Lexicon`` without a file asks the packages themselves.

The file also holds, since stop 34, a ``words`` table: what ``Lexicon.lemma`` answers for each word of the
frequency lists, and its frequencies, worked out when the file is written; a text's new word of the lists then
costs one row of one query (``Lexicon.prefetch``), not a few queries and simplemma's strategies.

Each Engine opens the lexicon of its own data folder and hands it to the parts that lemmatise (the phrase
index, the compound splitter, the fuzzy fallback), so Engines over different data folders in one process
never share lemmas. Code that builds those parts without one gets :func:`default_lexicon`: the packages'
dictionaries, no data folder.
"""

from __future__ import annotations

import hashlib
import math
import mmap
import re
import sqlite3
import struct
import threading
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import simplemma
from simplemma.strategies import DefaultStrategy
from simplemma.utils import has_apostrophe

from .native import speedups

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
WORDS_VERSION = 1
"""What the lexicon file's ``words`` table holds (each word's ``Lexicon.lemma``, worked out when the file is
written, and which keys it holds): raised with any change of how ``Lexicon._lemma`` answers or of the table's
content, so that a table written by other code is not read."""
WORDS_CHUNK = 5000
"""Words per step of writing the ``words`` table."""
_LEMMAS_IN = "SELECT form, lemma FROM lemmas WHERE lang = ? AND form IN"
_FOLDED_IN = "SELECT folded, word FROM fold WHERE lang = ? AND folded IN"
_WORDS_COLUMNS = ", ".join([f"lemma_{code}" for code in SUPPORTED] + [f"zipf_{code}" for code in SUPPORTED])
_WORDS_IN = f"SELECT word, {_WORDS_COLUMNS} FROM words WHERE word IN"
WORDS_FILE_SUFFIX = ".words"
"""The sorted words file beside a lexicon file (``lexicon.sqlite`` -> ``lexicon.words``): ``write_words_file``."""
_WORDS_MAGIC = b"KWORDS\0\1"
_WORDS_HEAD = struct.Struct("<II")  # the record count, the id's length
_OFFSET = struct.Struct("<I")
_ZIPF = struct.Struct("<d")


def _plain_rules() -> dict[str, Callable[[str], str | None]]:
    """The languages of ``SUPPORTED`` whose unlisted words simplemma's default strategy (non-greedy, the
    lowercase fallback) works out by its rules alone, with each one's rule function: for a word that is
    alphabetic, NFC, not numeric and holds no apostrophe glyph, and whose dictionary holds neither it nor its
    re-cased form, simplemma 2.0.0's pipeline then answers ``rules(word) or word`` (no apostrophe boundary,
    canonical folding, clitic without an apostrophe, hyphen, prefix, affix nor morpheme step for the
    language; the fallback returns the word). Read from simplemma's own tables, so a language whose tables
    say otherwise, or another simplemma version, is left to simplemma (``Lexicon._rules_lemma``)."""
    if simplemma.__version__ != "2.0.0":
        return {}
    try:
        from simplemma.strategies.affix_decomposition import AFFIX_LANGS
        from simplemma.strategies.apostrophe_boundary import APOSTROPHE_BOUNDARY_LANGS
        from simplemma.strategies.clitic_decomposition import _CLITIC_SUFFIXES, PROCLITIC_LANGS
        from simplemma.strategies.defaultprefixes import DEFAULT_KNOWN_PREFIXES
        from simplemma.strategies.defaultrules import RULE_FUNCTIONS
        from simplemma.strategies.fallback.to_lowercase import BETTER_LOWER
        from simplemma.strategies.morpheme_decomposition import MORPHEME_LANGS
        from simplemma.utils import CANON_LANGS
    except ImportError:  # pragma: no cover - another layout of the package
        return {}
    return {
        lang: RULE_FUNCTIONS.get(lang) or (lambda word: None)
        for lang in SUPPORTED
        if lang not in APOSTROPHE_BOUNDARY_LANGS
        and lang not in CANON_LANGS
        and all("'" in suffix for suffix in _CLITIC_SUFFIXES.get(lang, ()))
        and lang not in PROCLITIC_LANGS
        and lang not in DEFAULT_KNOWN_PREFIXES
        and lang not in AFFIX_LANGS
        and lang not in MORPHEME_LANGS
        and lang not in BETTER_LOWER
    }


def _rule_endings() -> dict[str, tuple[str, ...]]:
    """Per language of ``_PLAIN_RULES`` whose rules are simplemma's ``DEFAULT_RULES`` table (Swedish), each a
    set of literal endings (``(?:ingarna|ingen|ings)$``): all their endings. An alphabetic word that ends in
    none gets no lemma from the rules (each rule substitutes a match of its ending), without trying the
    rules' patterns one by one (~20 us a word). None where a rule is no such pattern: the rules are tried."""
    gates: dict[str, tuple[str, ...]] = {}
    if "sv" in _PLAIN_RULES:
        from simplemma.strategies.defaultrules import sv

        endings: list[str] = []
        for rule in sv.DEFAULT_RULES:
            literal = _LITERAL_ENDINGS.fullmatch(getattr(rule, "pattern", ""))
            if literal is None or not isinstance(rule, re.Pattern) or rule.flags != re.UNICODE:
                return {}
            endings += literal[1].split("|")
        if endings:
            gates["sv"] = tuple(endings)
    return gates


_LITERAL_ENDINGS = re.compile(r"\(\?:([^\W\d_]+(?:\|[^\W\d_]+)*)\)\$")


_PLAIN_RULES = _plain_rules()
_RULE_ENDINGS = _rule_endings()


def words_stamp() -> str:
    """What a ``words`` table must have been written with to be read: this code's ``WORDS_VERSION``, languages
    and restoring thresholds, and simplemma's version (its strategies give the lemmas of unlisted words)."""
    restore = f"{','.join(RESTORED)}/{RESTORE_MIN_LEN}/{RESTORE_MARGIN}/{RESTORE_EN_ZIPF}"
    return f"{WORDS_VERSION} {','.join(SUPPORTED)} {restore} simplemma {simplemma.__version__}"


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
        self._zipf: dict[str, dict[str, float]] = {}  # lang -> word -> its Zipf frequency (0.0: none)
        self._fold: dict[tuple[str, str], str | None] = {}
        self._no_fold = False
        self._words: str | None = None  # the words table's id ("" where there is none this code reads)
        # lang -> word -> its lemma in the words table, or None (not in it, or a key alone)
        self._base: dict[str, dict[str, str | None]] = {}
        self._path = path
        self._words_map: Any = None  # the sorted words file, memory-mapped (False: none to read)

    def has_words(self) -> bool:
        """Whether the file holds a ``words`` table written with this code's ``words_stamp`` (a file written
        before the table existed, or by other code, has none that is read)."""
        return bool(self.words_id())

    def words_id(self) -> str:
        """The digest of the file's content that ``write_lexicon`` stored beside a ``words`` table this code
        reads; "" where there is none (asked once)."""
        if self._words is None:
            try:
                with self._lock:
                    meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
            except sqlite3.OperationalError:  # no meta table: a file written before stop 34
                meta = {}
            self._words = str(meta.get("id", "")) if meta.get("words") == words_stamp() else ""
        return self._words

    def _words_file(self) -> Any:
        """The sorted words file beside the lexicon file (``write_words_file``), memory-mapped, where it was
        written for this file's ``words`` table and the C code reads it; else None (the table is queried)."""
        if self._words_map is None:
            self._words_map = False
            path = words_file_path(self._path)
            if speedups is not None and self.words_id() and path.is_file():
                with path.open("rb") as f:
                    mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
                if words_file_id(mapped) == self.words_id():
                    self._words_map = mapped
                else:
                    mapped.close()
        return self._words_map or None

    def table_words(self) -> list[str]:
        """Every word whose lemma the ``words`` table holds (the words of the frequency lists), in order
        (set-up work); none where ``has_words`` is false."""
        if not self.has_words():
            return []
        held = " OR ".join(f"zipf_{code} IS NOT NULL" for code in SUPPORTED)
        with self._lock:
            return [
                str(w) for (w,) in self._conn.execute(f"SELECT word FROM words WHERE {held} ORDER BY word")
            ]

    def base(self, word: str, lang: str) -> str | None:
        """The lemma of ``word`` in ``lang`` as the ``words`` table holds it, where a prefetch read its row;
        None where none did, or the table does not hold it. No query."""
        memo = self._base.get(lang)
        return memo.get(word) if memo is not None else None

    def plain(self, word: str, lang: str) -> str | None:
        """The lemma ``Lexicon._lemma`` gives an alphabetic ``word`` that the words file lacks, from the notes a
        prefetch wrote (``plain_lemma_python``, in C where it is built: ``_rules_lemma`` and ``Lexicon.restored``
        without their calls); None where they do not answer it. No query."""
        rules = _PLAIN_RULES.get(lang)
        found = self._maps.get(lang)
        if rules is None or found is None:
            return None
        restore_from = RESTORE_MIN_LEN if lang in RESTORED and not self._no_fold else -1
        return _plain_lemma(
            word,
            found._memo,
            self._fold,
            self._zipf.get("en"),
            lang,
            _RULE_ENDINGS.get(lang),
            rules,
            restore_from,
            RESTORE_EN_ZIPF,
        )

    def _prefetch_words(self, words: Iterable[str], lang: str) -> list[str]:
        """Read the ``words`` table's rows of ``words`` (those not read before for ``lang``) in a few queries:
        each one's lemma in ``lang`` and its frequency in every language. Returns the words whose lemma the
        table does not hold, to be worked out as before.

        The table holds every word of the frequency lists (a word it lacks has 0.0 in every language) and, as
        keys alone, every other lowercased form of the lemma table and folded spelling of the fold table. So a
        lowercase word it lacks has no lemma row as written nor capitalised and no restored spelling: those
        look-ups are answered here (no query), and simplemma's strategies run at once."""
        memo = self._base.setdefault(lang, {})
        new = {w for w in words if w not in memo}
        if new and (mapped := self._words_file()) is not None:
            # a bisection per word in C, each answer written straight into the memos (no row tuples, no
            # dicts between): the same memos as below
            zipf_sv, zipf_en = (self._zipf.setdefault(code, {}) for code in SUPPORTED)
            for one in (memo, zipf_sv, zipf_en):
                if len(one) + len(new) > DB_MEMO_MAX:  # as ``_remember`` starts a memo again
                    one.clear()
            # the keys the file lacks noted in the same call (as ``_forget_absent``)
            dictionary: dict[str, str | None] = self.get_dictionary(lang)._memo  # type: ignore[attr-defined]
            speedups.word_memos(
                mapped,
                sorted(new),
                SUPPORTED.index(lang),
                memo,
                zipf_sv,
                zipf_en,
                dictionary,
                self._fold,
                lang,
                DB_MEMO_MAX,
            )
        elif new:
            col = 1 + SUPPORTED.index(lang)
            rows: dict[str, tuple[Any, ...]]
            with self._lock:  # no words file this code reads: the table's query
                rows = {row[0]: row for row in self._query(_WORDS_IN, None, new)}
            found: dict[str, str | None] = dict.fromkeys(new)
            zipfs = {
                code: dict.fromkeys(new, 0.0) for code in SUPPORTED
            }  # per language: no (word, lang) keys
            columns = [(k, zipfs[code]) for k, code in enumerate(SUPPORTED, start=1 + len(SUPPORTED))]
            for w, row in rows.items():
                held = False
                for k, into in columns:
                    if row[k] is not None:
                        into[w] = float(row[k])
                        held = True
                if held:  # a word of the frequency lists: its lemma was worked out (NULL: the word itself)
                    found[w] = row[col] or w
            _remember(memo, found)
            for code, into in zipfs.items():
                _remember(self._zipf.setdefault(code, {}), into)
            self._forget_absent([w for w in new if w not in rows], lang)
        return [w for w in words if memo.get(w) is None]

    def _forget_absent(self, missing: list[str], lang: str) -> None:
        """Note that the ``words`` table lacks ``missing``: a lowercase word of them has no lemma row (as
        written or capitalised) and no restored spelling (``_prefetch_words``)."""
        dictionary: dict[str, str | None] = self.get_dictionary(lang)._memo  # type: ignore[attr-defined]
        forget_absent_python(missing, dictionary, self._fold, lang, DB_MEMO_MAX)

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
        answer, a miss too, goes to the memo the single look-ups read, so what they return does not change.

        Where the file holds a ``words`` table (``has_words``), a word of it takes its lemma and frequencies from
        its row (``_prefetch_words``), and only the others are read as above."""
        if self.has_words():
            words = self._prefetch_words(words, lang)
            if not words:
                return
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
        memo = self._zipf.setdefault(lang, {})
        new = {w for w in words if w not in memo}
        if not new:
            return
        if self.has_words():  # the table holds every word of the frequency lists
            self._prefetch_words(new, lang)
            return
        with self._lock:
            zipfs = dict(self._query("SELECT word, zipf FROM freq WHERE lang = ? AND word IN", lang, new))
        _remember(memo, {w: float(zipfs.get(w, 0.0)) for w in new})

    def _query(self, sql: str, lang: str | None, keys: set[str]) -> list[tuple[str, Any]]:
        """Rows of ``sql ... (?, ?, ...)`` over ``keys`` (after ``lang`` where it is given), in chunks of at
        most ``PREFETCH_CHUNK``."""
        out: list[tuple[str, Any]] = []
        ordered = sorted(keys)
        head = () if lang is None else (lang,)
        for lo in range(0, len(ordered), PREFETCH_CHUNK):
            chunk = ordered[lo : lo + PREFETCH_CHUNK]
            out += self._conn.execute(f"{sql} ({', '.join('?' * len(chunk))})", (*head, *chunk)).fetchall()
        return out

    def zipf(self, word: str, lang: str) -> float:
        memo = self._zipf.setdefault(lang, {})
        value = memo.get(word)
        if value is None:
            with self._lock:
                row = self._conn.execute(
                    "SELECT zipf FROM freq WHERE lang = ? AND word = ?", (lang, word)
                ).fetchone()
            value = float(row[0]) if row else 0.0
            _remember(memo, {word: value})
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
        if self._factory is not None:
            known = self._factory.base(word, lang)  # the words table's answer, where a prefetch read it
            if known is not None:
                return known
            known = self._factory.plain(word, lang)  # a word the words file lacks: the memos' notes answer
            if known is not None:
                return known
        found = self._factory.read(word, lang) if self._factory is not None else None
        if found is not None and not word.isnumeric() and unicodedata.is_normalized("NFC", word):
            # the lemma table's row for the word as written, already read (``prefetch``): simplemma's first
            # answer for a word without an apostrophe, without its strategies' calls (a test compares them)
            out = found.lower()
        elif found is None and (ruled := self._rules_lemma(word, lang)) is not None:
            out = ruled.lower()
        else:
            out = self._lemmatizer.lemmatize(word, lang=lang).lower()
        if out == word and lang in RESTORED and len(word) >= RESTORE_MIN_LEN and word.isascii():
            restored = self.restored(word, lang)
            if restored is not None:
                return self._lemma(restored, lang)
        return out

    def _rules_lemma(self, word: str, lang: str) -> str | None:
        """simplemma's answer for an alphabetic ``word`` whose dictionary holds neither it nor its re-cased form
        (a word no list holds), without its pipeline: its rules' lemma, else the word (``_plain_rules``); the
        dictionary look-ups are simplemma's own (the memo the prefetch filled, else a query). None where
        simplemma's other steps could answer (a dictionary row, an apostrophe, a numeric or non-NFC word,
        another language): simplemma is asked."""
        rules = _PLAIN_RULES.get(lang)
        if (
            rules is None
            or self._factory is None
            or not word.isalpha()
            or word.isnumeric()
            or has_apostrophe(word)
            or not unicodedata.is_normalized("NFC", word)
        ):
            return None
        dictionary = self._factory.get_dictionary(lang)
        if dictionary.get(word) is not None:
            return None
        if dictionary.get(word.lower() if word[:1].isupper() else word.capitalize()) is not None:
            return None
        endings = _RULE_ENDINGS.get(lang)
        if endings is not None and not word.endswith(endings):
            return word
        return rules(word) or word

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

    def words_id(self) -> str:
        """The digest of the lexicon file's content where it holds a ``words`` table this code reads (what
        ``Extractor.prepare`` notes beside the word senses it works out); "" otherwise."""
        return self._factory.words_id() if self._factory is not None else ""

    def in_words(self, word: str, lang: str) -> bool:
        """Whether the lexicon file's ``words`` table holds the lemma of ``word`` (a word of the frequency lists),
        as a prefetch for ``lang`` read; False where none did. No query."""
        return self._factory is not None and self._factory.base(word, lang) is not None

    def table_words(self) -> list[str]:
        """Every word whose lemma the ``words`` table holds (set-up work); none without one."""
        return self._factory.table_words() if self._factory is not None else []

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
        return set(_package_forms(wanted, lang))

    def lemmas(self, words: list[str], lang: str) -> list[str]:
        """``lemma`` of each of ``words`` (lowercased), the same answers: a word whose row a prefetch read from
        the ``words`` table takes its lemma from the memo that row went to, in one pass without a call a word
        (``lemma`` answers it from there too); the others through ``lemma``. For a text's new words after
        ``prefetch``: ~80 % of a new corpus's words are in the table."""
        lemma = self.lemma
        factory = self._factory
        memo = factory._base.get(lang) if factory is not None and lang in SUPPORTED else None
        if memo is None:
            return [lemma(word, lang) for word in words]
        held = memo.get
        return [
            (found if (found := held(word)) is not None else lemma(word, lang)) if word.isalpha() else word
            for word in words
        ]

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


@lru_cache(maxsize=16)
def _package_forms(wanted: frozenset[str], lang: str) -> frozenset[str]:
    """``Lexicon.forms`` of a lexicon without a file: a scan of simplemma's own dictionary for the language
    (about a million entries, 0.7 s of CPU), which the installed package fixes, so done once a process for
    the same lemmas rather than once a Lexicon (each Engine without a data folder's lexicon file has its own:
    the tests make hundreds over empty folders). A lexicon file's forms are read from the file each time."""
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    mapping = DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)  # the one simplemma's own lemmatizer reads
    return frozenset(form.lower() for form, lemma in mapping.items() if lemma.lower() in wanted)


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
    _write_words(conn, tmp)
    conn.close()
    tmp.replace(path)


def _write_words(conn: sqlite3.Connection, path: Path) -> None:
    """The ``words`` table of the lexicon file at ``path`` (open as ``conn``, its other tables written), and
    the ``meta`` rows that say which code wrote it (``words_stamp``) and what the file holds (a digest).

    For every word of the frequency lists, of every language: its lemma in each supported language as
    ``Lexicon.lemma`` works it out (NULL where that is the word itself) and its frequency in each (NULL where
    none). Then, as keys alone (every column NULL), each other lowercased form of the lemma table and folded
    spelling of the fold table. A text's new word of the lists then costs one row of one query
    (``Lexicon.prefetch``) instead of a few queries and simplemma's strategies, and a word the table lacks
    costs no query before simplemma's strategies."""
    words = [str(w) for (w,) in conn.execute("SELECT DISTINCT word FROM freq ORDER BY word")]
    keys = {k for (f,) in conn.execute("SELECT DISTINCT form FROM lemmas") if (k := str(f).lower()).isalpha()}
    keys.update(str(f) for (f,) in conn.execute("SELECT DISTINCT folded FROM fold"))
    keys.difference_update(words)
    zipfs: dict[str, dict[str, float]] = {code: {} for code in SUPPORTED}
    for lang, word, zipf in conn.execute("SELECT lang, word, zipf FROM freq"):
        if lang in zipfs:
            zipfs[lang][word] = zipf
    columns = ", ".join([f"lemma_{c} TEXT" for c in SUPPORTED] + [f"zipf_{c} REAL" for c in SUPPORTED])
    conn.execute(f"CREATE TABLE words (word TEXT PRIMARY KEY, {columns}) WITHOUT ROWID")
    insert = f"INSERT INTO words VALUES ({', '.join('?' * (1 + 2 * len(SUPPORTED)))})"
    lexicon = Lexicon(path)  # no meta row yet, so no words table it reads: every lemma is worked out
    for lo in range(0, len(words), WORDS_CHUNK):
        if lo and lo % (20 * WORDS_CHUNK) == 0:
            lexicon = Lexicon(path)  # a new one now and then: its memos hold nothing worth keeping
        chunk = words[lo : lo + WORDS_CHUNK]
        lemmas = [lexicon.lemma_list(chunk, code) for code in SUPPORTED]
        conn.executemany(
            insert,
            (
                (
                    word,
                    *(None if found[k] == word else found[k] for found in lemmas),
                    *(zipfs[code].get(word) for code in SUPPORTED),
                )
                for k, word in enumerate(chunk)
            ),
        )
        conn.commit()  # the lexicon reads the file between the steps
    empty = (None,) * (2 * len(SUPPORTED))
    conn.executemany(insert, ((key, *empty) for key in sorted(keys)))
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
    words_id = _digest(conn)
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("words", words_stamp()), ("id", words_id)])
    conn.commit()
    write_words_file(conn, words_file_path(path), words_id)


def words_file_path(path: Path) -> Path:
    """Where the sorted words file of the lexicon file at ``path`` lies (``WORDS_FILE_SUFFIX``)."""
    return path.with_suffix(WORDS_FILE_SUFFIX)


def write_words_file(conn: sqlite3.Connection, path: Path, words_id: str) -> None:
    """The ``words`` table of the lexicon file open as ``conn`` as a file of sorted records at ``path``, for
    ``word_rows`` (C) to look words up in by bisection over a memory map: a text's new words cost no SQLite
    query. ``words_id`` (the table's ``meta`` id) heads it: a file of another table is not read.

    The layout: ``_WORDS_MAGIC``, the record count and the id's length (uint32), the id, padding to 4 bytes,
    each record's offset (uint32, from the first record) in the words' byte order (SQLite's ``ORDER BY`` of
    text: UTF-8 bytes), then the records: the word in UTF-8, a NUL, a flags byte (1, 2: a lemma in the first,
    second language of ``SUPPORTED``; 4, 8: a frequency in each), each lemma flagged, NUL-terminated, each
    frequency flagged, a little-endian double. The file is replaced only when complete."""
    if len(SUPPORTED) != 2:  # the C code reads two languages' columns
        raise ValueError("the words file holds two languages' columns")
    offsets = bytearray()
    records = bytearray()
    for row in conn.execute(f"SELECT word, {_WORDS_COLUMNS} FROM words ORDER BY word"):
        word, lemmas, zipfs = str(row[0]), row[1:3], row[3:5]
        texts = [str(x).encode() for x in (word, *lemmas) if x is not None]
        if any(b"\0" in t for t in texts):
            raise ValueError(f"a NUL in the words table's row of {word!r}")
        offsets += _OFFSET.pack(len(records))
        flags = sum(1 << k for k, x in enumerate((*lemmas, *zipfs)) if x is not None)
        records += texts[0] + b"\0" + bytes([flags])
        for t in texts[1:]:
            records += t + b"\0"
        for z in zipfs:
            if z is not None:
                records += _ZIPF.pack(float(z))
    ident = words_id.encode()
    head = _WORDS_MAGIC + _WORDS_HEAD.pack(len(offsets) // _OFFSET.size, len(ident)) + ident
    head += b"\0" * (-len(head) % 4)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(bytes(head + offsets + records))
    tmp.replace(path)


def _words_layout(buf: Any) -> tuple[int, int, int]:
    """The record count, where the offsets start and where the records start, of a words file."""
    if len(buf) < 16 or bytes(buf[:8]) != _WORDS_MAGIC:
        raise ValueError("not a words file")
    n, id_len = _WORDS_HEAD.unpack_from(buf, 8)
    offsets = (16 + id_len + 3) & ~3
    return n, offsets, offsets + 4 * n


def words_file_id(buf: Any) -> str:
    """The id a words file was written for (``write_words_file``); "" for what is no words file."""
    try:
        _words_layout(buf)
        id_len = _WORDS_HEAD.unpack_from(buf, 8)[1]
    except (ValueError, struct.error):
        return ""
    return bytes(buf[16 : 16 + id_len]).decode("ascii", "replace")


def word_rows_python(
    buf: Any, keys: list[str]
) -> list[tuple[str, str | None, str | None, float | None, float | None]]:
    """The rows of the ``words`` table that a words file (``write_words_file``) holds for ``keys``, as its
    query gives them: (word, lemma_sv, lemma_en, zipf_sv, zipf_en), None for NULL. The C code's twin
    (``_speedups.word_rows``), and its reference in the tests."""
    n, offsets, start = _words_layout(buf)
    view = buf  # bytes or a memory map: both slice to bytes and find
    out: list[tuple[str, str | None, str | None, float | None, float | None]] = []
    for key in keys:
        kb = key.encode("utf-8", "surrogatepass")
        if b"\0" in kb:  # no word of the file holds a NUL
            continue
        lo, hi, at = 0, n, -1
        while lo < hi:
            mid = (lo + hi) // 2
            rec = start + _OFFSET.unpack_from(view, offsets + 4 * mid)[0]
            word = view[rec : view.find(b"\0", rec)]
            if word == kb:
                at = rec + len(word) + 1
                break
            if kb < word:
                hi = mid
            else:
                lo = mid + 1
        if at < 0:
            continue
        flags = view[at]
        at += 1
        lemmas: list[str | None] = []
        for k in range(2):
            if flags & (1 << k):
                end = view.find(b"\0", at)
                lemmas.append(view[at:end].decode())
                at = end + 1
            else:
                lemmas.append(None)
        zipfs: list[float | None] = []
        for k in range(2):
            if flags & (4 << k):
                zipfs.append(_ZIPF.unpack_from(view, at)[0])
                at += 8
            else:
                zipfs.append(None)
        out.append((key, lemmas[0], lemmas[1], zipfs[0], zipfs[1]))
    return out


def forget_absent_python(
    missing: list[str],
    dictionary: dict[str, str | None],
    fold: dict[tuple[str, str], str | None],
    lang: str,
    most: int,
) -> None:
    """Note that the words file (or table) lacks ``missing`` (``_SqliteFactory._forget_absent``): each lowercase
    word of letters whose capitalised form lowers to it again gets None in ``dictionary`` (the lemma table's memo)
    as written and capitalised, and None in ``fold`` under ``(word, lang)``; a memo that would hold more than
    ``most`` starts again (as ``_remember``). The C code's twin (in ``_speedups.word_memos``)."""
    absent = [w for w in missing if w.isalpha() and w == w.lower() == w.capitalize().lower()]
    if absent:
        entries: dict[str, str | None] = {k: None for w in absent for k in (w, w.capitalize())}
        if len(dictionary) + len(entries) > most:
            dictionary.clear()
        dictionary.update(entries)
        folds: dict[tuple[str, str], str | None] = {(w, lang): None for w in absent}
        if len(fold) + len(folds) > most:
            fold.clear()
        fold.update(folds)


def plain_lemma_python(
    word: str,
    dictionary: dict[str, str | None],
    fold: dict[tuple[str, str], str | None],
    zipf_en: dict[str, float] | None,
    lang: str,
    endings: tuple[str, ...] | None,
    rules: Callable[[str], str | None],
    restore_from: int,
    restore_en_zipf: float,
) -> str | None:
    """The lemma ``Lexicon._lemma`` gives ``word`` in ``lang`` where the memos' notes alone answer it (the words
    file lacks it: ``forget_absent_python``), else None (the caller asks as before). A Latin-1 lowercase word of
    letters (so NFC, no numeral, no apostrophe) whose row ``dictionary`` (the lemma table's memo) notes as None,
    as written and capitalised, gets simplemma's rules' lemma (``rules(word) or word``, lowered; the word itself
    where it ends in none of ``endings``, when they are given: ``_rules_lemma``); where that is the word, an
    ASCII word of ``restore_from`` letters or more (-1: none is restored) is kept where ``zipf_en`` says it is
    a common English word (``restore_en_zipf``) or ``fold`` notes no restored spelling under ``(word, lang)``
    (``Lexicon.restored``). A key a memo lacks, or a restored spelling, is None. The C code's twin
    (``_speedups.plain_lemma``)."""
    if not word.isalpha() or max(word) > "\xff" or word != word.lower():
        return None
    if dictionary.get(word, "") is not None or dictionary.get(word.capitalize(), "") is not None:
        return None
    out = word if endings is not None and not word.endswith(endings) else (rules(word) or word).lower()
    if out != word or restore_from < 0 or len(word) < restore_from or not word.isascii():
        return out
    zipf = zipf_en.get(word) if zipf_en is not None else None
    if zipf is None:
        return None
    if zipf >= restore_en_zipf:
        return out
    return out if fold.get((word, lang), "") is None else None


def word_memos_python(
    buf: Any,
    keys: list[str],
    col: int,
    lemmas: dict[str, str | None],
    zipf_sv: dict[str, float],
    zipf_en: dict[str, float],
    dictionary: dict[str, str | None] | None = None,
    fold: dict[tuple[str, str], str | None] | None = None,
    lang: str = "",
    most: int = -1,
) -> list[str]:
    """The words file's rows of ``keys`` written into a lexicon's memos, as ``_SqliteFactory._prefetch_words``
    writes them: ``lemmas[key]`` the lemma in column ``col`` (0 the first language of ``SUPPORTED``, 1 the
    second; the key itself where the row holds none) where the row holds a frequency, else None;
    ``zipf_sv[key]``, ``zipf_en[key]`` its frequencies, else 0.0. Returns the keys the file lacks (in order).
    Where ``dictionary`` and ``fold`` are given (with ``lang`` and ``most``), the keys the file lacks are noted
    in them after (``forget_absent_python``). The C code's twin (``_speedups.word_memos``), and its reference in
    the tests."""
    if col not in (0, 1):
        raise ValueError("word_memos: col is 0 or 1")
    rows = {row[0]: row for row in word_rows_python(buf, keys)}
    missing: list[str] = []
    for key in keys:
        row = rows.get(key)
        if row is None:
            missing.append(key)
            lemmas[key], zipf_sv[key], zipf_en[key] = None, 0.0, 0.0
            continue
        _, lemma_sv, lemma_en, held_sv, held_en = row
        held = held_sv is not None or held_en is not None
        lemmas[key] = ((lemma_en if col else lemma_sv) or key) if held else None
        zipf_sv[key] = 0.0 if held_sv is None else held_sv
        zipf_en[key] = 0.0 if held_en is None else held_en
    if dictionary is not None and fold is not None:
        forget_absent_python(missing, dictionary, fold, lang, most)
    return missing


def _digest(conn: sqlite3.Connection) -> str:
    """A digest of a lexicon file's tables: what the word senses an extractor works out with it are valid for
    (``Extractor.prepare``); the same for the same content."""
    h = hashlib.sha256(words_stamp().encode())
    for table in ("lemmas", "freq", "fold", "words"):
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        key = ", ".join(str(row[1]) for row in sorted(info, key=lambda row: int(row[5])) if row[5])
        line = " || char(9) || ".join(f"ifnull({row[1]}, '-')" for row in info)  # a text a row, NULL as "-"
        rows = conn.execute(f"SELECT {line} FROM {table} ORDER BY {key}")
        h.update(f"\n{table}\n".encode())
        while chunk := rows.fetchmany(100_000):
            h.update("\n".join(text for (text,) in chunk).encode())
            h.update(b"\n")
    return h.hexdigest()[:32]


def _frequencies(lang: str) -> Iterator[tuple[str, str, float]]:
    from wordfreq import get_frequency_dict

    for word, freq in get_frequency_dict(lang, wordlist="best").items():
        z = math.log10(freq) + 9.0  # wordfreq's Zipf scale
        if z >= 1.0 and word.isalpha():
            yield lang, word, round(z, 2)


_plain_lemma = speedups.plain_lemma if speedups is not None else plain_lemma_python
"""``plain_lemma_python``, in C where it is built."""
