"""The learned skill-span finder (extract/spans.py): decoding, training, the shipped model, Swedish."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetens.engine import SPAN_URI, Engine
from kompetens.extract.native import speedups
from kompetens.extract.spans import (
    BEGIN,
    BITS,
    INSIDE,
    MODEL_VERSION,
    OUT,
    Featurizer,
    SpanModel,
    SpanTagger,
    WordTables,
    labels_to_spans,
    segments,
    spans_to_labels,
    train,
    viterbi,
)
from kompetens.models import Document
from kompetens.taxonomy.model import Concept
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def tagger() -> SpanTagger:
    return SpanTagger.packaged()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 30), st.integers(0, 2**32 - 1))
def test_decoding_yields_well_formed_spans(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    labels = viterbi(rng.normal(size=(n, 3)).astype(np.float32), rng.normal(size=(4, 3)).astype(np.float32))
    assert len(labels) == n
    for prev, lab in zip([OUT, *labels], labels, strict=False):
        assert lab != INSIDE or prev in (BEGIN, INSIDE)  # an I only continues a span
    spans = labels_to_spans(labels)
    assert all(0 <= s < e <= n for s, e in spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert spans_to_labels(n, spans) == labels


NAMES = ["Zorblax", "Quenta", "Mivolo", "Draxon", "Pelirun", "Tosk", "Vandar", "Orrim"]


def _synthetic() -> list[tuple[list[str], list[tuple[int, int]]]]:
    out: list[tuple[list[str], list[tuple[int, int]]]] = []
    for k, name in enumerate(NAMES):
        other = NAMES[(k + 3) % len(NAMES)]
        out.append((["You", "have", "experience", "with", name, "and", other, "."], [(4, 5), (6, 7)]))
        out.append((["Knowledge", "of", name, "is", "a", "plus", "."], [(2, 3)]))
        out.append((["We", "offer", "a", "nice", "office", "in", "town", "."], []))
        out.append((["You", "will", "build", "data", "pipelines", "daily", "."], [(2, 5)]))
    return out


def test_word_clusters_are_features_and_round_trip(tmp_path: Path) -> None:
    clusters = {"java": (1, 7), "python": (1, 7), "kubernetes": (2, 9)}
    feats = Featurizer(clusters=clusters)
    own = feats.word_features("Java", "en")[2]
    assert "0:g0=1" in own and "0:g1=7" in own
    assert "0:g=?" in feats.word_features("Zorblax", "en")[2]  # a word without a cluster
    assert not any(f.startswith("0:g") for f in Featurizer().word_features("Java", "en")[2])  # no table
    model = train(_synthetic(), epochs=3, seed=1, clusters=clusters)
    model.save(tmp_path / "m.npz")
    loaded = SpanModel.load(tmp_path / "m.npz")
    assert loaded.clusters == clusters
    words = ["Experience", "with", "Java", "and", "Python", "."]
    assert SpanTagger(loaded).tag(words, "en") == SpanTagger(model).tag(words, "en")


def test_the_packaged_model_has_word_clusters_of_both_languages(tagger: SpanTagger) -> None:
    clusters = tagger.model.clusters
    assert len(clusters) > 20_000
    assert "kommunikation" in clusters and "communication" in clusters
    assert all(len(c) == 3 for c in list(clusters.values())[:100])


def test_a_tiny_training_run_learns_its_sentences() -> None:
    examples = _synthetic()
    tagger = SpanTagger(train(examples, epochs=10, seed=1))
    for words, spans in examples:
        assert tagger.tag(words, "en") == spans, words
    # a name seen in training, in a sentence it was not in
    assert tagger.tag(["You", "have", "experience", "with", "Tosk", "and", "Zorblax", "."], "en") == [
        (4, 5),
        (6, 7),
    ]


def test_cached_emissions_equal_the_training_features(tagger: SpanTagger) -> None:
    words = ["Experience", "with", "Java", ",", "C++", "and", "Kubernetes", "."]
    ids, owner = Featurizer(clusters=tagger.model.clusters).sentence_ids(words, "en")
    expected = np.zeros((len(words), 3), dtype=np.float32)
    np.add.at(expected, owner, tagger.model.weights[ids])
    np.testing.assert_allclose(tagger.emissions(words, "en"), expected, rtol=1e-4, atol=1e-3)


@pytest.mark.parametrize(
    "text",
    [
        "experience with Java and Kubernetes",
        "You have 3+ years of experience with Java and Kubernetes.",
    ],
)
def test_shipped_model_finds_java_and_kubernetes(tagger: SpanTagger, text: str) -> None:
    spans = tagger.find(text, "en")
    for word in ("Java", "Kubernetes"):
        at = text.index(word)
        assert any(s <= at and at + len(word) <= e for s, e in spans), (word, [text[s:e] for s, e in spans])


SWEDISH = [
    "Vi söker dig som har erfarenhet av Java och Kubernetes.",
    "Du har goda kunskaper i marknadsföringskanalerna och är van att skriva för sociala medier.",
    "Meriterande: Google Analytics, Adobe Photoshop. Om oss: Exempelbolaget AB i Åre.",
    "",
    "...",
]


@pytest.mark.parametrize("text", SWEDISH)
def test_swedish_text_is_tagged_without_trouble(tagger: SpanTagger, text: str) -> None:
    spans = tagger.find(text, "sv")
    assert all(0 <= s < e <= len(text) and text[s:e].strip() for s, e in spans)


def test_swedish_cue_words_carry_over(tagger: SpanTagger) -> None:
    text = "Du har erfarenhet av Java och Kubernetes."
    found = [text[s:e] for s, e in tagger.find(text, "sv")]
    assert any("Java" in f for f in found), found


def test_segments_split_lines_and_sentences() -> None:
    text = "Om oss. Vi söker dig!\nKrav: Java"
    assert [[t for t, _, _ in seg] for seg in segments(text)] == [
        ["Om", "oss", "."],
        ["Vi", "söker", "dig", "!"],
        ["Krav", ":", "Java"],
    ]


def test_model_file_of_another_version_does_not_load(tmp_path: Path, tagger: SpanTagger) -> None:
    path = tmp_path / "spans.npz"
    tagger.model.save(path)
    assert SpanModel.load(path).meta == tagger.model.meta
    with np.load(path) as f:
        parts = dict(f)
    parts["version"] = np.array(MODEL_VERSION + 1)
    np.savez_compressed(path, **parts)
    with pytest.raises(ValueError, match="version"):
        SpanModel.load(path)


def test_the_default_extraction_adds_phrases_as_mentions(engine: Engine) -> None:
    text = "You have experience with Kubernetes and attention to detail, and you write release notes."
    plain = engine.extract(Document(source="t", text=text, lang="en", kind="ad"), spans=False)
    default = engine.extract(Document(source="t", text=text, lang="en", kind="ad"))
    assert len(default.mentions) >= len(plain.mentions)
    assert not [m for m in plain.mentions if m.method == "span"]  # spans=False: the phrase index alone
    spans = [m for m in default.mentions if m.method == "span"]
    assert spans, [m.text for m in default.mentions]
    for m in default.mentions:
        assert text[m.start : m.end] == m.text
    from kompetens.link.linker import term_concept, tool_concept

    for m in (
        spans
    ):  # an unlinked phrase, or a tool's name or a term looked up ("Kubernetes", "attention to detail")
        assert m.area is None
        looked_up = tool_concept(m.text) or term_concept(m.text)
        assert m.concept.id.startswith(SPAN_URI) or (looked_up is not None and looked_up[0] == m.concept.id)
    assert any(m.concept.id.startswith(SPAN_URI) for m in spans)
    assert default.areas == plain.areas  # the tagger's phrases hold no area


def test_an_ads_phrases_are_must_haves_or_merits_as_their_sentences_are(engine: Engine) -> None:
    """A phrase of the tagger under "Krav" is a must-have, under "Meriterande" a merit, as the phrase
    index's mentions in the same sentences are (docs/contract.md: Mention.required)."""
    text = (
        "Kommunikatör\n\nKrav\nDu har erfarenhet av att skriva pressmeddelanden och planera evenemang.\n\n"
        "Meriterande\nDet är meriterande om du kan fotografera produkter för webben.\n"
    )
    doc = Document(source="t", text=text, lang="sv", kind="ad")
    mentions = engine.extract(doc).mentions
    spans = [m for m in mentions if m.method == "span"]
    assert spans, [m.text for m in mentions]
    merits_at = text.index("Meriterande")
    for m in spans:
        assert m.required is (m.start < merits_at), (m.text, m.required)
    cv = engine.extract(Document(source="t", text=text, lang="sv", kind="cv")).mentions
    assert all(m.required is None for m in cv)  # elsewhere than in ads: none


