"""The lexicon belongs to its data folder (issue #12): Engines over different folders in one process each
lemmatise with their own, whatever order they are built in; an extractor pickle carries no lexicon."""

from __future__ import annotations

import io
import pickle
import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.engine import LEXICON_FILE, Engine
from kompetens.extract.lemma import (
    Lexicon,
    default_lexicon,
    forget_absent_python,
    plain_lemma_python,
    word_memos_python,
    word_rows_python,
    words_file_id,
    words_file_path,
    write_lexicon,
    write_words_file,
)
from kompetens.extract.native import speedups
from kompetens.extract.phrases import PhraseSpec
from kompetens.extract.pipeline import Extractor, dump_extractor, load_extractor
from kompetens.models import Document
from tests.conftest import ROOT

RHETORIC = "http://data.europa.eu/esco/skill/39e7d2a3-8d01-497c-8c5f-d51ab53a4a22"  # curated sv "retorik"
TEXT = "Du behärskar blorpen väl."  # an invented word: a lemma only where a lexicon says so


def _data_dir(path: Path, lemma: str, zipf: float) -> Path:
    """A data folder holding only a lexicon: 'blorpen' -> ``lemma`` (Swedish), with frequency ``zipf``."""
    path.mkdir()
    write_lexicon(path / LEXICON_FILE, [("sv", "blorpen", lemma)], [("sv", "blorpen", zipf)])
    return path


def _found(engine: Engine) -> list[tuple[str, str, str]]:
    profile = engine.extract(Document(source="t", text=TEXT, lang="sv"), spans=False)  # the phrase index
    return [(m.text, m.concept.id, m.method) for m in profile.mentions]


def test_two_engines_in_one_process_each_use_their_own_lexicon(tmp_path: Path) -> None:
    heard: list[str] = []
    first = Engine(_data_dir(tmp_path / "a", "retorik", 3.0), on_notice=heard.append)
    second = Engine(_data_dir(tmp_path / "b", "blorp", 1.5), on_notice=heard.append)
    # Built after the first Engine: the first must not pick up the second's lemmas (nor the other way).
    assert _found(first) == [("blorpen", RHETORIC, "lemma")]
    assert _found(second) == []
    assert first.lexicon.lemma("blorpen", "sv") == "retorik"
    assert second.lexicon.lemma("blorpen", "sv") == "blorp"
    assert (first.lexicon.zipf("blorpen", "sv"), second.lexicon.zipf("blorpen", "sv")) == (3.0, 1.5)
    assert first.extractor.lexicon is first.lexicon and first.extractor.index.lexicon is first.lexicon
    assert _found(Engine(tmp_path / "a", on_notice=heard.append)) == [("blorpen", RHETORIC, "lemma")]
    assert heard  # no taxonomy in these folders: a notice says so, each engine once


def test_a_folder_without_a_lexicon_file_uses_the_packages(tmp_path: Path) -> None:
    lexicon = Engine(tmp_path, on_notice=lambda _m: None).lexicon
    assert lexicon.path is None
    assert lexicon.lemma("kanalerna", "sv") == default_lexicon().lemma("kanalerna", "sv") == "kanal"
    assert lexicon.lemma("blorpen", "fr") == "blorpen"  # unsupported language: the word itself
    assert lexicon.zipf("och", "sv") > 5 and lexicon.zipf("och", "fr") == 0.0


def test_the_extractor_pickle_leaves_the_lexicon_out(tmp_path: Path) -> None:
    own = Lexicon(_data_dir(tmp_path / "a", "retorik", 3.0) / LEXICON_FILE)
    other = Lexicon(_data_dir(tmp_path / "b", "blorp", 1.5) / LEXICON_FILE)
    extractor = Extractor([PhraseSpec("retorik", "r", "rhetoric", None)], cues=(), lexicon=own)
    buffer = io.BytesIO()
    dump_extractor(buffer, "key", extractor)
    assert str(tmp_path).encode() not in buffer.getvalue()  # no path of the folder it was built in
    buffer.seek(0)
    key, loaded = load_extractor(buffer, other)
    assert key == "key" and isinstance(loaded, Extractor)
    assert loaded.lexicon is other and loaded.index.lexicon is other
    # the lemma keys compiled with ``own`` stay; the text's lemmas now come from ``other``
    doc = Document(source="t", text=TEXT, lang="sv")
    assert [m.method for m in extractor(doc).mentions] == ["lemma"]
    assert loaded(doc).mentions == []


def test_a_lexicon_pickles_as_the_file_it_reads(tmp_path: Path) -> None:
    lexicon = Lexicon(_data_dir(tmp_path / "a", "retorik", 3.0) / LEXICON_FILE)
    copy = pickle.loads(pickle.dumps(lexicon))
    assert copy.path == lexicon.path and copy.lemma("blorpen", "sv") == "retorik"


