"""The pipeline's fast paths against plain references: overlap resolution, the lemma pass, and the word senses
worked out at set-up."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kompetens.engine import Engine
from kompetens.extract.lemma import SUPPORTED, Lexicon, write_lexicon
from kompetens.extract.native import speedups as _speedups
from kompetens.extract.phrases import PhraseIndex, PhraseSpec, Sense, via_lemma
from kompetens.extract.pipeline import (
    FUZZY_CUTOFF,
    Extractor,
    _Candidate,
    _false_friends,
    _friend_spans,
    _fuzzy_best_python,
    _fuzzy_counts_python,
    _fuzzy_reach_python,
    _outside_spans,
    _resolve_overlaps,
    _resolve_overlaps_python,
    dump_extractor,
    load_extractor,
)
from kompetens.extract.text import MatchLine
from kompetens.lang import LANGUAGES, lang_data
from kompetens.models import Document

_NO_C = pytest.mark.skipif(
    _speedups is None, reason="no C code: built without a compiler, or KOMPETENS_PURE_PYTHON=1"
)
RESOLVERS = [
    pytest.param(_resolve_overlaps_python, id="python"),
    pytest.param(getattr(_speedups, "resolve", None), id="c", marks=_NO_C),
]

_SENSE = Sense("c", "c", None, 1.0)


def _reference_resolve(cands: list[_Candidate], text_len: int) -> list[_Candidate]:
    """Longest first, then most confident, then earliest: keep what overlaps nothing kept (one pass)."""
    kept: list[_Candidate] = []
    taken = [False] * text_len
    for c in sorted(cands):
        start, end = c[2], c[4]
        if any(taken[start:end]):
            continue
        kept.append(c)
        taken[start:end] = [True] * (end - start)
    return sorted(kept, key=lambda c: c[2])


_spans = st.tuples(st.integers(0, 60), st.integers(1, 12), st.sampled_from([0.6, 0.75, 0.9, 0.95]))


def _cands(spans: list[tuple[int, int, float]]) -> list[_Candidate]:
    return [
        (-length, -conf, start, seq, start + length, _SENSE, "phrase")
        for seq, (start, length, conf) in enumerate(spans)
    ]


@pytest.mark.parametrize("resolve", RESOLVERS)
@settings(max_examples=400, deadline=None)
@given(spans=st.lists(_spans, max_size=40))
def test_resolving_per_cluster_equals_one_greedy_pass(
    resolve: Callable[[list[_Candidate]], list[_Candidate]], spans: list[tuple[int, int, float]]
) -> None:
    cands = _cands(spans)
    assert resolve(list(cands)) == _reference_resolve(cands, 80)


@_NO_C
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 4), st.sampled_from([0.6, 0.9])), max_size=30))
def test_c_resolve_matches_python_with_empty_and_equal_spans(spans: list[tuple[int, int, float]]) -> None:
    cands = _cands(spans)  # short spans over few offsets: many ties, and empty spans
    assert _speedups.resolve(list(cands)) == _resolve_overlaps_python(list(cands))
    assert _resolve_overlaps is _speedups.resolve  # the pipeline uses the C one where it was built


@_NO_C
def test_c_resolve_refuses_what_is_no_candidate() -> None:
    with pytest.raises(TypeError, match="list"):
        _speedups.resolve((1, 2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tuple"):
        _speedups.resolve([(0, 0.0, 1)])
    with pytest.raises(ValueError, match="ends before"):
        _speedups.resolve([(1, -0.9, 5, 0, 4, _SENSE, "phrase")])


_WORDS = ["sociala", "medierna", "medier", "kunder", "kunderna", "hanterar", "klagomål", "och", "vi", "har"]
_SEPARATORS = [" ", "  ", ", ", ". ", "\n", " - "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), min_size=1, max_size=25))
def test_lemma_hits_land_on_the_inflected_words(words: list[tuple[str, str]]) -> None:
    index = PhraseIndex(
        [
            PhraseSpec("sociala medier", "sm", "social media", None),
            PhraseSpec("hantera klagomål", "hk", "handle complaints", None),
            PhraseSpec("kund", "k", "customer", None),
        ]
    )
    text = "".join(w + sep for w, sep in words)
    hits = index.scan(MatchLine(text), "sv")
    lemma_spans = {(s, e) for s, e, code in hits if via_lemma(code)}
    # Reference: every run of words (one separator character apart) that spells a key once the words whose
    # lemma is a word of some key are replaced by it, and that holds at least one such word.
    keys = set(index.phrase_keys())
    key_words = {w for k in keys for w in k.split()}

    def form(word: str) -> str:
        low = word.lower()
        base = index.lexicon.lemma(low, "sv")
        return base if base in key_words else low

    found, pos = [], 0
    for w, sep in words:
        found.append((pos, pos + len(w), w, sep))
        pos += len(w) + len(sep)
    expected = set()
    for i in range(len(found)):
        for n in (1, 2):
            run = found[i : i + n]
            if len(run) < n or any(len(sep) != 1 for *_, sep in run[:-1]):
                continue
            forms = [form(w) for _, _, w, _ in run]
            changed = any(f != w.lower() for f, (_, _, w, _) in zip(forms, run, strict=True))
            if changed and " ".join(forms) in keys:
                expected.add((run[0][0], run[-1][1]))
    assert lemma_spans == expected


@_NO_C
def test_without_the_c_code_extraction_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where no compiler was at install, the Python twins run: every mention must come out the same.
    from pathlib import Path

    from kompetens.engine import curated_specs
    from kompetens.extract import pipeline, wordtrie
    from kompetens.extract.pipeline import Extractor
    from kompetens.ingest import iter_documents
    from kompetens.models import Document

    demo = Path(__file__).parents[2] / "demo"
    found = [*iter_documents([demo / "ads"], kind="ad"), *iter_documents([demo / "cvs"], kind="cv")]
    docs = [d for d in found if isinstance(d, Document)]
    assert len(docs) > 30
    extractor = Extractor(curated_specs())

    def mentions() -> list[list[tuple[object, ...]]]:
        return [
            [
                (m.start, m.end, m.concept.id, m.method, m.confidence, m.required)
                for m in extractor(d).mentions
            ]
            for d in docs
        ]

    with_c = mentions()
    monkeypatch.setattr(wordtrie, "_speedups", None)
    monkeypatch.setattr(pipeline, "_resolve_overlaps", _resolve_overlaps_python)
    assert mentions() == with_c
    assert sum(map(len, with_c)) > 300


def _prepared_lexicon(path: Path) -> Lexicon:
    """Frequencies holding a compound ("kundtjänstmedarbetare"), a misspelt name ("instagarm", rare), their
    parts and a plain word; the lemma table a form of one of them."""
    write_lexicon(
        path,
        [("sv", "medarbetaren", "medarbetare")],
        [
            ("sv", "kundtjänst", 3.6),
            ("sv", "medarbetare", 4.2),
            ("sv", "kundtjänstmedarbetare", 2.1),
            ("sv", "instagarm", 1.1),
            ("sv", "lagerarbete", 3.0),
            ("en", "instagram", 4.5),
        ],
    )
    return Lexicon(path)


_PREPARED_SPECS = [
    PhraseSpec("kundtjänst", "cs", "customer service", "customer_service"),
    PhraseSpec("Instagram", "ig", "Instagram", "social_media", lemmatize=False),
]
_PREPARED_TEXT = "Vi söker en kundtjänstmedarbetare med koll på Instagarm och lagerarbete."


def _found(extractor: Extractor, text: str = _PREPARED_TEXT) -> list[tuple[str, str, str, float]]:
    profile = extractor(Document(source="t", text=text, lang="sv", kind="ad"))
    return [(m.text, m.concept.id, m.method, m.confidence) for m in profile.mentions]


def test_prepared_word_senses_are_the_ones_worked_out(tmp_path: Path) -> None:
    """``prepare`` (``kompetens setup``) works out the senses of every word of the lexicon's words table; a
    text's word of the table then takes them from there, and finds what working them out finds."""
    lexicon = _prepared_lexicon(tmp_path / "a.sqlite")
    prepared = Extractor(_PREPARED_SPECS, cues=(), lexicon=lexicon)
    prepared.prepare()
    assert set(prepared._presensed["sv"]) == {"kundtjänstmedarbetare", "instagarm"}
    assert prepared._presensed_for == lexicon.words_id() != ""
    worked = Extractor(_PREPARED_SPECS, cues=(), lexicon=Lexicon(tmp_path / "a.sqlite"))
    found = _found(prepared)
    assert found == _found(worked)
    assert {(text, how) for text, _, how, _ in found} >= {("kundtjänst", "compound"), ("Instagarm", "fuzzy")}
    buffer = io.BytesIO()  # kept in the data folder's extractor cache
    dump_extractor(buffer, "key", prepared)
    buffer.seek(0)
    _, loaded = load_extractor(buffer, Lexicon(tmp_path / "a.sqlite"))
    assert isinstance(loaded, Extractor) and loaded._presensed_words("sv") is not None
    assert _found(loaded) == found


