"""Query-side synonym expansion of Swedish texts (``lang/sv/synonyms.json``, link/synonyms.py; issue #11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.lang import lang_data
from kompetens.link import LinkConfig, Linker
from kompetens.link.synonyms import Synonyms
from kompetens.taxonomy.model import Concept

TRUST = "urn:test:skill:trust"
CONTACTS = "urn:test:skill:contacts"
CONCEPTS = [
    Concept(TRUST, "skill", {"en": ["build trust"], "sv": ["bygga upp förtroende"]}),
    Concept(
        "urn:test:skill:keep", "skill", {"en": ["keep users' trust"], "sv": ["behålla brukarnas förtroende"]}
    ),
    Concept("urn:test:skill:show", "skill", {"en": ["show trust"], "sv": ["visa förtroende"]}),
    Concept("urn:test:skill:jewels", "skill", {"en": ["create jewellery"], "sv": ["skapa smycken"]}),
    Concept(CONTACTS, "skill", {"en": ["create contacts"], "sv": ["skapa kontakter"]}),
    Concept("urn:test:skill:network", "skill", {"en": ["build networks"], "sv": ["bygga upp kontakter"]}),
    Concept("urn:test:skill:houses", "skill", {"en": ["build houses"], "sv": ["bygga hus"]}),
]
# Lexical only (no vectors) and no learnt word table: the expansion alone moves these rankings. The Swedish table
# only here; the English one has its own tests below.
CONFIG = LinkConfig.preset("lexical", translate=(), synonyms=("sv",))


@pytest.fixture(scope="module")
def expanding(tmp_path_factory: pytest.TempPathFactory) -> Linker:
    return Linker.build(CONCEPTS, cache_dir=tmp_path_factory.mktemp("syn"), config=CONFIG)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Linker:
    config = LinkConfig.preset("lexical", translate=(), synonyms=())
    return Linker.build(CONCEPTS, cache_dir=tmp_path_factory.mktemp("plain"), config=config)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_tables_are_well_formed(lang: str) -> None:
    data = lang_data(lang, "synonyms")
    assert "_about" in data and data["groups"]
    assert all(0 < g.get("weight", data["weight"]) < 1 for g in data["groups"])
    assert all(len(g["words"]) > 1 for g in data["groups"])
    assert all(len(set(g["words"])) == len(g["words"]) for g in data["groups"])
    assert sum(len(g["words"]) for g in data["groups"]) <= 600  # a few hundred entries at most
    assert "en" in LinkConfig().synonyms and "sv" in LinkConfig().synonyms


RECORDS = "urn:test:skill:records"
ENGLISH = [
    Concept(RECORDS, "skill", {"en": ["record customer inquiries"]}),
    Concept("urn:test:skill:loyalty", "skill", {"en": ["customer loyalty"]}),
    Concept("urn:test:skill:timber", "skill", {"en": ["log timber"]}),
]


def test_english_ad_wording_reaches_esco_s_wording(tmp_path: Path) -> None:
    """ "log" counts as "record", "questions" as "inquiries" (lang/en/synonyms.json), for English texts."""
    english = LinkConfig.preset("lexical", translate=(), synonyms=("en",))
    plain = Linker.build(ENGLISH, cache_dir=tmp_path / "p", config=LinkConfig.preset("lexical", synonyms=()))
    expanding = Linker.build(ENGLISH, cache_dir=tmp_path / "e", config=english)
    text = "log customer questions"
    assert expanding.detect_lang(text) == "en"
    assert plain.link([text], top=1)[0][0].uri != RECORDS
    assert expanding.link([text], top=1)[0][0].uri == RECORDS
    exact = expanding.link(["record customer inquiries"], top=1)[0][0]
    assert exact.uri == RECORDS and exact.score > expanding.link([text], top=1)[0][0].score


def test_expand_matches_words_and_phrases_and_leaves_out_what_the_text_holds() -> None:
    table = Synonyms.from_data(
        {
            "weight": 0.7,
            "groups": [{"words": ["skapa", "bygga upp"]}, {"words": ["ta fram", "utveckla"], "weight": 0.8}],
        },
        lambda ws: list(ws),
    )
    assert table.expand(["skapa", "förtroende"]) == {("bygga", "upp"): 0.7}
    assert table.expand(["bygga", "upp", "nätverk"]) == {("skapa",): 0.7}
    assert table.expand(["ta", "fram", "planer"]) == {("utveckla",): 0.8}
    assert table.expand(["ta", "bort"]) == {}  # half a phrase is no match
    assert table.expand(["skapa", "och", "bygga", "upp"]) == {}  # both members held already


def test_a_synonym_reaches_the_concept_the_plain_wording_misses(expanding: Linker, plain: Linker) -> None:
    assert plain.link(["skapa förtroende"], top=1)[0][0].uri != TRUST
    assert expanding.link(["skapa förtroende"], top=1)[0][0].uri == TRUST


def test_exact_wording_outranks_a_synonym(expanding: Linker) -> None:
    top = expanding.link(["skapa kontakter"], top=2)[0]
    assert top[0].uri == CONTACTS
    assert top[0].score > top[1].score
    exact = expanding.link(["bygga upp förtroende"], top=1)[0][0]
    synonym = expanding.link(["skapa förtroende"], top=1)[0][0]
    assert exact.uri == synonym.uri == TRUST
    assert synonym.score < exact.score


def test_english_texts_are_untouched(expanding: Linker, plain: Linker) -> None:
    for text in ["build trust", "create contacts with customers and build networks", "skapa"]:
        if expanding.detect_lang(text) == "en":
            assert expanding.link([text], top=5) == plain.link([text], top=5)
    assert expanding.link(["you will build trust and create contacts"], top=5) == plain.link(
        ["you will build trust and create contacts"], top=5
    )


def test_each_linker_owns_its_table(expanding: Linker, plain: Linker, tmp_path: Path) -> None:
    assert expanding._synonyms and not plain._synonyms  # no module global: the last linker does not win
    expanding.save(tmp_path / "x")
    loaded = Linker.load(tmp_path / "x")
    assert loaded.config.synonyms == ("sv",)
    assert loaded.link(["skapa förtroende"], top=3) == expanding.link(["skapa förtroende"], top=3)


def test_inflected_forms_of_glossary_and_synonym_words_find_their_entry(
    expanding: Linker, tmp_path: Path
) -> None:
    """The lemmatizer knows the forms of the glossary's and the synonyms' words too, not only of label words:
    "mötesplatser" is no label's word here, but it is the glossary's "mötesplats"."""
    assert expanding._terms.lemmas(["mötesplatser", "kontona"], "sv") == ["motesplats", "konto"]
    config = LinkConfig.preset("lexical", translate=(), synonyms=(), glossary=())
    bare = Linker.build(CONCEPTS, cache_dir=tmp_path / "bare", config=config)
    assert bare._terms.lemmas(["mötesplatser"], "sv") == ["motesplatser"]  # a form no table knows stays


def test_alternatives_are_the_other_members_of_the_groups_holding_a_member_in_order() -> None:
    table = Synonyms.from_data(
        {"groups": [{"words": ["a", "b c", "d"]}, {"words": ["e", "a", "d", "f"]}, {"words": ["b", "g"]}]},
        lambda ws: list(ws),
    )
    assert table.alternatives(("a",)) == [("b", "c"), ("d",), ("e",), ("f",)]
    assert table.alternatives(("b",)) == [("g",)]  # "b c" holds "b" but is another member
    assert table.alternatives(("b", "c")) == [("a",), ("d",)]
    assert table.alternatives(("x",)) == [] and table.alternatives(()) == []
