"""Read an ad's layout: title, sections under their headings, and sentence units with a boilerplate mark.

A section runs from a heading to the next one ("Arbetsuppgifter", "About us", "Krav: ..."). Text before
any heading is ``body``. A paragraph that describes the company and never addresses the reader is
``about_company`` wherever it stands. A sentence is boilerplate when it is a follow-us or share-this-job
line, or a line of bare links; boilerplate never counts as job content.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .lexicon import SectionCues

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
"""Section kinds, as in ``Review.sections`` (``boilerplate``: a company section named only in cues.json)."""

JOB_CONTENT: frozenset[str] = frozenset({"body", "duties", "requirements"})
"""Sections whose sentences say what the job needs."""

HEADING_MAX_WORDS = 8
TITLE_MAX_WORDS = 12

_BULLET = re.compile(r"^\s*(?:[-*•–·]|\d+[.)])\s+")
_INLINE_HEADING = re.compile(r"^(\s*)([^:\n]{2,40}?)\s*:\s+(\S.*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZÅÄÖÉ0-9])")
_LINKISH = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\S+\.(?:se|com|nu|org|net|io|example)(?:/\S*)?", re.IGNORECASE
)
_LETTER_WORD = re.compile(r"[^\W\d_]+")


@dataclass(slots=True, frozen=True)
class Section:
    """A run of text of one kind: ``text[start:end]``, under ``heading`` when there is one."""

    kind: str
    start: int
    end: int
    heading: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "heading": self.heading}


@dataclass(slots=True, frozen=True)
class Unit:
    """A sentence or bullet line: ``text[start:end]`` in section ``section``."""

    start: int
    end: int
    section: str
    boilerplate: bool = False

    @property
    def counts_as_job(self) -> bool:
        return self.section in JOB_CONTENT and not self.boilerplate


@dataclass(slots=True)
class Layout:
    """The layout of one ad: its title span, sections and sentence units in text order."""

    text: str
    title: str | None
    title_span: tuple[int, int] | None
    sections: list[Section] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def unit_at(self, offset: int) -> Unit | None:
        """The unit holding character ``offset``, or None (blank lines, headings)."""
        if not self._starts:
            self._starts = [u.start for u in self.units]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.units[i].start <= offset < self.units[i].end:
            return self.units[i]
        return None


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> Iterator[_Line]:
    pos = 0
    for raw in text.split("\n"):
        yield _Line(pos, pos + len(raw), raw)
        pos += len(raw) + 1


def _heading_core(line: str) -> str:
    """The words of a possible heading: markdown marks, bold and a trailing colon removed."""
    core = line.strip().lstrip("#").strip().strip("*_").strip()
    return core.rstrip(":!?").strip().lower()


def heading_kind(line: str, cues: SectionCues) -> str | None:
    """The section kind a whole line opens, ``body`` for an unknown marked heading, None for no heading."""
    stripped = line.strip()
    if not stripped or _BULLET.match(line) or stripped.endswith(".") or stripped.endswith(","):
        return None
    core = _heading_core(stripped)
    if not core or len(core.split()) > HEADING_MAX_WORDS:
        return None
    kind = cues.heading_kind(core)
    if kind is not None:
        return kind
    marked = stripped.endswith(":") or stripped.startswith("#")
    return "body" if marked else None


def _inline_heading(line: _Line, cues: SectionCues) -> tuple[str, int] | None:
    """("Krav", content offset) for a line like "Krav: B-körkort", when the label is a known heading."""
    m = _INLINE_HEADING.match(line.text)
    if not m or _BULLET.match(line.text):
        return None
    kind = cues.heading_kind(_heading_core(m.group(2)))
    return (kind, line.start + m.start(3)) if kind else None


def _find_title(lines: list[_Line], title: str | None) -> tuple[str | None, tuple[int, int] | None]:
    first = next((ln for ln in lines if ln.text.strip()), None)
    if first is None:
        return title, None
    words = first.text.strip()
    lead = len(first.text) - len(first.text.lstrip())
    span = (first.start + lead, first.start + lead + len(words))
    if title is not None:
        same = words.strip("#*_ ").casefold() == title.strip().casefold()
        return title, span if same else None
    if len(words.split()) <= TITLE_MAX_WORDS and not words.endswith("."):
        return words.strip("#*_ ").strip(), span
    return None, None


def _sentences(start: int, text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        yield start + pos, start + m.start()
        pos = m.end()
    yield start + pos, start + len(text.rstrip())


def is_link_line(line: str, cues: SectionCues) -> bool:
    """A line of bare links ("Instagram | Facebook | www.x.se"): no words left once links are removed."""
    rest = _LINKISH.sub(" ", line)
    removed = rest != line
    for cue in cues.social_media:
        rest, n = cue.pattern.subn(" ", rest)
        removed = removed or n > 0
    return removed and len(_LETTER_WORD.findall(rest)) <= 1


class _Builder:
    """Collects paragraphs, decides each one's kind and cuts it into units."""

    def __init__(self, text: str, cues: SectionCues, layout: Layout) -> None:
        self.text = text
        self.cues = cues
        self.layout = layout
        self.kind = "body"
        self.heading: str | None = None
        self.para: list[_Line] = []

    def open_section(self, kind: str, heading: str | None) -> None:
        self.flush()
        self.kind, self.heading = kind, heading

    def flush(self) -> None:
        if not self.para:
            return
        kind = self._paragraph_kind(" ".join(ln.text for ln in self.para))
        for ln in self.para:
            self._add_units(ln, kind)
        self._extend_section(kind, self.para[0].start, self.para[-1].end)
        self.para = []

    def _paragraph_kind(self, para: str) -> str:
        # A company paragraph never speaks to the reader; one that does is about the job.
        cues = self.cues
        about = bool(cues.about_company and cues.about_company.search(para))
        speaks_to_reader = bool(cues.role and cues.role.search(para))
        if self.kind in JOB_CONTENT and about and not speaks_to_reader:
            return "about_company"
        return self.kind

    def _add_units(self, line: _Line, kind: str) -> None:
        if not line.text.strip():
            return
        link_line = is_link_line(line.text, self.cues)
        body = line.text
        lead = len(body) - len(body.lstrip())
        for s, e in _sentences(line.start + lead, body.strip()):
            if e <= s:
                continue
            sentence = self.text[s:e]
            boiler = link_line or bool(self.cues.boilerplate and self.cues.boilerplate.search(sentence))
            self.layout.units.append(Unit(s, e, kind, boiler))

    def _extend_section(self, kind: str, start: int, end: int) -> None:
        sections = self.layout.sections
        last = sections[-1] if sections else None
        if last and last.kind == kind and last.heading == self.heading:
            sections[-1] = Section(kind, last.start, end, last.heading)
        else:
            sections.append(Section(kind, start, end, self.heading))


def segment(text: str, cues: SectionCues, *, title: str | None = None) -> Layout:
    """The layout of an ad. ``title`` is the document's own title, when the format gave one."""
    lines = list(_lines(text))
    found_title, title_span = _find_title(lines, title)
    layout = Layout(text=text, title=found_title, title_span=title_span)
    if title_span:
        layout.sections.append(Section("title", *title_span))
    b = _Builder(text, cues, layout)
    for line in lines:
        if title_span and line.start <= title_span[0] < max(line.end, line.start + 1):
            continue
        if not line.text.strip():
            b.flush()
            continue
        kind = heading_kind(line.text, cues)
        if kind is not None:
            b.open_section(kind, line.text.strip().strip("#*_ ").rstrip(":").strip())
            continue
        inline = _inline_heading(line, cues)
        if inline is not None:
            label = line.text.split(":", 1)[0].strip()
            b.open_section(inline[0], label)
            line = _Line(inline[1], line.end, text[inline[1] : line.end])
        b.para.append(line)
    b.flush()
    return layout
