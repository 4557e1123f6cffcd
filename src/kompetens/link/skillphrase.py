"""Which span-tagger phrases are skill phrases to link to ESCO (thorough extraction, ``extract --link``).

Of the full linker's links of real-ad phrases judged by hand (``bench/phrase_links.py``), many wrong ones were
no wrong reading of a skill but no skill phrase at all: a cut-off phrase ("skriva en", "akademisk utbildning
inom data-"), or a bare verb that the linker completed with an object the ad never wrote ("agera" -> *agera
inför publik*, "bidra" -> *bidra till specialpublikationer*). ``SkillPhrases`` tells them apart by word-class
cues: the language's stop words (``stopwords.json``), its ``skillphrase.json`` (particles and object pronouns
that may end a phrase, a verb's forms) and the lexicon's lemmas and frequencies. Such a phrase stays an
unlinked skill phrase (its span does not change). An adjective, an adverb or a participle alone is left to the
linker ("självständigt" is *work independently*, "strukturerad" *work in an organised manner*), save an adverb
that the concept makes qualify something else ("lönsamt" -> *beräkna lönsamhet*)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..extract.lemma import Lexicon
from ..lang import LANGUAGES, lang_data

_WORDS = re.compile(r"[^\W\d_]+")
_TRAILING = " \t\n.,;:!?)\"'”’"
_VERB_MEMO = 100_000


@lru_cache(maxsize=8)
def _data(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, Any]]:
    """``lang``'s stop words, the stop words that may end a phrase (particles), its object pronouns, and its
    ``skillphrase.json``."""
    stop = frozenset(w.lower() for w in lang_data(lang, "stopwords").get("words", []))
    data = lang_data(lang, "skillphrase")
    particles = frozenset(w.lower() for w in data.get("particles", []))
    objects = frozenset(w.lower() for w in data.get("objects", []))
    return stop, particles, objects, data


def _form(lemma: str, strip: str, add: str) -> str | None:
    if not lemma.endswith(strip):
        return None
    return lemma[: len(lemma) - len(strip)] + add


class SkillPhrases:
    """Word-class tests of a phrase of ``lang`` over one lexicon (``Engine.skill_phrases``)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._verbs: dict[tuple[str, str], bool] = {}

    def is_verb(self, word: str, lang: str) -> bool:
        """Whether the lowercased ``word`` is an infinitive, a present or a passive form of a verb (one of its
        lemma's ``verb_forms``, the lemma ending in ``verb_lemma_ending``) whose present form (``present_forms``) is a known word of that lemma: "agera",
        "bidrar", "hanteras"; not "strukturerad" (a participle: an adjective here), not "mjukvara" (no
        "mjukvarar" is written). False for a language without verb forms (English)."""
        key = (word, lang)
        found = self._verbs.get(key)
        if found is None:
            if len(self._verbs) > _VERB_MEMO:
                self._verbs.clear()
            found = self._verbs[key] = self._verb(word, lang)
        return found

    def _verb(self, word: str, lang: str) -> bool:
        data = _data(lang)[3]
        forms = data.get("verb_forms", [])
        if not forms or not word.isalpha():
            return False
        lemma = self.lexicon.lemma(word, lang)
        if not lemma.endswith(data.get("verb_lemma_ending", "")):
            return False  # "hr", "rörelse": no Swedish infinitive
        if word not in {_form(lemma, strip, add) for strip, add in forms}:
            return False
        for strip, add in data.get("present_forms", []):
            present = _form(lemma, strip, add)
            if (
                present is not None
                and present != lemma
                and self.lexicon.lemma(present, lang) == lemma
                and self.lexicon.zipf(present, lang) > 0
            ):
                return True
        return False

    def no_skill(self, phrase: str, lang: str) -> str | None:
        """Why ``phrase`` is no skill phrase to link ("cut off": it ends in a hyphen or in a stop word that is
        no particle nor object pronoun; "no content": stop words alone), or None where it may be one (a phrase
        of verbs alone too: ``verbs_only``). A language without data: None."""
        if lang not in LANGUAGES:
            return None
        stop, particles, objects, _ = _data(lang)
        text = phrase.strip().rstrip(_TRAILING)
        if text.endswith(("-", "–")):
            return "cut off"
        # an acronym is no stop word: "IT" is no English "it"
        words = [w.lower() if not (w.isupper() and len(w) > 1) else "" for w in _WORDS.findall(text)]
        if not words:
            return None
        if all(w in stop for w in words):
            return "no content"
        last = words[-1]
        if last in stop and last not in particles and last not in objects:
            return "cut off"
        return None

    def verbs_only(self, phrase: str, lang: str) -> bool:
        """Whether ``phrase``'s words are verbs (``is_verb``) and stop words alone, one verb at least ("agera",
        "analysera, sammanställa"): it names no object (an object pronoun, "leda andra", is one)."""
        if lang not in LANGUAGES:
            return False
        stop, _, objects, _ = _data(lang)
        words = _WORDS.findall(phrase.lower())
        if any(w in objects for w in words):
            return False
        verbs = [w for w in words if w not in stop and self.is_verb(w, lang)]
        return bool(verbs) and all(w in stop or w in verbs for w in words)

    def completes(self, phrase: str, label: str, lang: str) -> bool:
        """Whether the concept ``label`` holds a word of ``phrase`` and a word the phrase lacks (by word or
        lemma, stop words of either language aside): "agera inför publik" for "agera". A label that shares no
        word is another wording, or the other language's ("felsöka" -> *göra felsökning*, "strukturera" ->
        *work in an organised manner*): the linker's call."""
        own = set(_WORDS.findall(phrase.lower()))
        own |= {self.lexicon.lemma(w, lang) for w in own}
        stops = frozenset().union(*(_data(code)[0] for code in LANGUAGES))
        shared = added = False
        for w in _WORDS.findall(label.lower()):
            if w in stops:
                continue
            if w in own or self.lexicon.lemma(w, lang) in own:
                shared = True
            else:
                added = True
        return shared and added

    def adverb(self, phrase: str, lang: str) -> tuple[str, str] | None:
        """``(adverb, its lemma)`` where ``phrase``'s one content word is an adverb made of an adjective
        ("lönsamt" of "lönsam": the lemma, ending in a consonant, with one of ``adverb_endings`` put on); else
        None."""
        stop, _, _, data = _data(lang)
        content = [w for w in _WORDS.findall(phrase.lower()) if w not in stop]
        if len(content) != 1:
            return None
        word = content[0]
        lemma = self.lexicon.lemma(word, lang)
        for ending in data.get("adverb_endings", []):
            if word == lemma + ending and lemma[-1:].isalpha() and lemma[-1] not in "aeiouyåäöé":
                return word, lemma
        return None

    def qualifies(self, phrase: str, label: str, lang: str) -> bool:
        """Whether the concept ``label`` turns ``phrase``, an adverb alone, into a word that qualifies
        something else: it holds another word starting with the adverb's lemma and a further word
        ("lönsamt" -> *beräkna lönsamhet*, "internationellt" -> *internationell handel*); not *tänka
        strategiskt* (the adverb itself), nor a label that shares nothing (*work independently*)."""
        found = self.adverb(phrase, lang)
        if found is None:
            return False
        word, lemma = found
        words = [w for w in _WORDS.findall(label.lower()) if w not in _data(lang)[0]]
        if word in words:
            return False
        return any(w.startswith(lemma) for w in words) and len(words) > 1

    def keeps(self, phrase: str, label: str | None, lang: str) -> bool:
        """Whether a link of ``phrase`` to the concept labelled ``label`` (as matched) is kept: the phrase is a
        skill phrase (``no_skill``), and a phrase of verbs alone links to no concept that completes it with
        an object (``completes``)."""
        if self.no_skill(phrase, lang) is not None:
            return False
        if label is None:
            return True
        if self.verbs_only(phrase, lang) and self.completes(phrase, label, lang):
            return False
        return not self.qualifies(phrase, label, lang)
