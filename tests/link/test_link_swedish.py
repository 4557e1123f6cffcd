"""Swedish lexical linking: text without diacritics, compounds split into their parts, language-apart
weights (English results do not move when Swedish labels are added), and indexes saved before these."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kompetens.link import LinkConfig, Linker
from kompetens.link.text import fold, split_compound
from kompetens.taxonomy.model import Concept

COMPLAINTS = "urn:test:skill:complaints"
SEO = "urn:test:skill:seo"
EMAIL = "urn:test:skill:email"
SV_CONCEPTS = [
    Concept(COMPLAINTS, "skill", {"en": ["handle complaints"], "sv": ["hantera klagomål från kunder"]}),
    Concept(SEO, "skill", {"en": ["search engine optimisation"], "sv": ["sökmotoroptimering"]}),
    Concept(EMAIL, "skill", {"en": ["perform e-mail marketing"], "sv": ["marknadsföring via e-post"]}),
    Concept("urn:test:skill:engine", "skill", {"en": ["maintain engines"], "sv": ["underhålla motorer"]}),
    Concept("urn:test:skill:search", "skill", {"en": ["search databases"], "sv": ["söka i databaser"]}),
    Concept("urn:test:skill:customers", "skill", {"en": ["serve customers"], "sv": ["betjäna kunder"]}),
    Concept("urn:test:skill:budget", "skill", {"en": ["manage budgets"], "sv": ["hantera budgetar"]}),
]


@pytest.fixture(scope="module")
def swedish(tmp_path_factory: pytest.TempPathFactory) -> Linker:
    # No word table: one learnt from these seven pairs is noise ("motor" -> engines); the compound and
    # spelling paths are what these tests are about (the table: test_link_translate.py).
    return Linker.build(
        SV_CONCEPTS,
        cache_dir=tmp_path_factory.mktemp("sv"),
        config=LinkConfig.preset("lexical", translate=()),
    )


def test_fold_drops_diacritics_only() -> None:
    assert fold("klagomål") == "klagomal"
    assert fold("sökmotoröptimering är") == "sokmotoroptimering ar"
    assert fold("plain ascii") == "plain ascii"


def test_split_compound_takes_the_longest_known_head() -> None:
    known = {"sökmotor", "optimering", "kund", "klagomål", "motor"}
    assert split_compound("sökmotoroptimering", lambda w: w if w in known else None, min_part=3) == (
        "sökmotor",
        "optimering",
    )
    # a linking letter between the parts
    assert split_compound("kundsklagomål", lambda w: w if w in known else None, min_part=3) == (
        "kund",
        "klagomål",
    )
    assert split_compound("okänt", lambda w: w if w in known else None, min_part=3) is None


@pytest.mark.parametrize(
    ("text", "uri"),
    [
        ("klagomal", COMPLAINTS),  # no å
        ("sokmotoroptimering", SEO),
        ("sökmotoroptimring", SEO),  # a letter missing
        ("kundklagomål", COMPLAINTS),  # compound: kund + klagomål
        ("e-postmarknadsföring", EMAIL),  # e + post + marknadsföring
        ("optimering av sökmotorer", SEO),  # the label's compound, spelt out
    ],
)
def test_misspelt_and_compound_swedish_finds_its_concept(swedish: Linker, text: str, uri: str) -> None:
    assert swedish.link([text], top=1)[0][0].uri == uri


def test_english_sentence_scores_are_the_same_with_swedish_labels(tmp_path: Path) -> None:
    english_only = [Concept(c.uri, c.kind, {"en": c.labels["en"]}) for c in SV_CONCEPTS]
    plain = Linker.build(english_only, cache_dir=tmp_path / "en", config=LinkConfig.preset("lexical"))
    both = Linker.build(SV_CONCEPTS, cache_dir=tmp_path / "both", config=LinkConfig.preset("lexical"))
    text = "You will handle complaints from customers and manage our budgets"
    assert plain.link([text], top=7) == both.link([text], top=7)


def test_short_text_meets_labels_in_every_language(swedish: Linker) -> None:
    # Two words: their language is a guess, so Swedish labels count even where it reads as English.
    assert swedish.link(["kundklagomål"], top=1, lang="en")[0][0].uri == COMPLAINTS


def test_an_index_saved_before_folding_loads_and_links_as_before(swedish: Linker, tmp_path: Path) -> None:
    old = tmp_path / "old"
    swedish.save(old)
    meta = json.loads((old / "link_meta.json").read_text(encoding="utf-8"))
    for key in ("fold_accents", "split_compounds", "monolingual"):
        meta["config"].pop(key)
    (old / "link_meta.json").write_text(json.dumps(meta), encoding="utf-8")
    loaded = Linker.load(old)
    assert (loaded.config.fold_accents, loaded.config.split_compounds) == (False, ())
    assert loaded.link(["sökmotoroptimering"], top=1)[0][0].uri == SEO


def test_per_language_char_indexes_round_trip(swedish: Linker, tmp_path: Path) -> None:
    swedish.save(tmp_path / "x")
    loaded = Linker.load(tmp_path / "x")
    assert set(loaded.char_index.indexes) == {"en", "sv"}
    text = "hantera klagomal"
    assert loaded.link([text], top=3) == swedish.link([text], top=3)
    assert np.array_equal(loaded.char_index.docs["sv"], swedish.char_index.docs["sv"])


def test_a_single_char_index_of_an_older_build_loads_as_one_for_every_language(tmp_path: Path) -> None:
    from kompetens.link.index import ANY_LANG, InvertedIndex, LanguageIndexes

    old = InvertedIndex.build([["ab", "bc"], ["cd"]], scheme="tfidf")
    old.save(tmp_path / "link_chars.npz")
    loaded = LanguageIndexes.load(tmp_path / "link_chars.npz")
    assert list(loaded.indexes) == [ANY_LANG]
    # scored whatever languages are asked for: the old index knows none apart
    assert np.allclose(loaded.score(["ab"], langs=["en"]), old.score(["ab"]))


def test_zscore_leaves_out_concepts_without_a_vector_in_the_texts_language() -> None:
    from kompetens.link.linker import _zscore_rows

    with_gap = np.array([[1.0, np.nan, 3.0]], dtype=np.float32)
    assert np.allclose(_zscore_rows(with_gap), [[-1.0, 0.0, 1.0]])
    assert np.allclose(_zscore_rows(np.array([[1.0, 3.0]], dtype=np.float32)), [[-1.0, 1.0]])


def test_english_sentence_signals_are_finite_with_swedish_label_vectors(linker: Linker) -> None:
    features = linker.features("You will write press releases for our brand")
    for name, values in features.items():
        assert np.isfinite(values).all(), name


# Fictional labels whose words make the traps of stop 44, part two: "dig" is a form of "du", "tag" of "ta",
# "ären" of "vara"; "digitala" is digital + a, "ärenden" ärende + n, not compounds.
TRAP_CONCEPTS = [
    Concept("urn:test:skill:talk", "skill", {"en": ["talk to customers"], "sv": ["tala med dig och kunder"]}),
    Concept(
        "urn:test:skill:digital", "skill", {"en": ["digital marketing"], "sv": ["digital marknadsföring"]}
    ),
    Concept("urn:test:skill:case", "skill", {"en": ["handle cases"], "sv": ["hantera ärende"]}),
    Concept("urn:test:skill:support", "skill", {"en": ["be the support"], "sv": ["vara den som stöttar"]}),
    Concept("urn:test:skill:channel", "skill", {"en": ["channel strategy"], "sv": ["strategi för kanal"]}),
    Concept(
        "urn:test:skill:company", "skill", {"en": ["run a company"], "sv": ["leda företag", "ta ansvar"]}
    ),
    Concept("urn:test:skill:tools", "skill", {"en": ["work with tools"], "sv": ["arbete med verktyg"]}),
    Concept("urn:test:skill:swim", "skill", {"en": ["swim freely"], "sv": ["simma fri", "heta debatter"]}),
]


@pytest.fixture(scope="module")
def traps(tmp_path_factory: pytest.TempPathFactory) -> Linker:
    return Linker.build(
        TRAP_CONCEPTS,
        cache_dir=tmp_path_factory.mktemp("traps"),
        config=LinkConfig.preset("lexical", translate=()),
    )


@pytest.mark.parametrize(
    "word", ["digitala", "digital", "ärenden", "företag", "företaget", "samarbete", "frihet", "friheten"]
)
def test_a_simple_inflected_word_is_no_compound(traps: Linker, word: str) -> None:
    # before: digitala -> du + tala, ärenden -> vara + den, företag -> fore + ta, samarbete -> simma + arbete
    # ("sam" is a form of "simma", no modifier), frihet -> fri + heta (-het is a suffix, no head)
    assert traps._terms.parts(word, "sv") == ()


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("kundärenden", ("kund", "arende")),  # an inflected head
        ("strategikanalerna", ("strategi", "kanal")),
        ("marknadsföringsstrategin", ("marknadsforing", "strategi")),  # a linking -s-
        ("ärendekanal", ("arende", "kanal")),
        ("arbetsverktyg", ("arbete", "verktyg")),  # the modifier without its last vowel, with an -s
    ],
)
def test_a_real_compound_still_splits(traps: Linker, word: str, parts: tuple[str, str]) -> None:
    assert traps._terms.parts(word, "sv") == parts


def test_split_compound_takes_only_linking_letters_and_accepted_heads() -> None:
    known = {"dig", "tala", "kund", "klagomål"}.__contains__
    resolve = lambda w: w if known(w) else None  # noqa: E731
    assert split_compound("digitala", resolve, min_part=3) == ("dig", "tala")  # any letter links
    assert split_compound("digitala", resolve, min_part=3, linkers="seauo") is None
    assert split_compound("kundsklagomål", resolve, min_part=3, linkers="seauo") == ("kund", "klagomål")
    assert split_compound("kundklagomål", resolve, min_part=3, accept=lambda cut: cut != 4) is None


def test_near_word_is_one_edit_away_from_a_lemma_or_its_inflected_form(swedish: Linker) -> None:
    terms = swedish._terms
    assert terms.near("klagomaal", "sv") == "klagomal"  # a letter too many
    assert terms.near("klagonal", "sv") == "klagomal"  # another letter in the same place
    assert terms.near("klaogmal", "sv") == ""  # two letters swapped: two edits, no match
    assert terms.near("motorerx", "sv") == "motor"  # one letter more than an inflected form
