"""The linker: texts -> ranked taxonomy concepts, from lexical and dense evidence over concept labels.

Every label (preferred and alternative, every language) is one document; a concept scores the best of
its documents (max-pooling). Signals per concept, fused by a weighted sum:

* ``cov``     share of a label's idf-weighted word lemmas found in the text (a whole label inside the
              text scores 1.0, wherever it stands: this is span matching without enumerating spans);
* ``chr``     character 3-5-gram TF-IDF cosine between text and label (spelling variants, compounds);
              for a Swedish text both also read its English gloss against the English labels, at
              ``w_translate`` (a word table learnt from the parallel labels, link/translate.py); its
              words and phrases also count as their synonyms (``lang/sv/synonyms.json``, link/synonyms.py)
              at the group weight, below 1;
* ``static``  cosine between the text's static vector (e5 word vectors summed, ~0.1 ms) and the
              label's e5 vector plus that against the label's own static vector, each divided by
              its typical spread (one matrix product for both);
* ``den``     e5 cosine between the text (and each of its phrase chunks) and the label; e5 costs
              ~70 ms a sentence, so only texts whose lexical + static ranking is ambiguous get it
              (``LinkConfig.e5_gate``: none by default, all for the most accurate mode), and for
              them it replaces ``static``.

Vector signals are z-scored per text because their cosines sit in a narrow band.
"""

from __future__ import annotations

import functools
import json
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

from kompetens.errors import Code, KompetensError, TaxonomyError
from kompetens.lang import LANGUAGES, lang_data
from kompetens.link.embed import E5Embedder, Embedder, Progress, Vectors, embed_texts
from kompetens.link.index import FloatArray, InvertedIndex, LanguageIndexes, TermQuery, summed
from kompetens.link.langid import TrigramLangId
from kompetens.link.packaged import packaged_vectors
from kompetens.link.quick import COMPILED as QUICK_COMPILED
from kompetens.link.quick import (
    GlossEntry,
    OwnTerms,
    WordTerms,
    char_queries_of_ids,
    gloss_entry,
    gloss_query,
    gram_ids,
    own_terms,
    probe_stats,
    static_add,
    term_query,
    walk_select,
)
from kompetens.link.sparse import LexicalQueries, Scratch, fuse_parts, pool_queries
from kompetens.link.sparse import postings as _postings
from kompetens.link.static import MIN_PART, StaticVectors
from kompetens.link.synonyms import FILE as SYNONYMS_FILE
from kompetens.link.synonyms import Synonyms
from kompetens.link.text import (
    CueWords,
    Lemmatizer,
    _lemma_table,
    _simplemma_entries,
    char_ngrams,
    chunks,
    clean,
    fold,
    split_compound,
    strip_cues,
    words,
)
from kompetens.link.translate import GLOSSARY_FILE, Accents, Glossary, Translations, learn
from kompetens.schema import DOCUMENTED
from kompetens.taxonomy.model import Concept

FORMAT_VERSION = 3
"""3: static word vectors (``link_static.npz``) and the fusion weights for them."""
QUERY_BATCH = 64
DENSE_CHARS = 1000
QUERY_CACHE = 4096
"""e5 query vectors kept by text: job ads repeat their boilerplate sentences."""
GATE_RANK = 5
SPREAD_PROBE = 400
PAD_POOL = 8
TOOLS_FILE = "tools.json"
TERMS_FILE = "terms.json"
TITLES_FILE = "titles.json"
TERM_TABLES: dict[str, tuple[str, str]] = {
    "skill": (TERMS_FILE, "terms"),
    "occupation": (TITLES_FILE, "titles"),
}
"""Per link kind, the table of field words that raise a concept by ``w_term``: jargon for ESCO skills, the
field's job titles for occupations ("Sociala medier-ansvarig", "community manager")."""
TERM_ENDINGS = (
    "s",
    "n",
    "t",
    "en",
    "et",
    "na",
    "er",
    "ar",
    "or",
    "erna",
    "arna",
    "orna",
    "ens",
    "ets",
    "ns",
    "ts",
)
"""Endings a term's last word also matches with (Swedish definite and plural forms, English plural): the
lemmatizer does not know the field's compounds ("länkbygget", "metataggarna"); a form no text holds costs
nothing."""
COMPOUND_HEAD_KINDS: tuple[str, ...] = ("skill",)
"""Link kinds whose multi-word terms (``TERM_TABLES``) also match with their last word as the head of a
compound of the text, in a ``split_compounds`` language: "dokumentera kundärenden" holds the term "dokumentera
ärenden". The compound is split as the linker splits it for ``cov`` (``_Terms.parts``: two known lemmas, the
longest known head first: "kund|ärenden"), and its head's lemma must be the term's last word: not a word that
merely ends in it ("infrastruktur" is no compound of known parts, so "god infrastruktur" is not "god
struktur"), nor one where it is the modifier ("ärendehantering"). Such a match adds ``w_term`` but not the
``w_exact`` of a term that is the whole text: the text is not the term as written. Occupations (the field's
titles) keep whole words (not measured for them). bench/link_sv.py, four lists: one tune row more in the top
3 (round 4, "dokumentera kundärenden i systemet"), no check row fewer; MELO and bench/phrase_links.py as
before (docs/linking.md)."""
TOOL_NAME_CHARS = 40
# A sentence's end: a skill text holding one is a sentence, not a phrase (``LinkConfig.e5_phrase_words``).
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
"""No name in ``tools.json`` is longer (a test checks it): a longer phrase is no tool's name."""
STRIP_KINDS = ("skill",)
STRIP_WORDS = 8
"""Skill texts of at most this many words lose their requirement wording before linking ("goda kunskaper i
Excel" is linked as "Excel": ``text.strip_cues``); a longer text is a sentence and keeps it."""
E5_BLOCK = 128
"""Query vectors per matrix product with the label vectors (``Linker._pooled_e5``): 128 x ~36,000 floats."""
PARTS_CACHE = 200_000
MONOLINGUAL_WORDS = 4
TRANSLATE_TO = "en"
TRANSLATE_KINDS = ("skill",)
"""Kinds linked through the gloss too: 1,955 ESCO skills have no Swedish label, ESCO occupations nearly all have
one (and the JobTech titles), so a Swedish title gains nothing from it (MELO MAP -0.002 with it)."""
GLOSS_CHR_WORDS = 8
"""``chr`` reads the English gloss (each word's best translation) of texts up to this long: phrases and short
lines, where it links by meaning; a sentence's gloss against a short label says little, and its n-grams against
the English labels were a quarter of the lexical time of Swedish sentences."""
"""The label language that ``LinkConfig.translate`` texts are translated into (ESCO's own)."""
FUZZY_MIN = 6
LinkKind = Literal["skill", "occupation"]
_T = TypeVar("_T", bound=Hashable)
_Derived = TypeVar("_Derived")
TermIndex = dict[str, list[tuple[tuple[str, ...], int]]]
"""A kind's field-term index (``Linker._build_term_index``): first word -> (a term's words, the group of its first concept)."""
SpanFinder = Callable[[str, str], Sequence[tuple[int, int]]]
"""A skill-phrase finder for span fusion: ``(text, lang) -> [(start, end)]`` character spans."""
SPAN_DEPTH = 100
"""Candidates per sentence and per phrase that span fusion fuses (as bench/link_cv.py chose them)."""
SPAN_LANGS = ("en", "sv")
"""Languages the span tagger reads; other texts are tagged as English."""
QUICK_DEPTH = 64
"""``link_quick``: the best concepts by lexical score (and boosts) that get a static score."""
QUICK_BEST_DEPTH = 32
"""``link_quick(top=1)`` (thorough extraction): the best concepts by lexical score that get a static score, where
one answer is asked (stop 44: the best concept and its score the same as with ``QUICK_DEPTH`` for every phrase
that reaches the quick floor, 1.6, among the dev postings' 1,103 phrases and the first 300 real ads' 5,395;
``link_quick`` ~1.05x)."""
QUICK_PROBE = 512
"""``link_quick``: concepts whose static scores estimate a text's row mean and spread."""
KINDS: dict[str, tuple[str, ...]] = {
    "skill": ("skill", "jobtech-skill"),
    # ISCO-08 groups too: a Swedish title often names the group ("Sjuksköterskor"), and the crosswalk links it.
    "occupation": ("occupation", "occupation-group", "jobtech-occupation"),
}


class Candidate(NamedTuple):
    """One linked concept: its URI, its preferred label in the text's language, and the fused score."""

    uri: str
    label: str
    score: float

    def linked(self) -> LinkedConcept:
        return LinkedConcept(self.uri, self.label, self.score)


@dataclass(frozen=True, slots=True)
class LinkedConcept:
    """One linked concept as ``kompetens link --json`` writes it."""

    __pydantic_config__ = DOCUMENTED

    id: str
    """ESCO (or JobTech) URI."""
    label: str
    """Preferred label in the text's language, else English."""
    score: float
    """The fused score: higher is better; comparable within one text."""
    confidence: float | None = None
    """How likely this is a right link (0..1), from ``score`` by the calibrated curves of
    ``link.confidence`` (``kompetens link``: the first three skills of a text of up to five words, not
    span-fused, the 2nd and 3rd by their own curve; docs/linking.md "Confidence"); null where no judged data
    backs a figure (a 4th or later concept, a longer text, a fused ranking, an occupation, a score below the
    judged range)."""


@dataclass(frozen=True, slots=True)
class LinkResult:
    """A text and its concepts, best first: the ``kompetens link --json`` item."""

    __pydantic_config__ = DOCUMENTED

    input: str
    """The text as given."""
    candidates: list[LinkedConcept]
    gloss: str | None = None
    """The English gloss the linker also read for a short Swedish skill text (each word's glossary rendering
    or learnt translation, else a synonym's: "skapa förtroende" -> "create trust"); null where it read none."""
    terms: list[str] = field(default_factory=list)
    """The tool names and field terms found in the text (``link/data/tools.json``, ``terms.json``; as the
    text's words, lower case: "power bi", "länkbyggande"), each of which raised the concept it stands for."""
    phrases: list[str] = field(default_factory=list)
    """The skill phrases found in the text whose rankings were fused with its own (span fusion, the
    default for a skill text of more than five words). Where there are any, each candidate's ``score`` is
    its fusion score (about 0.1-0.5: ranks, not strength); where there are none, the linker's own score
    (about 1.2 or more for a plausible match)."""


@dataclass(slots=True)
class LinkConfig:
    """Fusion weights and limits; the defaults were chosen on the validation sets (docs/linking.md).

    The speed/accuracy trade-off is ``e5_gate``: a text whose lexical + static ranking has its 1st
    and 5th candidate closer than this gets an e5 query vector instead. ``0`` (default, ``fast``)
    embeds no text: >= 200 sentences/s on 2 cores. ``math.inf`` (``full``) embeds every text: a few
    points more accurate and ~15x slower. See :meth:`preset`.
    """

    w_cov: float = 1.0
    w_chr: float = 1.0
    w_static: float = 0.1
    # The static stand-in's weight for a skill text that ``link`` scores without e5 (a sentence: more than
    # ``e5_phrase_words`` words, or one that ends a sentence); ``w_static`` stays for quick linking and the other
    # kinds. Chosen by k-fold cross-validation over Decorte TECH / HOUSE validation and the four phrase lists'
    # tune halves (bench/link_cv.py --rerank, docs/linking.md "Stop 37"): 0.2 in all 20 held-out folds, TECH /
    # HOUSE RP@5 67.38 / 50.29 -> 70.44 / 53.23 (mean of folds), the phrase lists within a row.
    w_static_skill: float = 0.2
    w_den: float = 0.2
    w_chunk: float = 0.0  # e5 phrase chunks: +2 RP@5 on TECH, -1 on HOUSE, at 2-5x the embedding cost
    e5_gate: float = 0.0
    # Texts of at most this many words get an e5 query vector whatever the gate: a skill phrase or a job title
    # ("skapa förtroende", "bygga nätverk") links by meaning across languages where words and the static
    # stand-in miss, at ~10-15 ms a phrase; sentences keep the fast path.
    e5_words: int = 5
    # A skill text of up to this many words that reads as a phrase, not a sentence (no ".", "!" or "?" ending
    # a sentence: a requirement or duty as ads list it, "planera och publicera inlägg på våra sociala konton"),
    # gets the e5 vector (and the English gloss) too; it keeps span fusion, as any text longer than
    # ``e5_words``. Real-ad wording is longer than ESCO's: on the tune halves of the phrase lists, 6-8-word
    # phrases hit the top 3 far less often than shorter ones without e5 (round 4: 7 of 18). Chosen on the
    # tune halves (bench/link_sv.py, docs/linking.md "Stop 36"): 8 and 12 gave the same tune figures; 8 is
    # the requirement-wording limit (``STRIP_WORDS``) and embeds fewer sentences. 0: off.
    e5_phrase_words: int = 8
    # The kinds whose short texts get that e5 vector. Job titles do better without it: MELO MAP (tune /
    # check, bench/melo_cli.py) 0.874 / 0.871 with it, 0.886 / 0.883 without (their lexical and static
    # signals already find the title; e5 pulls in near occupations).
    e5_kinds: tuple[str, ...] = ("skill",)
    dense: bool = True  # False: no vectors at all (lexical only); build time too
    max_chunks: int = 8
    # Character n-grams in more than this share of labels are skipped: they weigh little (low idf)
    # and their long postings were half the lexical cost; with vector signals the result is unchanged.
    max_df_chr: float = 0.01
    # Alternative labels per concept and language that get vectors: 0 (preferred labels only) was as
    # good on the validation sets and cuts the build from ~100k to ~22k label embeddings.
    max_alt_dense: int | None = 0
    # Frequent words per label language (wordfreq) that get static vectors besides the label words. Setup
    # embeds those the package's vectors lack (wordfreq's lists are not shipped): 10,000 a language gives
    # ~11k words (~1.5 min), 30,000 ~40k (~5 min); Decorte TECH / HOUSE RP@5 70.31 / 50.68 with 10,000
    # against 70.31 / 49.04 with 30,000, Swedish phrases top 3 71.1 / 78.6 % against 72.2 / 78.6 %.
    static_words: int = 10000
    # Lexical matching without diacritics ("klagomal" finds "klagomål"): lemmas and character n-grams of
    # labels and texts alike. An index saved without these fields was built without them (see _config).
    fold_accents: bool = True
    # Languages whose words also count as their compound parts in ``cov``, on labels and texts alike
    # ("sökmotoroptimering" -> sökmotor + optimering, "kundklagomål" -> kund + klagomål).
    split_compounds: tuple[str, ...] = ("sv",)
    # Languages whose unknown words (6 letters or more) also count as the label lemma one letter away
    # (missing, extra, or another letter: "pressmedelanden" -> pressmeddelande).
    fuzzy_words: tuple[str, ...] = ("sv",)
    # A text read as one of these languages is matched against labels in its own language only: the
    # Swedish labels must not move English results (a Swedish text still meets English labels, where
    # ESCO has no Swedish one and for loanwords like "copywriting").
    monolingual: tuple[str, ...] = ("en",)
    # Languages whose texts also meet the English labels through their English gloss: the table translations
    # of their lemmas (a word table learnt at build from the concepts' parallel labels, link/translate.py),
    # scored by ``cov`` (each at its table weight) and ``chr`` like an English text, at ``w_translate``: a
    # Swedish text meets English labels by meaning ("arbeta självständigt" -> work independently).
    translate: tuple[str, ...] = ("sv",)
    w_translate: float = 0.7
    # Languages whose hand-written ``lang/<code>/glossary.json`` (words of job ads and their English in ESCO's
    # wording, link/translate.py ``Glossary``) stands before the learnt table in the gloss, for the words it
    # has: the learnt table is noisy on rare words ("empati" -> woman).
    glossary: tuple[str, ...] = ("sv",)
    # Languages whose texts are expanded by their ``lang/<code>/synonyms.json`` (link/synonyms.py): a word or
    # phrase of the text in a group also counts in ``cov`` as the group's other members at the group's weight
    # (below 1: exact wording wins), and, with ``translate``, as their English gloss. Query side only. English
    # (``lang/en/synonyms.json``): ad wording against ESCO's ("log" / "record", "track" / "monitor").
    synonyms: tuple[str, ...] = ("sv", "en")
    # Span fusion (``Linker.link(..., spans=finder)``, ``kompetens link --spans``): a sentence's ranking fused
    # with the rankings of the skill phrases the span tagger finds in it, by reciprocal-rank fusion
    # (``fuse_ranked``) at this weight and k; both chosen by cross-validation (bench/link_cv.py,
    # docs/linking.md "Weights by cross-validation").
    span_weight: float = 0.5
    span_k: float = 3.0
    # In ``cov`` of a skill text, the compound parts of its words ("marknadsföringsanalys" -> marknadsföring,
    # analys) count at this weight for a label that matches no whole word of the text: a one-word label that
    # is one part of a compound no longer takes a full match ("kommunikationsplaner" -> *kommunikation*),
    # while a label holding the compound itself keeps its parts in full. Swedish phrases, top 3, tune /
    # check (bench/link_sv.py): 76.7 / 78.6 % at 1.0, 76.7 / 81.0 at 0.6, 77.8 / 81.0 at 0.3 (top 1 and 5
    # moved by one tune phrase either way). Occupations keep full parts (not tuned for them; MELO MAP 0.874
    # with full parts, 0.876 with 0.6, both before ``e5_kinds``).
    w_part: float = 0.3
    # A short skill text of a ``translate`` language that gets an e5 vector also gets one for its English
    # gloss (each word's glossary rendering, else its best table translation, the word itself where neither
    # has one: "skapa förtroende" -> "create trust"), its similarity to the English labels added at this
    # weight: the gloss reaches concepts by meaning that the Swedish wording misses in e5-small. Swedish
    # phrases, top 1 / 3 / 5, tune and check (bench/link_sv.py): with the learnt table alone 0.1 was chosen
    # (58.9 / 84.4 / 86.7 and 60.7 / 82.1 / 85.7); with the glossary (lang/sv/glossary.json) 0.2 is chosen
    # on tune from 0.05-0.3 x w_translate 0.5-0.85 (64.4 / 84.4 / 91.1 and 69.0 / 82.1 / 89.3; 0.1 gives
    # 64.4 / 83.3 / 91.1 and 65.5 / 79.8 / 86.9). English texts have no gloss; one more e5 vector per short
    # Swedish skill text (~10 ms).
    w_gloss: float = 0.2
    # Where the text's e5 and its gloss's e5 agree: this times the smaller of the two z-scores (0 where either is
    # negative) is added, so a concept both readings put near the top can pass one that the lexical signals
    # alone favour ("insikt i konsumenters beteenden" -> *analyse consumer buying trends*). It reorders only:
    # the text's scores then move down by what the best concept got, so the best scores as without it (the
    # floors and confidence curves were fitted on those scores). The tune halves' top-3 misses of rounds 2
    # and 4 were mostly ranked low (20 of 28 had the gold among the 30 best, 8 did not: docs/linking.md "Stop
    # 39"). Chosen on the four lists' tune halves over 0.05-0.2 (and a floor on the z-score, 0-3; a
    # reciprocal-rank and a product form did less): Swedish top 3 90.0 / 83.1 / 89.4 / 75.7 -> 91.1 / 84.6 /
    # 89.4 / 77.1 % at 0.08-0.12. English texts, sentences and occupations have no gloss: they do not move.
    w_agree: float = 0.1
    # A short skill text of a ``translate`` language that gets e5 also meets the English labels through its
    # e5 vector mapped into the English label space (``link/data/e5_map_<lang>.npy``: a linear map learnt from
    # the taxonomy's own Swedish / English label pairs alone, scripts/train_e5_map.py), its z-scored
    # similarity added at this weight, like the gloss's. 0: off (docs/linking.md "Stop 42").
    w_map: float = 0.0
    # A tool, licence or platform name of ``link/data/tools.json`` in the text ("Excel", "Power BI",
    # "truckkort") adds this to the ESCO concepts it stands for: as much as a label written out in full
    # (cov 1 + chr 1). 0: off.
    w_tool: float = 2.0
    # A term of the field's jargon in ``link/data/terms.json`` ("länkbyggande", "link building", "metataggar",
    # "dashboard") in the text, matched on lemmas as whole words in order, adds this to the ESCO concept it
    # stands for: e5-small does not know the jargon ("link building" -> *design buildings*). 0: off.
    w_term: float = 2.0
    # The other skills a field term stands for (``terms.json`` lists 1-3 a term; the first gets ``w_term``) each
    # get this: "konsumentbeteende" is *analyse consumer buying trends* first and *customer insight* too, and
    # where the text's reading leans to the second the boost no longer holds the first above it alone. Chosen on
    # the eight phrase lists' tune halves (0.5 / 1.0 / 1.5 / 2.0; docs/linking.md "Stop 47"). 0: off.
    w_term_more: float = 1.0
    # A text that is a label as written (case, diacritics and spacing aside: "Social media manager",
    # "Kundtjänstmedarbetare") adds this to the concepts with that label: a job title the taxonomy names
    # exactly is that occupation, not one of its one-word neighbours ("manager", the Swedish label of
    # *talent agent*). 0: off.
    w_exact: float = 2.0
    # A skill phrase (a text that gets the e5 phrase vector: up to ``e5_phrase_words`` words, no sentence end)
    # adds this to the field's own skills: the ESCO skills that ``terms.json`` and ``tools.json``, the field's
    # jargon and tools written blind from social-media and digital-communication ads, stand for (553). An ad's
    # duty read by meaning alone meets neighbours of other trades ("kanaler" as sales channels, "följa upp
    # resultat" as laboratory results, "hantera utmanande situationer vid fiske"); the prior is what a recruiter of
    # the field knows before reading. Sentences, quick linking and occupations are not read by it. Chosen on the
    # nine phrase lists' tune halves (0.25 / 0.5 / 1.0; docs/linking.md "Stop 48"). 0: off.
    w_field: float = 0.5

    @classmethod
    def preset(cls, name: str, **overrides: object) -> LinkConfig:
        """``fast`` (default), ``gated`` (5-25% of texts get e5), ``full`` (all do) or ``lexical``."""
        if name not in PRESETS:
            raise KompetensError(
                Code.E301, f"unknown linking mode {name!r}; use one of {', '.join(PRESETS)}", field="mode"
            )
        return cls(**{**PRESETS[name], **overrides})  # type: ignore[arg-type]