def test_a_broken_extractor_pickle_raises() -> None:
    with pytest.raises(pickle.UnpicklingError):
        load_extractor(io.BytesIO(pickle.dumps("not a pair")), default_lexicon())


def _folding_lexicon(path: Path) -> Lexicon:
    """A lexicon whose frequencies hold 'klagomål' and, far rarer, 'klagomal' as people type it."""
    write_lexicon(
        path,
        [("sv", "klagomålen", "klagomål")],
        [
            ("sv", "klagomål", 4.2),
            ("sv", "klagomal", 1.2),
            ("sv", "säljare", 4.0),
            ("sv", "saljare", 3.5),  # not ten times rarer: left as written
            ("sv", "fönster", 4.0),
            ("en", "manager", 5.0),
            ("sv", "mänager", 3.0),  # invented: an English word is never restored
        ],
    )
    return Lexicon(path)


def test_words_typed_without_diacritics_are_read_with_them(tmp_path: Path) -> None:
    lexicon = _folding_lexicon(tmp_path / LEXICON_FILE)
    assert lexicon.lemma("klagomal", "sv") == "klagomål"
    assert lexicon.lemma("klagomalen", "sv") == "klagomalen"  # no such word: left as written
    assert lexicon.lemma("saljare", "sv") == "saljare"
    assert lexicon.lemma("manager", "sv") == "manager"
    assert lexicon.lemma("fonst", "sv") == "fonst"  # no word folds to it
    assert lexicon.lemma("klagomal", "en") == "klagomal"  # Swedish only


