"""An ad's structure, read once: title, sections under their headings, sentence units, boilerplate.

Extraction (must-have or merit, boilerplate mentions) and review (where social-media evidence and
biased wording stand) both read a document through the one :class:`Layout` that :func:`segment` makes,
so they cannot disagree about where "Krav" ends or which sentence is a follow-us line.

A section runs from a heading to the next one ("Arbetsuppgifter", "About us", "Krav: ..."). Text before
any heading is ``body``. A paragraph that describes the company and never addresses the reader is
``about_company`` wherever it stands. A sentence is boilerplate when it is a follow-us, share-this-job or
how-to-apply line (``boilerplate`` of ``lang/<code>/sections.json`` and of ``cues.json``), or a line of
bare links. The cues of every language apply, the ad's own first: ads mix languages.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import accumulate
from operator import itemgetter
from re import _constants, _parser  # type: ignore[attr-defined]  # the literals a pattern must hold
from typing import Any, NamedTuple, overload

import ahocorasick

from .extract.native import speedups as _speedups
from .lang import LANGUAGES, lang_data
from .schema import DOCUMENTED

SECTION_KINDS: tuple[str, ...] = (
    "title",
    "body",
    "duties",
    "requirements",
    "merits",
    "offer",
    "apply",
    "about_company",
    "boilerplate",
)
"""Section kinds (``boilerplate``: a company section named only in cues.json)."""

JOB_CONTENT: frozenset[str] = frozenset({"body", "duties", "requirements"})
"""Sections whose sentences say what the job needs."""

NOT_THE_JOB: frozenset[str] = frozenset({"offer", "apply", "about_company", "boilerplate"})
"""Sections about the employer, the offer or the application: their mentions are no demand of the job."""

HEADING_MAX_WORDS = 8
HEADING_MAX_CHARS = 80
TITLE_MAX_WORDS = 12
LINK_LINE_MAX_CHARS = 200
LINK_LINE_MAX_SPACES = 16
"""A line of links is short: "Instagram | Facebook | LinkedIn | www.x.se" has 6 spaces..."""
NAMES_LINE_MAX_SPACES = 8
"""...and one of names alone shorter still ("Instagram · LinkedIn · TikTok")."""
_MEMO_MAX = 20_000

_BULLET = re.compile(r"^\s*(?:[-*•–·▪]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?]([^\S\n]+)(?=[\"“(]?[A-ZÅÄÖÉ0-9])")
"""A sentence ends at a mark followed by spaces and a capital, within a line (lines are cut anyway)."""
_LINKISH = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\S+\.(?:se|com|nu|org|net|io|example)(?:/\S*)?", re.IGNORECASE
)
_LINK_HINT = re.compile(r"://|@|\w\.\w")
"""What every ``_LINKISH`` match holds: most lines have none, and skip the costlier pattern."""
_LETTER_WORD = re.compile(r"[^\W\d_]+")
_BULLETS = "-*•–·▪ "
_MAYBE_LINKS = re.compile(r"[|·•▪/@]")
_WORD_AT = re.compile(r"\w+")
_FIRST_LINE = re.compile(r"[^\n]*\S[^\n]*")
"""What a line of links holds somewhere: a separator or a link (cheap to look for in every line)."""
_SEPARATORS = "|·•▪/"
# Whole-word guards: a match may not start or end inside a word, nor right after a hyphen
# (so the tail of a compound such as "data-driven" is not a word of its own).
_WORD_START = r"(?<![\w-])"
_WORD_END = r"(?!\w)"


_QUOTED = re.compile(r"[\"“”„»«][^\"“”„»«\n]{1,200}[\"“”„»«]")


def _unquoted(text: str) -> str:
    """``text`` without what stands in quotation marks (a slogan, a name)."""
    return _QUOTED.sub(" ", text) if '"' in text or "”" in text or "“" in text or "»" in text else text


def whole_word(pattern: str, *, cased: bool = False) -> re.Pattern[str]:
    """Compile ``pattern`` so that it matches whole words only."""
    return re.compile(f"{_WORD_START}(?:{pattern}){_WORD_END}", 0 if cased else re.IGNORECASE)


def any_of(patterns: list[str], *, cased: bool = False) -> re.Pattern[str] | None:
    """One whole-word pattern for a list of alternatives; None for an empty list. ``cased``: for text
    already lower-cased, which a case-sensitive pattern scans 4-5x faster."""
    if not patterns:
        return None
    return whole_word("|".join(f"(?:{p})" for p in patterns), cased=cased)


@dataclass(slots=True, frozen=True)
class LayoutCues:
    """Heading patterns per section kind and the sentence cues used to read an ad (every language)."""

    lang: str
    headings: tuple[tuple[str, re.Pattern[str]], ...]
    about_company: re.Pattern[str] | None
    role: re.Pattern[str] | None
    boilerplate: dict[str, re.Pattern[str]]
    """The boilerplate patterns by their hint word, a whole word every match holds ("följ", "share"): a
    sentence is searched only for the patterns of the hint words in it. Extraction's phrase walk finds the
    hints (``extract.cues.cue_phrases``); a layout made without it finds them with ``hint_pattern``.
    ``about_company``, ``role`` and ``boilerplate`` are matched against the lower-cased text."""
    hint_pattern: re.Pattern[str] | None

    @property
    def boilerplate_hints(self) -> tuple[str, ...]:
        return tuple(self.boilerplate)

    boilerplate_phrases: re.Pattern[str] | None
    """The boilerplate phrases of ``cues.json`` ("vi erbjuder", "kollektivavtal"), for a layout made
    without the offsets where extraction's phrase walk found them."""
    link_names: re.Pattern[str] | None
    """Names that may stand alone on a line of links ("Instagram | Facebook | www.x.se"), one word each."""
    memo: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    """Heading line -> kind: ads reuse a few hundred headings."""
    kind_memo: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    inline_memo: dict[str, tuple[str, int] | None] = field(default_factory=dict, compare=False, repr=False)
    """Heading words -> kind."""
    name_memo: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    """Word -> whether it is a platform name (``link_names``)."""
    company_starts: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    """The strings every ``about_company`` match starts with (``start_literals``, less those that start with
    another), sorted; or None: where the pattern is tried (``Layout._about_company``)."""

    def heading_kind(self, heading: str) -> str | None:
        """The section kind a heading's words name, or None when they name none (memoised)."""
        memo = self.kind_memo
        if heading in memo:
            return memo[heading]
        found = next((kind for kind, pattern in self.headings if pattern.fullmatch(heading)), None)
        if len(memo) > _MEMO_MAX:
            memo.clear()
        memo[heading] = found
        return found