# -- the C code (_speedups.tag_spans) and its Python twin ------------------------------------------------

_NO_C = pytest.mark.skipif(
    speedups is None or not hasattr(speedups, "tag_spans"),
    reason="no C code: built without a compiler, or KOMPETENS_PURE_PYTHON=1",
)
_TEXT = st.lists(
    st.sampled_from(
        [*"abcXYZåÄöÉ019²_ .,;:!?-/'’+#&()\n\t\r", "C++", "Node.js", "CI/CD", "  ", "İ", "ﬁ", "ß", "Σ", "ǅ"]
    ),
    max_size=80,
).map("".join)


@_NO_C
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_c_and_python_find_the_same_spans_in_the_demo_files(tagger: SpanTagger, lang: str) -> None:
    files = sorted((ROOT / "demo").rglob("*.*"))
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert tagger.find(text, lang) == tagger.find_python(text, lang), path.name
        assert tagger.find(text, lang, text.lower()) == tagger.find_python(text, lang), path.name


def _tagger_marking(mode: str) -> SpanTagger:
    """A tagger whose model marks every token a span of its own (``tokens``) or every sentence one span
    (``sentences``), whatever the words: its spans show the C code's tokens and sentences."""
    weights = np.zeros((1 << BITS, 3), dtype=np.float32)
    trans = np.full((4, 3), -100.0, dtype=np.float32)
    if mode == "tokens":
        trans[:, BEGIN] = 10.0
    else:
        trans[3, BEGIN] = 10.0
        trans[BEGIN, INSIDE] = trans[INSIDE, INSIDE] = 10.0
    return SpanTagger(SpanModel(weights, trans))