def test_a_lexicon_file_without_the_fold_table_still_works(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / LEXICON_FILE
    _folding_lexicon(path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE fold")
    lexicon = Lexicon(path)
    assert lexicon.lemma("klagomal", "sv") == "klagomal"
    assert lexicon.lemma("klagomålen", "sv") == "klagomål"


def test_an_ad_typed_without_diacritics_finds_what_it_finds_with_them(engine: Engine) -> None:
    """The real data folder (its lexicon written by ``kompetens setup``): the same concepts either way."""
    if engine.lexicon.path is None:
        pytest.skip("no lexicon file in the data folder: run `kompetens setup` (scripts/test.sh does)")

    def concepts(text: str) -> set[str]:
        profile = engine.extract(Document(source="t", text=text, lang="sv"), spans=False)
        return {m.concept.id for m in profile.mentions}

    written = "Du kommer att hantera klagomål från kunder och ansvara för sökmotoroptimering."
    typed = "Du kommer att hantera klagomal fran kunder och ansvara for sokmotoroptimering."
    assert concepts(written) and concepts(typed) == concepts(written)


def _lexicon_rows(path: Path) -> Lexicon:
    """A lexicon of a few real-looking rows: a lowercase form, one only capitalised, a folded spelling."""
    write_lexicon(
        path,
        [
            ("sv", "kanalerna", "kanal"),
            ("sv", "Göteborg", "Göteborg"),  # only capitalised: simplemma looks it up that way
            ("sv", "klagomålen", "klagomål"),
            ("en", "channels", "channel"),
        ],
        [("sv", "kanal", 4.5), ("sv", "klagomål", 4.2), ("sv", "klagomal", 1.2), ("en", "channel", 5.0)],
    )
    return Lexicon(path)


WORDS = ["kanalerna", "göteborg", "klagomalen", "klagomal", "kanal", "blorp", "channels", "x", "ab12", "ö"]


@pytest.mark.parametrize("lang", ["sv", "en", "fr"])
def test_prefetching_answers_as_the_single_lookups_do(tmp_path: Path, lang: str) -> None:
    one_by_one = _lexicon_rows(tmp_path / "a.sqlite")
    fetched = Lexicon(tmp_path / "a.sqlite")
    fetched.prefetch(WORDS, lang)
    fetched.prefetch_zipf(WORDS, "en")
    factory = fetched._factory
    assert factory is not None
    if lang != "fr":  # the prefetch filled the memos the look-ups read
        assert factory.get_dictionary(lang)._memo  # type: ignore[attr-defined]
        assert "kanal" in factory._zipf[lang]
    for word in WORDS:
        assert fetched.lemma(word, lang) == one_by_one.lemma(word, lang), word
        assert fetched.zipf(word, lang) == one_by_one.zipf(word, lang), word
    assert fetched.lemma_list(WORDS, lang) == [one_by_one.lemma(w, lang) for w in WORDS]


def test_prefetching_reads_the_file_in_a_few_queries(tmp_path: Path) -> None:
    lexicon = _lexicon_rows(tmp_path / "a.sqlite")
    factory = lexicon._factory
    assert factory is not None
    queries: list[str] = []
    factory._conn.set_trace_callback(queries.append)
    lexicon.prefetch([f"ord{k}" for k in range(1200)] + WORDS, "sv")
    assert 4 <= len(queries) <= 12  # lemma rows (as written, then capitalised), folded spellings, frequencies
    queries.clear()
    for word in WORDS:
        lexicon.lemma(word, "sv")
        if word.isalpha():  # prefetch reads words, not digits
            lexicon.zipf(word, "sv")
    assert queries == []  # every look-up answered from the memo


def test_forms_of_lemmas_come_from_the_lemma_table(tmp_path: Path) -> None:
    lexicon = _lexicon_rows(tmp_path / "a.sqlite")
    assert lexicon.forms({"kanal", "klagomål"}, "sv") == {"kanalerna", "klagomålen"}
    assert lexicon.forms({"göteborg"}, "sv") == {"göteborg"}  # a capitalised lemma, lowercased
    assert lexicon.forms({"kanal"}, "fr") == set()
    assert "kanalerna" in default_lexicon().forms({"kanal"}, "sv")  # the package's own dictionary


def _without_words(path: Path) -> Lexicon:
    """A lexicon over ``path`` that works every lemma out, as one over a file without the words table does."""
    lexicon = Lexicon(path)
    assert lexicon._factory is not None
    lexicon._factory._words = ""  # as if the file held no words table this code reads
    return lexicon


TABLE_WORDS = [
    *WORDS,
    "klagomålen",  # a form of the lemma table, not of the frequency lists: a key alone
    "channel",
    "kanalerna",
    "kanalernas",  # in no table: simplemma's rules alone
    "blorpar",
    "Kanal",  # capitalised: not in the table, and not answered from its absence
    "straße",
    "ǆungel",
]


@pytest.mark.parametrize("lang", ["sv", "en", "fr"])
def test_the_words_table_answers_as_working_the_lemmas_out_does(tmp_path: Path, lang: str) -> None:
    """``kompetens setup`` writes each listed word's lemma into the lexicon file (stop 34): the same answers."""
    path = tmp_path / "a.sqlite"
    _lexicon_rows(path)
    table, worked = Lexicon(path), _without_words(path)
    assert table.words_id() and not worked.words_id()
    table.prefetch(TABLE_WORDS, lang)
    for word in TABLE_WORDS:
        assert table.lemma(word, lang) == worked.lemma(word, lang), word
        for code in ("sv", "en", "fr"):
            assert table.zipf(word, code) == worked.zipf(word, code), (word, code)
    assert Lexicon(path).lemma_list(TABLE_WORDS, lang) == [worked.lemma(w, lang) for w in TABLE_WORDS]
    fresh = Lexicon(path)  # ``lemmas`` after a prefetch (the lemma pass) and without one
    assert fresh.lemmas([*TABLE_WORDS, "", "3d", "e-post"], lang) == [
        worked.lemma(w, lang) for w in [*TABLE_WORDS, "", "3d", "e-post"]
    ]
    fresh = Lexicon(path)
    fresh.prefetch(TABLE_WORDS, lang)
    assert fresh.lemmas(TABLE_WORDS, lang) == [worked.lemma(w, lang) for w in TABLE_WORDS]
    if lang != "fr":  # a listed word's lemma comes from its row; a form's is worked out from the lemma table
        assert table.in_words("kanal", lang) and table.in_words("klagomal", lang)
        assert not table.in_words("klagomålen", lang) and not table.in_words("blorpar", lang)


@pytest.mark.parametrize("words_file", [True, False])
def test_a_listed_word_costs_one_query_and_an_unlisted_one_none_more(
    tmp_path: Path, words_file: bool
) -> None:
    _lexicon_rows(tmp_path / "a.sqlite")
    if not words_file:  # a data folder set up before stop 35, or the words file removed: the table is queried
        words_file_path(tmp_path / "a.sqlite").unlink()
    lexicon = Lexicon(tmp_path / "a.sqlite")
    factory = lexicon._factory
    assert factory is not None and lexicon.words_id()
    queries: list[str] = []
    factory._conn.set_trace_callback(queries.append)
    lexicon.prefetch(["kanal", "channel", "klagomal", "blorpar", "xyzzyqq"], "sv")
    # the words table (listed words: lemma and frequencies; "klagomal" is restored to "klagomål", listed too),
    # or where the C code reads it, the sorted words file beside it: no query
    if words_file and speedups is not None:
        assert queries == []
    else:
        assert len(queries) == 1 and "FROM words" in queries[0]
    queries.clear()
    assert [lexicon.lemma(w, "sv") for w in ("kanal", "channel", "klagomal")] == [
        "kanal",
        "channel",
        "klagomål",
    ]
    assert lexicon.zipf("blorpar", "sv") == lexicon.zipf("blorpar", "en") == 0.0
    assert queries == []  # answered from the rows read, and from the table's lacking the others
    lexicon.prefetch(["klagomålen"], "sv")  # a key alone: its lemma row is read as before
    assert any("FROM lemmas" in q for q in queries)


def test_a_words_table_of_other_code_or_without_its_stamp_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / LEXICON_FILE
    _lexicon_rows(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = 'another version' WHERE key = 'words'")
    stale = Lexicon(path)
    assert stale.words_id() == "" and stale.table_words() == []
    stale.prefetch(["kanalerna", "kanal"], "sv")
    assert not stale.in_words("kanal", "sv")
    assert stale.lemma("kanalerna", "sv") == "kanal" and stale.zipf("kanal", "sv") == 4.5
    with sqlite3.connect(path) as conn:  # a file written before stop 34: no words table, no meta
        conn.execute("DROP TABLE meta")
        conn.execute("DROP TABLE words")
    old = Lexicon(path)
    assert old.words_id() == "" and old.lemma("kanalerna", "sv") == "kanal"


def test_the_lexicon_id_follows_the_content(tmp_path: Path) -> None:
    first, same = _lexicon_rows(tmp_path / "a.sqlite"), _lexicon_rows(tmp_path / "b.sqlite")
    assert first.words_id() == same.words_id() != ""
    write_lexicon(tmp_path / "c.sqlite", [("sv", "kanalerna", "kanal")], [("sv", "kanal", 4.4)])
    other = Lexicon(tmp_path / "c.sqlite")
    assert other.words_id() not in ("", first.words_id())
    assert first.table_words() == sorted({"kanal", "klagomål", "klagomal", "channel"})


def test_the_data_folders_words_table_answers_as_working_out_does(engine: Engine) -> None:
    """The real data folder (``kompetens setup`` wrote its words table): a sample of listed words, of forms
    and of unlisted words answer as a lexicon that works every lemma out."""
    path = engine.lexicon.path
    if path is None or not engine.lexicon.words_id():
        pytest.skip("no lexicon file with a words table in the data folder: run `kompetens setup`")
    table, worked = Lexicon(path), _without_words(path)
    listed = table.table_words()[::997]
    text = (ROOT / "demo" / "ads").glob("*.txt")
    written = sorted({w.lower() for f in text for w in f.read_text(encoding="utf-8").split() if w.isalpha()})
    words = [*listed, *written, "kundtjanst", "klagomal", "sokmotoroptimering", "blorparna", "xyzzyqq"]
    for lang in ("sv", "en"):
        assert table.lemma_list(words, lang) == worked.lemma_list(words, lang)
        fresh = Lexicon(path)
        fresh.prefetch(words, lang)  # as the lemma pass asks: its rows first, then each word's lemma
        assert fresh.lemmas(words, lang) == worked.lemma_list(words, lang)
        assert [table.zipf(w, lang) for w in words] == [worked.zipf(w, lang) for w in words]


_WORD = st.text(st.characters(blacklist_characters="\0", blacklist_categories=["Cs"]), min_size=1, max_size=8)
_ROW = st.tuples(
    st.one_of(st.none(), _WORD),
    st.one_of(st.none(), _WORD),
    st.one_of(st.none(), st.floats(allow_nan=False)),
    st.one_of(st.none(), st.floats(allow_nan=False)),
)


def _table_rows(conn: sqlite3.Connection, keys: list[str]) -> list[tuple[object, ...]]:
    marks = ", ".join("?" * len(keys))
    return conn.execute(f"SELECT * FROM words WHERE word IN ({marks})", keys).fetchall() if keys else []


def _words_file(
    tmp_path_factory: pytest.TempPathFactory, table: dict[str, tuple[object, ...]]
) -> tuple[sqlite3.Connection, bytes]:
    """An in-memory ``words`` table of ``table``'s rows and the words file ``write_words_file`` makes of it."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE words (word TEXT PRIMARY KEY, lemma_sv TEXT, lemma_en TEXT, zipf_sv REAL, zipf_en REAL)"
    )
    conn.executemany("INSERT INTO words VALUES (?, ?, ?, ?, ?)", [(w, *row) for w, row in table.items()])
    path = tmp_path_factory.mktemp("words") / "lexicon.words"
    write_words_file(conn, path, "an id")
    return conn, path.read_bytes()


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_WORD, _ROW, max_size=40), st.lists(_WORD, max_size=10))
def test_the_words_file_gives_the_words_tables_rows(
    tmp_path_factory: pytest.TempPathFactory, table: dict[str, tuple[object, ...]], others: list[str]
) -> None:
    """The sorted words file (``write_words_file``) answers each key as the ``words`` table's query does: the
    C bisection and its Python twin, for the table's words (any Unicode but NUL) and for others."""
    conn, data = _words_file(tmp_path_factory, table)
    assert words_file_id(data) == "an id"
    keys = sorted({*table, *others, "", "a\0b"})
    want = sorted(_table_rows(conn, keys), key=repr)
    assert sorted(word_rows_python(data, keys), key=repr) == want
    if speedups is not None:
        assert sorted(speedups.word_rows(data, keys), key=repr) == want


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_WORD, _ROW, max_size=40), st.lists(_WORD, max_size=10), st.sampled_from([0, 1]))
def test_the_words_file_fills_the_memos_as_its_rows_do(
    tmp_path_factory: pytest.TempPathFactory,
    table: dict[str, tuple[object, ...]],
    others: list[str],
    col: int,
) -> None:
    """``word_memos`` (C) and its twin write into the memos what ``_prefetch_words`` wrote from the table's
    rows (the lemma in the column where the row holds a frequency, the word itself for none or "", else None;
    the frequencies, else 0.0) and return the keys the file lacks, any Unicode but NUL and a key with one."""
    conn, data = _words_file(tmp_path_factory, table)
    keys = sorted({*table, *others, "", "a\0b"})
    rows = {row[0]: row for row in _table_rows(conn, keys)}
    lemmas = {
        k: ((rows[k][1 + col] or k) if rows[k][3] is not None or rows[k][4] is not None else None)
        if k in rows
        else None
        for k in keys
    }
    zipfs = [
        {k: (0.0 if k not in rows or rows[k][3 + c] is None else rows[k][3 + c]) for k in keys}
        for c in (0, 1)
    ]
    missing = [k for k in keys if k not in rows]
    twins = [word_memos_python] + ([speedups.word_memos] if speedups is not None else [])
    for twin in twins:
        memos: list[dict[str, object]] = [{"kept": "x"}, {}, {}]
        assert twin(data, keys, col, *memos) == missing
        assert memos[0] == {"kept": "x", **lemmas} and memos[1:] == zipfs


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(_WORD, _ROW, min_size=1, max_size=60),
    st.lists(_WORD, max_size=40),
    st.randoms(use_true_random=False),
    st.integers(min_value=0, max_value=99),
)
def test_the_c_word_memos_batches_keep_the_keys_order_and_errors(
    tmp_path_factory: pytest.TempPathFactory,
    table: dict[str, tuple[object, ...]],
    others: list[str],
    rng: random.Random,
    bad_at: int,
) -> None:
    """The C code looks keys up several at a time (their bisections side by side, ``WORDS_BATCH``): keys in any
    order, repeated too, fill the memos in the same order as the twin, and a key that is no str stops it with
    the keys before it written, as a key at a time did."""
    if speedups is None:
        pytest.skip("the C code is not built")
    _, data = _words_file(tmp_path_factory, table)
    keys = [*table, *others, *others[:3], "a\0b"]
    rng.shuffle(keys)
    for col in (0, 1):
        want: list[dict[str, object]] = [{}, {}, {}]
        got: list[dict[str, object]] = [{}, {}, {}]
        assert speedups.word_memos(data, keys, col, *got) == word_memos_python(data, keys, col, *want)
        assert [list(memo.items()) for memo in got] == [list(memo.items()) for memo in want]
    at = bad_at % (len(keys) + 1)
    written: list[dict[str, object]] = [{}, {}, {}]
    with pytest.raises(TypeError, match="keys must be str"):
        speedups.word_memos(data, [*keys[:at], 7, *keys[at:]], 0, *written)
    before: list[dict[str, object]] = [{}, {}, {}]
    word_memos_python(data, keys[:at], 0, *before)
    assert [list(memo.items()) for memo in written] == [list(memo.items()) for memo in before]


