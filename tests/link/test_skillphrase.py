"""Which tagger phrases are linked (link/skillphrase.py, docs/linking.md "Stop 38"): a cut-off phrase, stop words
alone, or a bare verb that the concept completes with an object the text never wrote, stays unlinked."""

from __future__ import annotations

import pytest

from kompetens.engine import Engine
from kompetens.models import Document


@pytest.fixture(scope="module")
def skill(engine: Engine):  # type: ignore[no-untyped-def]
    return engine.skill_phrases


@pytest.mark.parametrize(
    ("phrase", "lang", "why"),
    [
        ("skriva en", "sv", "cut off"),  # ends in an article
        ("förmåga att", "sv", "cut off"),
        ("bra på att arbeta med andra genom", "sv", "cut off"),
        ("akademisk utbildning inom data-", "sv", "cut off"),  # a compound cut at its hyphen
        ("något för dig?", "sv", "no content"),  # stop words alone
        ("andra", "sv", "no content"),
        ("write a", "en", "cut off"),
        ("ability to", "en", "cut off"),
        ("work with", "en", "cut off"),
        ("följa upp", "sv", None),  # a particle ends a phrasal verb
        ("leda andra", "sv", None),  # an object pronoun ends it (ESCO's *leda andra*)
        ("samarbeta med andra", "sv", None),
        ("utveckla dig själv", "sv", None),
        ("god kommunikation", "sv", None),
        ("kreativ", "sv", None),  # an adjective may name a trait ESCO holds (*think creatively*)
        ("självständigt", "sv", None),  # an adverb too (*work independently*): the linker's call
        ("strukturerad", "sv", None),  # and a participle (*work in an organised manner*)
        ("handledning", "sv", None),
        ("Python", "sv", None),
        ("certifiera dig i AWS?", "sv", None),
        ("follow up", "en", None),
        ("carry out", "en", None),
        ("support each other", "en", None),
        ("project management", "en", None),
        ("IT", "en", None),  # an acronym is no stop word ("it")
        ("experience in IT", "en", None),
    ],
)
def test_a_cut_off_phrase_or_stop_words_alone_are_no_skill_phrase(
    skill, phrase: str, lang: str, why: str | None
) -> None:  # type: ignore[no-untyped-def]
    assert skill.no_skill(phrase, lang) == why


@pytest.mark.parametrize(
    ("phrase", "lang", "verbs"),
    [
        ("agera", "sv", True),
        ("bidrar", "sv", True),  # a present form
        ("göra?", "sv", True),
        ("analysera, sammanställa", "sv", True),
        ("uppdaterade", "sv", False),  # a participle: an adjective here
        ("strukturerad", "sv", False),
        ("leda andra", "sv", False),  # an object pronoun names an object
        ("återställa skador", "sv", False),  # "skador" is the noun "skada"
        ("test", "sv", False),  # a noun as often as the imperative of "testa"
        ("mjukvara", "sv", False),  # no "mjukvarar" is written
        ("handledning", "sv", False),
        ("update", "en", False),  # no English word is taken for a verb alone
        ("updated", "en", False),
    ],
)
def test_a_phrase_of_verbs_alone(skill, phrase: str, lang: str, verbs: bool) -> None:  # type: ignore[no-untyped-def]
    assert skill.verbs_only(phrase, lang) is verbs


@pytest.mark.parametrize(
    ("phrase", "label", "kept"),
    [
        ("agera", "agera inför publik", False),  # the concept adds an object the text never wrote
        ("bidra", "bidra till specialpublikationer", False),
        ("analysera, sammanställa", "sammanställa värderingsrapporter", False),
        ("felsöka", "göra felsökning", True),  # shares no word: another wording, the linker's call
        ("strukturera", "work in an organised manner", True),  # or the other language's
        ("samarbeta", "samarbeta", True),
        ("följa upp", "följa upp", True),
        ("leda andra", "leda andra", True),
        ("stötta kollega", "support colleagues", True),  # names an object: the linker's call
        ("självständigt", "work independently", True),
        ("god kommunikation", "kommunikation", True),
        ("skriva en", "skriva på engelska", False),
        ("lönsamt", "beräkna lönsamhet", False),  # an adverb made to qualify something else
        ("internationellt", "internationell handel", False),
        ("strategiskt", "tänka strategiskt", True),  # the adverb itself
        ("projekt", "projektledning", True),  # a noun is no adverb
    ],
)
def test_which_links_are_kept(skill, phrase: str, label: str, kept: bool) -> None:  # type: ignore[no-untyped-def]
    assert skill.keeps(phrase, label, "sv") is kept


def test_thorough_extraction_links_no_phrase_that_is_no_skill(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cut-off phrase is not asked for a link at all; a bare verb keeps no concept that completes it; a
    phrase with an object keeps its link. Each stays a skill phrase (an unlinked one): the spans do not change.
    With ``filter_phrase_links`` off (``bench/phrase_links.py``'s draw) all three are linked, as before."""
    from kompetens.link import LinkedConcept

    text = "Du har erfarenhet av att zorblaxa maskiner, kan agera snabbt och skriva en rapport."
    wanted = ["zorblaxa maskiner", "agera", "skriva en"]
    spans = [(text.index(p), text.index(p) + len(p)) for p in wanted]
    labels = {
        "zorblaxa maskiner": "operate zorblax machines",
        "agera": "agera inför publik",
        "skriva en": "skriva tal",
    }
    asked: list[str] = []

    def link_phrases(phrases: list[str], *, quick: bool = True) -> list[LinkedConcept | None]:
        asked.extend(phrases)
        return [LinkedConcept(f"urn:test:skill:{len(p)}", labels[p], 3.5) for p in phrases]

    monkeypatch.setattr(type(engine), "can_link_spans", property(lambda self: True))
    monkeypatch.setattr(engine, "link_phrases", link_phrases)
    monkeypatch.setattr(engine.span_tagger, "find", lambda text, lang, lower=None: list(spans))
    doc = Document(source="t", text=text, lang="sv", kind="ad")
    for on in (True, False):
        monkeypatch.setattr(engine, "filter_phrase_links", on)
        engine._phrase_links.clear()
        asked.clear()
        try:
            found = {
                m.text: m.concept.id
                for m in engine.extract(doc, thorough=True).mentions
                if m.method == "span"
            }
        finally:
            engine._phrase_links.clear()
        assert set(wanted) <= set(found), found  # every phrase stays a skill phrase
        linked = {t for t, uri in found.items() if uri.startswith("urn:test:")}
        if on:
            assert "skriva en" not in asked
            assert linked == {"zorblaxa maskiner"}
            assert found["agera"] == "kompetens:span:agera"
        else:
            assert linked == set(wanted)