@_NO_C
@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_c_tokens_and_sentences_are_the_python_ones(text: str) -> None:
    by_token, by_sentence = _MARKERS
    tokens = [(s, e) for seg in segments(text) for _, s, e in seg]
    sentences = [(seg[0][1], seg[-1][2]) for seg in segments(text) if seg]
    assert by_token.find_python(text, "sv") == tokens
    assert by_token.find(text, "sv") == tokens
    assert by_sentence.find(text, "sv") == by_sentence.find_python(text, "sv") == sentences


@_NO_C
def test_c_tokens_of_every_latin1_character_are_the_python_ones() -> None:
    # stop 43: the C code reads whether a character under 256 is a word character from a table: each of the
    # 256 alone, inside a word, after a joiner and beside a digit
    by_token, _ = _MARKERS
    for code in range(256):
        c = chr(code)
        if c in "\n":
            continue
        for text in (f"{c} a{c}b x-{c} 1{c}2 {c}{c}ö {c}.", f"{c} a{c}b x-{c} 1{c}2 {c}{c}ö – {c}."):
            # a Latin-1 text, then one whose en dash makes it a two-byte str
            tokens = [(s, e) for seg in segments(text) for _, s, e in seg]
            assert by_token.find(text, "sv") == by_token.find_python(text, "sv") == tokens, repr(c)


@_NO_C
@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_c_and_python_agree_on_any_text(text: str) -> None:
    assert _PACKAGED.find(text, "en") == _PACKAGED.find_python(text, "en")


_MARKERS = (_tagger_marking("tokens"), _tagger_marking("sentences"))
_PACKAGED = SpanTagger.packaged()


def test_the_word_cache_grows_and_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = SpanTagger.packaged()
    text = " ".join(f"ord{k}" for k in range(3000)) + " erfarenhet av Java."
    assert tagger.find(text, "sv") == tagger.find_python(text, "sv")
    store = tagger.words("sv")
    assert len(store) > 3000 and len(store.tables) >= len(store) and store.rows["ord2999"] < len(store)
    monkeypatch.setattr(SpanTagger, "MAX_WORDS", 100)
    assert tagger.words("sv") is not store  # full: a new cache
    assert tagger.find(text, "sv") == tagger.find_python(text, "sv")


def test_without_the_c_code_find_runs_the_python_twin(monkeypatch: pytest.MonkeyPatch) -> None:
    from kompetens.extract import spans as spans_module

    tagger = SpanTagger.packaged()
    text = "You have experience with Java and Kubernetes."
    monkeypatch.setattr(spans_module, "speedups", None)
    assert tagger.find(text, "en") == tagger.find_python(text, "en") != []