_CASES = st.text(st.sampled_from("abzAZ1-_éÅßǆǅǄİı中σςΣ\u0301 "), max_size=5)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_CASES, max_size=30, unique=True),
    st.dictionaries(_CASES, st.none(), max_size=6),
    st.integers(min_value=0, max_value=40),
    st.sampled_from(["sv", "en"]),
)
def test_the_c_word_memos_note_the_absent_words_as_the_lexicon_did(
    missing: list[str], held: dict[str, None], most: int, lang: str
) -> None:
    """Given the lexicon's other memos, ``word_memos`` notes the keys the file lacks in them in the same call:
    each lowercase word of letters whose capitalised form lowers to it again (ASCII or not: a case-less letter,
    a titlecase digraph, the German sharp s, a combining mark) as ``_forget_absent`` noted it, and a memo that
    would hold more than ``most`` starts again, in the same order, the C code as its twin."""
    want = [w for w in missing if w.isalpha() and w == w.lower() == w.capitalize().lower()]
    data = _empty_words_file()
    memos = [
        [dict(held), dict.fromkeys([(k, lang) for k in held])] for _ in range(1 + (speedups is not None))
    ]
    twins = [word_memos_python] + ([speedups.word_memos] if speedups is not None else [])
    for twin, (dictionary, fold) in zip(twins, memos, strict=True):
        lemmas: dict[str, object] = {}
        assert twin(data, sorted(missing), 0, lemmas, {}, {}, dictionary, fold, lang, most) == sorted(missing)
        entries = {k: None for w in want for k in (w, w.capitalize())}
        folds = {(w, lang): None for w in want}
        before = [held, dict.fromkeys([(k, lang) for k in held])]
        for memo, old, new in zip((dictionary, fold), before, (entries, folds), strict=True):
            kept = not want or len(old) + len(new) <= most
            assert memo == ({**old, **new} if kept else new)
    if speedups is not None:
        assert [list(m.items()) for m in memos[0]] == [list(m.items()) for m in memos[1]]
    alone: list[dict[object, object]] = [dict(held), dict.fromkeys([(k, lang) for k in held])]
    forget_absent_python(missing, *alone, lang, most)  # type: ignore[arg-type]
    assert alone == memos[0]