PRESETS: dict[str, dict[str, object]] = {
    "fast": {},
    "gated": {"e5_gate": 0.1},
    "full": {"e5_gate": math.inf},
    "lexical": {"dense": False, "max_df_chr": 1.0},  # without vectors the frequent n-grams help
}


@dataclass(slots=True)
class _Docs:
    """The label documents, sorted by concept so per-concept pooling is one ``reduceat``."""

    concept: npt.NDArray[np.int32]
    lang: list[str]
    text: list[str]

    def group_starts(self) -> npt.NDArray[np.int64]:
        change = np.flatnonzero(self.concept[1:] != self.concept[:-1]) + 1
        return np.concatenate([[0], change]).astype(np.int64)


_M = TypeVar("_M", bound=Callable[..., Any])


def _warms(method: _M) -> _M:
    """A linking entry point whose first call builds the linker's lazy tables (the exact-label index, the
    tool and term indexes, the label lemmas...): first calls from several threads at once take turns, so
    the tables are built once, not once a thread (4 threads' first ``Engine.link`` took 21 s and 1.7 GB at
    peak against 9.7 s and 0.9 GB from one: hunt hR); later calls take no lock."""

    @functools.wraps(method)
    def wrapper(self: Linker, *args: Any, **kwargs: Any) -> Any:
        name = method.__name__
        if name in self._warmed:
            return method(self, *args, **kwargs)
        with self._warm_lock:
            found = method(self, *args, **kwargs)
            self._warmed.add(name)
        return found

    return wrapper  # type: ignore[return-value]