# Heading names from the extraction cues (lang/<code>/cues.json) join sections.json's own patterns.
_SHARED_HEADING_KEYS = (
    ("requirements", "section_required"),
    ("merits", "section_merit"),
    ("boilerplate", "section_boilerplate"),
)


def _shared_headings(code: str) -> list[tuple[str, str]]:
    cues: dict[str, Any] = lang_data(code, "cues")
    return [
        (kind, re.escape(str(n).strip().rstrip(":?").lower()))
        for kind, key in _SHARED_HEADING_KEYS
        for n in cues.get(key, [])
        if str(n).strip()
    ]


def _hint_word(pattern: str) -> str | None:
    """The longest whole word every match of ``pattern`` holds ("följ", "linkedin"), or None.

    A word is whole when the pattern puts a space, a hyphen or its own start or end on both sides of it:
    such a word is one word of the text, which extraction's phrase walk finds at no cost."""
    words: list[str] = []
    run, whole_start = "", True
    for op, arg in [*_parser.parse(pattern), (None, None)]:
        if op is _constants.LITERAL and chr(arg) not in " -":
            run += chr(arg)
            continue
        boundary = op is None or (op is _constants.LITERAL) or (op is _constants.IN and _only_separators(arg))
        if run and whole_start and boundary:
            words.append(run)
        run, whole_start = "", boundary
    return max(words, key=len) if words else None