def test_prepared_word_senses_of_another_lexicon_are_not_read(tmp_path: Path) -> None:
    prepared = Extractor(_PREPARED_SPECS, cues=(), lexicon=_prepared_lexicon(tmp_path / "a.sqlite"))
    prepared.prepare()
    write_lexicon(tmp_path / "b.sqlite", [], [("sv", "kundtjänst", 3.6), ("sv", "instagarm", 1.1)])
    buffer = io.BytesIO()
    dump_extractor(buffer, "key", prepared)
    buffer.seek(0)
    _, other = load_extractor(buffer, Lexicon(tmp_path / "b.sqlite"))
    assert isinstance(other, Extractor) and other._presensed_words("sv") is None
    # worked out with the other lexicon: "medarbetare" is no word of it, so no compound
    assert [how for _, _, how, _ in _found(other)] == ["fuzzy"]


def test_the_data_folders_prepared_senses_are_the_ones_worked_out(engine: Engine) -> None:
    """The real data folder's extractor cache (``kompetens setup``): each kept word's senses, and a sample of
    the words table's other words (none), are what ``_word_senses`` works out now."""
    extractor = engine.extractor
    for lang in SUPPORTED:
        known = extractor._presensed_words(lang)
        if known is None:
            pytest.skip("no prepared word senses in the data folder: run `kompetens setup`")
        listed = [w for w in engine.lexicon.table_words()[::211] if len(w) >= 6]
        words = [*known, *listed]
        engine.lexicon.prefetch(words, lang)
        assert {w: s for w in words if (s := extractor._word_senses(w, lang))} == {
            w: known[w] for w in words if w in known
        }