@_NO_C
def test_the_c_code_checks_its_arrays(tagger: SpanTagger) -> None:
    store = tagger.words("en")
    args = (store, tagger._weights, tagger._trans, tagger._fixed, 120)
    with pytest.raises(ValueError, match="length"):
        speedups.tag_spans("abc", "ab", *args)
    with pytest.raises(ValueError, match="size"):
        speedups.tag_spans("Java", "java", store, tagger._weights, tagger._trans, tagger._fixed[:3], 120)
    with pytest.raises(ValueError, match="max_tokens"):
        speedups.tag_spans("Java", "java", *args[:-1], 0)
    with pytest.raises(TypeError):
        speedups.tag_spans("Java", "java", store, tagger._weights.astype(np.float64), *args[2:])


def test_span_score_counts_strict_and_loose_as_eval_spans_does() -> None:
    from kompetens.extract.spans import SpanScore

    counts = SpanScore()
    counts.add({(0, 2), (5, 6), (8, 9)}, {(0, 2), (4, 7)})  # one exact, one overlapping, one stray
    f = counts.figures()
    assert (counts.tp, counts.fp, counts.fn) == (1, 2, 1)
    assert round(f["P"], 2) == 33.33 and f["R"] == 50.0
    assert round(f["loose_P"], 2) == 66.67 and f["loose_R"] == 100.0
    assert round(f["F1"], 2) == 40.0 and f["loose"] == 80.0


def test_bio_spans_read_tags_as_eval_spans_does() -> None:
    from kompetens.extract.spans import bio_spans

    assert bio_spans(["B", "I", "O", "I", "I", "B", "B", "O"]) == [(0, 2), (3, 5), (5, 6), (6, 7)]
    assert bio_spans(["O", "O"]) == [] and bio_spans(["I"]) == [(0, 1)]


def test_bracketed_lines_give_words_and_spans(tmp_path: Path) -> None:
    from kompetens.extract.spans import bracketed, read_bracketed

    words, spans = bracketed("Du har erfarenhet av [Java] och [bygga REST-API:er].")
    assert words[spans[0][0] : spans[0][1]] == ["Java"]
    assert words[spans[1][0] : spans[1][1]] == ["bygga", "REST-API", ":", "er"]
    assert bracketed("Inga färdigheter här.") == (["Inga", "färdigheter", "här", "."], [])
    path = tmp_path / "set.txt"
    path.write_text("# a comment\n\n[Excel] krävs.\n", encoding="utf-8")
    assert read_bracketed(path) == [(["Excel", "krävs", "."], [(0, 1)])]


def test_training_reads_each_examples_language() -> None:
    examples = [(["Du", "kan", "Zorblax", "."], [(2, 3)]), (["You", "know", "Zorblax", "."], [(2, 3)])]
    model = train(examples * 5, langs=["sv", "en"] * 5, epochs=3)
    tagger = SpanTagger(model)
    assert tagger.tag(["Du", "kan", "Zorblax", "."], "sv") == [(2, 3)]
    with pytest.raises(ValueError):
        train(examples, langs=["sv"], epochs=1)


def test_a_tools_name_found_by_the_tagger_is_looked_up(engine: Engine) -> None:
    text = "Erfarenhet av Fortnox och Visma är meriterande."
    by_text = {
        m.text: m for m in engine.extract(Document(source="t", text=text, lang="sv", kind="ad")).mentions
    }
    assert by_text["Fortnox"].method == "span" and by_text["Fortnox"].area is None
    assert engine.mention_label(by_text["Fortnox"].concept.id, "en") == "use accounting systems"


def test_a_field_term_found_by_the_tagger_is_looked_up(engine: Engine) -> None:
    text = "Du har erfarenhet av länkbyggande och metataggar."  # "metataggar": link/data/terms.json
    by_text = {
        m.text: m for m in engine.extract(Document(source="t", text=text, lang="sv", kind="ad")).mentions
    }
    assert by_text["metataggar"].method == "span" and by_text["metataggar"].area is None
    assert (
        engine.mention_label(by_text["metataggar"].concept.id, "en") == "conduct search engine optimisation"
    )


def test_no_skill_phrase_of_the_tagger_in_the_title_or_a_heading(engine: Engine, tagger: SpanTagger) -> None:
    text = "Konsult inom Systemutveckling och arkitektur\n\nOm rollen\nDu kommer att bygga API:er i Python.\n"
    title_end = text.index("\n")
    assert any(e <= title_end for _, e in tagger.find(text, "sv"))  # the tagger alone marks the title
    profile = engine.extract(Document(source="t", text=text, lang="sv", kind="ad"))
    assert profile.mentions and all(
        m.start > text.index("Om rollen") + len("Om rollen") for m in profile.mentions
    )