def _empty_words_file() -> bytes:
    return b"KWORDS\0\1" + bytes(8)  # no record, an empty id


def test_the_c_word_memos_checks_its_arguments() -> None:
    if speedups is None:
        pytest.skip("the C code is not built")
    empty = b"KWORDS\0\1" + bytes(8)
    with pytest.raises(ValueError, match="not a words file"):
        speedups.word_memos(b"KWORDS\0\2" + bytes(8), ["a"], 0, {}, {}, {})
    with pytest.raises(ValueError, match="col"):
        speedups.word_memos(empty, ["a"], 2, {}, {}, {})
    with pytest.raises(TypeError):
        speedups.word_memos(empty, [1], 0, {}, {}, {})
    with pytest.raises(TypeError, match="go together"):
        speedups.word_memos(empty, ["a"], 0, {}, {}, {}, {}, {}, "sv")
    memos: list[dict[str, object]] = [{}, {}, {}]
    assert speedups.word_memos(empty, ["a"], 1, *memos) == ["a"]
    assert memos == [{"a": None}, {"a": 0.0}, {"a": 0.0}]


def test_the_c_words_lookup_checks_its_file() -> None:
    if speedups is None:
        pytest.skip("the C code is not built")
    with pytest.raises(ValueError, match="not a words file"):
        speedups.word_rows(b"KWORDS\0\2" + bytes(8), ["a"])
    with pytest.raises(ValueError, match="cut short"):
        speedups.word_rows(b"KWORDS\0\1" + (5).to_bytes(4, "little") + bytes(4), ["a"])
    with pytest.raises(TypeError):
        speedups.word_rows(b"KWORDS\0\1" + bytes(8), [1])
    assert speedups.word_rows(b"KWORDS\0\1" + bytes(8), ["a"]) == []
    assert words_file_id(b"nothing") == ""


