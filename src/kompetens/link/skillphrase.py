"""Which span-tagger phrases are skill phrases to link to ESCO (thorough extraction, ``extract --link``).

Of the full linker's links of real-ad phrases judged by hand (``bench/phrase_links.py``), most wrong ones were no
wrong reading of a skill but no skill at all: a cut-off phrase ("skriva en", "akademisk utbildning inom data-"),
an adverb ("lönsamt", "speciellt"), a bare verb that the linker completed with an object the ad never wrote
("agera" -> *agera inför publik*, "bidra" -> *bidra till specialpublikationer*). ``SkillPhrases`` tells them
apart by word-class cues: the language's stop words (``stopwords.json``), its ``skillphrase.json`` (particles,
adverb endings, how a verb's present form is made) and the lexicon's lemmas. Such a phrase stays an unlinked
skill phrase (its span does not change)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..extract.lemma import Lexicon
from ..lang import LANGUAGES, lang_data

_WORDS = re.compile(r"[^\W\d_]+")
_TRAILING = " \t\n.,;:!?)\"'”’"


@lru_cache(maxsize=8)
def _data(lang: str) -> tuple[frozenset[str], frozenset[str], dict]:  # type: ignore[type-arg]
    stop = frozenset(w.lower() for w in lang_data(lang, "stopwords").get("words", []))
    data = lang_data(lang, "skillphrase")
    return stop, frozenset(w.lower() for w in data.get("particles", [])), data


class SkillPhrases:
    """Word-class tests of a phrase of ``lang`` over one lexicon (``Engine.skill_phrases``)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._verbs: dict[tuple[str, str], bool] = {}

    def is_verb(self, word: str, lang: str) -> bool:
        """Whether the lowercased ``word`` is a form of a verb: its lemma ends in ``verb_lemma_ending`` and has a
        present form (``present_forms``) whose lemma it is ("agera": "agerar"; "göra": "gör"; "uppdaterade":
        "uppdatera"). Where ``inflected_verb_only``, the word must differ from its lemma ("updated", not
        "update": an English bare word names a thing as often)."""
        key = (word, lang)
        found = self._verbs.get(key)
        if found is None:
            found = self._verbs[key] = self._verb(word, lang)
            if len(self._verbs) > 100_000:
                self._verbs.clear()
        return found

    def _verb(self, word: str, lang: str) -> bool:
        _, _, data = _data(lang)
        if not data:
            return False
        lemma = self.lexicon.lemma(word, lang)
        if word != lemma and word.endswith(tuple(data.get("noun_endings", []))):
            return False  # "skador": a plural of the noun "skada", no form of the verb
        if data.get("inflected_verb_only") and lemma == word:
            return False
        ending = data.get("verb_lemma_ending", "")
        if not lemma.endswith(ending) or len(lemma) <= len(ending):
            return False
        if ending and word == lemma[: -len(ending)]:
            return False  # the stem alone: a noun as often ("test", "design": the imperative of "testa")
        for strip, add in data.get("present_forms", []):
            if lemma.endswith(strip):
                form = lemma[: len(lemma) - len(strip)] + add
                if form != lemma and self.lexicon.lemma(form, lang) == lemma:
                    return True
        return False

    def is_adverb(self, word: str, lang: str) -> bool:
        """Whether ``word`` is an adverb made of an adjective ("lönsamt" of "lönsam", "quickly" of "quick"):
        a known word ending in a consonant with one of ``adverb_endings`` put on; in Swedish that word is also
        the form's lemma (``adverb_lemma_is_base``), in English the adverb is its own lemma."""
        _, _, data = _data(lang)
        lemma = self.lexicon.lemma(word, lang)
        for ending in data.get("adverb_endings", []):
            if not word.endswith(ending) or len(word) <= len(ending) + 2:
                continue
            base = word[: -len(ending)]
            if base[-1] in "aeiouyåäöé":
                continue
            if data.get("adverb_lemma_is_base"):
                if lemma == base:
                    return True
            elif (
                lemma == word and self.lexicon.lemma(base, lang) == base and self.lexicon.zipf(base, lang) > 0
            ):
                return True
        return False

    def no_skill(self, phrase: str, lang: str) -> str | None:
        """Why ``phrase`` is no skill phrase to link ("cut off", "no content"), or None where it may be one
        (a phrase of verbs alone too: ``verbs_only``). A language without data: None."""
        if lang not in LANGUAGES:
            return None
        stop, particles, _ = _data(lang)
        text = phrase.strip().rstrip(_TRAILING)
        if text.endswith(("-", "–")):
            return "cut off"
        words = _WORDS.findall(text.lower())
        if not words:
            return None
        if words[-1] in stop and words[-1] not in particles and len(words) > 1:
            return "cut off"
        if all(w in stop or self.is_adverb(w, lang) for w in words):
            return "no content"
        return None

    def verbs_only(self, phrase: str, lang: str) -> bool:
        """Whether ``phrase``'s words are verbs, stop words and adverbs alone, one verb at least ("agera",
        "analysera, sammanställa", "hanteras effektivt"): it names no object."""
        if lang not in LANGUAGES:
            return False
        stop, _, _ = _data(lang)
        words = _WORDS.findall(phrase.lower())
        verbs = [w for w in words if w not in stop and self.is_verb(w, lang)]
        return bool(verbs) and all(w in stop or w in verbs or self.is_adverb(w, lang) for w in words)

    def adds_words(self, phrase: str, label: str, lang: str) -> bool:
        """Whether the concept ``label`` holds a word that ``phrase`` lacks (by word or lemma, stop words of
        either language aside): "agera inför publik" for "agera"."""
        own = {w for w in _WORDS.findall(phrase.lower())}
        own |= {self.lexicon.lemma(w, lang) for w in own}
        stops = frozenset().union(*(_data(code)[0] for code in LANGUAGES))
        for w in _WORDS.findall(label.lower()):
            if w in stops or w in own:
                continue
            if lang in LANGUAGES and self.lexicon.lemma(w, lang) in own:
                continue
            return True
        return False

    def keeps(self, phrase: str, label: str | None, lang: str) -> bool:
        """Whether a link of ``phrase`` to the concept labelled ``label`` (as matched) is kept: the phrase is a
        skill phrase (``no_skill``), and a phrase of verbs alone links only to a concept that adds nothing
        to it."""
        if self.no_skill(phrase, lang) is not None:
            return False
        return label is None or not (self.verbs_only(phrase, lang) and self.adds_words(phrase, label, lang))