def test_phrases_read_again_from_the_engines_cache_give_the_same_mentions(engine: Engine) -> None:
    text = "Erfarenhet av Fortnox är meriterande.\nDu bygger dashboards i Power BI och skriver rapporter."
    doc = Document(source="t", text=text, lang="sv", kind="ad")
    engine._span_refs.clear()
    first = engine.extract(doc).mentions
    assert "Fortnox" in engine._span_refs  # kept by phrase as written
    again = engine.extract(doc).mentions
    assert [(m.text, m.start, m.end, m.concept, m.area, m.confidence) for m in first] == [
        (m.text, m.start, m.end, m.concept, m.area, m.confidence) for m in again
    ]
    spans = [m for m in again if m.method == "span" and m.concept.id.startswith("kompetens:span:")]
    assert spans and all(m.concept.id == "kompetens:span:" + " ".join(m.text.lower().split()) for m in spans)


@pytest.mark.parametrize(
    ("thorough", "score", "linked"),
    [
        (True, 1.5, False),  # thorough extraction: quick linking, QUICK_LINK_MIN_SCORE
        (True, 1.6, True),
        (True, 3.5, True),
        (False, 4.5, True),
        (False, 1.9, False),  # extract --link: the full linker, PHRASE_LINK_MIN_SCORE
        (False, 2.0, True),
    ],
)
def test_a_phrase_takes_its_link_only_from_the_phrase_floor(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, thorough: bool, score: float, linked: bool
) -> None:
    from kompetens.engine import PHRASE_LINK_MIN_SCORE, QUICK_LINK_MIN_SCORE
    from kompetens.link import LinkedConcept
    from kompetens.link.confidence import link_confidence

    # judged by hand: bench/phrase_links.py
    assert (QUICK_LINK_MIN_SCORE, PHRASE_LINK_MIN_SCORE) == (1.6, 2.0)
    concept = LinkedConcept("urn:test:skill:zorblax", "operate zorblax machines", score)
    asked: list[bool] = []

    def link_phrases(phrases: list[str], *, quick: bool = True) -> list[LinkedConcept | None]:
        asked.append(quick)
        return [concept for _ in phrases]

    monkeypatch.setattr(type(engine), "can_link_spans", property(lambda self: True))
    monkeypatch.setattr(engine, "link_phrases", link_phrases)
    monkeypatch.setattr(
        engine, "_link_unmatched", lambda profile: None
    )  # --link's sentences: not this test's
    engine._phrase_links.clear()
    try:
        text = "Du har erfarenhet av att zorblaxa maskiner i skift."
        doc = Document(source="t", text=text, lang="sv", kind="ad")
        profile = engine.extract(doc, thorough=True) if thorough else engine.extract(doc, link=True)
        spans = [m for m in profile.mentions if m.method == "span"]
        assert spans, "the tagger found no phrase"
        ids = {m.concept.id for m in spans}
        assert ("urn:test:skill:zorblax" in ids) is linked, ids
        assert asked == [thorough]  # quick linking for thorough extraction, the full linker for --link
        if linked:  # as sure as the score makes it (link/confidence.py), not one figure for every link
            [found] = [m for m in spans if m.concept.id == "urn:test:skill:zorblax"]
            assert found.confidence == link_confidence(score, "quick" if thorough else "full")
    finally:
        engine._phrase_links.clear()


_WORD = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)


@_NO_C
@settings(max_examples=300, deadline=None)
@given(_WORD, st.sampled_from(["sv", "en", "-"]))
def test_c_and_python_give_a_new_word_the_same_table(word: str, lang: str) -> None:
    features = _PACKAGED.features
    weights = _PACKAGED._weights
    assert np.array_equal(
        features.word_table(word, lang, weights), features.word_table_python(word, lang, weights)
    )


def test_feature_groups_are_the_word_features_without_their_positions() -> None:
    features = _PACKAGED.features
    full = features.word_features("Marknadsföring", "sv")
    groups = features.feature_groups("Marknadsföring", "sv")
    assert full == [[f"{o}:{f}" for f in fs] for o, fs in zip((-2, -1, 0, 1, 2), groups, strict=True)]
    assert "0:w=marknadsföring" in full[2]


