"""The compiled taxonomy: one SQLite file in the data folder, read lazily by ``Taxonomy``.

SQLite because opening it costs milliseconds whatever its size, look-ups by URI or normalised label are
indexed, and importers can add Swedish labels in place. This module is the only one that opens it.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from kompetens.errors import Code, TaxonomyError
from kompetens.taxonomy.model import Concept, ConceptKind
from kompetens.taxonomy.normalize import normalize_label

TAXONOMY_FILE = "taxonomy.sqlite"
SCHEMA_VERSION = "1"
CONTENT_KEY = "content"
"""The ``meta`` key of the taxonomy's content digest (see ``content_digest``)."""
URI_CHUNK = 500
"""URIs per query of ``Taxonomy.first_labels``."""

# Crosswalk relations, strongest first; ``Concept.related`` lists targets in this order.
MATCH_RELATIONS = ("exactMatch", "closeMatch", "narrowMatch", "broadMatch", "related")
_BROADER = "broader"

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE concept(id INTEGER PRIMARY KEY, uri TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, code TEXT);
CREATE INDEX concept_kind ON concept(kind);
CREATE TABLE label(concept INTEGER NOT NULL, lang TEXT NOT NULL, pos INTEGER NOT NULL,
                   text TEXT NOT NULL, norm TEXT NOT NULL, PRIMARY KEY(concept, lang, pos)) WITHOUT ROWID;
CREATE INDEX label_norm ON label(norm, lang);
CREATE TABLE description(concept INTEGER NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL,
                         PRIMARY KEY(concept, lang)) WITHOUT ROWID;
CREATE TABLE link(concept INTEGER NOT NULL, rel TEXT NOT NULL, target TEXT NOT NULL,
                  PRIMARY KEY(concept, rel, target)) WITHOUT ROWID;
CREATE TABLE source(name TEXT PRIMARY KEY, importer TEXT NOT NULL, path TEXT NOT NULL, lang TEXT,
                    rows INTEGER NOT NULL);