@settings(max_examples=300, deadline=None)
@given(
    cuts=st.lists(st.integers(0, 60), max_size=12),
    cands=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=40),
)
def test_outside_spans_is_the_test_of_every_span(cuts: list[int], cands: list[tuple[int, int]]) -> None:
    """The bisection of ``_outside_spans`` keeps exactly the candidates that no span holds whole, for spans in
    order and apart as ``finditer`` gives them (touching ones too), and candidates of any length, empty
    ones included."""
    points = sorted(cuts)  # in order, apart or touching, non-empty
    spans = [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if a < b]
    made: list[_Candidate] = [
        (-n, -0.5, start, seq, start + n, _SENSE, "phrase") for seq, (start, n) in enumerate(cands)
    ]
    want = [c for c in made if not any(s <= c[2] and c[4] <= e for s, e in spans)]
    assert _outside_spans(made, spans) == want


def _friend_texts() -> st.SearchStrategy[str]:
    """Texts made of the false friends' words (of ``_false_friends``: "brand new", "analys av sociala
    nätverk") in any case, with other words, separators, hyphens and characters outside Latin-1 (a word
    character: "ł", "İ"; none: "–", "😀") between them."""
    friends = _false_friends()
    assert friends is not None
    phrases = [
        p.split() for code in LANGUAGES for p in lang_data(code, "morphology").get("false_friends", [])
    ]
    words = sorted({w for phrase in phrases for w in phrase})
    cases = [str.lower, str.upper, str.capitalize]
    pieces = st.one_of(
        st.builds(
            lambda ws, gap, case: case(gap.join(ws)),
            st.sampled_from(phrases),
            st.sampled_from([" ", "  ", "-", " - ", "\u2010", "\n", " \n"]),
            st.sampled_from(cases),
        ),
        st.builds(lambda w, case: case(w), st.sampled_from(words), st.sampled_from(cases)),
        st.sampled_from(
            [" ", "  ", "-", " - ", "\u2010", "\n", ".", "a", "x", "ł", "İ", "–", "😀", "ſ", "ß"]
        ),
    )
    return st.lists(pieces, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_friend_texts())