@_NO_C
def test_the_c_word_table_checks_its_arrays() -> None:
    weights = _PACKAGED._weights
    out = np.zeros((5, 3), dtype=np.float32)
    groups = [["w=a"]] * 5
    prefixes = ["-2:", "-1:", "0:", "1:", "2:"]
    with pytest.raises(ValueError, match="as many"):
        speedups.word_table(prefixes, groups[:4], weights, out)
    with pytest.raises(ValueError, match="out must be"):
        speedups.word_table(prefixes, groups, weights, np.zeros((4, 3), dtype=np.float32))
    with pytest.raises(ValueError, match="weights must be"):
        speedups.word_table(prefixes, groups, weights[:3], out)
    with pytest.raises(TypeError):
        speedups.word_table(prefixes, [[1]] * 5, weights, out)
    with pytest.raises(TypeError):
        speedups.word_table(prefixes, groups, weights.astype(np.float64), out)
    speedups.word_table(prefixes, groups, weights, out)
    assert out.any()


class _Tagger:
    """A stand-in span tagger that finds the given words wherever they stand."""

    def __init__(self, *words: str) -> None:
        self.words = words

    def find(self, text: str, lang: str = "en", lower: str | None = None) -> list[tuple[int, int]]:
        return sorted((at, at + len(w)) for w in self.words if (at := text.find(w)) >= 0)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_function_word_alone_is_no_skill_phrase(data_dir: Path, lang: str) -> None:
    """A bug hunt (stop 34, F3) saw the tagger's single words "andra" and "även" become skill phrases, and
    "andra" linked to *leda andra*: a one-word span that is a function word of the text's language is
    dropped; another single word stays."""
    text = {
        "sv": "Du motiverar andra i teamet och arbetar även med att planera kampanjer i sociala kanaler.",
        "en": "You motivate others in the team and also plan campaigns for the channels of the company.",
    }[lang]
    words = {"sv": ("andra", "även", "motiverar"), "en": ("also", "the", "channels")}[lang]
    engine = Engine(data_dir)
    engine.__dict__["span_tagger"] = _Tagger(*words)
    doc = Document(source="fiktiv", text=text, lang=lang, kind="ad")
    found = {m.text for m in engine.extract(doc).mentions}
    assert words[2] in found  # a single word that is no function word stays
    assert not found & set(words[:2])


@_NO_C
@settings(max_examples=300, deadline=None)
@given(_WORD, st.sampled_from(["sv", "en", "-"]))
def test_a_new_words_table_built_in_c_is_the_one_of_its_feature_strings(word: str, lang: str) -> None:
    """``word_row`` builds a word's features itself (stop 34); ``word_table`` hashes the Python feature
    strings: the same table, bit for bit, with and without word clusters."""
    for features in (_PACKAGED.features, Featurizer()):
        weights = _PACKAGED._weights
        strings = np.empty((5, 3), dtype=np.float32)
        speedups.word_table(
            ["-2:", "-1:", "0:", "1:", "2:"], features.feature_groups(word, lang), weights, strings
        )
        assert np.array_equal(features.word_table(word, lang, weights), strings)


@_NO_C
@settings(max_examples=300, deadline=None)
@given(
    _WORD,
    st.lists(st.integers(min_value=-(2**63), max_value=2**63 - 1), max_size=16),
    st.sampled_from(["sv", "en", "-"]),
)
def test_a_word_rows_grain_and_length_features_are_their_strings(
    word: str, grains: list[int], lang: str
) -> None:
    """The C row's constant feature starts are worked out once and a grain's id written in decimal there
    (stop 39, not snprintf a word): any id, negative and 64-bit ones too, any count up to 16, none ("g=?"),
    and every length, give the table of the feature strings bit for bit."""
    features = Featurizer(_PACKAGED.features.lexicon, {word.lower(): tuple(grains)})
    weights = _PACKAGED._weights
    strings = np.empty((5, 3), dtype=np.float32)
    speedups.word_table(
        ["-2:", "-1:", "0:", "1:", "2:"], features.feature_groups(word, lang), weights, strings
    )
    assert np.array_equal(features.word_table(word, lang, weights), strings)


@_NO_C
@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(st.sampled_from("aZå中😀-1"), min_size=12, max_size=70),
        st.sampled_from(["a" * 64, "a" * 65, "å" * 32, "å" * 33, "中" * 21, "中" * 22, "😀" * 16, "😀" * 17]),
    ),
    st.sampled_from(["sv", "en", "-"]),
)
def test_a_long_words_table_is_the_one_of_its_feature_strings(word: str, lang: str) -> None:
    """The C row takes each feature's hash over a text once for every position (crc's linearity, stop 49) up
    to 64 bytes of UTF-8, and at each position beyond: words on both sides of that bound, in one- to
    four-byte characters, give the table of the feature strings bit for bit."""
    features = _PACKAGED.features
    weights = _PACKAGED._weights
    strings = np.empty((5, 3), dtype=np.float32)
    speedups.word_table(
        ["-2:", "-1:", "0:", "1:", "2:"], features.feature_groups(word, lang), weights, strings
    )
    assert np.array_equal(features.word_table(word, lang, weights), strings)