def literal_gate(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of ``pattern`` holds, or None when the pattern does not
    say: a pattern is run on a text only when one of its gate's strings is in the lower-cased text (a
    substring search in C, against a regular expression tried at every offset)."""
    try:
        return _gate(list(_parser.parse(pattern)))
    except re.error:
        return None


def _gate(items: list[Any]) -> tuple[str, ...] | None:
    best, run = "", ""
    for op, arg in [*items, (None, None)]:
        if op is _constants.LITERAL:
            run += chr(arg).lower()
            continue
        best, run = max(best, run, key=len), ""
    if len(best.strip()) >= _GATE_MIN:
        return (best,)
    weak: tuple[str, ...] | None = (best,) if best.strip() else None
    for op, arg in items:  # a mandatory part that holds one
        gate: tuple[str, ...] | None = None
        if op is _constants.BRANCH:
            gates = [_gate(list(alt)) for alt in arg[1]]
            gate = None if any(g is None for g in gates) else tuple(s for g in gates if g for s in g)
        elif op is _constants.SUBPATTERN:
            gate = _gate(list(arg[-1]))
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] >= 1:
            gate = _gate(list(arg[2]))
        if gate and all(len(g.strip()) >= _GATE_MIN for g in gate):
            return gate
        weak = weak or gate
    return weak


def start_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` starts with (its zero-width tests at the start left
    aside), or None when the pattern does not say (a set, a repeat or a case-ignoring part first): a match can
    start only where one of them stands, so ``Layout`` tries the pattern at those offsets alone."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        found = _starts(list(_parser.parse(pattern.pattern, pattern.flags)))
    except re.error:
        return None
    return tuple(sorted(set(found))) if found else None


def _starts(items: list[Any]) -> list[str] | None:
    found, _ = _leading(items)
    return found if found and all(found) else None


def _leading(items: list[Any]) -> tuple[list[str] | None, bool]:
    """The strings a match of ``items`` starts with (None: unknown), and whether they are the whole match."""
    prefixes = [""]
    for op, arg in items:
        if op is _constants.LITERAL:
            prefixes = [p + chr(arg) for p in prefixes]
            continue
        if op in (_constants.ASSERT, _constants.ASSERT_NOT) and prefixes == [""]:
            continue  # zero-width at the start: the match starts where the next item does
        inner: list[Any] | None = None
        if op is _constants.SUBPATTERN and not arg[1] & re.IGNORECASE:
            inner = [list(arg[-1])]
        elif op is _constants.BRANCH:
            inner = [list(alt) for alt in arg[1]]
        if inner is None or any(prefixes):  # only a group at the start is read into
            return (prefixes if any(prefixes) else None), False
        read = [_leading(alt) for alt in inner]
        if any(found is None for found, _ in read):
            return None, False
        prefixes = [p for found, _ in read if found is not None for p in found]
        if not all(whole for _, whole in read):  # an alternative goes on past its strings
            return prefixes, False
    return prefixes, True


_GATE_MIN = 3


class GateIndex:
    """The lines that hold each of many rules' gates, found in one pass over the text.

    A search of the whole text per gate string, for every rule of a lexicon, cost a third of a
    millisecond an ad for the review's 67 rules; an Aho-Corasick automaton of all their
    strings finds every occurrence at once. A rule's matches lie within one line, and the rule is run on
    those lines alone (``tests/test_layout.py`` holds this equal to a search per gate string).
    """

    __slots__ = ("_automaton", "_open", "_size")

    def __init__(self, gates: Sequence[tuple[str, ...] | None]) -> None:
        self._size = len(gates)
        self._open = tuple(i for i, g in enumerate(gates) if g is None)
        by_string: dict[str, list[int]] = {}
        for i, g in enumerate(gates):
            for s in g or ():
                if s:
                    by_string.setdefault(s, []).append(i)
        automaton: Any = None
        if by_string:
            automaton = ahocorasick.Automaton()
            for s, rules in by_string.items():
                automaton.add_word(s, (len(s), tuple(rules)))
            automaton.make_automaton()
        self._automaton = automaton

    def lines(self, low: str) -> dict[int, list[tuple[int, int]]]:
        """Rule index -> the sorted (start, end) of the lines of ``low`` that hold its gate, for the
        rules with any (a rule without a gate has the whole text), in rule order."""
        found: dict[int, set[tuple[int, int]]] = {}
        if self._automaton is not None:
            line_of: dict[int, tuple[int, int]] = {}
            for last, (length, rules) in self._automaton.iter(low):
                at = last - length + 1
                start = low.rfind("\n", 0, at) + 1
                line = line_of.get(start)
                if line is None:
                    end = low.find("\n", at)
                    line = line_of[start] = (start, len(low) if end < 0 else end)
                for r in rules:
                    lines = found.get(r)
                    if lines is None:
                        found[r] = {line}
                    else:
                        lines.add(line)
        out = {r: sorted(lines) for r, lines in found.items()}
        for r in self._open:
            out[r] = [(0, len(low))]
        return dict(sorted(out.items()))


def _only_separators(items: Any) -> bool:
    return all(op is _constants.LITERAL and chr(arg) in " -" for op, arg in items)


def _by_hint(patterns: list[str]) -> dict[str, re.Pattern[str]]:
    """The patterns grouped by their hint word, each group one whole-word pattern; ValueError for a
    pattern without a hint word (the language data must give each one)."""
    groups: dict[str, list[str]] = {}
    for p in patterns:
        hint = _hint_word(p)
        if hint is None:
            raise ValueError(f"boilerplate pattern without a whole word every match holds: {p!r}")
        groups.setdefault(hint, []).append(p)
    return {
        hint: whole_word("|".join(f"(?:{p})" for p in ps), cased=True) for hint, ps in sorted(groups.items())
    }


def _cased_alternative(entry: dict[str, Any]) -> str:
    return f"(?-i:{entry['pattern']})" if entry.get("cased") else f"(?:{entry['pattern']})"


@lru_cache(maxsize=8)
def layout_cues(lang: str) -> LayoutCues:
    """The compiled layout cues for a document in ``lang``: the cues of every language, the document's
    own first (ads mix languages); every language's for a language without its own (``und``): the first
    language's cues, which put every language's in the same order, compiled once a process for both (their
    patterns and memos shared; only ``lang`` differs)."""
    if lang not in LANGUAGES and LANGUAGES:
        return replace(layout_cues(LANGUAGES[0]), lang=lang)
    langs = [lang, *(code for code in LANGUAGES if code != lang)] if lang in LANGUAGES else list(LANGUAGES)
    datas: list[dict[str, Any]] = [d for d in (lang_data(code, "sections") for code in langs) if d]

    def merged(key: str) -> list[str]:
        return [p for d in datas for p in d.get(key, [])]

    by_kind: dict[str, list[str]] = {}
    for d in datas:
        for kind, patterns in d["headings"].items():
            by_kind.setdefault(kind, []).extend(patterns)
    headings = [(kind, "|".join(f"(?:{p})" for p in patterns)) for kind, patterns in by_kind.items()]
    shared: dict[str, list[str]] = {}
    for code in langs:
        for kind, name in _shared_headings(code):
            shared.setdefault(kind, []).append(name)
    headings += [(kind, "|".join(names)) for kind, names in shared.items()]
    cue_boilerplate = [re.escape(w) for code in langs for w in lang_data(code, "cues").get("boilerplate", [])]
    names = [_cased_alternative(c) for c in (c for d in datas for c in d.get("social_media", []))]
    by_hint = _by_hint([p.lower() for p in merged("boilerplate")])
    about_company = any_of([p.lower() for p in merged("about_company")], cased=True)
    starts = start_literals(about_company) if about_company is not None else None
    company_starts = (
        tuple(s for s in starts if not any(s != t and s.startswith(t) for t in starts)) if starts else None
    )
    return LayoutCues(
        lang=lang,
        headings=tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in headings),
        about_company=about_company,
        role=any_of([p.lower() for p in merged("role")], cased=True),
        boilerplate=by_hint,
        hint_pattern=any_of([re.escape(h) for h in by_hint], cased=True),
        boilerplate_phrases=any_of(cue_boilerplate, cased=True),
        link_names=re.compile("|".join(names), re.IGNORECASE) if names else None,
        company_starts=company_starts,
    )


@dataclass(slots=True, frozen=True)
class Section:
    """A run of text of one kind: ``text[start:end]``, under ``heading`` when there is one."""

    __pydantic_config__ = DOCUMENTED

    kind: str
    """title, duties, requirements, merits, offer, apply, about_company, ..."""
    start: int
    end: int
    heading: str | None = None


class Unit(NamedTuple):
    """A sentence or bullet line: ``text[start:end]`` in section ``section`` (a tuple: an ad has dozens)."""

    start: int
    end: int
    section: str
    boilerplate: bool = False

    @property
    def counts_as_job(self) -> bool:
        return self.section in JOB_CONTENT and not self.boilerplate

    @property
    def about_the_job(self) -> bool:
        """Not boilerplate, and not in a section about the employer, the offer or the application."""
        return not self.boilerplate and self.section not in NOT_THE_JOB


_START = itemgetter(0)


class SentenceStatus(Sequence["bool | None"]):
    """Per sentence of a layout: must-have (True), merit (False) or neither (None), as extraction reads the
    ad's cues and sections (``extract.cues.requirement_status``), each sentence's read when first asked
    for: its kind needs its paragraph's about-company test, and most sentences hold no mention.

    A sentence about the employer, the offer or the application, or boilerplate, is neither (set aside);
    else a merit cue of its own makes it a merit, a required cue a must-have (not under a merits heading),
    else its section's status (``sections``).

    It refers to its layout weakly: the layout holds it (``Layout.required``), and a reference back made
    each ad's layout a cycle that only the garbage collector freed (stop 39: 21-38 objects an ad, what made
    every collection of a second pass). It reads its layout while the layout lives, as its callers hold that."""

    __slots__ = ("_layout", "_merit", "_read", "_required", "_sections")

    def __init__(
        self, layout: Layout, required: set[int], merit: set[int], sections: dict[str, bool]
    ) -> None:
        self._layout = weakref.ref(layout)
        self._required = required  # the sentences that hold a required cue
        self._merit = merit  # ... and a merit cue
        self._sections = sections
        self._read: dict[int, tuple[bool | None, bool]] = {}  # ``at``'s answers

    @property
    def layout(self) -> Layout:
        """The layout this status is of (a ReferenceError once nothing holds it)."""
        layout = self._layout()
        if layout is None:
            raise ReferenceError("the layout of this SentenceStatus is gone")
        return layout

    def __len__(self) -> int:
        return len(self.layout._sent_starts)

    @overload
    def __getitem__(self, i: int) -> bool | None: ...

    @overload
    def __getitem__(self, i: slice) -> list[bool | None]: ...

    def __getitem__(self, i: int | slice) -> bool | list[bool | None] | None:
        n = len(self)
        if isinstance(i, slice):
            return [self.at(k)[0] for k in range(n)[i]]
        k = i + n if i < 0 else i
        if not 0 <= k < n:
            raise IndexError(i)
        return self.at(k)[0]

    def at(self, i: int) -> tuple[bool | None, bool]:
        """(status, set aside) of sentence ``i`` (0 <= i < len), read on first use."""
        found = self._read.get(i)
        if found is None:
            found = self._read[i] = self._status(i)
        return found

    def _status(self, i: int) -> tuple[bool | None, bool]:
        layout = self.layout
        kind = layout._kind(layout._sent_para[i])
        if kind in NOT_THE_JOB or i in layout._boilerplate:
            return None, True
        if i in self._merit:  # a merit cue wins over a required one
            return False, False
        if i in self._required and kind != "merits":  # "Meriterande:" / "- Erfarenhet av SEO" is a merit
            return True, False
        return self._sections.get(kind), False


class Layout:
    """The layout of one ad: its title, its sections and its sentence units, in text order.

    Held as sorted offsets (sentence starts and ends, paragraph starts), so that extraction asks where its
    mentions stand with a bisection each; ``units`` and ``sections`` build the objects review reads. A
    paragraph's kind (a company paragraph never speaks to the reader) is read when first asked for.
    """

    __slots__ = (
        "__weakref__",  # ``SentenceStatus`` refers back weakly
        "_boilerplate",
        "_company_at",
        "_low",
        "_low_exact",
        "_para_starts",
        "_paragraphs",
        "_sent_ends",
        "_sent_para",
        "_sent_starts",
        "_units",
        "cues",
        "education",
        "required",
        "text",
        "title",
        "title_span",
    )

    def __init__(
        self, text: str, cues: LayoutCues, title: str | None, title_span: tuple[int, int] | None
    ) -> None:
        self.text = text
        self.cues = cues
        self.title = title
        self.title_span = title_span
        self._low: str | None = None
        self._low_exact = False  # whether ``_low`` is ``text.lower()`` itself
        self._company_at: list[int] | None = None  # where an about-company match may start (sorted)
        self._sent_starts: list[int] = []
        self._sent_ends: list[int] = []
        self._sent_para: list[int] = []  # each sentence's paragraph
        self._boilerplate: set[int] = set()  # sentences that are boilerplate
        self._paragraphs: list[list[Any]] = []  # [kind, heading, start, end, read]
        self._para_starts: list[int] = []
        self._units: dict[int, Unit] = {}  # unit_at's answers: review asks of the same few sentences
        self.required: SentenceStatus | None = None
        """Per sentence: must-have (True), merit (False) or neither, as extraction read the ad's cues and
        sections (``extract.cues.requirement_status``; each sentence's read when first asked for); None
        before."""
        self.education: list[tuple[int, int]] = []
        """(start, end) of each stretch that names a degree's field ("högskoleutbildning inom kommunikation"),
        sorted by start (``extract.cues.education_spans``): an education requirement, no must-have."""

    @property
    def low(self) -> str:
        """The text lower-cased, offset for offset (made when first needed)."""
        if self._low is None:
            low = self.text.lower()
            self._low_exact = len(low) == len(self.text)
            if not self._low_exact:  # a letter whose lower case is longer ("İ")
                low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in self.text)
            self._low = low
        return self._low

    @property
    def lower(self) -> str | None:
        """``text.lower()`` where it has the text's length (then ``low`` is that string), else None: the span
        tagger reads it instead of lowering the ad again (``SpanTagger.find``)."""
        low = self.low
        return low if self._low_exact else None

    def _kind(self, k: int) -> str:
        """Paragraph ``k``'s kind, read on first use: a company paragraph never speaks to the reader."""
        p = self._paragraphs[k]
        if not p[4]:
            p[4] = True
            cues = self.cues
            # a role word inside quotation marks is the company's slogan ("Vi förenklar din vardag")
            if (
                p[0] in JOB_CONTENT
                and cues.about_company is not None
                and self._about_company(p[2], p[3])
                and not (cues.role and cues.role.search(_unquoted(self.low[p[2] : p[3]])))
            ):
                p[0] = "about_company"
        kind: str = p[0]
        return kind

    def _about_company(self, start: int, end: int) -> bool:
        """Whether the about-company pattern matches in ``low[start:end]`` (a paragraph). Tried only at the
        offsets where one of the strings its matches start with stands (``LayoutCues.company_starts``,
        found once a text in C: ``literal_starts``), not at every offset: ~72 % of an ad's paragraphs are asked about. The same
        answer as a search of the paragraph: a paragraph starts a line or follows an inline heading's spaces,
        so the pattern's word-start test reads no word character before it either way."""
        pattern = self.cues.about_company
        assert pattern is not None
        at = self._company_at
        if at is None:
            starts = self.cues.company_starts
            if starts is None:
                return pattern.search(self.low, start, end) is not None
            at = self._company_at = _literal_starts(self.low, starts)
        match, low = pattern.match, self.low
        return any(
            match(low, q, end) for q in at[bisect.bisect_left(at, start) : bisect.bisect_left(at, end)]
        )

    def _unit(self, i: int) -> Unit:
        return Unit(
            self._sent_starts[i], self._sent_ends[i], self._kind(self._sent_para[i]), i in self._boilerplate
        )

    def unit_at(self, offset: int) -> Unit | None:
        """The unit holding character ``offset``, or None (blank lines, headings, the title)."""
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        if i < 0 or offset >= self._sent_ends[i]:
            return None
        unit = self._units.get(i)
        if unit is None:
            unit = self._units[i] = self._unit(i)
        return unit

    def sentences_at(self, offsets: list[int]) -> list[int]:
        """The index of the sentence holding each offset, -1 for none (blank lines, headings, the title)."""
        ends = self._sent_ends
        at = map(partial(bisect.bisect_right, self._sent_starts), offsets)
        return [i - 1 if i and o < ends[i - 1] else -1 for i, o in zip(at, offsets, strict=True)]

    def sentence_end(self, i: int) -> int:
        """The end offset of sentence ``i``."""
        return self._sent_ends[i]

    def in_education(self, offset: int) -> bool:
        """Whether ``offset`` lies where the ad names a degree's field (``education``). The stretches of one
        sentence end no earlier than those before them, so the last one to start by ``offset`` decides."""
        spans = self.education
        k = bisect.bisect_right(spans, offset, key=_START) - 1
        return k >= 0 and spans[k][0] <= offset < spans[k][1]

    def required_at(self, i: int, offset: int) -> bool | None:
        """Sentence ``i``'s ``required`` status at ``offset``: a must-have is none where the ad names a degree's
        field (``in_education``); None before extraction read the cues, or outside every sentence (-1)."""
        status = self.required.at(i)[0] if self.required is not None and i >= 0 else None
        return None if status and self.in_education(offset) else status

    def sentence_kind(self, i: int) -> str:
        """The section kind of sentence ``i``."""
        return self._kind(self._sent_para[i])

    def sentence_kinds(self) -> list[str]:
        """The section kind of every sentence (every paragraph read)."""
        kinds = [self._kind(k) for k in range(len(self._paragraphs))]
        return [kinds[k] for k in self._sent_para]

    @property
    def boilerplate_sentences(self) -> set[int]:
        """The indices of the boilerplate sentences."""
        return self._boilerplate

    @property
    def units(self) -> list[Unit]:
        """Every sentence unit, in text order."""
        return [self._unit(i) for i in range(len(self._sent_starts))]

    @property
    def sections(self) -> list[Section]:
        """The title, then runs of paragraphs of one kind under one heading."""
        out: list[Section] = [Section("title", *self.title_span)] if self.title_span else []
        for k, p in enumerate(self._paragraphs):
            kind, heading = self._kind(k), p[1]
            prev = out[-1] if out else None
            if prev is not None and prev.kind == kind and prev.heading == heading:
                out[-1] = Section(kind, prev.start, p[3], prev.heading)
            else:
                out.append(Section(kind, p[2], p[3], heading))
        return out


def _heading_core(line: str) -> str:
    """The words of a possible heading: markdown marks, bold and a trailing colon removed."""
    core = line.strip().lstrip("#").strip().strip("*_").strip()
    return core.rstrip(":!?").strip().lower()


def heading_kind(line: str, cues: LayoutCues) -> str | None:
    """The section kind a whole line opens, ``body`` for an unknown marked heading, None for no heading."""
    stripped = line.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARS or stripped[-1] in ".,":
        return None
    memo = cues.memo
    if stripped in memo:
        return memo[stripped]
    kind: str | None = None
    if not _BULLET.match(line):
        core = _heading_core(stripped)
        if core and len(core.split()) <= HEADING_MAX_WORDS:
            kind = cues.heading_kind(core)
            if kind is None and (stripped.endswith(":") or stripped.startswith("#")):
                kind = "body"
    if len(memo) > _MEMO_MAX:
        memo.clear()
    memo[stripped] = kind
    return kind


def _inline_heading(line: str, cues: LayoutCues) -> tuple[str, int] | None:
    """("requirements", content offset in the line) for "Krav: B-körkort", when the label is a known
    heading: a label of 2-40 characters, a colon, spaces and the content."""
    colon = line.find(":", 0, 43)
    if colon < 0:
        return None
    label = line[:colon].strip()
    rest = line[colon + 1 :]
    content = len(rest) - len(rest.lstrip())
    if not 2 <= len(label) <= 40 or content == 0 or content == len(rest) or _BULLET.match(line):
        return None
    kind = cues.heading_kind(_heading_core(label))
    return (kind, colon + 1 + content) if kind else None


def _inline_memo(line: str, cues: LayoutCues) -> tuple[str, int] | None:
    memo = cues.inline_memo
    if line in memo:
        return memo[line]
    found = memo[line] = _inline_heading(line, cues)
    if len(memo) > _MEMO_MAX:
        memo.clear()
    return found


def _is_name(word: str, cues: LayoutCues) -> bool:
    memo = cues.name_memo
    known = memo.get(word)
    if known is None:
        known = cues.link_names is not None and cues.link_names.fullmatch(word) is not None
        if len(memo) > _MEMO_MAX:
            memo.clear()
        memo[word] = known
    return known


def is_link_line(line: str, cues: LayoutCues) -> bool:
    """A line of bare links ("Instagram | Facebook | www.x.se", "Instagram · LinkedIn · TikTok"): links,
    or names between separators, and at most one word left once links and platform names are removed.
    Most lines are prose and are let go by the first tests, without a regular expression."""
    if len(line) > LINK_LINE_MAX_CHARS:
        return False
    core = line.strip().lstrip(_BULLETS)
    # a link holds "@", "/" or a dot inside a word; most lines have a dot only at their end
    hint = "@" in core or "/" in core or (core.find(".", 0, len(core) - 1) >= 0 and _LINK_HINT.search(core))
    if not hint and not any(sep in core for sep in _SEPARATORS):
        return False
    if line.count(" ") > (LINK_LINE_MAX_SPACES if hint else NAMES_LINE_MAX_SPACES):
        return False
    rest = _LINKISH.sub(" ", line) if hint else line
    removed = rest != line
    others = 0
    for word in _LETTER_WORD.findall(rest):
        if _is_name(word, cues):
            removed = True
        else:
            others += 1
            if others > 1:
                return False
    return removed


def _find_title(text: str, title: str | None, cues: LayoutCues) -> tuple[str | None, tuple[int, int] | None]:
    """The title and its span: the given title where the first line repeats it, else the first line when
    it is short, ends no sentence and is no known section heading ("Requirements")."""
    m = _FIRST_LINE.search(text)
    if m is None:
        return title, None
    words = m.group().strip()
    lead = len(m.group()) - len(m.group().lstrip())
    span = (m.start() + lead, m.start() + lead + len(words))
    if title is not None:
        same = words.strip("#*_ ").casefold() == title.strip().casefold()
        return title, span if same else None
    if len(words.split()) > TITLE_MAX_WORDS or words.endswith("."):
        return None, None
    if heading_kind(words, cues) not in (None, "body"):
        return None, None
    return words.strip("#*_ ").strip(), span


def ad_title(text: str, lang: str, title: str | None = None) -> str | None:
    """An ad's title: ``title`` (the document's own), else the title its layout reads (``segment``), else
    its first line; None for a blank text. Review, the role from an ad and a stored ad all name it so."""
    found = title or _find_title(text, None, layout_cues(lang))[0]
    if found:
        return found
    m = _FIRST_LINE.search(text)
    return m.group().strip() if m is not None else None


def segment(
    text: str,
    cues: LayoutCues,
    *,
    title: str | None = None,
    boilerplate_at: list[int] | None = None,
    hints_at: list[int] | None = None,
    low: str | None = None,
) -> Layout:
    """The layout of an ad. ``title`` is the document's own title, when the format gave one.

    ``boilerplate_at`` and ``hints_at``: where extraction's phrase walk found the boilerplate phrases of
    ``cues.json`` and the hint words of the boilerplate patterns; else they are searched for here. ``low``:
    ``text.lower()`` when the caller made it (``Layout.low`` takes it where it keeps the text's offsets)."""
    layout = Layout(text, cues, *_find_title(text, title, cues))
    if low is not None and len(low) == len(text):
        layout._low, layout._low_exact = low, True
    if boilerplate_at is None:
        phrases = cues.boilerplate_phrases
        boilerplate_at = [m.start() for m in phrases.finditer(layout.low)] if phrases is not None else []
    if hints_at is None:
        hints = cues.hint_pattern
        hints_at = [m.start() for m in hints.finditer(layout.low)] if hints is not None else []
    raw = text.split("\n")
    starts = list(accumulate((len(r) + 1 for r in raw), initial=0))
    # Lines that end a paragraph or open a section; every other line continues the paragraph. Found by
    # cheap tests over all lines first: most lines of an ad are prose, and Python loops are dear.
    breaks: dict[int, tuple[str, str, int] | None] = {
        i: None for i, r in enumerate(raw) if not r or r.isspace()
    }
    if layout.title_span is not None:
        breaks[bisect.bisect_right(starts, layout.title_span[0]) - 1] = None
    for i in [i for i, r in enumerate(raw) if 0 < len(r) <= HEADING_MAX_CHARS + 8 and r[-1] not in ".,"]:
        if i not in breaks and (kind := heading_kind(raw[i], cues)) is not None:
            breaks[i] = (kind, raw[i].strip().strip("#*_ ").rstrip(":").strip(), -1)
    for i in [i for i, r in enumerate(raw) if r.find(":", 0, 43) >= 0]:
        if i not in breaks and (inline := _inline_memo(raw[i], cues)) is not None:
            breaks[i] = (inline[0], raw[i].split(":", 1)[0].strip(), inline[1])
    # paragraphs, and the content lines (start, text, paragraph) they hold
    line_starts: list[int] = []
    line_texts: list[str] = []
    line_paras: list[int] = []
    paragraphs = layout._paragraphs
    kind, heading, first = "body", None, 0
    for i in [*sorted(breaks), len(raw)]:
        if first < i:
            k = len(paragraphs)
            line_starts += starts[first:i]
            line_texts += raw[first:i]
            line_paras += [k] * (i - first)
            paragraphs.append([kind, heading, starts[first], starts[i - 1] + len(raw[i - 1]), False])
        mark = breaks.get(i)
        first = i + 1
        if mark is not None:
            kind, heading, content = mark
            if content >= 0:  # "Krav: B-körkort": the line's rest opens the new section's paragraph
                first = i
                starts[i] += content
                raw[i] = raw[i][content:]
    layout._para_starts = [p[2] for p in paragraphs]
    heads = [s + len(t) - len(t.lstrip()) for s, t in zip(line_starts, line_texts, strict=True)]
    tails = [s + len(t.rstrip()) for s, t in zip(line_starts, line_texts, strict=True)]
    _sentences(layout, heads, tails, line_paras)
    _mark_boilerplate(layout, heads, tails, line_texts, boilerplate_at, hints_at)
    return layout


def _sentences(layout: Layout, heads: list[int], tails: list[int], paras: list[int]) -> None:
    """Sentence spans: each content line without its outer spaces (``heads``, ``tails``), cut where a
    sentence ends in it. Built from sorted offsets in a few list operations, not a loop over lines."""
    cuts = _sentence_cuts(layout.text, heads, tails)
    if cuts:
        layout._sent_starts = starts = sorted(heads + [b for _, b in cuts])
        layout._sent_ends = sorted(tails + [a for a, _ in cuts])
        layout._sent_para = [paras[bisect.bisect_right(heads, s) - 1] for s in starts]
    else:
        layout._sent_starts, layout._sent_ends, layout._sent_para = heads, tails, paras


def _sentence_cuts_python(text: str, heads: list[int], tails: list[int]) -> list[tuple[int, int]]:
    """Where a sentence ends inside a content line: the spaces (a, b) after each sentence end of the text
    (``_SENTENCE_END``) that lie before the tail of the line holding them (the last line whose head is at or
    before ``a``; ``heads`` and ``tails`` ascending). The C code's ``sentence_cuts`` gives the same."""
    return [
        (a, b)
        for a, b in (m.span(1) for m in _SENTENCE_END.finditer(text))
        if (j := bisect.bisect_right(heads, a) - 1) >= 0 and b < tails[j]
    ]


def _link_lines_python(text: str, heads: list[int], tails: list[int]) -> list[int]:
    """The content lines with one of ``_MAYBE_LINKS``' characters between their head and tail, each once and
    in order: the lines a bare-links test is worth running on. The C code's ``link_lines`` gives the same."""
    out: list[int] = []
    for m in _MAYBE_LINKS.finditer(text):
        j = bisect.bisect_right(heads, m.start()) - 1
        if j >= 0 and m.start() < tails[j] and (not out or out[-1] != j):
            out.append(j)
    return out


def _literal_starts_python(text: str, literals: tuple[str, ...]) -> list[int]:
    """The offsets where one of ``literals`` starts in ``text``, ascending, each once. The C code's
    ``literal_starts`` gives the same (its literals sorted, as ``start_literals`` gives them)."""
    found: set[int] = set()
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            found.add(at)
            at = text.find(literal, at + 1)
    return sorted(found)


_sentence_cuts: Callable[[str, list[int], list[int]], list[tuple[int, int]]] = (
    _speedups.sentence_cuts if _speedups is not None else _sentence_cuts_python
)
_link_lines: Callable[[str, list[int], list[int]], list[int]] = (
    _speedups.link_lines if _speedups is not None else _link_lines_python
)
_literal_starts: Callable[[str, tuple[str, ...]], list[int]] = (
    _speedups.literal_starts if _speedups is not None else _literal_starts_python
)


def _mark_boilerplate(
    layout: Layout,
    heads: list[int],
    tails: list[int],
    texts: list[str],
    boilerplate_at: list[int],
    hints_at: list[int],
) -> None:
    """Boilerplate sentences: a boilerplate phrase in them, a boilerplate pattern (run only where a hint
    word stands), or a line of bare links."""
    starts, ends = layout._sent_starts, layout._sent_ends
    bp = layout._boilerplate
    at = [i - 1 for i in map(partial(bisect.bisect_right, starts), boilerplate_at)]
    bp.update(i for i, o in zip(at, boilerplate_at, strict=True) if i >= 0 and o < ends[i])
    if hints_at:
        low, by_hint = layout.low, layout.cues.boilerplate
        for o, i in zip(hints_at, map(partial(bisect.bisect_right, starts), hints_at), strict=True):
            i -= 1
            if i >= 0 and i not in bp and o < ends[i] and (word := _WORD_AT.match(low, o)):
                pattern = by_hint.get(word.group())
                if pattern is not None and pattern.search(low, starts[i], ends[i]):
                    bp.add(i)
    for j in _link_lines(layout.text, heads, tails):
        if is_link_line(texts[j], layout.cues):
            bp.update(range(bisect.bisect_left(starts, heads[j]), bisect.bisect_left(starts, tails[j])))
    if bp:
        _mark_names_after_boilerplate(layout, heads, tails, texts)


NAME_LINE_MAX_CHARS = 40
"""A footer line of one platform's name is short; longer lines are not read for one."""


def _mark_names_after_boilerplate(
    layout: Layout, heads: list[int], tails: list[int], texts: list[str]
) -> None:
    """Lines that are one platform's name alone ("LinkedIn", "Instagram"), each under a boilerplate line or
    another such one ("Follow our social media channels ...!" then the channels a line each): a footer, no
    work on them. A name alone under a requirement ("Du har erfarenhet av:" then "- Instagram") stays. Read
    from the boilerplate sentences down, so an ad pays for its few follow-us lines only."""
    starts, bp = layout._sent_starts, layout._boilerplate
    done: set[int] = set()  # lines already walked from
    for i in sorted(bp):
        j = bisect.bisect_right(heads, starts[i]) - 1  # the line that holds the boilerplate sentence
        if j < 0 or j in done:
            continue
        done.add(j)
        for k in range(j + 1, len(texts)):
            line = texts[k]
            if not line.strip():
                continue  # blank lines between keep the footer going
            words = _LETTER_WORD.findall(line) if len(line) <= NAME_LINE_MAX_CHARS else ()
            if len(words) != 1 or not _is_name(words[0], layout.cues):
                break
            done.add(k)
            bp.update(range(bisect.bisect_left(starts, heads[k]), bisect.bisect_left(starts, tails[k])))