def test_friend_spans_are_the_patterns_finditer(text: str) -> None:
    """``_friend_spans``'s look-ups where a first word stands find what the case-ignoring pattern's
    ``finditer`` over the whole text finds, in texts whose word characters are all Latin-1 and in others."""
    friends = _false_friends()
    assert friends is not None
    line = MatchLine(text)
    assert _friend_spans(friends, line) == [m.span() for m in friends.pattern.finditer(text)]


_FUZZY_WORD = st.text(st.sampled_from("aeiklmnorstuåäöéxy\u0101\U0001f600"), min_size=1, max_size=14)


@settings(max_examples=300, deadline=None)
@given(_FUZZY_WORD, st.lists(_FUZZY_WORD, max_size=30), st.sampled_from([0.0, 50.0, 88.0, 100.0]))
def test_the_fuzzy_reach_drops_no_choice_that_reaches_the_cutoff(
    word: str, choices: list[str], cutoff: float
) -> None:
    """The letter bound before rapidfuzz (stop 39): every choice whose ``fuzz.ratio`` reaches the cutoff is
    kept, in order, so ``extractOne`` over the kept choices finds what it finds over all; the C code keeps
    the same choices as its Python twin."""
    from rapidfuzz import fuzz, process

    counts = _fuzzy_counts_python(choices)
    kept = _fuzzy_reach_python(word, choices, counts, cutoff)
    assert [c for c in choices if fuzz.ratio(word, c) >= cutoff] == [
        c for c in kept if fuzz.ratio(word, c) >= cutoff
    ]
    assert kept == [c for c in choices if c in kept]  # in order (a subsequence)
    best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    found = process.extractOne(word, kept, scorer=fuzz.ratio, score_cutoff=cutoff) if kept else None
    assert (best[0], best[1]) == (found[0], found[1]) if best is not None else found is None
    if _speedups is not None:
        assert _speedups.fuzzy_counts(choices) == counts
        assert _speedups.fuzzy_reach(word, choices, counts, cutoff) == kept


@_NO_C
def test_the_c_fuzzy_reach_checks_its_arguments() -> None:
    with pytest.raises(TypeError):
        _speedups.fuzzy_reach("marknad", ("marknad",), bytes(64), 88.0)
    with pytest.raises(TypeError):
        _speedups.fuzzy_counts(["marknad", 7])
    with pytest.raises(ValueError):
        _speedups.fuzzy_reach("marknad", ["marknad"], bytes(63), 88.0)
    assert _speedups.fuzzy_reach("marknad", [], b"", 88.0) == []
    long = "x" * 256  # no counts: kept
    assert _speedups.fuzzy_reach("marknad", [long], _speedups.fuzzy_counts([long]), 88.0) == [long]
    choices = ["marknad", "xyz", "marknaden", "marknads"]
    # "marknaden": at most 7 letters in common, 200 * 7 / 16 = 87.5 (its ratio too) under 88
    assert _speedups.fuzzy_reach("marknad", choices, _speedups.fuzzy_counts(choices), 88.0) == [
        "marknad",
        "marknads",
    ]
    # a word with more than 255 letters in a bucket (the C code caps its counts at a choice's 255): the twin's
    word, choices = "a" * 300 + "b", ["a" * 255, "a" * 200 + "b", "b" * 10, "ab"]
    for cutoff in (0.0, 50.0, 88.0):
        counts = _speedups.fuzzy_counts(choices)
        assert _speedups.fuzzy_reach(word, choices, counts, cutoff) == _fuzzy_reach_python(
            word, choices, counts, cutoff
        )


FUZZY_BESTS = [
    pytest.param(_fuzzy_best_python, id="python"),
    pytest.param(getattr(_speedups, "fuzzy_best", None), id="c", marks=_NO_C),
]