@_NO_C
def test_the_c_word_row_checks_its_arguments() -> None:
    weights = _PACKAGED._weights
    out = np.zeros((5, 3), dtype=np.float32)
    with pytest.raises(ValueError, match="out must be"):
        speedups.word_row("Java", "java", "java", "-", None, weights, np.zeros((4, 3), dtype=np.float32))
    with pytest.raises(ValueError, match="weights must be"):
        speedups.word_row("Java", "java", "java", "-", None, weights[:3], out)
    with pytest.raises(TypeError):
        speedups.word_row("Java", "java", "java", "-", [1, 2], weights, out)
    with pytest.raises(ValueError, match="empty"):
        speedups.word_row("", "", "", "-", None, weights, out)
    speedups.word_row("Java", "java", "java", "-", (1, 2, 3), weights, out)
    assert out.any()


class _Taxonomy:
    """A taxonomy that holds one concept, whose URI may be an unlinked phrase's; it counts its look-ups."""

    def __init__(self, uri: str) -> None:
        self.uri, self.asked = uri, 0

    def holds_prefix(self, prefix: str) -> bool:
        return self.uri.startswith(prefix)

    def get(self, uri: str) -> Concept | None:
        self.asked += 1
        return Concept(uri=uri, kind="skill", labels={"en": ["held"]}) if uri == self.uri else None


@pytest.mark.parametrize("held", ["http://data.europa.eu/esco/skill/x", SPAN_URI + "excel"])
def test_an_unlinked_phrase_is_labelled_without_asking_the_taxonomy_that_holds_none(
    tmp_path: Path, held: str
) -> None:
    engine = Engine(tmp_path)
    taxonomy = engine.__dict__["taxonomy"] = _Taxonomy(held)
    assert engine.skill_labels(held, "sv") == (None, "held")
    asked = taxonomy.asked
    assert engine.skill_labels(SPAN_URI + "power bi", "sv") == (None, None)
    # only a taxonomy that holds some phrase's URI is asked about one (none that setup writes does)
    assert taxonomy.asked - asked == (1 if held.startswith(SPAN_URI) else 0)
    assert engine.skill_labels(SPAN_URI + "excel", "sv") == (
        (None, "held") if held.startswith(SPAN_URI) else (None, None)
    )


def test_mentions_are_labelled_as_one_at_a_time(engine: Engine) -> None:
    """``_label_mentions`` reads a text's new labels in one batch and skips the unlinked phrases: the labels
    are what ``mention_label`` gives each mention's concept."""
    text = "Du har erfarenhet av Fortnox, Power BI och sociala medier.\nDu skriver pressmeddelanden och nyhetsbrev."
    doc = Document(source="t", text=text, lang="sv", kind="ad")
    profile = Engine(engine.data_dir).extract(doc)
    assert profile.mentions
    fresh = Engine(engine.data_dir)
    for m in profile.mentions:
        label = fresh.mention_label(m.concept.id, "sv")
        assert m.concept.label == (label or m.concept.label)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["sv", "en"]),
    st.lists(
        st.one_of(
            st.sampled_from(
                ["<pad>", "Erfarenhet", "du", "vi", "Kunskaper", "Excel", "C++", "e-post", "ÅÄÖ"]
            ),
            st.text(st.characters(codec="latin-1", categories=["L", "N", "P"]), min_size=1, max_size=12),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_a_word_caches_row_filler_fills_as_fill_row(lang: str, words: list[str]) -> None:
    features, weights = _PACKAGED.features, _PACKAGED._weights
    fill = features.row_filler(lang, weights)
    for word in words:
        got, want = np.empty((5, 3), dtype=np.float32), np.empty((5, 3), dtype=np.float32)
        code = fill(word, got)
        assert code == features.fill_row(word, "-" if word == "<pad>" else lang, weights, want, lang)
        assert got.tobytes() == want.tobytes()


@_NO_C
@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["sv", "en"]),
    st.lists(
        st.one_of(
            st.sampled_from(["Erfarenhet", "du", "vi", "Kunskaper", "Excel", "C++", "e-post", "ÅÄÖ", "İ"]),
            st.text(st.characters(codec="latin-1", categories=["L", "N", "P"]), min_size=1, max_size=12),
        ),
        min_size=1,
        max_size=40,
    ),
)
def test_a_texts_new_words_added_at_once_fill_the_rows_one_at_a_time_does(
    lang: str, words: list[str]
) -> None:
    """``WordTables.add_many`` (one C call for a text's new words, ``word_rows_into``) gives each word the
    row, table and class code that ``add`` of each word in turn gives, duplicates and words met before too."""
    tagger = SpanTagger.packaged()
    store, one_by_one = tagger.words(lang), WordTables(tagger.features.row_filler(lang, tagger._weights))
    store.add_many(words[:3])  # some words met before
    for word in words[:3]:
        one_by_one.add(word)
    assert store.add_many(words) == [one_by_one.add(word) for word in words]
    assert store.rows == one_by_one.rows and len(store) == len(one_by_one)
    size = len(store)
    assert store.tables[:size].tobytes() == one_by_one.tables[:size].tobytes()
    assert store.classes[:size].tobytes() == one_by_one.classes[:size].tobytes()