def test_a_words_file_of_another_table_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    _lexicon_rows(path)
    other = tmp_path / "b.sqlite"
    write_lexicon(other, [("sv", "kanalerna", "kanal")], [("sv", "kanal", 4.4)])
    words_file_path(other).replace(words_file_path(path))  # the words of another lexicon file
    lexicon = Lexicon(path)
    factory = lexicon._factory
    assert factory is not None and factory._words_file() is None
    queries: list[str] = []
    factory._conn.set_trace_callback(queries.append)
    lexicon.prefetch(["kanal", "klagomal"], "sv")
    assert any("FROM words" in q for q in queries)  # the table is read instead
    assert lexicon.zipf("klagomal", "sv") == 1.2


_LETTERS = "abcdefghijklmnopqrstuvwxyzåäöéüß"
_RULE_ENDS = [
    "bara", "barast", "ingarna", "ingens", "heten", "hets", "iskare", "ionerna", "ioner", "igaste", "igt",
    "skast", "skt", "ndena", "kaste", "erande", "eras", "els",  # Swedish rules' endings
    "cies", "doms", "isms", "ments", "nces", "ships", "tions", "ums", "ized", "erves",  # English
]  # fmt: skip
_NEW_WORD = st.one_of(
    st.text(st.sampled_from(_LETTERS), min_size=1, max_size=14),
    st.tuples(st.text(st.sampled_from(_LETTERS), max_size=8), st.sampled_from(_RULE_ENDS)).map("".join),
    st.tuples(st.sampled_from(["Ab", "AB", "x", "五", "ǅ", "e\u0301"]), st.sampled_from(_RULE_ENDS)).map(
        "".join
    ),
    st.text(st.characters(blacklist_characters="\0", blacklist_categories=["Cs"]), min_size=1, max_size=8),
)