"""


def taxonomy_path(data_dir: Path) -> Path:
    return Path(data_dir) / TAXONOMY_FILE


class TaxonomyWriter:
    """Writes concepts into a taxonomy file (used by the compiler and the importers only)."""

    def __init__(self, path: Path, *, create: bool = False):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = create or not path.exists()
        if create and path.exists():
            path.unlink()
        self._db = sqlite3.connect(path)
        if fresh:
            # a fresh build is written to a temporary file and renamed: no journal needed
            self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        else:
            _check_schema(self._db, path)
        self._ids: dict[str, int] = dict(self._db.execute("SELECT uri, id FROM concept"))

    def __enter__(self) -> TaxonomyWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.set_meta(CONTENT_KEY, content_digest(self._db))  # what the caches built from it follow
            self._db.commit()
        else:
            self._db.rollback()
        self._db.close()

    def id_of(self, uri: str) -> int | None:
        return self._ids.get(uri)

    def ensure(self, uri: str, kind: ConceptKind, *, set_kind: bool = False) -> int:
        """The concept's row id, adding the concept when new; an existing one keeps its kind unless ``set_kind``."""
        found = self._ids.get(uri)
        if found is not None:
            if set_kind:
                self._db.execute("UPDATE concept SET kind = ? WHERE id = ?", (kind, found))
            return found
        cur = self._db.execute("INSERT INTO concept(uri, kind) VALUES (?, ?)", (uri, kind))
        new_id = cur.lastrowid
        assert new_id is not None
        self._ids[uri] = new_id
        return new_id

    def add(self, concept: Concept) -> int:
        """Write a whole concept (labels and descriptions per language, links, code)."""
        cid = self.ensure(concept.uri, concept.kind)
        if concept.code:
            self.set_code(cid, concept.code)
        for lang, labels in concept.labels.items():
            self.set_labels(cid, lang, labels)
        for lang, text in concept.descriptions.items():
            self.set_description(cid, lang, text)
        for target in concept.broader:
            self.add_link(cid, _BROADER, target)
        for target in concept.related:
            self.add_link(cid, "related", target)
        return cid

    def set_code(self, cid: int, code: str) -> None:
        self._db.execute("UPDATE concept SET code = ? WHERE id = ?", (code, cid))

    def set_labels(self, cid: int, lang: str, labels: Iterable[str]) -> None:
        """Replace the concept's labels in ``lang`` (preferred first; duplicates dropped)."""
        self._db.execute("DELETE FROM label WHERE concept = ? AND lang = ?", (cid, lang))
        self._insert_labels(cid, lang, labels, start=0, seen=set())

    def add_labels(self, cid: int, lang: str, labels: Iterable[str]) -> None:
        """Append labels in ``lang`` that the concept lacks (the first becomes preferred if it has none)."""
        rows = self._db.execute(
            "SELECT pos, norm FROM label WHERE concept = ? AND lang = ?", (cid, lang)
        ).fetchall()
        start = max((pos for pos, _ in rows), default=-1) + 1
        self._insert_labels(cid, lang, labels, start=start, seen={norm for _, norm in rows})

    def _insert_labels(
        self, cid: int, lang: str, labels: Iterable[str], *, start: int, seen: set[str]
    ) -> None:
        rows: list[tuple[int, str, int, str, str]] = []
        for label in labels:
            text = " ".join(label.split())
            norm = normalize_label(text)
            if norm and norm not in seen:
                seen.add(norm)
                rows.append((cid, lang, start + len(rows), text, norm))
        self._db.executemany("INSERT INTO label VALUES (?, ?, ?, ?, ?)", rows)

    def has_labels(self, cid: int, lang: str) -> bool:
        row = self._db.execute("SELECT 1 FROM label WHERE concept = ? AND lang = ? LIMIT 1", (cid, lang))
        return row.fetchone() is not None

    def set_description(self, cid: int, lang: str, text: str) -> None:
        if text.strip():
            self._db.execute("INSERT OR REPLACE INTO description VALUES (?, ?, ?)", (cid, lang, text.strip()))

    def add_link(self, cid: int, rel: str, target: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO link VALUES (?, ?, ?)", (cid, rel, target))

    def record_source(self, *, name: str, importer: str, path: Path, lang: str | None, rows: int) -> None:
        """Remember an import so that a rebuild can replay it."""
        self._db.execute(
            "INSERT OR REPLACE INTO source VALUES (?, ?, ?, ?, ?)", (name, importer, str(path), lang, rows)
        )

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


_CONTENT_QUERIES = (
    "SELECT uri, kind, code FROM concept ORDER BY uri",
    "SELECT c.uri, l.lang, l.pos, l.text FROM label l JOIN concept c ON c.id = l.concept "
    "ORDER BY c.uri, l.lang, l.pos",
    "SELECT c.uri, d.lang, d.text FROM description d JOIN concept c ON c.id = d.concept ORDER BY c.uri, d.lang",
    "SELECT c.uri, k.rel, k.target FROM link k JOIN concept c ON c.id = k.concept "
    "ORDER BY c.uri, k.rel, k.target",
    "SELECT importer, lang FROM source ORDER BY rowid",
)


def content_digest(db: sqlite3.Connection) -> str:
    """A SHA-256 of a taxonomy's content: concepts, labels, descriptions, relations and the imports recorded
    (by importer and language, in order), independent of row ids, file times and the file's own layout
    (about 0.7 s for the full ESCO + JobTech taxonomy). Writers store it in ``meta`` when they commit."""
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for sql in _CONTENT_QUERIES:
        h.update(b"\x1e")
        cur = db.execute(sql)
        while rows := cur.fetchmany(10_000):
            h.update(repr(rows).encode())
    return h.hexdigest()


def _check_schema(db: sqlite3.Connection, path: Path) -> None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise TaxonomyError(
            Code.E200, f"not a kompetens taxonomy file ({exc}); run `kompetens setup`", source=str(path)
        ) from None
    if row is None or row[0] != SCHEMA_VERSION:
        raise TaxonomyError(
            Code.E200, "taxonomy file is from another version; run `kompetens setup`", source=str(path)
        )


def recorded_sources(path: Path) -> list[tuple[str, str, str | None]]:
    """(importer, path, lang) of the imports recorded in a taxonomy file, oldest first."""
    if not path.exists():
        return []
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(db.execute("SELECT importer, path, lang FROM source ORDER BY rowid"))
    except sqlite3.DatabaseError:
        return []
    finally:
        db.close()


class Taxonomy:
    """Read access to the compiled taxonomy. Opening is cheap; concepts are read on demand."""

    def __init__(self, path: Path, db: sqlite3.Connection):
        self.path = path
        self._db = db
        self._lock = threading.Lock()  # one connection shared by threads (web server)

    @classmethod
    def load(cls, data_dir: Path) -> Taxonomy:
        path = taxonomy_path(data_dir)
        if not path.is_file():
            raise TaxonomyError(
                Code.E200, "the taxonomy is not built yet; run `kompetens setup`", source=str(path)
            )
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        _check_schema(db, path)
        return cls(path, db)

    def close(self) -> None:
        self._db.close()

    @property
    def content(self) -> str | None:
        """The digest of the taxonomy's content its writer stored (``content_digest``); None in a file
        written before writers stored one (`kompetens setup` writes a new one)."""
        row = self._rows("SELECT value FROM meta WHERE key = ?", (CONTENT_KEY,))
        return str(row[0][0]) if row else None

    def _rows(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def __len__(self) -> int:
        return int(self._rows("SELECT count(*) FROM concept")[0][0])

    def __contains__(self, uri: object) -> bool:
        return bool(self._rows("SELECT 1 FROM concept WHERE uri = ?", (uri,)))

    def get(self, uri: str) -> Concept | None:
        found = self._fetch("WHERE c.uri = ?", (uri,))
        return found[0] if found else None

    def first_labels(self, uris: Collection[str]) -> dict[str, dict[str, str]]:
        """Each of ``uris`` that is a concept -> its first label in each language it has one in (what
        ``get(uri).labels[lang][0]`` gives): a few queries for many concepts, without their descriptions
        and links."""
        ordered = sorted(set(uris))
        out: dict[str, dict[str, str]] = {}
        for lo in range(0, len(ordered), URI_CHUNK):
            chunk = tuple(ordered[lo : lo + URI_CHUNK])
            marks = ", ".join("?" * len(chunk))
            heads = self._rows(f"SELECT uri FROM concept WHERE uri IN ({marks})", chunk)
            out.update((str(uri), {}) for (uri,) in heads)
            rows = self._rows(
                "SELECT c.uri, t.lang, t.text FROM label t JOIN concept c ON c.id = t.concept "
                f"WHERE c.uri IN ({marks}) ORDER BY t.concept, t.lang, t.pos",
                chunk,
            )
            for uri, lang, text in rows:
                out[str(uri)].setdefault(str(lang), str(text))
        return out

    def holds_prefix(self, prefix: str) -> bool:
        """Whether some concept's URI starts with ``prefix`` (a look-up in the URIs' index). Where none does,
        ``get`` of any such URI is None without asking."""
        if not prefix:
            return bool(len(self))
        # the URIs that start with the prefix sort between it and the prefix with its last character raised
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return bool(self._rows("SELECT 1 FROM concept WHERE uri >= ? AND uri < ? LIMIT 1", (prefix, upper)))

    def concepts(self, kind: ConceptKind | None = None) -> Iterator[Concept]:
        """All concepts (of one kind), in a stable order."""
        if kind is None:
            yield from self._fetch("", ())
        else:
            yield from self._fetch("WHERE c.kind = ?", (kind,))

    def search_label(self, text: str, lang: str | None = None) -> list[Concept]:
        """Concepts with a label equal to ``text`` after ``normalize_label``; preferred-label hits first."""
        norm = normalize_label(text)
        where = "WHERE c.id IN (SELECT concept FROM label WHERE norm = ?" + (
            " AND lang = ?)" if lang else ")"
        )
        found = self._fetch(where, (norm, lang) if lang else (norm,))

        def rank(concept: Concept) -> int:
            langs = [lang] if lang else list(concept.labels)
            prefs = {normalize_label(concept.labels[x][0]) for x in langs if concept.labels.get(x)}
            return 0 if norm in prefs else 1

        return sorted(found, key=rank)

    def relations(self, uri: str) -> list[tuple[str, str]]:
        """(relation, target URI) pairs: ``broader`` and crosswalk matches (exactMatch, broadMatch ...)."""
        rows = self._rows(
            "SELECT l.rel, l.target FROM link l JOIN concept c ON c.id = l.concept WHERE c.uri = ?", (uri,)
        )
        return [(str(rel), str(target)) for rel, target in rows]

    def match_links(self) -> list[tuple[str, str, str]]:
        """Every crosswalk link (``exactMatch`` ... ``related``) as (concept URI, relation, target URI)."""
        marks = ", ".join("?" for _ in MATCH_RELATIONS)
        rows = self._rows(
            f"SELECT c.uri, l.rel, l.target FROM link l JOIN concept c ON c.id = l.concept WHERE l.rel IN ({marks})",
            MATCH_RELATIONS,
        )
        return [(str(uri), str(rel), str(target)) for uri, rel, target in rows]

    def labels(
        self, *, lang: str | None = None, kind: ConceptKind | None = None
    ) -> Iterator[tuple[str, str, str, int]]:
        """(uri, lang, label, position) for every label, without building concepts (for matchers)."""
        sql = "SELECT c.uri, l.lang, l.text, l.pos FROM label l JOIN concept c ON c.id = l.concept WHERE 1=1"
        args: list[object] = []
        if lang:
            sql += " AND l.lang = ?"
            args.append(lang)
        if kind:
            sql += " AND c.kind = ?"
            args.append(kind)
        for uri, lng, text, pos in self._rows(sql + " ORDER BY l.concept, l.lang, l.pos", tuple(args)):
            yield str(uri), str(lng), str(text), int(pos)

    def stats(self) -> dict[str, int]:
        """Counts: ``concepts``, ``kind.<kind>``, ``labels.<lang>`` and ``concepts.<lang>`` (concepts labelled in it)."""
        out: dict[str, int] = {"concepts": len(self)}
        for kind, n in self._rows("SELECT kind, count(*) FROM concept GROUP BY kind ORDER BY kind"):
            out[f"kind.{kind}"] = int(n)
        for lang, n, m in self._rows(
            "SELECT lang, count(*), count(DISTINCT concept) FROM label GROUP BY lang ORDER BY lang"
        ):
            out[f"labels.{lang}"] = int(n)
            out[f"concepts.{lang}"] = int(m)
        return out

    def _fetch(self, where: str, args: tuple[object, ...]) -> list[Concept]:
        """Concepts selected by ``where`` (on ``concept c``), with labels, descriptions and links."""
        # Without a filter, plain scans in primary-key order; with one, a join on the concept table.
        join = f"JOIN concept c ON c.id = t.concept {where}" if where else ""
        with self._lock:
            heads = self._db.execute(
                f"SELECT c.id, c.uri, c.kind, c.code FROM concept c {where}", args
            ).fetchall()
            if not heads:
                return []
            labels = self._db.execute(
                f"SELECT t.concept, t.lang, t.text FROM label t {join} ORDER BY t.concept, t.lang, t.pos",
                args,
            ).fetchall()
            descriptions = self._db.execute(
                f"SELECT t.concept, t.lang, t.text FROM description t {join}", args
            ).fetchall()
            links = self._db.execute(f"SELECT t.concept, t.rel, t.target FROM link t {join}", args).fetchall()
        by_id = {cid: Concept(uri=uri, kind=kind, code=code) for cid, uri, kind, code in heads}
        for cid, lang, text in labels:
            by_id[cid].labels.setdefault(lang, []).append(text)
        for cid, lang, text in descriptions:
            by_id[cid].descriptions[lang] = text
        _attach_links(by_id, links)
        for concept in by_id.values():
            concept.description = _main_description(concept.descriptions)
        return [by_id[cid] for cid in sorted(by_id)]


def _attach_links(by_id: dict[int, Concept], links: list[tuple[int, str, str]]) -> None:
    order = {rel: i for i, rel in enumerate(MATCH_RELATIONS)}
    for cid, rel, target in sorted(links, key=lambda row: (row[0], order.get(row[1], len(order)), row[2])):
        concept = by_id[cid]
        if rel == _BROADER:
            concept.broader.append(target)
        elif target not in concept.related:
            concept.related.append(target)


def _main_description(descriptions: dict[str, str]) -> str:
    """English when there is one (ESCO's source language), else any."""
    if "en" in descriptions:
        return descriptions["en"]
    return next(iter(descriptions.values()), "")
