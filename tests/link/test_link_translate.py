"""The Swedish -> English word table learnt from parallel labels, and its use in the linker (issue #11)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from kompetens.link import LinkConfig, Linker
from kompetens.link.linker import agreement
from kompetens.link.synonyms import Synonyms
from kompetens.link.translate import GLOSSARY_NEXT, Accents, Glossary, Translations, learn
from kompetens.taxonomy.model import Concept

# A small hand-made parallel set: each Swedish word occurs in two or three pairs.
PAIRS = [
    ({"hantera", "klagomål"}, {"handle", "complaint"}),
    ({"hantera", "kund"}, {"handle", "customer"}),
    ({"kund", "klagomål"}, {"customer", "complaint"}),
    ({"bygga", "förtroende"}, {"build", "trust"}),
    ({"bygga", "nätverk"}, {"build", "network"}),
    ({"förtroende", "kund"}, {"trust", "customer"}),
    ({"nätverk", "hantera"}, {"network", "handle"}),
    ({"empati"}, {"empathy"}),  # seen once: not enough support
]


def test_learn_aligns_each_word_with_its_translation() -> None:
    table = learn(PAIRS)
    best = {source: pairs[0][0] for source, pairs in table.table.items()}
    assert best == {
        "hantera": "handle",
        "klagomål": "complaint",
        "kund": "customer",
        "bygga": "build",
        "förtroende": "trust",
        "nätverk": "network",
    }
    # competitive linking: one link per word and pair, so "kund" is never linked to "handle"
    assert all(target != "handle" for target, _ in table.get("kund"))
    assert table.get("hantera")[0][1] == pytest.approx(1.0)


def test_learn_needs_support_and_is_deterministic() -> None:
    assert "empati" not in learn(PAIRS).table
    assert "empati" in learn(PAIRS, min_links=1).table
    assert learn(PAIRS).table == learn(list(reversed(PAIRS))).table
    assert len(learn([])) == 0


def test_translate_keeps_the_best_weight_and_round_trips() -> None:
    table = Translations({"a": [("x", 0.5), ("y", 0.2)], "b": [("y", 0.9)]})
    assert table.translate(["a", "b", "c"]) == {"x": 0.5, "y": 0.9}
    assert Translations.from_json(json.loads(json.dumps(table.to_json()))).table == table.table


TRUST = "urn:test:skill:trust"
CONCEPTS = [
    Concept("urn:test:skill:networks", "skill", {"en": ["build networks"], "sv": ["bygga nätverk"]}),
    Concept("urn:test:skill:houses", "skill", {"en": ["build houses"], "sv": ["bygga hus"]}),
    Concept("urn:test:skill:show", "skill", {"en": ["show trust"], "sv": ["visa förtroende"]}),
    Concept(
        "urn:test:skill:win", "skill", {"en": ["win customer trust"], "sv": ["vinna kunders förtroende"]}
    ),
    Concept("urn:test:skill:houses2", "skill", {"en": ["paint houses"], "sv": ["måla hus"]}),
    Concept("urn:test:skill:show2", "skill", {"en": ["show products"], "sv": ["visa produkter"]}),
    Concept(TRUST, "skill", {"en": ["build trust"]}),  # no Swedish label
]


@pytest.fixture(scope="module")
def translating(tmp_path_factory: pytest.TempPathFactory) -> Linker:
    return Linker.build(
        CONCEPTS, cache_dir=tmp_path_factory.mktemp("tr"), config=LinkConfig.preset("lexical")
    )


def test_a_swedish_text_reaches_a_concept_with_english_labels_only(
    translating: Linker, tmp_path: Path
) -> None:
    assert translating.translations.get("bygga")[0][0] == "build"
    assert translating.link(["bygga förtroende"], top=1)[0][0].uri == TRUST
    plain = Linker.build(
        CONCEPTS, cache_dir=tmp_path / "plain", config=LinkConfig.preset("lexical", translate=())
    )
    assert len(plain.translations) == 0
    assert plain.link(["bygga förtroende"], top=1)[0][0].uri != TRUST


def test_translated_matches_weigh_less_than_direct_ones(translating: Linker) -> None:
    sv = translating.link(["bygga förtroende"], top=1)[0][0].score
    en = translating.link(["build trust"], top=1)[0][0].score
    assert 0 < sv < en


def test_english_sentences_do_not_translate(translating: Linker, tmp_path: Path) -> None:
    plain = Linker.build(
        CONCEPTS, cache_dir=tmp_path / "plain", config=LinkConfig.preset("lexical", translate=())
    )
    text = "you will build trust with customers and networks"
    assert translating.link([text], top=5) == plain.link([text], top=5)


def test_the_table_round_trips_and_an_older_index_loads_without_it(
    translating: Linker, tmp_path: Path
) -> None:
    translating.save(tmp_path / "x")
    loaded = Linker.load(tmp_path / "x")
    assert loaded.translations.table == translating.translations.table
    assert loaded.link(["bygga förtroende"], top=3) == translating.link(["bygga förtroende"], top=3)
    meta = json.loads((tmp_path / "x" / "link_meta.json").read_text(encoding="utf-8"))
    for key in ("translate", "w_translate"):
        meta["config"].pop(key)
    (tmp_path / "x" / "link_meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / "x" / "link_translate.json").unlink()
    old = Linker.load(tmp_path / "x")
    assert old.config.translate == ()
    assert len(old.translations) == 0


def test_the_gloss_is_each_words_best_translation(translating: Linker) -> None:
    assert translating._gloss(["bygga", "förtroende"], "sv") == "build trust"
    assert translating._gloss(["bygga", "xyzzy"], "sv") == "build xyzzy"  # the word itself where none
    assert translating._gloss(["xyzzy"], "sv") == ""  # no translation at all: no gloss
    assert translating._gloss(["build", "trust"], "en") == ""  # English is not translated
    assert (
        translating._gloss(["bygga", "förtoende"], "sv") == "build trust"
    )  # misspelt: the lemma one letter away


def test_a_table_rendering_tied_with_the_next_is_no_rendering(
    translating: Linker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the best of an alignment that could not tell its renderings apart is a guess: the gloss leaves the word
    table = {"plupp": [("stream", 0.2), ("treat", 0.2)], "blorp": [("splash", 0.5), ("dabble", 0.25)]}
    monkeypatch.setattr(
        translating, "translations", Translations({**translating.translations.table, **table})
    )
    assert translating._rendering("plupp", "sv") is None
    assert translating._rendering("blorp", "sv") == "splash"
    assert translating._gloss(["bygga", "plupp"], "sv") == "build plupp"
    assert translating._gloss(["bygga", "blorp"], "sv") == "build splash"


def test_a_tools_name_is_not_glossed_word_by_word(
    translating: Linker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the learnt table renders "bi" (a bee) as "aid": "Power BI" (link/data/tools.json) stays as written
    rendering = translating._rendering
    fake = {"bi": "aid", "power": "might"}
    monkeypatch.setattr(
        translating, "_rendering", lambda lemma, lang: fake.get(lemma) or rendering(lemma, lang)
    )
    assert translating._gloss(["bygga", "förtroende", "i", "power", "bi"], "sv") == "build trust i power bi"
    assert translating._gloss(["bygga", "bi"], "sv") == "build aid"  # alone it is no tool's name


def test_a_word_without_a_rendering_is_glossed_by_its_first_rendered_synonym(
    translating: Linker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stop 40: a word no glossary entry or learnt pair renders reads as the English of the first member of its
    synonym groups whose every word has one (fictional words: "blorpsystem" beside "plupp" and "plask system")."""
    table = Synonyms.from_data(
        {
            "groups": [
                {"words": ["blorpsystem", "zzz", "plask system", "plupp"]},
                {"words": ["blorpsystem", "plupp"]},
            ]
        },
        lambda ws: [w.lower() for w in ws],
    )
    monkeypatch.setitem(translating._synonyms, "sv", table)
    rendering = translating._rendering
    fake = {"plask": "splash", "system": "system", "plupp": "content management system", "bygga": "build"}
    monkeypatch.setattr(
        translating, "_rendering", lambda lemma, lang: fake.get(lemma) or rendering(lemma, lang)
    )
    # "zzz" has no rendering, "plask system" has one for every word: it comes first
    assert translating._gloss(["bygga", "blorpsystem"], "sv") == "build splash system"
    # a word with its own rendering keeps it; one with no synonym that renders stays as written
    assert translating._gloss(["bygga", "plupp"], "sv") == "build content management system"
    assert translating._gloss(["bygga", "zzz"], "sv") == "build splash system"
    assert translating._gloss(["bygga", "qqq"], "sv") == "build qqq"
    monkeypatch.delitem(translating._synonyms, "sv")
    assert translating._gloss(["bygga", "blorpsystem"], "sv") == "build blorpsystem"  # no table: as before