@dataclass
class Linker:
    """Links texts to concepts. Build once with :meth:`build`, reopen with :meth:`load`."""

    uris: list[str]
    kinds: list[str]
    labels: list[dict[str, str]]
    docs: _Docs
    lemmatizer: Lemmatizer
    words_index: InvertedIndex
    char_index: LanguageIndexes
    langid: TrigramLangId
    config: LinkConfig = field(default_factory=LinkConfig)
    dense_docs: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    dense_vectors: Vectors = field(default_factory=lambda: np.zeros((0, 384), dtype=np.float32))
    static: StaticVectors | None = None
    embedder: Embedder | None = None
    translations: Translations = field(default_factory=Translations)
    accents: dict[str, Accents] = field(default_factory=dict)
    """Per ``translate`` language, where its folded lemmas would make two words one key (stop 46)."""

    def __post_init__(self) -> None:
        self._warm_lock = threading.RLock()  # see _warms
        self._warmed: set[str] = set()
        self._tool_index: (
            dict[str, list[tuple[tuple[str, ...], tuple[int, ...], re.Pattern[str] | None]]] | None
        ) = None
        self._term_index: dict[str, dict[str, list[tuple[tuple[str, ...], int]]]] = {}
        # per kind: the term index and ``_term_prefixes`` of it
        self._term_prefixes: dict[
            str, tuple[dict[str, list[tuple[tuple[str, ...], int]]], dict[str, TermPrefixes]]
        ] = {}
        # the folded keys that hold two words, of every language's ``accents`` (``_accents_kept``)
        self._accent_keys: frozenset[str] | None = None
        # per kind: the term index and the ``_term_prefixes`` of its names with their accents (``_accents_kept``)
        self._term_written: dict[str, tuple[TermIndex, dict[str, TermPrefixes]]] = {}
        # per kind: the term index and, per first concept's group, the groups of a term's other concepts
        self._term_more: dict[str, tuple[TermIndex, dict[int, tuple[int, ...]]]] = {}
        self._exact_index: dict[str, list[int]] | None = None
        self._field: npt.NDArray[np.bool_] | None = None  # the groups ``w_field`` raises (``_field_groups``)
        self._uri_group: dict[str, int] | None = None  # a concept's URI -> its group (``_uri_groups``)
        self._starts = self.docs.group_starts()
        self._doc_group = np.searchsorted(self._starts, np.arange(len(self.docs.text)), side="right") - 1
        self._doc_langs = sorted(set(self.docs.lang))
        group_concepts = self.docs.concept[self._starts]
        self._group_concept = group_concepts.astype(np.int64)
        self._dense_groups = (
            _dense_groups(self.docs.concept[self.dense_docs], self._group_concept)
            if len(self.dense_docs)
            else None
        )
        kind_arr = np.array(self.kinds)
        self._terms = _Terms.from_index(
            self.lemmatizer,
            self.words_index,
            fold_accents=self.config.fold_accents,
            split=self.config.split_compounds,
            fuzzy=self.config.fuzzy_words,
        )
        self._synonyms = {
            lang: table for lang in self.config.synonyms if (table := Synonyms.load(lang, self._terms.lemmas))
        }
        self._glossaries = {
            lang: found for lang in self.config.glossary if (found := Glossary.load(lang, self._keys))
        }
        self._synonym_terms: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        # (the translation table, the glossaries, (language, lemma) -> the merged translations of a lemma
        # both hold: ``_translations_of``), rebuilt where either table is another one
        self._merged: tuple[object, object, dict[tuple[str, str], list[tuple[str, float]]]] = (None, None, {})
        # (the translation table, the glossaries, the words index, the accents, per language: token -> None or
        # (its folded lemma, the table's key of it), and key -> its translations as ``gloss_query`` reads them):
        # the per-word tables of the gloss's cov query in C (``_translated``), rebuilt where any is another one
        self._gloss_tables: tuple[
            object,
            object,
            object,
            object,
            dict[str, tuple[dict[str, tuple[str, str] | None], dict[str, GlossEntry]]],
        ] = (None, None, None, None, {})
        # (the terms' maker, per language: token -> its lemma, term, near term and parts' terms): ``_own_terms``
        self._own_tables: tuple[object, dict[str, dict[str, WordTerms]]] = (None, {})
        self._label_table: set[tuple[str, ...]] | None = None
        self._dense_masks: dict[tuple[str, ...], npt.NDArray[np.bool_]] = {}
        self._kind_mask = {k: np.isin(kind_arr[self._group_concept], v) for k, v in KINDS.items()}
        self._static_matrix: Vectors | None = None
        self._probe: tuple[int, npt.NDArray[np.bool_], npt.NDArray[np.int64], Vectors] | None = None
        self._sparse_scratch: Scratch | None = None
        self._char_ids: dict[tuple[str, str], list[int]] = {}  # (language, word) -> its n-grams' ids
        self._word_langs: dict[
            str, tuple[float, ...]
        ] = {}  # word -> its trigrams' log-probability per language
        # concept group -> its row of ``_dense_groups``' members (-1: a concept without vectors)
        self._group_rows = np.full(len(self._starts), -1, dtype=np.int64)
        if self._dense_groups is not None:
            self._group_rows[self._dense_groups[1]] = np.arange(len(self._dense_groups[1]))
        self._query_cache: OrderedDict[str, Vectors] = OrderedDict()
        self.e5_share = (0, 0)
        """(texts embedded with e5, texts linked) since load: what ``e5_gate`` let through."""

    # ----------------------------------------------------------------------------------- building
    @classmethod
    def build(
        cls,
        concepts: Iterable[Concept],
        *,
        cache_dir: Path,
        progress: Progress | None = None,
        config: LinkConfig | None = None,
        embedder: Embedder | None = None,
    ) -> Linker:
        """Index ``concepts``, embed their labels (reusing vectors cached in ``cache_dir``), save, return."""
        config = config or LinkConfig()
        uris, kinds, labels, docs = _collect(concepts)
        if not uris:
            raise TaxonomyError(Code.E200, "no concepts with labels to link to")
        label_words: dict[str, set[str]] = {}
        for text, lang in zip(docs.text, docs.lang, strict=True):
            label_words.setdefault(lang, set()).update(words(text))
        # the glossary's and the synonyms' words get their inflected forms too ("mötesplatser" -> mötesplats)
        lemma_words = {lang: vocab | _query_words(lang, config) for lang, vocab in label_words.items()}
        lemmatizer = Lemmatizer.build(lemma_words, own_forms=config.translate)
        terms = _Terms(
            lemmatizer,
            fold_accents=config.fold_accents,
            split=config.split_compounds,
            fuzzy=config.fuzzy_words,
        )
        for text, lang in zip(docs.text, docs.lang, strict=True):
            if lang in terms.split or lang in terms.fuzzy:
                terms.known.setdefault(lang, set()).update(terms.lemmas(words(text), lang))
        _add_term_forms(lemmatizer, terms, lemma_words, config)
        words_index = InvertedIndex.build(
            [terms.tagged(words(t), lang) for t, lang in zip(docs.text, docs.lang, strict=True)],
            scheme="coverage",
            groups=docs.lang,  # terms are tagged by language: idf within the label's language
        )
        char_index = LanguageIndexes.build(
            [terms.chars(words(t)) for t in docs.text], docs.lang, scheme="tfidf"
        )
        accents = _accents(docs, lemmatizer, config) if config.fold_accents else {}
        translations = _learn_translations(docs, terms, config.translate, accents)
        by_lang: dict[str, list[list[str]]] = {}
        for text, lang in zip(docs.text, docs.lang, strict=True):
            by_lang.setdefault(lang, []).append(words(text))
        langid = TrigramLangId.build(by_lang)
        dense_docs = (
            _dense_subset(docs, config.max_alt_dense) if config.dense else np.zeros(0, dtype=np.int64)
        )
        vectors = np.zeros((0, 384), dtype=np.float32)
        static = None
        if config.dense:
            # The package's own e5 vectors (link/packaged.py) stand in for the default model only.
            shipped: tuple[dict[str, Vectors], dict[str, Vectors]] = (
                packaged_vectors() if embedder is None else ({}, {})
            )
            embedder = embedder or E5Embedder()
            texts = [docs.text[i] for i in dense_docs]
            # Read what a previous build embedded before save() below overwrites it.
            known = shipped[0] | _load_known_vectors(cache_dir)
            known_words = shipped[1] | _load_known_words(cache_dir)
            words_step, labels_step = _two_step_progress(progress, sum(t not in known for t in texts))
            static = StaticVectors.build(
                label_words, embedder, frequent=config.static_words, known=known_words, progress=words_step
            )
            vectors = embed_texts(embedder, texts, known=known, progress=labels_step)
        linker = cls(
            uris,
            kinds,
            labels,
            docs,
            lemmatizer,
            words_index,
            char_index,
            langid,
            config,
            dense_docs,
            vectors,
            static,
            accents=accents,
        )
        linker.embedder = embedder if config.dense else None
        linker.translations = translations
        linker.save(cache_dir)
        return linker

    def save(self, cache_dir: Path) -> None:
        """Write the index to ``cache_dir`` (label vectors as float16 ``.npy``)."""
        cache_dir.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT_VERSION,
            "uris": self.uris,
            "kinds": self.kinds,
            "labels": self.labels,
            "doc_lang": self.docs.lang,
            "doc_text": self.docs.text,
            "langid": self.langid.to_json(),
            "config": asdict(self.config),
        }
        (cache_dir / "link_meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        np.save(cache_dir / "link_doc_concept.npy", self.docs.concept)
        lemmas = json.dumps(self.lemmatizer.table, ensure_ascii=False)
        (cache_dir / "link_lemmas.json").write_text(lemmas, encoding="utf-8")
        self.words_index.save(cache_dir / "link_words.npz")
        self.char_index.save(cache_dir / "link_chars.npz")
        np.save(cache_dir / "link_dense_docs.npy", self.dense_docs)
        np.save(cache_dir / "link_dense.npy", self.dense_vectors.astype(np.float16))
        translate_path = cache_dir / "link_translate.json"
        if self.translations:
            table = json.dumps(self.translations.to_json(), ensure_ascii=False)
            translate_path.write_text(table, encoding="utf-8")
        else:
            translate_path.unlink(missing_ok=True)
        accents_path = cache_dir / "link_accents.json"
        if self.accents:
            found = {lang: accents.to_json() for lang, accents in self.accents.items()}
            accents_path.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        else:
            accents_path.unlink(missing_ok=True)
        static_path = cache_dir / "link_static.npz"
        if self.static is not None:
            self.static.save(static_path)
        else:
            static_path.unlink(missing_ok=True)

    @classmethod
    def load(cls, cache_dir: Path, *, embedder: Embedder | None = None) -> Linker:
        """Reopen a linker saved by :meth:`build`."""
        meta_path = cache_dir / "link_meta.json"
        if not meta_path.is_file():
            raise TaxonomyError(
                Code.E200, "the linking index is not built; run `kompetens setup`", source=str(cache_dir)
            )
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TaxonomyError(
                Code.E201, f"the linking index is damaged ({exc}); rebuild it", source=str(cache_dir)
            ) from exc
        found = meta.get("format") if isinstance(meta, dict) else None
        if found != FORMAT_VERSION:
            raise TaxonomyError(
                Code.E201,
                f"the linking index has format {found}, this version reads {FORMAT_VERSION}; "
                "rebuild it with `kompetens setup`",
                source=str(cache_dir),
            )
        try:
            static_path = cache_dir / "link_static.npz"
            docs = _Docs(np.load(cache_dir / "link_doc_concept.npy"), meta["doc_lang"], meta["doc_text"])
            accents_path = cache_dir / "link_accents.json"
            accents = (
                {
                    str(lang): Accents.from_json(found)
                    for lang, found in json.loads(accents_path.read_text(encoding="utf-8")).items()
                }
                if accents_path.is_file()
                else {}
            )
            linker = cls(
                meta["uris"],
                meta["kinds"],
                meta["labels"],
                docs,
                Lemmatizer(json.loads((cache_dir / "link_lemmas.json").read_text(encoding="utf-8"))),
                InvertedIndex.load(cache_dir / "link_words.npz"),
                LanguageIndexes.load(cache_dir / "link_chars.npz"),
                TrigramLangId.from_json(meta["langid"]),
                _config(meta["config"]),
                np.load(cache_dir / "link_dense_docs.npy"),
                np.load(cache_dir / "link_dense.npy").astype(np.float32),
                StaticVectors.load(static_path) if static_path.is_file() else None,
                accents=accents,
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise TaxonomyError(
                Code.E201, f"the linking index is damaged ({exc}); rebuild it", source=str(cache_dir)
            ) from exc
        translate_path = cache_dir / "link_translate.json"
        if translate_path.is_file():
            try:
                linker.translations = Translations.from_json(
                    json.loads(translate_path.read_text(encoding="utf-8"))
                )
            except (OSError, ValueError, TypeError) as exc:
                raise TaxonomyError(
                    Code.E201, f"the linking index is damaged ({exc}); rebuild it", source=str(cache_dir)
                ) from exc
        if linker.config.dense and len(linker.dense_docs):
            linker.embedder = embedder or E5Embedder()
        return linker

    # ------------------------------------------------------------------------------------ linking
    @_warms
    def link(
        self,
        texts: Sequence[str],
        *,
        top: int = 5,
        kind: LinkKind = "skill",
        lang: str | None = None,
        spans: SpanFinder | None = None,
    ) -> list[list[Candidate]]:
        """The ``top`` concepts of ``kind`` for each text; an empty or wordless text gets ``[]``.

        With ``spans`` (a skill-phrase finder: ``(text, lang) -> [(start, end)]`` character spans, e.g.
        ``SpanTagger.find``), each text longer than ``e5_words`` words also has the phrases found in it
        linked by quick linking (``link_quick``), and its ranking fused with theirs (``fuse_ranked`` at
        ``span_weight``, ``span_k``); a fused candidate's score is then its fusion score."""
        if spans is not None:
            return [cands for cands, _ in self.link_fused(texts, top=top, kind=kind, lang=lang, spans=spans)]
        self._check(kind, top)
        cleaned = [self._prepared(_clean_input(text), kind) for text in texts]
        out: list[list[Candidate]] = []
        for start in range(0, len(cleaned), QUERY_BATCH):
            out += self._link_batch(cleaned[start : start + QUERY_BATCH], top=top, kind=kind, lang=lang)
        return out

    @staticmethod
    def _check(kind: str, top: int) -> None:
        if kind not in KINDS:
            raise KompetensError(
                Code.E301, f"unknown kind {kind!r}; use one of {', '.join(KINDS)}", field="kind"
            )
        if top < 1:
            raise KompetensError(Code.E301, "top must be at least 1", field="top")

    @_warms
    def link_fused(
        self,
        texts: Sequence[str],
        *,
        top: int = 5,
        kind: LinkKind = "skill",
        lang: str | None = None,
        spans: SpanFinder,
    ) -> list[tuple[list[Candidate], list[str]]]:
        """``link(texts, spans=spans)``, each text's candidates with the phrases fused into its ranking
        (none: the linker's own ranking and scores)."""
        self._check(kind, top)
        depth = max(top, SPAN_DEPTH)
        sentences = self.link(texts, top=depth, kind=kind, lang=lang)
        phrases: list[list[tuple[str, str]]] = []  # per text: (phrase, the text's language)
        for text in texts:
            cleaned = _clean_input(text)
            tokens = words(cleaned)
            found: list[tuple[str, str]] = []
            if len(tokens) > self.config.e5_words:  # a shorter text is a phrase already
                text_lang = lang or self.langid.detect(tokens)
                tagged = spans(cleaned, text_lang if text_lang in SPAN_LANGS else "en")
                found = [(cleaned[s:e], text_lang) for s, e in tagged if words(cleaned[s:e])]
            phrases.append(list(dict.fromkeys(found)))
        by_lang: dict[str, list[str]] = {}
        for phrase, phrase_lang in dict.fromkeys(pair for pairs in phrases for pair in pairs):
            by_lang.setdefault(phrase_lang, []).append(phrase)
        linked: dict[tuple[str, str], list[Candidate]] = {}
        for phrase_lang, batch in by_lang.items():  # a phrase is read in its sentence's language
            results = self.link_quick(batch, top=depth, kind=kind, lang=phrase_lang)
            linked.update(((p, phrase_lang), cands) for p, cands in zip(batch, results, strict=True))
        out: list[tuple[list[Candidate], list[str]]] = []
        for ranked, found in zip(sentences, phrases, strict=True):
            if not found:
                out.append((ranked[:top], []))
                continue
            lists = [[c.uri for c in linked[p]] for p in found]
            cfg = self.config
            score = _rrf_scores([c.uri for c in ranked], lists, weight=cfg.span_weight, k=cfg.span_k)
            fused = fuse_ranked([c.uri for c in ranked], lists, weight=cfg.span_weight, k=cfg.span_k)
            label = {
                c.uri: c.label for cands in (*(linked[p] for p in reversed(found)), ranked) for c in cands
            }
            out.append(
                ([Candidate(u, label[u], round(score[u], 4)) for u in fused[:top]], [p for p, _ in found])
            )
        return out

    def is_phrase(self, text: str) -> bool:
        """Whether ``text`` is linked as a phrase: up to ``e5_words`` words, which span fusion leaves as the
        linker ranks it (``link_fused``)."""
        return len(words(_clean_input(text))) <= self.config.e5_words

    def detect_lang(self, text: str) -> str:
        """The label language that ``text`` reads as."""
        return self._text_lang(words(clean(text)))

    def _text_lang(self, tokens: list[str]) -> str:
        """``langid.detect(tokens)``, except that a phrase (up to ``e5_phrase_words`` words) the trigrams read as
        English is read in a ``translate`` language when more of its words are that language's glossary words
        (the lemma a glossary key, the word no English label word) than English label words the language's
        labels lack: the loans a Swedish ad writes as they are sway the trigrams ("formulera catchy rubriker",
        "dialog med intressenter" read as English, so they got neither the gloss nor the Swedish lemmas, stop 44)."""
        found = self.langid.detect(tokens)
        if found != TRANSLATE_TO or len(tokens) > self.config.e5_phrase_words:
            return found
        vocab = self.words_index.vocab
        english = [f"{TRANSLATE_TO}:{x}" in vocab for x in self._terms.lemmas(tokens, TRANSLATE_TO)]
        for lang in self.config.translate:
            glossary = self._glossaries.get(lang)
            if glossary is None:
                continue
            own = self._terms.lemmas(tokens, lang)
            keys = self._keys(tokens, lang)
            votes = sum(k in glossary and not e for k, e in zip(keys, english, strict=True))
            against = sum(
                e and k not in glossary and f"{lang}:{x}" not in vocab
                for x, k, e in zip(own, keys, english, strict=True)
            )
            if votes > against:
                return lang
        return found

    def features(self, text: str) -> dict[str, FloatArray]:
        """Every per-concept-group signal for ``text`` (e5 ones included, whatever the gate); for tuning."""
        cleaned = clean(text)
        tokens = words(cleaned)
        text_lang = self.langid.detect(tokens)
        out = {"cov": self._pool(self._coverage(tokens, text_lang)), "chr": self._chars(tokens, text_lang)}
        if self._has_vectors():
            label_langs = [self._label_langs(tokens, text_lang)]
            out["static"] = self._static_sims([tokens], label_langs)[0]
            den, chunk = self._e5_sims([cleaned], label_langs)[0]
            out["den"], out["chunk"] = den, chunk
        return out

    def _link_batch(
        self, cleaned: Sequence[str], *, top: int, kind: LinkKind, lang: str | None
    ) -> list[list[Candidate]]:
        tokens = [words(text) for text in cleaned]
        live = [i for i, t in enumerate(tokens) if t]
        text_langs = {i: lang or self._text_lang(tokens[i]) for i in live}
        glossed = kind in TRANSLATE_KINDS
        lexical = {i: self._lexical(tokens[i], text_langs[i], translate=glossed) for i in live}
        scores = dict(lexical)
        cfg = self.config
        w_static = cfg.w_static_skill if kind in TRANSLATE_KINDS else cfg.w_static
        if self._has_vectors() and live and w_static:
            static = self._static_sims(
                [tokens[i] for i in live], [self._label_langs(tokens[i], text_langs[i]) for i in live]
            )
            for row, i in enumerate(live):
                scores[i] = lexical[i] + w_static * static[row]
        mask = self._kind_mask[kind]
        can_embed = self._has_vectors() and self.embedder is not None
        phrases = {i for i in live if self._embeds_phrase(cleaned[i], tokens[i], kind)}
        agreed: dict[int, FloatArray] = {}  # per row, what ``w_agree`` added to each concept
        gated = [i for i in live if i in phrases or self._gate(scores[i], mask)] if can_embed else []
        if gated:
            # e5 replaces the static stand-in: keeping both won 2-3 TECH points, lost 1.4-4 on HOUSE.
            label_langs = [self._label_langs(tokens[i], text_langs[i]) for i in gated]
            e5 = self._e5_sims([cleaned[i] for i in gated], label_langs)
            dens: dict[int, FloatArray] = {}
            for i, (den, chunk) in zip(gated, e5, strict=True):
                scores[i] = lexical[i] + cfg.w_den * den + cfg.w_chunk * chunk
                dens[i] = den
            if self._glosses_kind(kind):
                agreed = self._add_gloss(scores, [i for i in gated if i in phrases], tokens, text_langs, dens)
            if cfg.w_map and kind in TRANSLATE_KINDS:
                self._add_mapped(scores, [i for i in gated if i in phrases], cleaned, text_langs)
        for i in live:
            boosts = self._boosts(tokens[i], cleaned[i], text_langs[i], kind)
            if boosts:
                scores[i] = scores[i].copy()
                scores[i][list(boosts)] += np.fromiter(boosts.values(), dtype=np.float32, count=len(boosts))
        if cfg.w_field and kind in TRANSLATE_KINDS and (field_rows := [i for i in live if i in phrases]):
            in_field = self._field_groups()
            prior = np.where(in_field, np.float32(cfg.w_field), np.float32(0.0)).astype(np.float32)
            for i in field_rows:
                # The prior reorders, as the agreement below: where a field skill is now first, the text's scores
                # move down by the prior, so the best scores as it would without it (the floors read it).
                scores[i] = scores[i] + prior
                if in_field[int(np.argmax(np.where(mask, scores[i], -np.inf)))]:
                    scores[i] = scores[i] - prior.max()
        for i, added in agreed.items():
            # The agreement reorders; it does not raise the best concept's score: the text's scores move down
            # by what the best concept got, so the best scores as it would without the agreement, and the
            # floors and confidence curves fitted on those scores read it as before (``w_agree``).
            scores[i] = scores[i] - added[int(np.argmax(np.where(mask, scores[i], -np.inf)))]
        self.e5_share = (self.e5_share[0] + len(gated), self.e5_share[1] + len(live))
        return [
            self._candidates(np.where(mask, scores[i], -np.inf), tokens[i], top=top, lang=text_langs[i])
            if i in scores
            else []
            for i in range(len(cleaned))
        ]

    @_warms
    def link_quick(
        self,
        texts: Sequence[str],
        *,
        top: int = 1,
        kind: LinkKind = "skill",
        lang: str | None = None,
        native: bool = True,
    ) -> list[list[Candidate]]:
        """``link`` without e5, its cost set by each text's own words instead of the taxonomy's size: what
        thorough extraction links its phrases with (docs/linking.md "Quick linking").

        The lexical signals are the fast mode's, summed over the labels the text's terms occur in only
        (``_lexical_sparse``: the same scores); the tool, term and exact-label boosts as ``link`` adds them;
        the static vectors only for the ``QUICK_DEPTH`` best of those concepts (``QUICK_BEST_DEPTH`` for
        ``top=1``), z-scored against ``QUICK_PROBE`` concepts drawn once (an estimate of the row statistics
        ``link`` computes over every concept). A concept no lexical signal reaches is not a candidate: a text without one gets [].
        ``native=False``: the Python twins of its C steps (``link/quick.py``; the same results)."""
        self._check(kind, top)
        cfg = self.config
        cleaned = [self._prepared(_clean_input(text), kind) for text in texts]
        tokens = [words(text) for text in cleaned]
        mask = self._kind_mask[kind]
        depth = QUICK_BEST_DEPTH if top == 1 else QUICK_DEPTH
        found: list[tuple[npt.NDArray[np.int64], FloatArray]] = []
        text_langs: list[str] = []
        for text, toks in zip(cleaned, tokens, strict=True):
            text_lang = (lang or self._detect_quick(toks)) if toks else ""
            text_langs.append(text_lang)
            if not toks:
                found.append((np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)))
                continue
            queries = self._lexical_queries(toks, text_lang, translate=kind in TRANSLATE_KINDS, native=native)
            boosts = self._boosts(toks, text, text_lang, kind)
            if self._sparse_scratch is None:
                self._sparse_scratch = Scratch(len(self._doc_group), len(self._starts))
            groups, score = walk_select(
                queries,
                self._doc_group,
                self._sparse_scratch,
                cfg.w_cov,
                cfg.w_part,
                boosts,
                mask,
                native=native,
            )
            if len(groups) > depth:
                best = np.argpartition(-score, depth - 1)[:depth]
                groups, score = groups[best], score[best]
            found.append((groups, score))
        if self._has_vectors() and cfg.w_static:
            self._add_static_quick(found, tokens, text_langs, native=native)
        out: list[list[Candidate]] = []
        for (groups, score), text_lang in zip(found, text_langs, strict=True):
            order = np.argsort(-score, kind="stable")[:top]
            out.append(
                [
                    Candidate(self.uris[c], _label(self.labels[c], text_lang), round(float(score[k]), 4))
                    for k in order.tolist()
                    for c in [int(self._group_concept[groups[k]])]
                ]
            )
        return out

    def _detect_quick(self, tokens: list[str]) -> str:
        """``langid.detect(tokens)`` from each word's sums kept (``PARTS_CACHE`` words): a text's trigrams are
        its words' (each padded alone), so its score under a language is the sum of its words' scores. Equal
        to ``detect`` but for the order of the float additions (a tie within 1e-9 is its default either way)."""
        langid = self.langid
        if len(langid.logp) < 2 or not tokens:  # a word always has a trigram (padded): no words, none
            return langid.default
        langs = list(langid.logp)
        total = [0.0] * len(langs)
        for token in tokens:
            sums = self._word_langs.get(token)
            if sums is None:
                grams = char_ngrams([token], sizes=(3,))
                sums = tuple(
                    sum(table.get(g, langid.floor[lang]) for g in grams)
                    for lang, table in langid.logp.items()
                )
                if len(self._word_langs) < PARTS_CACHE:
                    self._word_langs[token] = sums
            total = [t + x for t, x in zip(total, sums, strict=True)]
        best, best_score = langid.default, -math.inf
        for lang, score in zip(langs, total, strict=True):
            if score > best_score + 1e-9:
                best, best_score = lang, score
        return best

    def _boosts(self, tokens: list[str], text: str, text_lang: str, kind: LinkKind) -> dict[int, float]:
        """Concept group -> what the text's tool names (``w_tool``), a label written out (``w_exact``) and the
        field's terms (``w_term``: jargon for skills, the field's titles for occupations; ``w_exact`` more for
        a term that is the whole text) add to it."""
        cfg = self.config
        found: dict[int, float] = {}
        terms = self._term_hits(tokens, text_lang, kind) if cfg.w_term and kind in TERM_TABLES else []
        for weight, hit in (
            (cfg.w_tool, self._tool_groups(tokens, text) if cfg.w_tool else []),
            (cfg.w_exact, self._exact_groups(tokens) if cfg.w_exact else []),
            (cfg.w_term, sorted({g for _, _, g, _ in terms})),
            (cfg.w_term_more, self._term_more_groups(terms, kind) if cfg.w_term_more else []),
            # a term that is the whole text ("digital vana") is as sure as a label written as the text
            (cfg.w_exact, sorted({g for s, e, g, head in terms if s == 0 and e == len(tokens) and not head})),
        ):
            for g in hit:
                found[g] = found.get(g, 0.0) + weight
        return found

    def _add_static_quick(
        self,
        found: list[tuple[npt.NDArray[np.int64], FloatArray]],
        tokens: Sequence[list[str]],
        text_langs: Sequence[str],
        *,
        native: bool = True,
    ) -> None:
        """Add ``w_static`` x each candidate's static z-score to its score in place (see ``link_quick``): as
        ``_pool_dense`` + ``_zscore_rows`` give it, a concept without vectors scoring 0 and one without a
        vector in the text's label languages not counting, the row's mean and spread taken over the probe."""
        assert self.static is not None and self._dense_groups is not None
        queries = self.static.encode(list(tokens))
        rows = [k for k, (groups, _) in enumerate(found) if len(groups) and queries[k].any()]
        if not rows:  # no word with a vector: no static signal (as in ``link``)
            return
        matrix = self._static_label_matrix()
        members = self._dense_groups[0]
        _, has, probe_members, probe_vectors = self._quick_probe()
        by_langs: dict[tuple[str, ...], list[int]] = {}
        for k in rows:
            by_langs.setdefault(tuple(self._label_langs(tokens[k], text_langs[k])), []).append(k)
        w_static = np.float32(self.config.w_static)
        products = _probe_products(queries, list(by_langs.values()), probe_vectors)
        for (langs, ks), product in zip(by_langs.items(), products, strict=True):
            allowed = self._dense_lang_mask(langs) if len(langs) < len(self._doc_langs) else None
            q = queries[ks]
            sims = product.reshape(len(ks), *probe_members.shape)
            mean, std = probe_stats(sims, probe_members, allowed, has, native=native)
            for row, k in enumerate(ks):
                groups, score = found[k]
                cand_rows = self._group_rows[groups]
                with_vec = cand_rows >= 0
                cand_members = members[cand_rows[with_vec]]
                sims = (matrix[cand_members.ravel()] @ q[row]).reshape(cand_members.shape)
                static_add(
                    score, sims, cand_members, allowed, with_vec, mean[row], std[row], w_static, native=native
                )

    def _quick_probe(self) -> tuple[int, npt.NDArray[np.bool_], npt.NDArray[np.int64], Vectors]:
        """``QUICK_PROBE`` concept groups drawn once (seeded): how many, which of them have vectors, those
        ones' vector rows and their static label vectors: ``link_quick``'s sample of a text's row statistics."""
        if self._probe is None:
            assert self._dense_groups is not None
            n = len(self._starts)
            probe = np.sort(np.random.default_rng(0).choice(n, size=min(QUICK_PROBE, n), replace=False))
            rows = self._group_rows[probe]
            members = self._dense_groups[0][rows[rows >= 0]]
            self._probe = (len(probe), rows >= 0, members, self._static_label_matrix()[members.ravel()])
        return self._probe

    def _tool_groups(self, tokens: list[str], text: str) -> list[int]:
        """The concept groups of the tool names (``tools.json``) among ``tokens`` (of ``text``), as whole
        words in order; a cased name only as the text writes it."""
        return sorted({g for _, _, groups in self._tool_hits(tokens, text) for g in groups})

    def _tool_hits(self, tokens: list[str], text: str) -> list[tuple[int, int, tuple[int, ...]]]:
        """(start, end, concept groups) of each tool name among ``tokens``; a name inside a longer one ("SQL"
        in "SQL Server") is not its own."""
        index = self._tool_index
        if index is None:
            group_of = self._uri_groups()
            index = {}
            for name, uris, exact in _tool_table():
                # the entry's first concept: the one the tool stands for (the others are for readers; boosting
                # them too crowded sentences that name several tools: Decorte TECH / HOUSE 67.9 / 54.0 against
                # 68.3 / 54.7)
                groups = tuple(group_of[u] for u in uris[:1] if u in group_of)
                if groups:
                    index.setdefault(name[0], []).append((name, groups, exact))
            self._tool_index = index
        hits: list[tuple[int, int, tuple[int, ...]]] = []  # (start, end, groups)
        for k, token in enumerate(tokens):
            for name, groups, exact in index.get(token, ()):
                if tuple(tokens[k : k + len(name)]) == name and (exact is None or exact.search(text)):
                    hits.append((k, k + len(name), groups))
        return [
            (start, end, groups)
            for start, end, groups in hits
            if not any(s <= start and end <= e and e - s > end - start for s, e, _ in hits)
        ]

    def _term_groups(self, tokens: list[str], text_lang: str, kind: LinkKind = "skill") -> list[int]:
        """The concept groups of the field terms of ``kind`` (``TERM_TABLES``) among ``tokens``: a term's
        words (or their lemmas in the text's language or in English) as whole words in order, without
        diacritics."""
        return sorted({g for _, _, g, _ in self._term_hits(tokens, text_lang, kind)})

    def _term_hits(
        self, tokens: list[str], text_lang: str, kind: LinkKind = "skill"
    ) -> list[tuple[int, int, int, bool]]:
        """(start, end, concept group, whether the last word is a compound's head) of each field term among
        ``tokens`` (see ``_term_groups`` and ``COMPOUND_HEAD_KINDS``)."""
        terms = self._term_index_of(kind)
        kept = self._term_prefixes.get(kind)
        if kept is None or kept[0] is not terms:  # derived from the term index: rebuilt with it
            kept = self._term_prefixes[kind] = (terms, _term_prefixes(terms))
        index = kept[1]
        if not index:
            return []
        seqs = {tuple(fold(t) for t in tokens)}
        # lemmas in the text's label languages (every one for a short text, whose language is a guess) and
        # in English (jargon is often English in a Swedish ad)
        langs = [
            lang
            for lang in dict.fromkeys((*self._label_langs(tokens, text_lang), text_lang, TRANSLATE_TO))
            if lang in self._doc_langs
        ]
        seqs.update(tuple(self._terms.lemmas(tokens, lang)) for lang in langs)
        split = [lang for lang in langs if lang in self._terms.split] if kind in COMPOUND_HEAD_KINDS else []
        heads: dict[int, set[str]] = {}

        def head_of(i: int) -> set[str]:
            """The heads of the compound ``tokens[i]`` in the split languages ({} for a word that is none)."""
            found = heads.get(i)
            if found is None:
                found = heads[i] = {
                    parts[1] for lang in split if (parts := self._terms.parts(tokens[i], lang))
                }
            return found

        found: set[tuple[int, int, int, bool]] = set()
        for seq in seqs:
            found.update(_find_terms(seq, index, head_of if split else None))
        if found and self._terms.fold_accents and any(not t.isascii() and fold(t) != t for t in tokens):
            found = self._accents_kept(found, tokens, langs, kind, head_of if split else None)
        return sorted(found)

    def _accents_kept(
        self,
        found: set[tuple[int, int, int, bool]],
        tokens: list[str],
        langs: Sequence[str],
        kind: LinkKind,
        head_of: Callable[[int], set[str]] | None,
    ) -> set[tuple[int, int, int, bool]]:
        """The term hits of a text written with diacritics that also match with their accents as written
        where a word's folded key holds two words of different lemmas (``Accents``: the gloss's collisions of
        stop 46): "årlig" (annual) does not find the term "ärlig" (honest), though both fold to "arlig"; a
        text without any diacritics ("klagomal") keeps the folded match (stop 47)."""
        keys = self._accent_keys
        if keys is None:
            keys = self._accent_keys = frozenset(k for accents in self.accents.values() for k in accents.keys)
        if not keys:
            return found
        lemmas = [self.lemmatizer.lemmas(tokens, lang) for lang in langs]
        risky = {
            i
            for i, token in enumerate(tokens)
            if fold(token) in keys or any(fold(seq[i]) in keys for seq in lemmas)
        }
        if not risky:
            return found
        written = self._from_term_index(
            self._term_written, kind, lambda: _term_prefixes(self._build_term_index(kind, folded=False))
        )
        exact: set[tuple[int, int, int, bool]] = set()
        for seq in {tuple(tokens), *(tuple(x) for x in lemmas)}:
            exact.update(_find_terms(seq, written, head_of))
        return {
            hit
            for hit in found
            if hit in exact or not any(k in risky for k in range(hit[0], hit[1] - (1 if hit[3] else 0)))
        }

    def _term_more_groups(self, terms: Sequence[tuple[int, int, int, bool]], kind: LinkKind) -> list[int]:
        """The groups of the other concepts the found ``terms`` stand for (``w_term_more``), less those a found
        term stands for first."""
        if not terms:
            return []

        def build() -> dict[int, tuple[int, ...]]:
            group_of = self._uri_groups()
            more: dict[int, set[int]] = {}
            for _, uris in _term_entries(kind):
                first = group_of.get(uris[0])
                if first is not None:
                    more.setdefault(first, set()).update(group_of[u] for u in uris[1:] if u in group_of)
            return {g: tuple(sorted(o)) for g, o in more.items() if o}

        others = self._from_term_index(self._term_more, kind, build)
        firsts = {g for _, _, g, _ in terms}
        return sorted({o for g in firsts for o in others.get(g, ()) if o not in firsts})

    def _from_term_index(
        self, cache: dict[str, tuple[TermIndex, _Derived]], kind: LinkKind, build: Callable[[], _Derived]
    ) -> _Derived:
        """What ``build`` derives from ``kind``'s term index, kept in ``cache`` beside the index it was derived
        from and built again when the index is (``_term_written``, ``_term_more``)."""
        index = self._term_index_of(kind)
        kept = cache.get(kind)
        if kept is None or kept[0] is not index:
            kept = cache[kind] = (index, build())
        return kept[1]

    def _uri_groups(self) -> dict[str, int]:
        """A concept's URI -> the group it heads (``_group_concept``), worked out once: what the tool, term and
        field tables, written as URIs, are read into."""
        if self._uri_group is None:
            self._uri_group = {self.uris[int(c)]: g for g, c in enumerate(self._group_concept)}
        return self._uri_group

    def _field_groups(self) -> npt.NDArray[np.bool_]:
        """Per concept group, whether it is one of the field's own skills (``w_field``): a concept a term of
        ``terms.json`` or a tool of ``tools.json`` stands for."""
        if self._field is None:
            group_of = self._uri_groups()
            uris = {u for _, found in _term_entries("skill") for u in found}
            uris.update(u for tool in _tool_data().get("tools", []) for u in tool.get("esco", []))
            found = np.zeros(len(self._starts), dtype=np.bool_)
            found[[group_of[u] for u in uris if u in group_of]] = True
            self._field = found
        return self._field

    def _term_index_of(self, kind: LinkKind) -> dict[str, list[tuple[tuple[str, ...], int]]]:
        index = self._term_index.get(kind)
        if index is None:
            index = self._term_index[kind] = self._build_term_index(kind)
        return index

    @_warms
    def named(self, texts: Sequence[str], *, kind: LinkKind = "skill") -> list[list[str]]:
        """For each text, the tool names (``tools.json``) and field terms (``terms.json``) found in it, as its
        words: what raised a concept by ``w_tool`` / ``w_term`` (``LinkResult.terms``)."""
        cfg = self.config
        out: list[list[str]] = []
        for text in texts:
            cleaned = self._prepared(_clean_input(text), kind) if isinstance(text, str) else ""
            tokens = words(cleaned)
            spans: list[tuple[int, int]] = []
            if tokens and cfg.w_tool:
                spans += [(s, e) for s, e, _ in self._tool_hits(tokens, cleaned)]
            if tokens and cfg.w_term and kind in TERM_TABLES:
                spans += [(s, e) for s, e, _, _ in self._term_hits(tokens, self.langid.detect(tokens), kind)]
            out.append(list(dict.fromkeys(" ".join(tokens[s:e]) for s, e in sorted(spans))))
        return out

    def _exact_groups(self, tokens: list[str]) -> list[int]:
        """The concept groups with a label that is ``tokens`` as written (see ``w_exact``)."""
        index = self._exact_index
        if index is None:
            index = {}
            for text, group in zip(self.docs.text, self._doc_group.tolist(), strict=True):
                key = _exact_key(words(clean(text)))
                if key and group not in index.setdefault(key, []):
                    index[key].append(group)
            self._exact_index = index
        return index.get(_exact_key(tokens), [])

    def _build_term_index(
        self, kind: LinkKind = "skill", *, folded: bool = True
    ) -> dict[str, list[tuple[tuple[str, ...], int]]]:
        """First word -> (a term's words, the group of its first concept): each name as written and as its
        lemmas in every label language, without diacritics (with them where not ``folded``: ``_accents_kept``);
        terms whose concept is not linked are left out."""
        group_of = self._uri_groups()
        index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        lemmas = self._terms.lemmas if folded else self.lemmatizer.lemmas
        for tokens, uris in _term_entries(kind):
            group = group_of.get(uris[0])
            if group is None:
                continue
            forms = set(_written_forms(tokens, folded=folded))
            forms.update(tuple(lemmas(list(tokens), lang)) for lang in self._doc_langs)
            for form in forms:
                if form and (form, group) not in index.get(form[0], []):
                    index.setdefault(form[0], []).append((form, group))
        return index

    def _has_vectors(self) -> bool:
        return self.config.dense and self._dense_groups is not None and self.static is not None

    def _gate(self, score: FloatArray, mask: npt.NDArray[np.bool_]) -> bool:
        """Whether a text gets an e5 vector: its 1st and 5th candidate are within ``e5_gate``."""
        gate = self.config.e5_gate
        if gate <= 0 or not (self.config.w_den or self.config.w_chunk):
            return False
        if math.isinf(gate):
            return True
        kept = score[mask]
        if len(kept) < GATE_RANK:
            return True
        best = np.partition(kept, len(kept) - GATE_RANK)[-GATE_RANK:]
        return bool(best.max() - best.min() < gate)

    def _lexical(self, tokens: list[str], text_lang: str, *, translate: bool = True) -> FloatArray:
        """Fused ``cov`` + ``chr`` (+ the gloss's, with ``translate``: the skill kinds) per concept group."""
        # Fused per label, then the best label per concept: one pooling pass instead of two (the
        # validation scores did not change; pooling was a quarter of the time).
        n = self.words_index.n_docs
        whole, parts, rest = (
            summed(_postings(q), n) for q in self._lexical_queries(tokens, text_lang, translate=translate)
        )
        cfg = self.config
        return self._pool(fuse_parts(whole, parts, rest, cfg.w_cov, cfg.w_part))

    def _lexical_sparse(
        self, tokens: list[str], text_lang: str, *, translate: bool = True
    ) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """``_lexical`` for the concept groups that the text's terms reach only: (groups, their scores), the
        same scores, at a cost set by the text's postings instead of the taxonomy's size (``link_quick``)."""
        cfg = self.config
        queries = self._lexical_queries(tokens, text_lang, translate=translate)
        if self._sparse_scratch is None:
            self._sparse_scratch = Scratch(len(self._doc_group), len(self._starts))
        return pool_queries(queries, self._doc_group, self._sparse_scratch, cfg.w_cov, cfg.w_part)

    def _lexical_queries(
        self, tokens: list[str], text_lang: str, *, translate: bool = True, native: bool = True
    ) -> LexicalQueries:
        """The term queries of ``_lexical``'s signals, each at its weight: ``cov`` of the whole words, ``cov``
        of the compound parts that are no whole word (unweighted: see ``fuse_parts``), and ``chr`` and the
        gloss's ``cov`` + ``chr``."""
        cfg = self.config
        text_own: list[str] | None
        if native and QUICK_COMPILED:  # the same terms, from per-word tables in C (``_own_terms``)
            langs = self._label_langs(tokens, text_lang)
            own, whole, parts, lemmas, start, end = self._own_terms(tokens, langs, text_lang)
            text_own = own[start:end] if text_lang in langs else None
            extra = self._expanded(tokens, text_lang, own, lemmas) if text_own is not None else {}
            if not (translate and cfg.w_part != 1.0):
                parts, whole = [], own
        else:
            terms = self._tagged(tokens, text_lang)  # once: the gloss starts from the text's own terms
            own = [t for ts in terms.values() for t in ts]
            text_own = terms.get(text_lang)
            extra = self._expanded(tokens, text_lang, own) if text_lang in terms else {}
            parts = self._part_terms(tokens, text_lang, own) if translate and cfg.w_part != 1.0 else []
            held = set(parts)  # own terms without the parts, and the parts apart (see ``w_part``)
            whole = [t for t in own if t not in held]
        index = self.words_index
        cov = (
            index.query_weighted({**extra, **dict.fromkeys(whole, 1.0)})
            if extra
            else term_query(index, whole, native=native)
        )
        rest: list[tuple[TermQuery, float]] = []
        if cfg.w_chr:
            chars = self._char_queries(tokens, self._label_langs(tokens, text_lang), native=native)
            rest += [(q, cfg.w_chr) for q in chars]
        if translate:  # below direct matches: summed at w_translate (0.5 and 0.85 were worse)
            rest += [
                (q, cfg.w_translate * w)
                for q, w in self._translated(tokens, text_lang, text_own, extra, native=native)
            ]
        return [(cov, cfg.w_cov)], [(term_query(index, parts, native=native), 1.0)] if parts else [], rest

    def _own_terms(self, tokens: list[str], langs: Sequence[str], text_lang: str) -> OwnTerms:
        """``own_terms`` of the text (in C): its terms in ``langs`` (``_tagged``), those without the compound
        parts apart and the parts apart (``_part_terms``), its language's lemmas and its slice of the terms,
        the same lists, read from per-word tables (``_word_terms``) filled the first time a word is met."""
        state = self._own_tables
        if state[0] is not self._terms:
            state = self._own_tables = (self._terms, {})
        tables = [state[1].setdefault(lang, {}) for lang in langs]
        text_at = langs.index(text_lang) if text_lang in langs else -1
        cleared = False
        while True:
            got = own_terms(tokens, tables, text_at)
            if isinstance(got, tuple):
                return got
            if not cleared and sum(map(len, tables)) >= PARTS_CACHE:  # bounded as the other word memos
                # begun again, once a call: the text's words then fill them whatever their size
                cleared = True
                for table in tables:
                    table.clear()
                continue
            for t, token in got:
                tables[t][token] = self._word_terms(token, langs[t])

    def _word_terms(self, token: str, lang: str) -> WordTerms:
        """A token's entry in ``_own_terms``' table of ``lang``: its lemma, its term, its near term (or None)
        and its compound parts' terms, as ``_Terms.tagged`` gives them."""
        terms = self._terms
        lemma = terms.lemmas([token], lang)[0]
        known = terms.known.get(lang)
        near = None
        parts: tuple[str, ...] = ()
        if known:
            if lang in terms.fuzzy and len(lemma) >= FUZZY_MIN and lemma not in known:
                found = terms.near(lemma, lang)
                near = f"{lang}:{found}" if found else None
            if lang in terms.split:
                parts = tuple(f"{lang}:{p}" for p in terms.parts(token, lang))
        return lemma, f"{lang}:{lemma}", near, parts

    def _char_queries(
        self, tokens: Sequence[str], langs: Sequence[str], *, native: bool = True
    ) -> list[TermQuery]:
        """``char_index.queries(_terms.chars(tokens), max_df=max_df_chr, langs=langs)``, the same queries, from
        each word's n-gram ids kept per word (``_word_char_ids``): a text's n-grams are its words' n-grams
        one after another, and the words recur across texts where the texts (phrases) do not."""
        kept = self._char_ids  # read here first: most words were met before (a method call a word saved)
        ids = {
            lang: [
                found
                if (found := kept.get((lang, token))) is not None
                else self._word_char_ids(token, lang, native=native)
                for token in tokens
            ]
            for lang in self.char_index.languages(langs)
        }
        return char_queries_of_ids(self.char_index, ids, max_df=self.config.max_df_chr, native=native)

    def _word_char_ids(self, token: str, lang: str, *, native: bool = True) -> list[int]:
        """The ids of the known character n-grams of one word (as ``_terms.chars`` gives them) in the index of
        ``lang``, in order; kept for ``PARTS_CACHE`` words. Where the C code is built, a new word's n-grams are
        made once and looked up in every language's index (``quick.gram_ids``); else in the one asked."""
        key = (lang, token)
        found = self._char_ids.get(key)
        if found is None:
            indexes = self.char_index.indexes
            if native and QUICK_COMPILED:
                word = fold(token) if self._terms.fold_accents else token
                every = gram_ids(word, [index.vocab for index in indexes.values()])
                kept = len(self._char_ids) < PARTS_CACHE
                for other, ids in zip(indexes, every, strict=True):
                    if other == lang:
                        found = ids
                    if kept:
                        self._char_ids[(other, token)] = ids
                assert found is not None
            else:
                found = indexes[lang].known_ids(self._terms.chars([token]))
                if len(self._char_ids) < PARTS_CACHE:
                    self._char_ids[key] = found
        return found

    def _short(self, kind: LinkKind) -> int:
        """Texts of ``kind`` of up to this many words always get an e5 vector (0: none)."""
        return self.config.e5_words if kind in self.config.e5_kinds else 0

    def _embeds_phrase(self, cleaned: str, tokens: Sequence[str], kind: LinkKind) -> bool:
        """Whether a text gets an e5 vector (and a gloss) whatever the gate: up to ``e5_words`` words, or up to
        ``e5_phrase_words`` words that end no sentence (``LinkConfig.e5_phrase_words``)."""
        short = self._short(kind)
        if len(tokens) <= short:
            return True
        return (
            bool(short) and len(tokens) <= self.config.e5_phrase_words and not _SENTENCE_END.search(cleaned)
        )

    def _glosses_kind(self, kind: LinkKind) -> bool:
        return bool(self.config.w_gloss) and kind in TRANSLATE_KINDS

    @staticmethod
    def _prepared(cleaned: str, kind: LinkKind) -> str:
        """A cleaned text as it is linked: a short skill text without its requirement wording."""
        if kind in STRIP_KINDS and len(words(cleaned)) <= STRIP_WORDS:
            return strip_cues(cleaned, _cue_words())
        return cleaned

    @_warms
    def glosses(
        self, texts: Sequence[str], *, kind: LinkKind = "skill", lang: str | None = None
    ) -> list[str | None]:
        """For each text, the English gloss ``link`` reads beside it (``LinkConfig.w_gloss``): a short text of a
        ``translate`` language, of a kind that is glossed, with e5 vectors at hand; else None."""
        can_embed = self._has_vectors() and self.embedder is not None
        out: list[str | None] = []
        for text in texts:
            prepared = self._prepared(clean(text), kind) if isinstance(text, str) else ""
            tokens = words(prepared)
            if not (
                can_embed
                and self._glosses_kind(kind)
                and tokens
                and self._embeds_phrase(prepared, tokens, kind)
            ):
                out.append(None)
                continue
            out.append(self._gloss(tokens, lang or self._text_lang(tokens)) or None)
        return out

    def _add_gloss(
        self,
        scores: dict[int, FloatArray],
        rows: Sequence[int],
        tokens: Sequence[list[str]],
        text_langs: Mapping[int, str],
        dens: Mapping[int, FloatArray],
    ) -> dict[int, FloatArray]:
        """Add ``w_gloss`` x the e5 similarity of each row's English gloss to the English labels (see
        ``LinkConfig.w_gloss``), and ``w_agree`` x where it and the row's own e5 similarity (``dens``) agree
        (``agreement``); returns, per row, what the agreement added."""
        glossed = [(i, g) for i in rows if (g := self._gloss(tokens[i], text_langs[i]))]
        if not glossed:
            return {}
        sims = self._e5_sims([g for _, g in glossed], [[TRANSLATE_TO]] * len(glossed))
        cfg = self.config
        added: dict[int, FloatArray] = {}
        for (i, _), (den, _chunk) in zip(glossed, sims, strict=True):
            scores[i] = scores[i] + cfg.w_gloss * den
            if cfg.w_agree and i in dens:
                added[i] = np.float32(cfg.w_agree) * agreement(dens[i], den)
                scores[i] = scores[i] + added[i]
        return added

    def _add_mapped(
        self,
        scores: dict[int, FloatArray],
        rows: Sequence[int],
        cleaned: Sequence[str],
        text_langs: Mapping[int, str],
    ) -> None:
        """Add ``w_map`` x the z-scored similarity of each row's e5 vector, mapped into the English label space
        by the language's learnt map (``e5_map``), to the English labels (``LinkConfig.w_map``)."""
        translate = self.config.translate
        mapped = [
            (i, m) for i in rows if text_langs[i] in translate and (m := e5_map(text_langs[i])) is not None
        ]
        if not mapped:
            return
        embedded = self._embed_queries([cleaned[i] for i, _ in mapped])  # cached by ``_e5_sims``
        vectors: list[Vectors | None] = []
        for (_, matrix), found in zip(mapped, embedded, strict=True):
            if found is None:
                vectors.append(None)
                continue
            out = found[:1] @ matrix
            vectors.append(
                (out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)).astype(np.float32)
            )
        pooled = self._pooled_e5(vectors, [[TRANSLATE_TO]] * len(mapped))
        for (i, _), dense in zip(mapped, pooled, strict=True):
            if dense is not None:
                scores[i] = scores[i] + np.float32(self.config.w_map) * _zscore_rows(dense[:1])[0]

    def _gloss(self, tokens: list[str], text_lang: str) -> str:
        """The text with each word replaced by its lemma's English (``_rendering``, else a synonym's:
        ``_synonym_rendering``; "" when none has one)."""
        if text_lang not in self.config.translate:
            return ""
        out: list[str] = []
        found = False
        names = _tool_names()
        kept: set[int] = set()  # a tool's name stays as written ("Power BI", not "power aid")
        for k in range(len(tokens)):
            for n in range(1, min(4, len(tokens) - k) + 1):
                if tuple(tokens[k : k + n]) in names:
                    kept.update(range(k, k + n))
        written = self.lemmatizer.lemmas(tokens, text_lang)
        for k, (token, lemma) in enumerate(zip(tokens, self._keys(tokens, text_lang), strict=True)):
            if k in kept:
                out.append(token)
                continue
            if self._foreign(written[k], text_lang):  # the key is another word's: "här" is no "hår" (stop 46)
                out.append(token)
                continue
            best = self._rendering(lemma, text_lang)
            if best is None:  # a synonym's: "webbpubliceringssystem" -> content management system
                best = self._synonym_rendering(lemma, text_lang)
            if best is None and (near := self._near_lemma(lemma, text_lang)):  # misspelt: "pressmedelanden"
                best = self._rendering(near, text_lang)
            if best is None:  # a form or compound the dictionary lacks: "communityt", "onlinegemenskap"
                best = self._formed_rendering(token, text_lang)
            found = found or best is not None
            out.append(token if best is None else best)
        return " ".join(out) if found else ""

    def _keys(self, tokens: Sequence[str], lang: str) -> list[str]:
        """The word table's and the glossary's keys of words: their lemmas, without accents where
        ``fold_accents`` folds them, unless two lemmas fold alike (``Accents.key``: "växa", "vaxa"; stop 46)."""
        lemmas = self.lemmatizer.lemmas(tokens, lang)
        if not self._terms.fold_accents:
            return lemmas
        accents = self.accents.get(lang)
        return [accents.key(x) if accents is not None else fold(x) for x in lemmas]

    def _foreign(self, lemma: str, lang: str) -> bool:
        """Whether a lemma as written finds another word under its key (``Accents.foreign``: "här" the key of
        "hår", "ort" that of "ört"; stop 46)."""
        accents = self.accents.get(lang) if self._terms.fold_accents else None
        return accents is not None and accents.foreign(lemma)

    def _rendering(self, lemma: str, text_lang: str) -> str | None:
        """A lemma's English for the gloss: its glossary's first rendering, else the table's best, else None.

        None, too, where the table's best shares its weight with the next: the alignment could not tell them
        apart, most often for a word of one or two labels ("vårda": *infant*, *stream*, *treat* at 0.2 each,
        from *vårda vilda djur och växter*), and a guess among them misleads the gloss's e5 reading more than
        the word left out does (stop 46: the seven lists' Swedish top 3, tune 402 -> 402, check 354 -> 357
        of 438)."""
        glossary = self._glossaries.get(text_lang)
        if glossary is not None and lemma in glossary:
            return glossary.renderings[lemma][0]
        pairs = self.translations.get(lemma)
        if not pairs or (len(pairs) > 1 and pairs[1][1] >= pairs[0][1]):
            return None
        return pairs[0][0]

    def _formed_rendering(self, token: str, text_lang: str) -> str | None:
        """For a word that neither the dictionary nor the glossary knows, the English of the form it is built
        from (stop 45): its base form by the language's inflection endings (``_base_rendering``: an English loan
        with a Swedish ending, "communityt" -> community), else a compound of a modifier and a head of
        ``FORMED_MIN_PART`` letters or more each, the head in any form and the modifier as
        ``_modifier_rendering`` reads it ("onlinegemenskap" -> online community, "metabeskrivningar" -> meta
        description); the longest head wins, except that a head starting with an s that is also a head
        without it reads the s as the linking -s ("butiks|teamet", not "butik|steamet"); None when none."""
        if not token.isalpha() or text_lang not in self._inflection_endings():
            return None
        found = self._base_rendering(token, text_lang)
        if found is not None:
            return found
        n = FORMED_MIN_PART
        for cut in range(n, len(token) - n + 1):
            head = self._base_rendering(token[cut:], text_lang)
            if head is None:
                continue
            modifier = self._modifier_rendering(token[:cut], text_lang)
            if modifier is None and token[cut - 1] in LINKING_LETTERS and cut > n:
                modifier = self._modifier_rendering(token[: cut - 1], text_lang)
            if modifier is None:
                continue
            if token[cut] == "s" and len(token) - cut - 1 >= n:  # the genitive's linking -s: "affärs|mål"
                shorter = self._base_rendering(token[cut + 1 :], text_lang)
                if shorter is not None:
                    linked = self._modifier_rendering(token[:cut], text_lang)
                    if linked is not None:
                        return f"{linked} {shorter}"
            return f"{modifier} {head}"
        return None

    def _base_rendering(self, piece: str, text_lang: str) -> str | None:
        """A word's English as the gloss reads it (``_word_rendering``), else that of its base form: the word
        less one of the language's inflection endings (``inflection_endings`` of ``lang/<lang>/morphology.json``,
        longest first) plus what replaces it, the base ``FORMED_MIN_PART`` letters or more and no inflected form
        of another word."""
        found = self._word_rendering(piece, text_lang)
        if found is not None:
            return found
        for ending, base in self._inflection_endings().get(text_lang, ()):
            if piece.endswith(ending) and len(piece) - len(ending) + len(base) >= FORMED_MIN_PART:
                stem = piece[: len(piece) - len(ending)] + base
                # a base form, not another word's inflected form ("lagen" is no form of "laga" via "lage")
                if not self._is_base(stem, text_lang):
                    continue
                found = self._word_rendering(stem, text_lang)
                if found is not None:
                    return found
        return None

    def _modifier_rendering(self, piece: str, text_lang: str) -> str | None:
        """A compound modifier's English: a base form as written, or one without its last vowel ("samarbet" of
        "samarbete" in "samarbetsverktyg", as ``_Terms.parts`` reads modifiers); never another inflected form
        ("kunder" is no modifier)."""
        for word in (piece, *(piece + vowel for vowel in STEM_VOWELS)):
            if (
                self._is_base(word, text_lang)
                and (found := self._word_rendering(word, text_lang)) is not None
            ):
                return found
        return None

    def _is_base(self, word: str, text_lang: str) -> bool:
        """Whether ``word`` is its own lemma (no inflected form of another word)."""
        return self._terms.lemmas([word], text_lang)[0] == (fold(word) if self._terms.fold_accents else word)

    def _word_rendering(self, word: str, text_lang: str) -> str | None:
        """Its lemma's ``_rendering``, else the word itself where it is an English label word written in English
        letters and no inflected English form ("community"; not "tänk", read as *tank* without its accent)."""
        if self._foreign(self.lemmatizer.lemmas([word], text_lang)[0], text_lang):
            return None
        rendered = self._rendering(self._keys([word], text_lang)[0], text_lang)
        if rendered is not None:
            return rendered
        if not word.isascii() or self._terms.lemmas([word], TRANSLATE_TO)[0] != word:
            return None
        if ENGLISH_KNOWN_SWEDISH and word in self.lemmatizer.table.get(text_lang, ()):
            return None  # a word of the language's own: "god" is good, "lever" lives (stop 46)
        return word if f"{TRANSLATE_TO}:{word}" in self.words_index.vocab else None

    @staticmethod
    @cache
    def _inflection_endings() -> dict[str, tuple[tuple[str, str], ...]]:
        """Per ``translate`` language with one, ``inflection_endings`` of its morphology.json."""
        out: dict[str, tuple[tuple[str, str], ...]] = {}
        for lang in LANGUAGES:
            found = lang_data(lang, "morphology").get("inflection_endings")
            if found:
                out[lang] = tuple((str(e), str(b)) for e, b in found)
        return out

    def _synonym_rendering(self, lemma: str, text_lang: str) -> str | None:
        """For a lemma with no rendering of its own, the English of its first synonym (``LinkConfig.synonyms``,
        the groups that hold it as a one-word member, in their order) whose every word has a rendering; else
        None: the synonym table holds "webbpubliceringssystem" beside "innehållshanteringssystem", which the word
        table renders, so the gloss reads "content management system" (stop 40)."""
        table = self._synonyms.get(text_lang)
        if table is None:
            return None
        for member in table.alternatives((lemma,)):
            rendered = [self._rendering(word, text_lang) for word in member]
            if all(rendered):
                return " ".join(r for r in rendered if r)
        return None

    def _near_lemma(self, lemma: str, text_lang: str) -> str:
        """The known lemma one letter from an unknown one in a ``fuzzy_words`` language, else ""."""
        terms = self._terms
        known = terms.known.get(text_lang)
        if text_lang not in terms.fuzzy or not known or len(lemma) < FUZZY_MIN or lemma in known:
            return ""
        return terms.near(lemma, text_lang)

    def _translations_of(self, lemma: str, text_lang: str) -> list[tuple[str, float]]:
        """English terms of a lemma with weights: its glossary entry's and the table's, each at its best
        weight (the table keeps what ESCO's labels say that the glossary words otherwise: självständigt ->
        *independently*, not only *independent*)."""
        learnt = self.translations.get(lemma)
        glossary = self._glossaries.get(text_lang)
        if glossary is None or lemma not in glossary:
            return learnt
        # merged once per lemma (stop 43: a Swedish phrase asks for each of its terms' twice, ``_translated``)
        tables, glossaries, merged = self._merged
        if tables is not self.translations or glossaries is not self._glossaries:
            merged = {}
            self._merged = (self.translations, self._glossaries, merged)
        key = (text_lang, lemma)
        kept = merged.get(key)
        if kept is not None:
            return kept
        found = dict(glossary.targets[lemma])
        for target, weight in learnt:
            found[target] = max(found.get(target, 0.0), weight)
        kept = sorted(found.items(), key=lambda x: (-x[1], x[0]))
        if len(merged) < PARTS_CACHE:
            merged[key] = kept
        return kept

    def _part_terms(self, tokens: list[str], text_lang: str, own: Sequence[str]) -> list[str]:
        """The text's compound parts (of ``own`` terms) that are no whole word of it."""
        if text_lang not in self._terms.split or text_lang not in self._terms.known:
            return []
        whole = set(_tagged(self._terms.lemmas(tokens, text_lang), text_lang))
        parts = _tagged([p for token in tokens for p in self._terms.parts(token, text_lang)], text_lang)
        held = set(own)
        return list(dict.fromkeys(t for t in parts if t not in whole and t in held))

    def _chars(self, tokens: list[str], text_lang: str) -> FloatArray:
        return self._pool(self._char_scores(tokens, text_lang))

    def _char_scores(self, tokens: list[str], text_lang: str) -> FloatArray:
        langs = self._label_langs(tokens, text_lang)
        return self.char_index.score(self._terms.chars(tokens), max_df=self.config.max_df_chr, langs=langs)

    def _label_langs(self, tokens: list[str], text_lang: str) -> list[str]:
        """The label languages a text is matched against: its own when ``text_lang`` is monolingual, else all.

        Only for texts of ``MONOLINGUAL_WORDS`` words or more: the language of a job title or a two-word
        phrase is a guess ("Scrum master", "Barnmorska" read as English), and matching it in every language
        costs nothing there. Each language's labels are indexed apart (idf, norms), so an English sentence
        scores against English labels exactly as it did before the taxonomy had Swedish ones."""
        if (
            len(tokens) >= MONOLINGUAL_WORDS
            and text_lang in self.config.monolingual
            and text_lang in self._doc_langs
        ):
            return [text_lang]
        return self._doc_langs

    def _static_sims(
        self, token_lists: Sequence[list[str]], label_langs: Sequence[list[str]] | None = None
    ) -> FloatArray:
        """Z-scored static-vector scores per concept group, a row per token list (0 if no word is known);
        ``label_langs``: per row, the label languages whose vectors count (see ``_label_langs``)."""
        assert self.static is not None
        queries = self.static.encode(token_lists)
        known: npt.NDArray[np.bool_] = np.any(queries, axis=1)
        pooled = self._pool_dense(queries @ self._static_label_matrix().T, label_langs)
        return _zscore_rows(pooled) * known[:, None].astype(np.float32)

    def _static_label_matrix(self) -> Vectors:
        """Label e5 vectors and label static vectors, each over its typical spread, summed.

        A text's static vector against this is the sum of its two cosines in units of spread: both
        signals (each helped on the validation sets) for one matrix product.
        """
        if self._static_matrix is None:
            assert self.static is not None
            texts = [words(self.docs.text[i]) for i in self.dense_docs]
            labels = self.static.encode(texts)
            probe = self.static.encode(texts[:: max(1, len(texts) // SPREAD_PROBE)])
            probe = probe[probe.any(axis=1)]
            matrix = np.zeros_like(self.dense_vectors)
            for part in (self.dense_vectors, labels):
                spread = float(np.median((probe @ part.T).std(axis=1))) if len(probe) else 0.0
                matrix += part / spread if spread > 0 else part
            self._static_matrix = matrix.astype(np.float32)
        return self._static_matrix

    def _e5_sims(
        self, cleaned: Sequence[str], label_langs: Sequence[list[str]] | None = None
    ) -> list[tuple[FloatArray, FloatArray]]:
        """Z-scored e5 cosines per concept group: of the whole text, and the best of its chunks."""
        out: list[tuple[FloatArray, FloatArray]] = []
        embedded = self._embed_queries(cleaned)
        pooled = self._pooled_e5(embedded, label_langs)
        for vectors, dense in zip(embedded, pooled, strict=True):
            if vectors is None or dense is None:
                zero = np.zeros(len(self._starts), dtype=np.float32)
                out.append((zero, zero))
                continue
            den = _zscore_rows(dense[:1])[0]
            out.append(
                (den, _zscore_rows(dense[1:].max(axis=0, keepdims=True))[0] if len(dense) > 1 else den)
            )
        return out

    def _pooled_e5(
        self, embedded: Sequence[Vectors | None], label_langs: Sequence[list[str]] | None
    ) -> list[FloatArray | None]:
        """Each text's vectors against the label vectors, pooled per concept group (``_pool_dense``).

        The texts' vectors go through one matrix product per block of ``E5_BLOCK`` rows: the label matrix
        (tens of MB) is read once a block instead of once a text, which made a batch of short phrases
        (thorough extraction links ~15 an ad) 5-10x slower."""
        rows = [(k, v) for k, v in enumerate(embedded) if v is not None]
        out: list[FloatArray | None] = [None] * len(embedded)
        at = 0
        while at < len(rows):
            block: list[tuple[int, Vectors]] = []
            size = 0
            while at < len(rows) and (not block or size + len(rows[at][1]) <= E5_BLOCK):
                block.append(rows[at])
                size += len(rows[at][1])
                at += 1
            stacked = np.concatenate([v for _, v in block])
            langs = (
                [label_langs[k] for k, v in block for _ in range(len(v))] if label_langs is not None else None
            )
            dense = self._pool_dense(stacked @ self.dense_vectors.T, langs)
            first = 0
            for k, v in block:
                out[k] = dense[first : first + len(v)]
                first += len(v)
        return out

    def _embed_queries(self, cleaned: Sequence[str]) -> list[Vectors | None]:
        """Query vectors per text (the text, then its phrase chunks), embedded in shared batches."""
        if self.embedder is None:
            return [None] * len(cleaned)
        per_text = [self._dense_queries(text) for text in cleaned]
        found: dict[str, Vectors] = {}
        for query in dict.fromkeys(q for queries in per_text for q in queries):
            if query in self._query_cache:
                self._query_cache.move_to_end(query)
                found[query] = self._query_cache[query]
        todo = [q for q in dict.fromkeys(q for queries in per_text for q in queries) if q not in found]
        for start in range(0, len(todo), QUERY_BATCH):
            batch = todo[start : start + QUERY_BATCH]
            found.update(zip(batch, self.embedder.query(batch), strict=True))
        for query in todo:
            self._query_cache[query] = found[query]
        while len(self._query_cache) > QUERY_CACHE:
            self._query_cache.popitem(last=False)
        return [np.stack([found[q] for q in queries]) if queries else None for queries in per_text]

    def clear_cache(self) -> None:
        """Forget cached e5 query vectors (benchmarks measure cold)."""
        self._query_cache.clear()

    def _dense_queries(self, cleaned: str) -> list[str]:
        if not words(cleaned):
            return []
        pieces = chunks(cleaned)[: self.config.max_chunks] if self.config.w_chunk else []
        # e5 reads at most 512 tokens; cut earlier since a skill sentence is short and time grows with length.
        head = cleaned[:DENSE_CHARS]
        return [head, *pieces] if len(pieces) > 1 else [head]

    def extract_spans(self, tokens: Sequence[str], *, max_len: int = 6) -> list[tuple[int, int]]:
        """Token spans ``(start, end)`` whose lemmas spell a whole label: longest first, no overlaps."""
        table = self._label_lemmas()
        token_words = [words(clean(t, max_chars=200)) for t in tokens]
        n = len(token_words)
        found: list[tuple[int, int]] = []
        taken = [False] * n
        windows = [
            (i, j)
            for i in range(n)
            for j in range(i + 1, min(n, i + max_len) + 1)
            if token_words[i] and token_words[j - 1]  # a span starts and ends on a word
        ]
        for i, j in sorted(windows, key=lambda s: (s[0] - s[1], s[0])):
            if any(taken[i:j]):
                continue
            span_words = [w for ws in token_words[i:j] for w in ws]
            if any(tuple(self.lemmatizer.lemmas(span_words, lang)) in table for lang in self._doc_langs):
                found.append((i, j))
                taken[i:j] = [True] * (j - i)
        return sorted(found)

    def _label_lemmas(self) -> set[tuple[str, ...]]:
        if self._label_table is None:
            self._label_table = {
                tuple(self.lemmatizer.lemmas(words(text), lang))
                for text, lang in zip(self.docs.text, self.docs.lang, strict=True)
            }
        return self._label_table

    def _candidates(
        self, score: FloatArray, tokens: list[str], *, top: int, lang: str | None
    ) -> list[Candidate]:
        out_lang = lang or self.langid.detect(tokens)
        return [
            Candidate(self.uris[c], _label(self.labels[c], out_lang), round(float(score[g]), 4))
            for g in _top(score, top)
            if np.isfinite(score[g])
            for c in [int(self._group_concept[g])]
        ]

    def _tagged(self, tokens: list[str], text_lang: str) -> dict[str, list[str]]:
        # Index terms carry their label's language ("sv:kund"): the text is lemmatised in every label
        # language and each label meets only the lemmas of its own language, in one pass.
        return {lang: self._terms.tagged(tokens, lang) for lang in self._label_langs(tokens, text_lang)}

    def _coverage(self, tokens: list[str], text_lang: str) -> FloatArray:
        return self.words_index.score([t for ts in self._tagged(tokens, text_lang).values() for t in ts])

    def _expanded(
        self, tokens: list[str], text_lang: str, own: Sequence[str], lemmas: list[str] | None = None
    ) -> dict[str, float]:
        """The tagged terms of the synonyms (``LinkConfig.synonyms``) of the text's words and phrases that the
        text lacks, each with its best group weight; {} for a language without a table. ``lemmas``: the
        tokens' (``_Terms.lemmas``), where the caller has them."""
        table = self._synonyms.get(text_lang)
        if table is None:
            return {}
        members = table.expand(self._terms.lemmas(tokens, text_lang) if lemmas is None else lemmas)
        if not members:
            return {}
        held = set(own)
        out: dict[str, float] = {}
        for member, weight in members.items():
            key = (text_lang, member)
            found = self._synonym_terms.get(key)
            if found is None:
                found = self._synonym_terms[key] = self._terms.tagged(member, text_lang)
            for term in found:
                if term not in held and weight > out.get(term, 0.0):
                    out[term] = weight
        return out

    def _translated(
        self,
        tokens: list[str],
        text_lang: str,
        own: list[str] | None = None,
        extra: Mapping[str, float] | None = None,
        *,
        native: bool = True,
    ) -> list[tuple[TermQuery, float]]:
        """The term queries of ``cov`` and ``chr`` of the text's English gloss against the English labels, each
        with its weight; [] without a gloss.

        The gloss is every table translation of the text's own terms (lemmas, compound parts, near words);
        in ``cov`` each counts at its table weight; ``chr`` reads each word's best translation as if it
        were English text (texts up to ``GLOSS_CHR_WORDS`` words)."""
        cfg = self.config
        if not ((self.translations or self._glossaries) and cfg.w_translate and text_lang in cfg.translate):
            return []
        if TRANSLATE_TO not in self._label_langs(tokens, text_lang):
            return []
        if own is None:
            own = self._terms.tagged(tokens, text_lang)
        if native and QUICK_COMPILED:
            return self._translated_c(tokens, text_lang, own, extra)
        # the table's keys of the text's words where they are not their folded lemmas: "växa" keeps its
        # accents, "här" (not "hår") has none (stop 46)
        keyed: dict[str, str] = {}
        if self._terms.fold_accents and (accents := self.accents.get(text_lang)) is not None:
            for lemma in self.lemmatizer.lemmas(tokens, text_lang):
                folded = fold(lemma)
                if accents.foreign(lemma):
                    keyed[folded] = ""
                elif (key := accents.key(lemma)) != folded:
                    keyed[folded] = key
        found: dict[str, float] = {}
        for term, weight in [*((t, 1.0) for t in own), *(extra or {}).items()]:  # synonyms at their weight
            lemma = term.partition(":")[2]
            for target, share in self._translations_of(keyed.get(lemma, lemma), text_lang):
                if share * weight > found.get(target, 0.0):
                    found[target] = share * weight
        if not found:
            return []
        out = [
            (
                self.words_index.query_weighted(
                    {f"{TRANSLATE_TO}:{term}": weight for term, weight in found.items()}
                ),
                cfg.w_cov,
            )
        ]
        if cfg.w_chr and len(tokens) <= GLOSS_CHR_WORDS:
            best = [
                pairs[0][0]
                for term in own
                if (
                    pairs := self._translations_of(
                        keyed.get(lemma := term.partition(":")[2], lemma), text_lang
                    )
                )
            ]
            out += [(q, cfg.w_chr) for q in self._char_queries(best, [TRANSLATE_TO], native=native)]
        return out

    def _translated_c(
        self, tokens: list[str], text_lang: str, own: list[str], extra: Mapping[str, float] | None
    ) -> list[tuple[TermQuery, float]]:
        """``_translated``'s queries, the same to the bit, the gloss's cov query built in C
        (``quick.gloss_query``) from per-word tables filled the first time a word or a key is met: each token's
        folded lemma and its key where that is not the folded lemma (the accents' ``keyed``), and each key's
        translations (``_translations_of``) with the targets' term ids."""
        cfg = self.config
        state = self._gloss_tables
        if not (
            state[0] is self.translations
            and state[1] is self._glossaries
            and state[2] is self.words_index
            and state[3] is self.accents
        ):
            state = self._gloss_tables = (
                self.translations,
                self._glossaries,
                self.words_index,
                self.accents,
                {},
            )
        tables = state[4].get(text_lang)
        if tables is None:
            tables = state[4][text_lang] = ({}, {})
        token_keys, table = tables
        accents = self.accents.get(text_lang) if self._terms.fold_accents else None
        extra_dict = extra if extra is None or isinstance(extra, dict) else dict(extra)
        own_list = own if isinstance(own, list) else list(own)
        cleared = False
        while True:
            got = gloss_query(tokens, own_list, extra_dict, None if accents is None else token_keys, table)
            if len(got) == 4:
                break
            missing_tokens, missing_keys = got
            if not cleared and len(token_keys) + len(table) >= PARTS_CACHE:  # bounded as the other word memos
                # begun again, once a call: the text's words then fill them whatever their size
                cleared = True
                token_keys.clear()
                table.clear()
                continue
            for token in missing_tokens:
                assert accents is not None
                lemma = self.lemmatizer.lemmas([token], text_lang)[0]
                folded = fold(lemma)
                key = "" if accents.foreign(lemma) else accents.key(lemma)
                token_keys[token] = (folded, key) if key != folded or accents.foreign(lemma) else None
            vocab = self.words_index.vocab
            for key in missing_keys:
                table[key] = gloss_entry(self._translations_of(key, text_lang), vocab, f"{TRANSLATE_TO}:")
        ids, weights, best, any_found = got
        if not any_found:
            return []
        index = self.words_index
        out = [(TermQuery(index, ids, weights, index._limit(1.0)), cfg.w_cov)]
        if cfg.w_chr and len(tokens) <= GLOSS_CHR_WORDS:
            out += [(q, cfg.w_chr) for q in self._char_queries(best, [TRANSLATE_TO])]
        return out

    def _pool(self, doc_scores: FloatArray) -> FloatArray:
        return np.maximum.reduceat(doc_scores, self._starts).astype(np.float32)

    def _pool_dense(self, sims: FloatArray, label_langs: Sequence[list[str]] | None = None) -> FloatArray:
        """Max over each concept's vectors, scattered onto concept groups (0 where a concept has none);
        with ``label_langs``, a row's vectors of other label languages do not count."""
        assert self._dense_groups is not None
        members, columns = self._dense_groups
        restricted = False
        for row, langs in enumerate(label_langs or []):
            if len(langs) < len(self._doc_langs):
                sims[row, ~self._dense_lang_mask(tuple(langs))] = -np.inf
                restricted = True
        if members.shape[1] <= PAD_POOL:
            # A few vectors per concept (preferred label per language): column-wise maxima of gathers
            # are ~7x faster than a row-wise reduceat.
            pooled = sims[:, members[:, 0]]
            for j in range(1, members.shape[1]):
                np.maximum(pooled, sims[:, members[:, j]], out=pooled)
        else:
            pooled = np.maximum.reduceat(sims, members[:, 0], axis=1)
        if restricted:
            # A concept without a vector in the text's language: left out of the z-score (NaN), then 0.
            pooled[np.isneginf(pooled)] = np.nan
        out = np.zeros((sims.shape[0], len(self._starts)), dtype=np.float32)
        out[:, columns] = pooled
        return out

    def _dense_lang_mask(self, langs: tuple[str, ...]) -> npt.NDArray[np.bool_]:
        mask = self._dense_masks.get(langs)
        if mask is None:
            mask = np.isin(np.asarray(self.docs.lang, dtype=object)[self.dense_docs], langs)
            self._dense_masks[langs] = mask
        return mask


def _probe_products(queries: Vectors, groups: Sequence[list[int]], probe: Vectors) -> list[FloatArray]:
    """Per group of rows of ``queries``, ``queries[rows] @ probe.T``, to the bit (stop 43): the rows of the
    groups of two or more in one product with the probe as its left matrix (``probe @ q.T``: OpenBLAS packs
    the 1,024 x 384 probe once a text batch instead of once a language group, and that orientation packs it
    faster: 91 against 182 us for two rows, 240 against 307 for 19, one core). A group of one row keeps its
    own product (numpy computes a one-row product as a matrix-vector product, whose last bits differ from
    the matrix product's). A row of a matrix product comes out the same whatever the other rows and either
    orientation (OpenBLAS sums each entry over the 384 dimensions in one order: 0 of 1,500 random subsets
    differed here; tests/link/test_link_quick_c.py checks the products to a tolerance, as another CPU's
    kernel need not promise the bits)."""
    many = [k for rows in groups if len(rows) > 1 for k in rows]
    joint = (probe @ queries[many].T).T if many else None
    at: dict[int, int] = {k: i for i, k in enumerate(many)}
    out: list[FloatArray] = []
    for rows in groups:
        if len(rows) > 1:
            assert joint is not None
            out.append(np.ascontiguousarray(joint[[at[k] for k in rows]]))
        else:
            out.append(queries[rows] @ probe.T)
    return out


def agreement(den: FloatArray, gloss: FloatArray) -> FloatArray:
    """Per concept group, the smaller of two z-scored e5 similarities (a text's and its English gloss's), 0
    where either is negative: high only where both readings put the concept near the top (``w_agree``)."""
    return np.maximum(np.minimum(den, gloss), np.float32(0.0)).astype(np.float32, copy=False)


def fuse_ranked(
    sentence: Sequence[_T], spans: Sequence[Sequence[_T]], *, weight: float, k: float
) -> list[_T]:
    """Weighted reciprocal-rank fusion of a sentence's ranking with its skill phrases' rankings.

    An item scores ``1 / (k + rank)`` (rank from 1) in the sentence's ranking plus ``weight`` times its best
    ``1 / (k + rank)`` over the phrases (the best, not the sum: two phrases naming one skill count once).
    Ties keep the sentence's order, then the phrases' order. ``weight`` 0 returns the sentence's ranking.
    """
    fused = _rrf_scores(sentence, spans, weight=weight, k=k)
    order = {item: i for i, item in enumerate(fused)}  # insertion order: sentence first, then phrases
    return sorted(fused, key=lambda item: (-fused[item], order[item]))


def _rrf_scores(
    sentence: Sequence[_T], spans: Sequence[Sequence[_T]], *, weight: float, k: float
) -> dict[_T, float]:
    fused: dict[_T, float] = {}
    for rank, item in enumerate(sentence, 1):
        fused.setdefault(item, 1.0 / (k + rank))
    if weight:
        best: dict[_T, float] = {}
        for ranking in spans:
            for rank, item in enumerate(ranking, 1):
                value = 1.0 / (k + rank)
                if value > best.get(item, 0.0):
                    best[item] = value
        for item, value in best.items():
            fused[item] = fused.get(item, 0.0) + weight * value
    return fused


def _collect(concepts: Iterable[Concept]) -> tuple[list[str], list[str], list[dict[str, str]], _Docs]:
    uris: list[str] = []
    kinds: list[str] = []
    labels: list[dict[str, str]] = []
    doc_concept: list[int] = []
    doc_lang: list[str] = []
    doc_text: list[str] = []
    for concept in concepts:
        seen: set[str] = set()
        added = False
        for lang, names in concept.labels.items():
            for name in names:
                text = clean(name, max_chars=300)
                key = f"{lang}\t{text.lower()}"
                if not words(text) or key in seen:
                    continue
                seen.add(key)
                doc_concept.append(len(uris))
                doc_lang.append(lang)
                doc_text.append(text)
                added = True
        if added:
            uris.append(concept.uri)
            kinds.append(concept.kind)
            labels.append({lang: names[0] for lang, names in concept.labels.items() if names})
    return uris, kinds, labels, _Docs(np.asarray(doc_concept, dtype=np.int32), doc_lang, doc_text)


TermPrefixes = list[tuple[int, dict[tuple[str, ...], list[tuple[str, int]]]]]
"""A first word's field terms (``Linker._build_term_index``) by length, ascending, then by their words but the
last: (length, {words but the last: [(the last word, concept group)]})."""


def _find_terms(
    seq: Sequence[str], index: Mapping[str, TermPrefixes], head_of: Callable[[int], set[str]] | None
) -> Iterator[tuple[int, int, int, bool]]:
    """(start, end, group, whether the last word is a compound's head) of each term of ``index``
    (``_term_prefixes``) in ``seq``: its words in order, or its words but the last followed by a word
    whose compound heads (``head_of(position)``; None: no compounds) hold its last."""
    n = len(seq)
    for k, word in enumerate(seq):
        for length, by_prefix in index.get(word, ()):
            end = k + length
            if end > n:  # lengths ascend: no longer term fits either
                break
            entries = by_prefix.get(tuple(seq[k : end - 1]))
            if entries is None:
                continue
            last = seq[end - 1]
            for name_last, group in entries:
                if name_last == last:  # the term as its words
                    yield k, end, group, False
                elif head_of is not None and length > 1 and name_last in head_of(end - 1):
                    yield k, end, group, True


def _term_prefixes(index: Mapping[str, Sequence[tuple[tuple[str, ...], int]]]) -> dict[str, TermPrefixes]:
    """``Linker._term_hits``'s form of the term index: a term is found by one look-up of the text's words
    before its last, per length, instead of a comparison per term that starts with the word."""
    out: dict[str, TermPrefixes] = {}
    for first, terms in index.items():
        by_length: dict[int, dict[tuple[str, ...], list[tuple[str, int]]]] = {}
        for name, group in terms:
            by_length.setdefault(len(name), {}).setdefault(name[:-1], []).append((name[-1], group))
        out[first] = sorted(by_length.items())
    return out


def _dense_subset(docs: _Docs, max_alt: int | None) -> npt.NDArray[np.int64]:
    """Documents that get vectors: every preferred label plus up to ``max_alt`` alternatives per language."""
    keep: list[int] = []
    seen: dict[tuple[int, str], int] = {}
    for i, (concept, lang) in enumerate(zip(docs.concept.tolist(), docs.lang, strict=True)):
        n = seen.get((concept, lang), 0)
        if max_alt is None or n <= max_alt:
            keep.append(i)
        seen[(concept, lang)] = n + 1
    return np.asarray(keep, dtype=np.int64)


def _dense_groups(
    concepts: npt.NDArray[np.int32], group_concept: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Per concept with vectors: its vector rows (padded by repeating its first, which leaves a max
    unchanged; the first column is where its run starts) and its concept-group column."""
    change = np.flatnonzero(concepts[1:] != concepts[:-1]) + 1
    starts = np.concatenate([[0], change]).astype(np.int64)
    counts = np.diff(np.append(starts, len(concepts)))
    width = int(counts.max()) if len(counts) else 1
    members = starts[:, None] + np.minimum(np.arange(width)[None, :], counts[:, None] - 1)
    return members, np.searchsorted(group_concept, concepts[starts].astype(np.int64))


def _load_known_vectors(cache_dir: Path) -> dict[str, Vectors]:
    """Vectors of a previous build, by label text, so a rebuild embeds only new labels."""
    try:
        meta = json.loads((cache_dir / "link_meta.json").read_text(encoding="utf-8"))
        ids = np.load(cache_dir / "link_dense_docs.npy")
        vectors = np.load(cache_dir / "link_dense.npy").astype(np.float32)
        texts = [meta["doc_text"][i] for i in ids.tolist()]
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return {}
    return dict(zip(texts, vectors, strict=False))


def _two_step_progress(progress: Progress | None, second_total: int) -> tuple[Progress, Progress]:
    """Report words then labels as one count: ``(done, words + labels)``."""
    first_total = [0]

    def first(done: int, total: int) -> None:
        first_total[0] = total
        if progress is not None:
            progress(done, total + second_total)

    def second(done: int, total: int) -> None:
        if progress is not None:
            progress(first_total[0] + done, first_total[0] + total)

    return first, second


# An index saved before these fields existed was built without what they switch on.
_ABSENT_MEANS = {"fold_accents": False, "split_compounds": (), "fuzzy_words": (), "translate": ()}


def _exact_key(tokens: Sequence[str]) -> str:
    """A label's or a text's words, lower-cased and without diacritics, for ``w_exact``."""
    return " ".join(fold(t.lower()) for t in tokens)


def _config(saved: dict[str, object]) -> LinkConfig:
    """The saved config; fields this version does not know are dropped (they only tuned a signal)."""
    known = set(LinkConfig.__dataclass_fields__)
    fields = {**_ABSENT_MEANS, **{k: v for k, v in saved.items() if k in known}}
    for key in (
        "split_compounds",
        "monolingual",
        "fuzzy_words",
        "translate",
        "glossary",
        "synonyms",
        "e5_kinds",
    ):
        if isinstance(fields.get(key), list):
            fields[key] = tuple(fields[key])  # type: ignore[arg-type]
    return LinkConfig(**fields)  # type: ignore[arg-type]


@dataclass(slots=True)
class _Terms:
    """Words -> index terms, the same for labels (at build) and texts: lemmas (without diacritics with
    ``fold_accents``), tagged with the label language, plus the compound parts of words in ``split``
    languages that split into two known lemmas (``known``: the lemmas of that language's labels), and for a
    text's unknown words in ``fuzzy`` languages the known lemma one letter away (labels have no unknown
    words, so this is for texts only)."""

    lemmatizer: Lemmatizer
    fold_accents: bool
    split: tuple[str, ...]
    fuzzy: tuple[str, ...] = ()
    known: dict[str, set[str]] = field(default_factory=dict)
    _parts: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    _near: dict[tuple[str, str], str] = field(default_factory=dict)
    _form_terms: dict[str, dict[str, str]] = field(default_factory=dict)
    _deletes: dict[str, tuple[dict[str, str], dict[tuple[str, int], str]]] = field(default_factory=dict)

    @classmethod
    def from_index(
        cls,
        lemmatizer: Lemmatizer,
        index: InvertedIndex,
        *,
        fold_accents: bool,
        split: Sequence[str],
        fuzzy: Sequence[str] = (),
    ) -> _Terms:
        known: dict[str, set[str]] = {lang: set() for lang in (*split, *fuzzy)}
        for term in index.vocab:
            lang, _, lemma = term.partition(":")
            if lang in known:
                known[lang].add(lemma)
        return cls(lemmatizer, fold_accents, tuple(split), tuple(fuzzy), known)

    def lemmas(self, tokens: Sequence[str], lang: str) -> list[str]:
        lemmas = self.lemmatizer.lemmas(tokens, lang)
        return [fold(x) for x in lemmas] if self.fold_accents else lemmas

    def tagged(self, tokens: Sequence[str], lang: str) -> list[str]:
        terms = self.lemmas(tokens, lang)
        known = self.known.get(lang)
        if known:
            if lang in self.fuzzy:
                near = [self.near(t, lang) for t in terms if len(t) >= FUZZY_MIN and t not in known]
                terms += [t for t in near if t]
            if lang in self.split:
                terms += [part for token in tokens for part in self.parts(token, lang)]
        return _tagged(terms, lang)

    def near(self, word: str, lang: str) -> str:
        """The known lemma one letter away from ``word`` (missing, extra or another letter), or ""."""
        key = (word, lang)
        found = self._near.get(key)
        if found is None:
            tables = self._deletes.get(lang)
            if tables is None:  # built on first use: delete-one-letter tables of the longer lemmas
                # and of their inflected forms ("pressmedelanden" is one letter from
                # "pressmeddelanden", a form of "pressmeddelande")
                deletes: dict[str, str] = {}
                at: dict[tuple[str, int], str] = {}
                for form, term in sorted(self._forms(lang).items()):
                    if len(form) > FUZZY_MIN:
                        for i in range(len(form)):
                            deletes.setdefault(form[:i] + form[i + 1 :], term)
                            at.setdefault((form[:i] + form[i + 1 :], i), term)
                tables = self._deletes[lang] = (deletes, at)
            deletes, at = tables
            forms = self._forms(lang)
            shorter = [word[:i] + word[i + 1 :] for i in range(len(word))]
            found = (
                deletes.get(word)  # a letter missing
                or next((t for d in shorter if (t := forms.get(d))), None)  # a letter too many
                # another letter in the same place ("empatisk" is not "tematisk": that is two edits)
                or next((t for i, d in enumerate(shorter) if (t := at.get((d, i)))), "")
            )
            if len(self._near) < PARTS_CACHE:
                self._near[key] = found
        return found

    def _forms(self, lang: str) -> dict[str, str]:
        """Every known lemma and each inflected form of one, folded like the terms, -> the lemma's term."""
        found = self._form_terms.get(lang)
        if found is None:
            known = self.known[lang]
            folded = fold if self.fold_accents else str
            found = {term: term for term in known}
            for form, lemma in self.lemmatizer.table.get(lang, {}).items():
                if (term := folded(lemma)) in known:
                    found.setdefault(folded(form), term)
            self._form_terms[lang] = found
        return found

    def chars(self, tokens: Sequence[str]) -> list[str]:
        return char_ngrams([fold(t) for t in tokens] if self.fold_accents else tokens)

    def parts(self, token: str, lang: str) -> tuple[str, ...]:
        """The two known lemmas a compound splits into (``static.MIN_PART`` letters or more each), or ().

        A linguist's rules keep simple inflected words whole (stop 44, part two: "digitala" was du + tala,
        "ärenden" vara + den, "företag" fore + ta): a part's lemma has ``MIN_PART`` letters or more ("du",
        "ta", "te" are none); the modifier is its lemma as written, with an -s, or without its last vowel
        and with or without a linking letter ("marknads", "verk" of "verka", "arbets" of "arbete",
        "högskole" of "högskola"), never another inflected form ("sam" of "simma", "vidare" of "vid"); only
        a Swedish linking letter (``LINKING_LETTERS``) may join the parts; a derivational suffix is no head
        (``SUFFIX_HEADS``: "frihet" is no fri + heta); and a word whose lemma the linker knows (a known
        lemma, or a form the lemma table gives a known lemma) splits only where its lemma is what precedes
        the head as written plus the head's lemma, so that an inflectional ending is no part of the head
        ("skogsbränder" -> skog + brand: *skogsbrand*; *digital* does not end in *tala*)."""
        key = (token, lang)
        found = self._parts.get(key)
        if found is None:
            known = self.known[lang]
            forms = self.lemmatizer.table.get(lang, {})
            folded: Callable[[str], str] = fold if self.fold_accents else str

            def term_of(piece: str) -> str | None:
                term = folded(forms.get(piece, piece))
                return term if len(term) >= MIN_PART and term in known else None

            def resolve(piece: str) -> str | None:
                term = term_of(piece)
                if term is None:
                    return None
                if token.endswith(piece):  # a head: any form of its lemma, no derivational suffix
                    return None if piece in SUFFIX_HEADS else term
                written = folded(piece)  # a modifier: its lemma's stem
                stem = term[:-1] if term[-1] in VOWELS else term
                if written in (term, f"{term}s", stem) or (
                    written[:-1] == stem and written[-1] in LINKING_LETTERS
                ):
                    return term
                return None

            whole = folded(token)
            lemma = folded(forms.get(token, token))

            def accept(cut: int) -> bool:  # for a word whose lemma is known
                if not lemma.startswith(whole[:cut]):  # the cheap test first
                    return False
                head = term_of(token[cut:])
                return head is not None and lemma == whole[:cut] + head

            inflected = lemma in known or token in forms
            split = (
                split_compound(
                    token,
                    resolve,
                    min_part=MIN_PART,
                    linkers=LINKING_LETTERS,
                    accept=accept if inflected else None,
                )
                if token.isalpha()
                else None
            )
            found = split if split else ()
            if len(self._parts) < PARTS_CACHE:
                self._parts[key] = found
        return found


LINKING_LETTERS = frozenset("seauo")
"""The letters that may join a Swedish compound's parts ("mätning|s|ingenjör", "flick|e|bok", "kyrk|o|gård");
what ``_Terms.parts`` drops between a modifier and a head."""

VOWELS = frozenset("aeiouyåäö")

ENGLISH_KNOWN_SWEDISH = True
"""Whether the gloss's reading of a word the dictionary lacks (``Linker._word_rendering``, stop 45) keeps from
reading as English a word the language's lemma table knows as its own ("god" is *good*, "lever" *lives*, not
*god*, *lever*; stop 46)."""

FORMED_MIN_PART = 4
"""Letters a base form and each part of a compound need at least in the gloss's reading of a word the dictionary
lacks (``Linker._formed_rendering``): three-letter parts read nonsense into real words ("kör|sbär", "bal|der",
"utman|are", "est" of "ester"), in the real ads' tune half (bench/gloss_coverage.py --formed)."""

STEM_VOWELS = ("e", "a", "o")
"""The last vowels a Swedish compound modifier drops ("arbet|s" of "arbete", "skol|" of "skola", "kyrk|o" of
"kyrka"), which the gloss's compound reading (``Linker._modifier_rendering``) puts back."""

SUFFIX_HEADS = frozenset(
    f"{suffix}{ending}"
    for suffix in ("het", "skap")
    for ending in ("", "en", "er", "erna", "ens", "et", "ets")
)
"""The derivational suffixes -het and -skap, inflected, which ``_Terms.parts`` takes for no head ("frihet",
"budskap", "ledarskap": not fri + heta, bud + skapa)."""


TRANSLATE_MIN_LINKS = 1
"""Alignments a word needs to enter the table. With the English preferred label alone as the target, one
alignment is enough. Swedish phrases, top 1 / 3 / 5, tune / check (bench/link_sv.py): all English labels and 2
links (before) 56.7 / 83.3 / 85.6 and 59.5 / 81.0 / 83.3 %; all labels and 1 link 56.7 / 83.3 / 86.7 and
59.5 / 82.1 / 84.5 %; the preferred label and 2 links 58.9 / 83.3 / 85.6 and 59.5 / 81.0 / 83.3 %; the
preferred label and 1 link 58.9 / 84.4 / 86.7 and 60.7 / 82.1 / 85.7 % (3,040 -> 8,893 words). ``min_share`` and
``min_dice`` stay at their defaults, the tune half's best over 0.1-0.5 and 0.02-0.2."""


def _accents(docs: _Docs, lemmatizer: Lemmatizer, config: LinkConfig) -> dict[str, Accents]:
    """Per ``translate`` language, where folding its lemmas would make two words one key (``Accents``, stop 46):
    from the lemmas as written of its labels and its glossary's words, its dictionary's words (simplemma's) and
    their frequencies (wordfreq's)."""
    found: dict[str, Accents] = {}
    for lang in config.translate:
        if lang == TRANSLATE_TO:
            continue
        lemmas = {
            lemma
            for text, doc_lang in zip(docs.text, docs.lang, strict=True)
            if doc_lang == lang
            for lemma in lemmatizer.lemmas(words(text), lang)
        }
        if lang in config.glossary:
            for word in lang_data(lang, GLOSSARY_FILE).get("words", {}):
                if len(tokens := words(word)) == 1:
                    lemmas.update(lemmatizer.lemmas(tokens, lang))
        if not lemmas:
            continue
        try:
            from wordfreq import zipf_frequency

            dictionary = {(form.lower(), lemma.lower()) for form, lemma in _simplemma_entries(lang)}

            def zipf(word: str, lang: str = lang) -> float:
                return float(zipf_frequency(word, lang))

            found[lang] = Accents.build(lemmas, dictionary, zipf)
        except (ImportError, ValueError, OSError):  # no dictionary: the lemmas alone
            found[lang] = Accents.build(lemmas)
    return found


def _learn_translations(
    docs: _Docs, terms: _Terms, sources: Sequence[str], accents: Mapping[str, Accents] | None = None
) -> Translations:
    """The word table of ``LinkConfig.translate``: each concept with labels in a source language and in
    English is a parallel pair of term sets (the lemmas of all its labels in the source language, of its
    English preferred label; compound parts too), aligned by ``translate.learn``. The English side is the
    preferred label only: the Swedish side has no alternative labels, and ESCO's many English ones drowned
    the alignment. One table for all source languages (their terms rarely meet). A source lemma that ``accents``
    keeps apart from another that folds alike is its own key ("växa", "vaxa"; stop 46)."""
    by_concept: dict[str, dict[int, set[str]]] = {}
    for concept, lang, text in zip(docs.concept.tolist(), docs.lang, docs.text, strict=True):
        if lang in sources or lang == TRANSLATE_TO:
            found = by_concept.setdefault(lang, {})
            if lang == TRANSLATE_TO and concept in found:
                continue  # the preferred label (each concept's first) only
            tokens = words(text)
            keyed: dict[str, str] = {}
            if accents and (own := accents.get(lang)) is not None:
                keyed = {
                    fold(x): key
                    for x in terms.lemmatizer.lemmas(tokens, lang)
                    if (key := own.key(x)) != fold(x)
                }
            lemmas = [t.partition(":")[2] for t in terms.tagged(tokens, lang)]
            found.setdefault(concept, set()).update(keyed.get(x, x) for x in lemmas)
    target = by_concept.get(TRANSLATE_TO, {})
    pairs = [
        (src, target[concept])
        for lang in sources
        if lang != TRANSLATE_TO
        for concept, src in by_concept.get(lang, {}).items()
        if concept in target
    ]
    return learn(pairs, min_links=TRANSLATE_MIN_LINKS) if pairs else Translations()


def _query_words(lang: str, config: LinkConfig) -> set[str]:
    """The words of ``lang``'s glossary keys and synonym members (``LinkConfig.glossary``, ``synonyms``): the
    lemmatizer knows only the lemmas of label words, so without them an inflected form of a glossary word that no
    label holds ("mötesplatser") would miss its entry."""
    found: set[str] = set()
    if lang in config.glossary:
        found.update(w for key in lang_data(lang, GLOSSARY_FILE).get("words", {}) for w in words(key))
    if lang in config.synonyms:
        for group in lang_data(lang, SYNONYMS_FILE).get("groups", []):
            found.update(w for member in group.get("words", []) for w in words(member))
    return found


def _add_term_forms(
    lemmatizer: Lemmatizer, terms: _Terms, vocab: Mapping[str, set[str]], config: LinkConfig
) -> None:
    """The inflected forms of the field terms' compounds (``terms.json``), for the languages whose words take
    their own forms (``LinkConfig.translate``): "medlemsregistret" is the term "medlemsregister" (*manage
    membership database*), which no label holds, so the lemma table lacked its forms and the term was missed
    (stop 50). Only a compound that splits into two label lemmas (``_Terms.parts``) and is no label lemma of its
    own takes them, from its head's forms where the dictionary lacks it (``_lemma_table``); a form that is a word
    of a label, the glossary or the synonyms keeps its reading."""
    names = {w for tokens, _, _ in _term_names("skill") for w in tokens}
    for lang in config.translate:
        table = lemmatizer.table.get(lang)
        if table is None or lang not in terms.split:
            continue
        lemmas = set(table.values())
        own = vocab.get(lang, set())
        for form, lemma in _lemma_table(lang, names, own_forms=True).items():
            if form not in table and form not in own and lemma not in lemmas and terms.parts(lemma, lang):
                table[form] = lemma


def _load_known_words(cache_dir: Path) -> dict[str, Vectors]:
    """Raw static word vectors of a previous build, so a rebuild embeds only new words."""
    try:
        return StaticVectors.load(cache_dir / "link_static.npz").known()
    except (OSError, ValueError, KeyError):
        return {}


def tool_concept(phrase: str, key: str | None = None) -> tuple[str, str] | None:
    """(ESCO URI, its English label) of the tool ``phrase`` names, when the whole phrase is a name of
    ``tools.json`` ("Fortnox", "truckkort"; a cased name only as written); else None. A look-up, no linking.
    ``key``: the phrase lowercased with its spaces collapsed, when the caller has it."""
    if key is None:
        key = " ".join(phrase.lower().split())
    if len(phrase) > TOOL_NAME_CHARS or key not in _tool_spellings():
        return None  # most tagger phrases: one set look-up
    tokens = tuple(words(phrase))
    for _name, uris, exact, label in _tool_names().get(tokens, ()):
        if exact is None or exact.search(phrase):
            return uris[0], label
    return None


@cache
def e5_map(lang: str) -> Vectors | None:
    """The linear map from e5 query vectors of ``lang`` texts into the e5 space of the English labels
    (``link/data/e5_map_<lang>.npy``, scripts/train_e5_map.py); None without the file."""
    path = resources.files("kompetens.link").joinpath("data", f"e5_map_{lang}.npy")
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        matrix: Vectors = np.load(fh).astype(np.float32)
    return matrix


@cache
def _data_file(name: str) -> dict[str, Any]:
    """``link/data/<name>`` parsed; {} without the file."""
    path = resources.files("kompetens.link").joinpath("data", name)
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _tool_data() -> dict[str, Any]:
    """``link/data/tools.json`` parsed; {} without the file."""
    return _data_file(TOOLS_FILE)


def _named(
    entries: Iterable[Mapping[str, Any]],
) -> Iterable[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    """(name, its words, ESCO URIs, the first concept's English label) of each name of each entry of
    ``tools.json`` or ``terms.json`` (``names``, ``esco``, ``labels``); names without words are left out."""
    for entry in entries:
        uris = tuple(str(u) for u in entry.get("esco", []))
        labels = [str(x) for x in entry.get("labels", [])]
        for name in entry.get("names", []):
            tokens = tuple(words(clean(str(name))))
            if tokens and uris:
                yield str(name), tokens, uris, labels[0] if labels else str(name)


def term_concept(phrase: str, key: str | None = None) -> tuple[str, str] | None:
    """(ESCO URI, its English label) of the field term ``phrase`` is (``terms.json``): the whole phrase, as
    written or with a Swedish ending or English plural on its last word (``TERM_ENDINGS``), without
    diacritics ("länkbygget", "KPI:er"); else None. A look-up, no linking. ``key``: the phrase lowercased
    with its spaces collapsed, when the caller has it."""
    if key is None:
        key = " ".join(phrase.lower().split())
    if len(key) > TOOL_NAME_CHARS:
        return None
    # ``fold`` maps letter by letter: the joined words folded once are the words folded one by one, joined
    return _term_spellings().get(fold(" ".join(words(key))))


def span_concepts(phrases: Sequence[str], keys: Sequence[str]) -> list[tuple[str, str] | None]:
    """``tool_concept(phrase, key) or term_concept(phrase, key)`` of each phrase and its key (the phrase
    lowercased, spaces collapsed), in one call: the tagger's new phrases of a text (``Engine._span_ref_list``).
    Most are neither, and are answered by the two look-ups' first tests without a call a phrase."""
    tools, terms = _tool_spellings(), _term_spellings()
    return [
        (tool_concept(phrase, key) if len(phrase) <= TOOL_NAME_CHARS and key in tools else None)
        or (terms.get(fold(" ".join(words(key)))) if len(key) <= TOOL_NAME_CHARS else None)
        for phrase, key in zip(phrases, keys, strict=True)
    ]


@cache
def _term_spellings() -> dict[str, tuple[str, str]]:
    """Each term name's words (and with each of ``TERM_ENDINGS`` on its last word), without diacritics,
    joined by spaces -> (its first ESCO URI, that concept's English label)."""
    out: dict[str, tuple[str, str]] = {}
    for tokens, uris, label in _term_names():
        for form in _written_forms(tokens):
            out.setdefault(" ".join(form), (uris[0], label))
    return out


def _written_forms(tokens: Sequence[str], *, folded: bool = True) -> list[tuple[str, ...]]:
    """A term name's words without diacritics (with them where not ``folded``), as written and with each of
    ``TERM_ENDINGS`` on its last word."""
    name = tuple(fold(t) for t in tokens) if folded else tuple(tokens)
    return [name, *((*name[:-1], name[-1] + end) for end in TERM_ENDINGS)]


def _term_entries(kind: str = "skill") -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(name as words, ESCO URIs) of each name in the table of ``kind`` (``TERM_TABLES``: ``terms.json``,
    ``titles.json``); [] without the file."""
    return [(tokens, uris) for tokens, uris, _ in _term_names(kind)]


@cache
def _term_names(kind: str = "skill") -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    """(name as words, ESCO URIs, the first concept's English label) of each name in the table of ``kind``;
    [] without the file."""
    file, key = TERM_TABLES[kind]
    return [(tokens, uris, label) for _, tokens, uris, label in _named(_data_file(file).get(key, []))]


@cache
def _tool_spellings() -> frozenset[str]:
    """Every name of ``tools.json`` lowercased, spaces collapsed: a phrase that is none of them is no tool's
    name (``tool_concept``'s first test, one set look-up)."""
    return frozenset(
        " ".join(str(name).lower().split())
        for entry in _tool_data().get("tools", [])
        for name in entry.get("names", [])
    )


ToolName = tuple[tuple[str, ...], tuple[str, ...], "re.Pattern[str] | None", str]


@cache
def _tool_names() -> dict[tuple[str, ...], list[ToolName]]:
    """Name as words -> (the words, ESCO URIs, the cased pattern or None, the first concept's label)."""
    out: dict[tuple[str, ...], list[ToolName]] = {}
    data = _tool_data()
    cased = set(data.get("cased", []))
    for name, tokens, uris, label in _named(data.get("tools", [])):
        exact = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)") if name in cased else None
        out.setdefault(tokens, []).append((tokens, uris, exact, label))
    return out


@cache
def _tool_table() -> list[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str] | None]]:
    """(name as words, ESCO URIs, the name's cased pattern or None) of each name in ``link/data/tools.json``;
    [] without the file. A name in the file's ``cased`` list ("Excel", "Word") is also an everyday word: it
    counts only where the text writes it so."""
    return [(tokens, uris, exact) for found in _tool_names().values() for tokens, uris, exact, _ in found]


@cache
def _cue_words() -> CueWords:
    """The cue, degree and preposition words of every language's ``spans.json``; the cue words of a language
    that writes compounds closed (``morphology.json``) also as compound heads (``CueWords.heads``); the
    (cue word, preposition) pairs of every language's ``cue_preps.json`` (``CueWords.pairs``)."""
    from kompetens.lang import LANGUAGES, lang_data

    found: dict[str, set[str]] = {"cue": set(), "degree": set(), "prep": set()}
    heads: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for code in LANGUAGES:
        for prep, cues in lang_data(code, "cue_preps").get("after", {}).items():
            pairs.update((cue.lower(), prep.lower()) for cue in cues)
        classes = lang_data(code, "spans").get("classes", {})
        for name, bucket in found.items():
            bucket.update(w.lower() for w in classes.get(name, []))
        if lang_data(code, "morphology").get("compounds"):
            heads.update(w.lower() for w in classes.get("cue", []))
    return CueWords(
        frozenset(found["cue"]),
        frozenset(found["degree"]),
        frozenset(found["prep"]),
        frozenset(heads),
        frozenset(pairs),
    )


def _clean_input(text: object) -> str:
    if not isinstance(text, str):
        raise KompetensError(Code.E301, "each text to link must be a string", field="texts")
    return clean(text)


def _tagged(lemmas: list[str], lang: str) -> list[str]:
    return [f"{lang}:{lemma}" for lemma in lemmas]


def _zscore_rows(values: FloatArray) -> FloatArray:
    """Each row to mean 0, standard deviation 1 (rows without spread stay centred); NaN entries (concepts
    without a vector in the text's language) do not count and become 0."""
    if np.isnan(values).any():
        centred = values - np.nanmean(values, axis=1, keepdims=True)
        std = np.nanstd(centred, axis=1, keepdims=True)
        out: FloatArray = np.nan_to_num(centred / np.where(std > 0, std, 1.0), nan=0.0).astype(np.float32)
        return out
    centred = values - values.mean(axis=1, keepdims=True)
    std = centred.std(axis=1, keepdims=True)
    out = (centred / np.where(std > 0, std, 1.0)).astype(np.float32)
    return out


def _top(score: FloatArray, k: int) -> list[int]:
    k = min(k, len(score))
    part = np.argpartition(-score, k - 1)[:k]
    return [int(i) for i in part[np.argsort(-score[part], kind="stable")]]


def _label(labels: dict[str, str], lang: str) -> str:
    return labels.get(lang) or labels.get("en") or next(iter(labels.values()))