@_NO_C
def test_a_texts_new_words_grow_the_cache_as_one_at_a_time_does() -> None:
    tagger = SpanTagger.packaged()
    store, one_by_one = tagger.words("sv"), WordTables(tagger.features.row_filler("sv", tagger._weights))
    words = [f"ord{k}" for k in range(2500)]
    assert store.add_many(words) == [one_by_one.add(word) for word in words]
    assert len(store.tables) == len(one_by_one.tables) >= 2501
    assert store.tables.tobytes() == one_by_one.tables.tobytes()
    assert store.add_many(["<pad>", "ord1"]) == [one_by_one.add("<pad>"), 2]  # no pad row in a language


@_NO_C
def test_the_c_word_rows_into_checks_its_arguments() -> None:
    weights, tables = _PACKAGED._weights, np.zeros((4, 5, 3), dtype=np.float32)
    with pytest.raises(ValueError, match="length"):
        speedups.word_rows_into(["Java"], ["java"], [], ["-"], None, weights, tables, 0)
    with pytest.raises(ValueError, match="hold the rows"):
        speedups.word_rows_into(["Java"], ["java"], ["java"], ["-"], None, weights, tables, 4)
    with pytest.raises(TypeError, match="hold str"):
        speedups.word_rows_into(["Java"], ["java"], [None], ["-"], None, weights, tables, 0)
    with pytest.raises(TypeError):
        speedups.word_rows_into(["Java"], ["java"], ["java"], ["-"], [[1]], weights, tables, 0)
    with pytest.raises(TypeError):
        speedups.word_rows_into(["Java"], ["java"], ["java"], ["-"], {"java": [1]}, weights, tables, 0)
    speedups.word_rows_into(["Java"], ["java"], ["java"], ["-"], [(1, 2)], weights, tables, 3)
    assert tables[3].any() and not tables[:3].any()


@_NO_C
@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["java", "Java", "kod", "koden", "x", "ÅÄÖ", "İ"]), min_size=1, max_size=12),
    st.dictionaries(
        st.sampled_from(["java", "kod", "koden", "x", "åäö", "i̇"]),
        st.one_of(
            st.just(()), st.tuples(st.integers(0, 200)), st.tuples(st.integers(0, 200), st.integers(0, 200))
        ),
        min_size=1,
    ),
)
def test_the_c_word_rows_into_looks_the_clusters_up_as_the_featurizer(
    words: list[str], clusters: dict[str, tuple[int, ...]]
) -> None:
    """Given the clusters (a dict) for grains, ``word_rows_into`` finds each word's as the featurizer does
    (``clusters.get(lower) or clusters.get(lemma) or ()``: an empty tuple of the word itself falls to its
    lemma's): the same tables as with their list."""
    weights = _PACKAGED._weights
    lowers = [w.lower() for w in words]
    lemmas = [{"koden": "kod"}.get(w, w) for w in lowers]
    grains = [
        clusters.get(lower) or clusters.get(lemma) or () for lower, lemma in zip(lowers, lemmas, strict=True)
    ]
    want, got = (np.zeros((len(words), 5, 3), dtype=np.float32) for _ in range(2))
    speedups.word_rows_into(words, lowers, lemmas, ["-"] * len(words), grains, weights, want, 0)
    speedups.word_rows_into(words, lowers, lemmas, ["-"] * len(words), clusters, weights, got, 0)
    assert got.tobytes() == want.tobytes()