def _simplemma_only(path: Path) -> Lexicon:
    """A lexicon over ``path`` that asks simplemma's pipeline for every word no memo answers."""
    lexicon = Lexicon(path)
    lexicon._rules_lemma = lambda word, lang: None  # type: ignore[method-assign]
    assert lexicon._factory is not None
    lexicon._factory.plain = lambda word, lang: None  # type: ignore[method-assign]
    return lexicon


@settings(max_examples=200, deadline=None)
@given(st.lists(_NEW_WORD, min_size=1, max_size=12), st.sampled_from(["sv", "en", "fr"]), st.booleans())
def test_a_word_no_list_holds_gets_simplemmas_lemma(
    tmp_path_factory: pytest.TempPathFactory, words: list[str], lang: str, prefetch: bool
) -> None:
    """A word no dictionary row holds takes simplemma's rules' lemma, else itself, without simplemma's
    pipeline (``Lexicon._rules_lemma``): the same answer as simplemma's on random words (rules' endings,
    capitals, a numeric letter, a decomposed accent, apostrophes, any Unicode), with and without a prefetch."""
    path = tmp_path_factory.getbasetemp() / "rules_lexicon.sqlite"
    if not path.is_file():
        _lexicon_rows(path)
    words = [*words, "kanalerna", "Göteborg", "göteborg", "blorpens", "don't", "hetens"]
    fast, slow = Lexicon(path), _simplemma_only(path)
    if prefetch:
        fast.prefetch(words, lang)
    for word in words:
        ruled = fast._rules_lemma(word, lang)
        if ruled is not None:
            assert ruled == fast._lemmatizer.lemmatize(word, lang=lang), word
        assert fast.lemma(word, lang) == slow.lemma(word, lang), word


def test_the_rules_path_takes_the_words_no_list_holds(tmp_path: Path) -> None:
    """The Swedish and English unlisted words take the rules path; a listed word (as written or capitalised),
    an apostrophe, a numeric word, a decomposed accent, another language or a lexicon without a file go to
    simplemma."""
    lexicon = _lexicon_rows(tmp_path / "a.sqlite")
    assert lexicon._rules_lemma("blorpen", "sv") == "blorpen"
    assert lexicon._rules_lemma("blorpheten", "sv") == "blorphet"  # a Swedish rule
    assert lexicon._rules_lemma("blorpments", "en") == "blorpment"  # an English one
    for word, lang in [
        ("kanalerna", "sv"),  # a row as written
        ("göteborg", "sv"),  # a row capitalised
        ("channels", "en"),
        ("blorp'ens", "en"),
        ("blorp\u2019s", "en"),
        ("五", "sv"),
        ("blorphe\u0301ten", "sv"),
        ("blorpen", "fr"),
    ]:
        assert lexicon._rules_lemma(word, lang) is None, word
    assert default_lexicon()._rules_lemma("blorpen", "sv") is None


@settings(max_examples=300, deadline=None)
@given(_NEW_WORD)
def test_the_swedish_rules_endings_are_where_a_rule_applies(word: str) -> None:
    """A word that ends in none of the Swedish rules' endings gets no lemma from the rules; the endings are
    read from simplemma's table (``_rule_endings``)."""
    from simplemma.strategies.defaultrules import RULE_FUNCTIONS

    from kompetens.extract.lemma import _RULE_ENDINGS

    endings = _RULE_ENDINGS.get("sv")
    assert endings is not None and "ingarna" in endings and "els" in endings
    if word.isalpha() and not word.endswith(endings):
        assert RULE_FUNCTIONS["sv"](word) is None


def test_the_real_ads_words_get_simplemmas_lemma(engine: Engine) -> None:
    """The data folder's lexicon: the demo ads' words, their compound heads and modifiers, answer as
    simplemma's pipeline does in both languages, most of the unlisted ones by the rules path."""
    path = engine.lexicon.path
    if path is None:
        pytest.skip("no lexicon file in the data folder: run `kompetens setup`")
    text = (ROOT / "demo" / "ads").glob("*.txt")
    written = {w.lower() for f in text for w in f.read_text(encoding="utf-8").split() if w.isalpha()}
    parts = {p for w in written for i in range(3, len(w) - 2) for p in (w[i:], w[:i])}
    words = sorted(written | parts)
    for lang in ("sv", "en"):
        fast, slow = Lexicon(path), _simplemma_only(path)
        fast.prefetch(words, lang)
        ruled = 0
        for word in words:
            if fast._rules_lemma(word, lang) is not None:
                ruled += 1
            assert fast.lemma(word, lang) == slow.lemma(word, lang), (word, lang)
        assert ruled > len(words) // 10