def test_a_word_the_dictionary_lacks_is_glossed_by_its_base_form_or_its_compound_parts(
    translating: Linker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stop 45: a word with no rendering of its own reads as its base form less a Swedish inflection ending
    (an English label word with a Swedish ending: "trusten"), else as a compound of a rendered modifier and a
    rendered head in any form, four letters or more each ("kundblorparna" -> customer splash); fictional
    words."""
    rendering = translating._rendering
    fake = {"blorp": "splash", "kund": "customer", "bygga": "build", "plask": "dabble", "steam": "vapour"}
    fake |= {"team": "crew"}
    monkeypatch.setattr(
        translating, "_rendering", lambda lemma, lang: fake.get(lemma) or rendering(lemma, lang)
    )
    assert translating._gloss(["bygga", "trusten"], "sv") == "build trust"  # "trust", an English label word
    assert translating._gloss(["bygga", "blorparna"], "sv") == "build splash"  # plural definite -arna
    assert translating._gloss(["bygga", "kundblorparna"], "sv") == "build customer splash"
    assert translating._gloss(["bygga", "kundsblorp"], "sv") == "build customer splash"  # a linking -s
    # the modifier is a word as written, no ending stripped ("kunder" is no modifier); no part of two letters
    assert translating._gloss(["bygga", "kunderblorp"], "sv") == "build kunderblorp"
    assert translating._gloss(["bygga", "kublorp"], "sv") == "build kublorp"
    # an s that starts a head and could link the parts links them ("kunds|team"; "steam" is a head too)
    assert translating._gloss(["bygga", "kundsteamet"], "sv") == "build customer crew"
    assert translating._gloss(["bygga", "blorpsteam"], "sv") == "build splash crew"
    # an English label word is one written in English letters: "trüst" is no "trust"
    assert translating._gloss(["bygga", "trüsten"], "sv") == "build trüsten"
    # the base form must be no other word's inflected form: "plasket" -> "plask" only if "plask" is a base
    forms = translating._terms.lemmatizer.table.setdefault("sv", {})
    monkeypatch.setitem(forms, "plask", "plaska")
    assert translating._gloss(["bygga", "plasket"], "sv") == "build plasket"
    monkeypatch.delitem(forms, "plask")
    assert translating._gloss(["bygga", "plasket"], "sv") == "build dabble"
    # English is never glossed, and a language without inflection endings keeps the word as written
    assert translating._gloss(["build", "trusten"], "en") == ""
    monkeypatch.setattr(Linker, "_inflection_endings", staticmethod(lambda: {}))
    assert translating._gloss(["bygga", "blorparna"], "sv") == "build blorparna"


class _Counting:
    """The real e5 embedder, keeping the query texts it embeds."""

    dim = 384

    def __init__(self) -> None:
        from kompetens.link import E5Embedder

        self.inner = E5Embedder()
        self.queries: list[str] = []

    def query(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.queries += list(texts)
        return self.inner.query(texts)

    def passage(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return self.inner.passage(texts)


def test_a_short_swedish_skill_text_also_links_by_its_english_gloss(tmp_path: Path) -> None:
    counting = _Counting()
    linker = Linker.build(
        CONCEPTS, cache_dir=tmp_path, embedder=counting, config=LinkConfig(static_words=0, w_gloss=0.1)
    )
    counting.queries.clear()
    with_gloss = linker.link(["bygga förtroende"], top=7)[0]
    assert counting.queries == ["bygga förtroende", "build trust"]
    assert with_gloss[0].uri == TRUST
    counting.queries.clear()
    linker.link(
        ["paint houses", "Du bygger förtroende och nätverk med kunder."], top=3
    )  # English; a sentence
    assert counting.queries == ["paint houses"]  # no gloss for English, no vector for a sentence
    # what link read, as LinkResult.gloss shows it: the short Swedish text's gloss only
    texts = ["bygga förtroende", "paint houses", "Du bygger förtroende och nätverk med kunder."]
    assert linker.glosses(texts) == ["build trust", None, None]
    # a longer phrase (no sentence's end, LinkConfig.e5_phrase_words) is read as a phrase: glossed
    assert linker.glosses(["bygga förtroende och nätverk med kunder"])[0] not in (None, "")
    assert linker.glosses(["bygga förtroende"], kind="occupation") == [None]
    linker.config = replace(linker.config, w_gloss=0.0)
    assert linker.glosses(["bygga förtroende"]) == [None]  # no gloss weight: none read
    linker._query_cache.clear()
    counting.queries.clear()
    without = linker.link(["bygga förtroende"], top=7)[0]
    assert counting.queries == ["bygga förtroende"]
    gloss_part = {c.uri: c.score for c in with_gloss}[TRUST] - {c.uri: c.score for c in without}[TRUST]
    assert gloss_part != 0


def test_agreement_is_the_smaller_of_the_two_e5_readings_and_none_where_either_is_negative() -> None:
    den = np.array([3.0, 0.5, -1.0, 2.0], dtype=np.float32)
    gloss = np.array([2.0, 4.0, 5.0, -0.5], dtype=np.float32)
    found = agreement(den, gloss)
    assert found.dtype == np.float32
    np.testing.assert_allclose(found, [2.0, 0.5, 0.0, 0.0])


def test_where_a_phrase_and_its_gloss_agree_in_e5_the_concept_gains_w_agree(tmp_path: Path) -> None:
    linker = Linker.build(CONCEPTS, cache_dir=tmp_path, config=LinkConfig(static_words=0, w_agree=0.0))

    def scores(text: str, w_agree: float) -> dict[str, float]:
        linker.config = replace(linker.config, w_agree=w_agree)
        return {c.uri: c.score for c in linker.link([text], top=len(CONCEPTS))[0]}

    off, on = scores("bygga förtroende", 0.0), scores("bygga förtroende", 0.5)
    # both the Swedish phrase and "build trust" read *build trust* first: it gains on every other concept
    assert max(on, key=on.__getitem__) == TRUST
    assert all(on[TRUST] - on[uri] >= off[TRUST] - off[uri] for uri in off)
    assert any(on[TRUST] - on[uri] > off[TRUST] - off[uri] + 0.01 for uri in off)
    # the best concept keeps the score it has without the agreement (the floors and confidence read it)
    assert on[TRUST] == pytest.approx(off[TRUST], abs=1e-3)
    # an English text has no gloss, a sentence no e5: neither moves
    assert scores("build trust", 0.0) == scores("build trust", 0.5)
    sentence = "Du bygger förtroende och nätverk med kunder."
    assert scores(sentence, 0.0) == scores(sentence, 0.5)
    assert LinkConfig().w_agree == 0.1


def test_the_table_learns_from_the_english_preferred_label_and_one_alignment(tmp_path: Path) -> None:
    concepts = [
        Concept(
            "urn:test:skill:trust",
            "skill",
            {"en": ["build trust", "establish rapport", "gain confidence"], "sv": ["bygga förtroende"]},
        ),
        Concept("urn:test:skill:houses", "skill", {"en": ["build houses"], "sv": ["bygga hus"]}),
    ]
    linker = Linker.build(concepts, cache_dir=tmp_path, config=LinkConfig.preset("lexical"))
    table = linker.translations
    assert [t for t, _ in table.get("fortroende")] == ["trust"]  # seen once, in the preferred label
    assert all(
        t not in {"rapport", "confidence", "establish", "gain"} for ts in table.table.values() for t, _ in ts
    )


def _lemma(words: Sequence[str]) -> list[str]:
    """A stand-in lemmatizer: plural -er and -ande forms to their base ("skapande" -> "skapa")."""
    out = []
    for w in words:
        if w.endswith("ande"):
            w = w[:-3]
        elif w == "dator":
            w = "data"  # two words, one lemma (as the real Swedish lemmatizer has it)
        out.append(w)
    return out


def test_the_glossary_keys_by_lemma_and_the_word_that_is_its_own_lemma_wins() -> None:
    data = {
        "words": {
            "skapande": ["creation"],
            "skapa": ["create", "build"],
            "dator": ["computer"],
            "data": ["data"],
            "kundtjänst": ["customer service"],
            "två ord": ["two words"],  # not one word: left out
        }
    }
    glossary = Glossary.from_data(data, _lemma, lambda ws: list(ws))
    assert glossary.renderings["skapa"] == ("create", "build")  # not "creation"
    assert glossary.renderings["data"] == ("data",)  # not "computer"
    assert glossary.targets["skapa"] == [("create", 1.0), ("build", GLOSSARY_NEXT)]
    assert glossary.targets["kundtjänst"] == [("customer", 1.0), ("service", 1.0)]
    assert "två" not in glossary and len(glossary) == 3


def test_the_packaged_swedish_glossary_is_well_formed() -> None:
    from kompetens.lang import lang_data

    entries = lang_data("sv", "glossary")["words"]
    assert len(entries) > 500
    for word, english in entries.items():
        assert word == word.lower() and " " not in word, word
        assert 1 <= len(english) <= 3 and all(e == e.lower() and 1 <= len(e.split()) <= 3 for e in english)


ACUMEN = "urn:test:skill:acumen"


def test_the_glossary_glosses_a_word_the_table_lacks_and_keeps_the_tables_pairs(tmp_path: Path) -> None:
    concepts = [*CONCEPTS, Concept(ACUMEN, "skill", {"en": ["apply business acumen"]})]
    linker = Linker.build(concepts, cache_dir=tmp_path / "g", config=LinkConfig.preset("lexical"))
    assert linker.translations.get("affarsmassighet") == []  # no parallel label: the table cannot learn it
    assert linker._gloss(["visa", "affärsmässighet"], "sv") == "show business acumen"
    assert linker.link(["affärsmässighet"], top=1)[0][0].uri == ACUMEN
    # merged: the glossary's "build" and what the table learnt for "bygga" both count
    assert dict(linker._translations_of("bygga", "sv"))["build"] == 1.0
    plain = Linker.build(concepts, cache_dir=tmp_path / "p", config=LinkConfig.preset("lexical", glossary=()))
    assert plain._gloss(["visa", "affärsmässighet"], "sv") == "show affärsmässighet"
    assert plain.link(["affärsmässighet"], top=1)[0][0].uri != ACUMEN


def test_a_lemma_s_merged_translations_are_kept_and_follow_a_new_table(tmp_path: Path) -> None:
    # stop 43: the glossary's and the table's translations of a lemma merged once (``_translations_of``),
    # merged again where the table or the glossaries are other ones
    linker = Linker.build(CONCEPTS, cache_dir=tmp_path / "m", config=LinkConfig.preset("lexical"))
    first = linker._translations_of("bygga", "sv")
    assert "bygga" in linker._glossaries["sv"] and dict(first)["build"] == 1.0
    assert linker._translations_of("bygga", "sv") is first  # kept
    linker.translations = Translations({"bygga": [("construct", 1.0)]})
    assert dict(linker._translations_of("bygga", "sv"))["construct"] == 1.0
    linker._glossaries = {}
    assert linker._translations_of("bygga", "sv") == [("construct", 1.0)]


HEADLINES = "urn:test:skill:headlines"


class _ReadsEnglish:
    """A language model that reads every text as English (what the trigrams say of a loan-heavy phrase)."""

    def detect(self, tokens: object) -> str:
        return "en"


def test_a_phrase_of_swedish_glossary_words_the_trigrams_read_as_english_is_read_as_swedish(
    tmp_path: Path,
) -> None:
    # stop 44: "formulera catchy rubriker" read as English got no gloss and no Swedish lemmas
    concepts = [*CONCEPTS, Concept(HEADLINES, "skill", {"en": ["write headlines"]})]
    linker = Linker.build(concepts, cache_dir=tmp_path / "l", config=LinkConfig.preset("lexical"))
    linker.langid = _ReadsEnglish()  # type: ignore[assignment]
    assert linker._text_lang(["formulera", "catchy", "rubriker"]) == "sv"
    assert linker._text_lang(["dialog", "med", "intressenter"]) == "sv"
    assert linker._text_lang(["write", "catchy", "headlines"]) == "en"  # English label words outvote
    assert linker._text_lang(["build", "trust"]) == "en"
    assert linker.detect_lang("Formulera catchy rubriker") == "sv"
    # a sentence is left to the trigrams
    assert linker._text_lang(["formulera"] * 9) == "en"


def test_field_words_the_word_table_renders_wrongly_gloss_in_the_field_s_english(tmp_path: Path) -> None:
    # stop 44: the learnt table read "seo" as *optimisation*, "länkar" (the verb "länka") as *all*, "rörlig" as *move*
    linker = Linker.build(CONCEPTS, cache_dir=tmp_path / "f", config=LinkConfig.preset("lexical"))
    assert linker._gloss(["seo"], "sv") == "search engine optimisation"
    assert linker._gloss(["länkar"], "sv") == "link"
    assert linker._gloss(["rörligt", "material"], "sv").startswith("moving ")
    assert linker._gloss(["api"], "sv") == "api"


def test_accents_keep_apart_the_lemmas_that_fold_alike_and_know_another_words_key() -> None:
    """Stop 46: the keys fold å, ä, ö, except where two lemmas as written fold alike; a dictionary word that is
    no lemma but folds to a lemma's key is another word, unless a lemma of that key is ten times as frequent
    (then it reads as that lemma typed without its accents)."""
    zipf = {"ort": 4.3, "ört": 3.0, "oka": 2.3, "öka": 4.8, "här": 6.4, "hår": 4.9}
    accents = Accents.build(
        ["växa", "vaxa", "hår", "ört", "öka", "klagomål", "kund"],
        dictionary=[
            *((word, word) for word in ("här", "ort", "oka", "vaxa", "xyz")),
            *(("kunds", "kund"), ("orter", "ort"), ("klagomal", "klagomål")),
        ],
        zipf=lambda word: zipf.get(word, 0.0),
    )
    assert accents.ambiguous == {"vaxa"}
    keys = [accents.key(x) for x in ("växa", "vaxa", "klagomål", "kund")]
    assert keys == ["växa", "vaxa", "klagomal", "kund"]
    assert accents.others == {"här", "ort"}  # "oka" reads as "öka" typed without its accent
    assert accents.foreign("här") and accents.foreign("ort")
    # lemmas, words typed without accents and misspellings the dictionary lacks find their key
    assert not any(accents.foreign(x) for x in ("hår", "växa", "vaxa", "oka", "klagomal", "klagomäl", "xyz"))
    assert Accents.from_json(json.loads(json.dumps(accents.to_json()))) == accents
    # stop 47: the folded keys that hold two words, where the term index matches with accents as written
    assert accents.keys == {"vaxa", "har", "ort"}
    # a form of one of the key's lemmas is no other word, whatever its frequency ("klagomal" above)
    assert Accents.build(["hår"], dictionary=[("har", "ha")]).others == {"har"}  # no frequencies: every one


ACCENTED = [
    Concept("urn:test:skill:grow", "skill", {"en": ["grow plants"], "sv": ["växa plantor"]}),
    Concept("urn:test:skill:grow2", "skill", {"en": ["grow sales"], "sv": ["växa försäljning"]}),
    Concept("urn:test:skill:wax", "skill", {"en": ["wax floors"], "sv": ["vaxa golv"]}),
    Concept("urn:test:skill:wax2", "skill", {"en": ["wax skis"], "sv": ["vaxa skidor"]}),
    Concept("urn:test:skill:hair", "skill", {"en": ["cut hair"], "sv": ["klippa hår"]}),
    Concept("urn:test:skill:hair2", "skill", {"en": ["wash hair"], "sv": ["tvätta hår"]}),
    Concept("urn:test:skill:grass", "skill", {"en": ["cut grass"], "sv": ["klippa gräs"]}),
    Concept("urn:test:skill:complaints", "skill", {"en": ["handle complaints"], "sv": ["hantera klagomål"]}),
]


@pytest.fixture(scope="module")
def accented(tmp_path_factory: pytest.TempPathFactory) -> Linker:
    return Linker.build(
        ACCENTED, cache_dir=tmp_path_factory.mktemp("acc"), config=LinkConfig.preset("lexical")
    )


def test_the_table_keeps_the_accents_of_lemmas_that_fold_alike(accented: Linker, tmp_path: Path) -> None:
    """Stop 46: "växa" (grow) and "vaxa" (wax) were one key, rendered *wax*; each is its own now, and a word
    whose folded key is another word's ("här": "hår") keeps its Swedish in the gloss and adds no English terms
    to the lexical side, while a word typed without its accents still finds its key ("klagomal")."""
    assert [t for t, _ in accented.translations.get("växa")][:1] == ["grow"]
    assert [t for t, _ in accented.translations.get("vaxa")][:1] == ["wax"]
    assert accented._gloss(["växa"], "sv") == "grow"
    assert accented._gloss(["vaxa"], "sv") == "wax"
    assert accented._gloss(["hår"], "sv") == "hair"
    assert accented._gloss(["här", "hår"], "sv") == "här hair"
    assert accented._gloss(["klagomal"], "sv") == "complaint"
    assert accented._translated(["här"], "sv") == []
    assert accented._translated(["hår"], "sv") != []
    accented.save(tmp_path / "x")
    loaded = Linker.load(tmp_path / "x")
    assert loaded.accents == accented.accents
    assert loaded._gloss(["växa", "här"], "sv") == "grow här"
    (tmp_path / "x" / "link_accents.json").unlink()  # an index built before stop 46: folded keys, as before
    assert Linker.load(tmp_path / "x").accents == {}


def test_a_word_of_the_language_s_own_is_not_read_as_english_by_its_base_form(
    translating: Linker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stop 46: stop 45 read a word the dictionary lacks as the English label word it is spelt like; a word the
    language's lemma table knows is its own word, not English ("god" is *good*; here a fictional "trust")."""
    assert translating._gloss(["bygga", "trusten"], "sv") == "build trust"
    forms = translating._terms.lemmatizer.table.setdefault("sv", {})
    monkeypatch.setitem(forms, "trust", "trust")
    assert translating._gloss(["bygga", "trusten"], "sv") == "build trusten"