@pytest.mark.parametrize("best", FUZZY_BESTS)
@settings(max_examples=300, deadline=None)
@given(_FUZZY_WORD, st.lists(_FUZZY_WORD, max_size=30), st.sampled_from([0.0, 50.0, 88.0, 100.0]))
@example("marknadsförng", ["marknadsföring", "x"], 88.0)
@example("abcdefghijkl", ["abcdefghijkxy", "abcdefghijkyx", "abcdefghijkl"], 88.0)  # 88 exactly, then 100
@example("", ["", "a"], 0.0)
def test_the_fuzzy_best_is_rapidfuzz_s_extract_one(
    best: Callable[[str, list[str], float], str | None], word: str, choices: list[str], cutoff: float
) -> None:
    """``fuzzy_best`` (stop 50), C and twin, names the choice rapidfuzz's ``extractOne`` with ``fuzz.ratio``
    names (the first of the best, ties and all), or None where it names none."""
    from rapidfuzz import fuzz, process

    found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    assert best(word, choices, cutoff) == (found[0] if found is not None else None)


@pytest.mark.parametrize("best", FUZZY_BESTS)
def test_the_fuzzy_best_takes_a_ratio_of_exactly_88_as_rapidfuzz_does(
    best: Callable[[str, list[str], float], str | None],
) -> None:
    """Where a ratio is exactly the pipeline's cutoff (``200 * lcs / (n + m) == 88``: ``n + m`` a multiple of
    25), rapidfuzz's float steps might round either way; it takes them all, and so does ``fuzzy_best``. Also a
    first of equal ratios after a lower one, and a choice under the cutoff by one letter."""
    from rapidfuzz import fuzz, process

    top = 800 if best is not _fuzzy_best_python else 150
    for total in range(25, top + 1, 25):
        lcs = 11 * total // 25
        for n in range(lcs, total - lcs + 1, max(1, (total - 2 * lcs) // 6)):
            word, choice = "a" * lcs + "b" * (n - lcs), "a" * lcs + "c" * (total - n - lcs)
            found = process.extractOne(word, [choice], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            assert found is not None and best(word, [choice], FUZZY_CUTOFF) == choice
            if choice.endswith("a"):  # one letter fewer in common: 200 * (lcs - 1) / total < 88
                below = choice[:-1] + "d"
                assert best(word, [below], FUZZY_CUTOFF) is None
    choices = ["marknadsföxxng", "marknadsföring", "marknadsförinq", "marknadsföring"]
    assert best("marknadsförin", choices, FUZZY_CUTOFF) == "marknadsföring"


@_NO_C
def test_the_c_fuzzy_best_checks_its_arguments() -> None:
    with pytest.raises(TypeError):
        _speedups.fuzzy_best("marknad", ("marknad",), 88.0)
    with pytest.raises(TypeError):
        _speedups.fuzzy_best("marknad", ["markand", 7], 88.0)
    assert _speedups.fuzzy_best("marknad", [], 88.0) is None
    long = "marknad" * 60  # over the C code's row on the stack
    assert _speedups.fuzzy_best(long, [long[:-1], long], 88.0) == long
    assert _speedups.fuzzy_best(long, [long[:-1] + "x"], 88.0) == long[:-1] + "x"


@_NO_C
def test_a_fuzzy_match_imports_no_rapidfuzz(tmp_path: Path) -> None:
    """With the C code a misspelt name's fuzzy match names its choice without rapidfuzz (stop 50): its import
    was ~2 % of a new corpus's first pass. A process of its own, since this one may have imported it."""
    _prepared_lexicon(tmp_path / "a.sqlite")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kompetens.extract.lemma import Lexicon\n"
        "from kompetens.extract.pipeline import Extractor\n"
        "from kompetens.extract.phrases import PhraseSpec\n"
        "from kompetens.models import Document\n"
        "specs = [PhraseSpec('Instagram', 'ig', 'Instagram', 'social_media', lemmatize=False)]\n"
        f"x = Extractor(specs, cues=(), lexicon=Lexicon(Path({str(tmp_path / 'a.sqlite')!r})))\n"
        "p = x(Document(source='t', text='Vi söker koll på Instagarm.', lang='sv', kind='ad'))\n"
        "print([(m.text, m.method) for m in p.mentions], 'rapidfuzz' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[('Instagarm',", "'fuzzy')]", "False"]


_CACHE_WORDS = [
    "sociala", "medierna", "kunderna", "hanterar", "klagomål", "kundtjänstmedarbetare", "Instagarm", "och",
    "social", "media", "customers", "handled", "complaints", "lagerarbete", "medarbetaren",
]  # fmt: skip
_CACHE_SPECS = [
    *_PREPARED_SPECS,
    PhraseSpec("sociala medier", "sm", "social media", "social_media"),
    PhraseSpec("hantera klagomål", "hk", "handle complaints", "customer_service"),
    PhraseSpec("handle complaints", "hk", "handle complaints", "customer_service"),
    PhraseSpec("kund", "k", "customer", None),
]


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(
        st.tuples(
            st.lists(st.sampled_from(_CACHE_WORDS), min_size=1, max_size=10),
            st.sampled_from(["sv", "en", "und"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=10,
    ),
    lemma_max=st.integers(0, 12),
    cache_max=st.integers(0, 12),
)
@example(  # the lemma pass starts again while the word cache holds "kunderna": all its words are new to it
    texts=[(["kunderna"], "sv", False), (["och", "sociala"], "sv", False), (["kunderna"], "sv", False)],
    lemma_max=2,
    cache_max=12,
)
@example(  # scanned alone, "Instagarm" is a word the index met and the word cache lacks: it needs its senses
    texts=[(["och"], "sv", False), (["Instagarm"], "sv", True)],
    lemma_max=12,
    cache_max=12,
)
def test_the_words_one_search_finds_new_serve_both_caches(
    tmp_path_factory: pytest.TempPathFactory,
    texts: list[tuple[list[str], str, bool]],
    lemma_max: int,
    cache_max: int,
) -> None:
    """One search of a text's words serves the lemma pass and the new words' senses (``Extractor._new_words``,
    ``PhraseIndex.scan``'s ``fresh``): texts in turn, with the index also scanned alone between them and both
    caches started again at any size, find what a fresh extractor finds in each text."""
    from kompetens.extract import phrases, pipeline

    lexicon = _cache_lexicon(tmp_path_factory.mktemp("lex") / "a.sqlite")
    one = Extractor(_CACHE_SPECS, cues=(), lexicon=lexicon)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(phrases, "LEMMA_MEMO_MAX", lemma_max)
        mp.setattr(pipeline, "WORD_CACHE_MAX", cache_max)
        for words, lang, alone in texts:
            text = " ".join(words) + "."
            if alone:  # the index's own callers: its words are met, the extractor's cache knows nothing of it
                one.index.scan(MatchLine(text), lang)
            got = _found_in(one, text, lang)
            assert got == _found_in(Extractor(_CACHE_SPECS, cues=(), lexicon=lexicon), text, lang)


def _cache_lexicon(path: Path) -> Lexicon:
    """``_prepared_lexicon``'s words, with inflected forms whose lemmas are words of ``_CACHE_SPECS``' keys."""
    write_lexicon(
        path,
        [
            ("sv", "medierna", "medier"),
            ("sv", "kunderna", "kund"),
            ("sv", "hanterar", "hantera"),
            ("en", "handled", "handle"),
            ("en", "complaints", "complaint"),
        ],
        [
            ("sv", "kundtjänst", 3.6),
            ("sv", "medarbetare", 4.2),
            ("sv", "instagarm", 1.1),
            ("en", "instagram", 4.5),
        ],
    )
    return Lexicon(path)


def _found_in(extractor: Extractor, text: str, lang: str) -> list[tuple[str, int, int, str, str, float]]:
    profile = extractor(Document(source="t", text=text, lang=lang, kind="ad"))
    return [(m.text, m.start, m.end, m.concept.id, m.method, m.confidence) for m in profile.mentions]


def test_a_text_s_new_words_are_searched_for_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lemma pass takes the extractor's new words of a text (no search of its own): the same set."""
    extractor = Extractor(_CACHE_SPECS, cues=(), lexicon=_cache_lexicon(tmp_path / "a.sqlite"))
    given: list[set[str] | None] = []
    changes = PhraseIndex._changes

    def spy(index: PhraseIndex, words: set[str], lang: str, fresh: set[str] | None = None) -> dict[str, str]:
        given.append(None if fresh is None else set(fresh))
        return changes(index, words, lang, fresh)

    monkeypatch.setattr(PhraseIndex, "_changes", spy)
    extractor(Document(source="t", text="sociala medierna och kunderna", lang="sv", kind="ad"))
    extractor(Document(source="t", text="kunderna och Instagarm", lang="sv", kind="ad"))
    assert given == [{"", "sociala", "medierna", "och", "kunderna"}, {"instagarm"}]
    extractor.index.scan(MatchLine("lagerarbete"), "sv")  # alone: no new words given
    assert given[-1] is None