def test_the_notes_of_a_prefetch_answer_an_unlisted_words_lemma(tmp_path: Path) -> None:
    """After a prefetch, a word the words file lacks takes its lemma from the memos' notes (``plain``: the
    rules' lemma, else the word), as simplemma's pipeline gives it; a listed word, a word no prefetch noted, a
    word with capitals or outside Latin-1, and a spelling that may be restored are left to ``_lemma``."""
    lexicon = _lexicon_rows(tmp_path / "a.sqlite")
    slow = _simplemma_only(tmp_path / "a.sqlite")
    factory = lexicon._factory
    assert factory is not None
    words = ["blorpen", "blorpheten", "blorpments", "kanalerna", "göteborg", "klagomal", "blörpen", "Blorpen"]
    for lang in ("sv", "en"):
        lexicon.prefetch(words, lang)
    assert factory.plain("blorpen", "sv") == "blorpen"
    assert factory.plain("blorpheten", "sv") == "blorphet"  # a Swedish rule
    assert factory.plain("blorpments", "en") == "blorpment"  # an English one
    assert factory.plain("blörpen", "sv") == "blörpen"  # Latin-1: never restored (not ASCII)
    for word, lang in [
        ("kanalerna", "sv"),  # a row
        ("göteborg", "sv"),  # a row capitalised
        ("klagomal", "sv"),  # a restored spelling ("klagomål")
        ("Blorpen", "sv"),  # capitals
        ("blorpish", "sv"),  # no prefetch noted it
        ("blorpen", "fr"),  # no rules of its own
    ]:
        assert factory.plain(word, lang) is None, word
    for word in [*words, "blorpish"]:
        for lang in ("sv", "en"):
            assert lexicon.lemma(word, lang) == slow.lemma(word, lang), (word, lang)


_PLAIN_WORD = st.one_of(_NEW_WORD, _CASES, st.sampled_from(["ab", "kanal", "klagomal", "blorpen", "ß", "µ"]))
_NOTE = st.sampled_from([None, "lemma", "missing"])


@settings(max_examples=300, deadline=None)
@given(
    _PLAIN_WORD,
    st.tuples(_NOTE, _NOTE, _NOTE),
    st.one_of(st.none(), st.floats(min_value=0.0, max_value=8.0), st.just(-1.0)),
    st.sampled_from(["sv", "en"]),
    st.booleans(),
    st.sampled_from([-1, 0, 5]),
    st.sampled_from(["real", "none", "other"]),
)
def test_the_c_plain_lemma_answers_as_its_twin(
    word: str,
    notes: tuple[str | None, str | None, str | None],
    zipf: float | None,
    lang: str,
    with_endings: bool,
    restore_from: int,
    rules_kind: str,
) -> None:
    """``_speedups.plain_lemma`` gives what ``plain_lemma_python`` gives on any word (cases, scripts, rules'
    endings, numerals, combining marks) and any notes: the word's and its capitalised form's row noted as None,
    a lemma, or not noted; its restored spelling likewise; its English frequency absent, low or high; with
    the real rules, rules that find nothing, or rules that answer with capitals."""
    if speedups is None:
        pytest.skip("the C code is not built")
    from kompetens.extract.lemma import _PLAIN_RULES, _RULE_ENDINGS, RESTORE_EN_ZIPF

    dictionary: dict[str, str | None] = {}
    fold: dict[tuple[str, str], str | None] = {}
    for key, note in ((word, notes[0]), (word.capitalize(), notes[1])):
        if note != "missing":
            dictionary.setdefault(key, note)
    if notes[2] != "missing":
        fold[(word, lang)] = notes[2]
    zipf_en = None if zipf == -1.0 else ({} if zipf is None else {word: zipf})
    endings = _RULE_ENDINGS.get(lang) if with_endings else None
    rules = {"real": _PLAIN_RULES[lang], "none": lambda w: None, "other": lambda w: w[:1].upper() + w[1:]}[
        rules_kind
    ]
    args = (word, dictionary, fold, zipf_en, lang, endings, rules, restore_from, RESTORE_EN_ZIPF)
    assert speedups.plain_lemma(*args) == plain_lemma_python(*args)  # type: ignore[arg-type]


def test_the_c_plain_lemma_checks_its_arguments() -> None:
    if speedups is None:
        pytest.skip("the C code is not built")
    ok = ("blorp", {"blorp": None, "Blorp": None}, {}, {}, "sv", None, lambda w: None, -1, 3.0)
    assert speedups.plain_lemma(*ok) == "blorp"
    with pytest.raises(TypeError, match="9 arguments"):
        speedups.plain_lemma(*ok[:8])
    with pytest.raises(TypeError):
        speedups.plain_lemma(1, *ok[1:])
    with pytest.raises(TypeError):
        speedups.plain_lemma(*ok[:5], ["en"], *ok[6:])
    with pytest.raises(TypeError, match="endings hold str"):
        speedups.plain_lemma(*ok[:5], (1,), *ok[6:])
    with pytest.raises(ZeroDivisionError):  # the rules' own error
        speedups.plain_lemma(*ok[:6], lambda w: 1 / 0, *ok[7:])
