"""A CV's experience timeline: sections, positions with date ranges, education and languages.

Date ranges in Swedish and English: "2019-03 – nu", "jan 2018 - dec 2020", "2015–2017", "March 2016 – present",
"2020 - pågående", "03/2019 to 05/2021", and a start alone after a "since" word, open to today: "sedan 1996",
"sedan mars 2021", "since 2019", "fr.o.m. 2020". Europass's day-first full dates ("01/03/2020 – Current",
"01.03.2020 – 31.01.2024") and ISO dates ("2020-03-01") count by their month; a two-digit end year follows a
four-digit start ("2020–24"). In an experience section a lone season or year also dates a position: at
the end of its title line ("Sommarjobb, Glassbaren, sommaren 2019", "Praktikant, Exempel AB, 2018") or alone on
the line under it. A running job told in a sentence of prose from its start ("Sedan 2015 är jag webbredaktör på
X", "Since 2019 I have led community for X": ``prose_jobs``) is a position too, with no title (``_prose``). A
CV that writes its date lines above their titles (Europass, many Swedish CVs) has each range date the title and text below it (``_dates_first``). Month names, seasons, "present" and "since" words and section headings come from
``lang/<code>/cv.json`` of every language.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..lang import LANGUAGES, lang_data

Month = int
"""A month as ``year * 12 + (month - 1)``: differences are numbers of months."""

SECTION_KINDS: tuple[str, ...] = (
    "header",
    "experience",
    "education",
    "languages",
    "skills",
    "summary",
    "other",
)
_NO_POSITIONS = frozenset({"education", "languages"})
_LONE_DATE_SECTIONS = frozenset({"experience"})
"""Sections where a lone season or year dates a position: elsewhere one is a course's, a prize's or a hobby's."""
_LONE_SEPARATORS = (",", "|", "·", "•", "–", "—", "-", "(")
"""What comes before a lone date at the end of a title line ("Praktikant, Exempel AB, 2018")."""
_FIELD_SEPARATOR = re.compile(r",\s|\s[|·•–—-]\s")
"""What separates a title line's fields ("Praktikant, Exempel AB"): "7,5 hp" holds no field separator."""
_NO_TITLE_ENDS = (".", ":", ";")
"""How a line that is no title ends: a sentence, a label ("Född:")."""
_EARLIEST_YEAR = 1950
_MAX_HEADING_CHARS = 40
_HEADING_STRIP = " \t#*_:>-=|"
_TITLE_STRIP = " \t,;:|·•[]—–-*#"
_BULLETS = ("-", "•", "*", "·", "–", "—", "▪", "●", "■", "◦", "‣")
_MAX_TITLE_CHARS = 100
"""A longer line is a description, not a title."""
_EMPTY_PARENS = re.compile(r"\(\s*\)")


@dataclass(frozen=True, slots=True)
class Position:
    """A job: its title line, first and last month (inclusive) and the text block that describes it."""

    title: str
    start: Month
    end: Month
    ongoing: bool
    block: tuple[int, int]
    told: bool = False
    """Told in a sentence of prose ("Sedan 2015 är jag webbredaktör på X"), not written as a dated entry."""

    @property
    def months(self) -> int:
        return self.end - self.start + 1

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "start": month_str(self.start),
            "end": None if self.ongoing else month_str(self.end),
            "months": self.months,
        }


@dataclass(frozen=True, slots=True)
class Section:
    kind: str
    start: int
    end: int


class Cover:
    """Which of a list of [start, end) spans hold an offset, by bisection: the spans cut the line into
    pieces, and each piece knows the spans (their indices, in list order) that cover it. A CV's
    mentions ask this of its positions and sections once each, so a scan of the list per mention made
    a long CV quadratic."""

    __slots__ = ("_bounds", "_covering")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        bounds = sorted({x for s, e in spans if s < e for x in (s, e)})
        covering: list[tuple[int, ...]] = [() for _ in bounds]
        for i, (s, e) in enumerate(spans):
            if s >= e:
                continue
            for k in range(bisect.bisect_left(bounds, s), bisect.bisect_left(bounds, e)):
                covering[k] = (*covering[k], i)
        self._bounds = bounds
        self._covering = covering

    def at(self, offset: int) -> tuple[int, ...]:
        """The indices of the spans holding ``offset``, in list order."""
        k = bisect.bisect_right(self._bounds, offset) - 1
        return self._covering[k] if k >= 0 else ()


@dataclass(frozen=True, slots=True)
class Timeline:
    positions: tuple[Position, ...]
    sections: tuple[Section, ...]
    education: tuple[str, ...]
    languages: tuple[str, ...]
    today: Month
    unread: tuple[str, ...] = ()
    """Lines that look like a date range ("2016 ?? 2018") but were not read as
    one: their months count for nothing, and the user is told (``CandidateProfile.warnings``)."""
    _positions: Cover = field(init=False, repr=False, compare=False)
    _sections: Cover = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_positions", Cover([p.block for p in self.positions]))
        object.__setattr__(self, "_sections", Cover([(s.start, s.end) for s in self.sections]))

    def positions_at(self, offset: int) -> list[Position]:
        """The positions whose text block holds ``offset``."""
        return [self.positions[i] for i in self._positions.at(offset)]

    def section_at(self, offset: int) -> str:
        """The kind of the first section holding ``offset``; "header" before any."""
        found = self._sections.at(offset)
        return self.sections[found[0]].kind if found else "header"


@dataclass(frozen=True, slots=True)
class _Patterns:
    date_range: re.Pattern[str]
    lone_date: re.Pattern[str]
    """A season with a year ("sommaren 2019", "vt 2020") or a year alone: a position's only date."""
    months: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    """A season or term ("vt", "sommaren", "summer") -> its first and last month."""
    present: frozenset[str]
    headings: dict[str, str]
    list_split: re.Pattern[str]
    loose_range: re.Pattern[str]
    """A year, a few non-word characters and a second date or a "present" word: what a date range the
    ``date_range`` pattern could not read looks like ("2016 ?? 2018", "March 2016 ?? present")."""
    duration: re.Pattern[str]
    """A job's length written beside its dates, as LinkedIn exports write it ("· 5 år 3 mån", "(6 years 11
    months)", "2 yrs 1 mo"): no title (``duration_units`` in ``lang/<code>/cv.json``)."""
    prose_jobs: tuple[re.Pattern[str], ...] = ()
    """A running job told in a sentence, from its start (``prose_jobs`` of ``lang/<code>/cv.json``; the group
    ``date``: its first month)."""
    since_date: re.Pattern[str] = re.compile("(?!)")
    """A "since" word before a date: what every prose job's sentence holds (read only where one is)."""


def month_str(m: Month) -> str:
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def to_month(d: date) -> Month:
    return d.year * 12 + d.month - 1


def parse_timeline(text: str, *, today: date) -> Timeline:
    """Sections, positions, education and languages of a CV's text."""
    pat = _patterns()
    now = to_month(today)
    sections = _sections(text, pat)
    backwards: list[str] = []
    positions = _positions(text, sections, pat, now, backwards)
    return Timeline(
        positions=tuple(positions),
        sections=tuple(sections),
        education=tuple(_section_lines(text, sections, "education")),
        languages=tuple(_languages(text, sections, pat)),
        today=now,
        unread=tuple([*_unread(text, sections, pat), *backwards]),
    )


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
UNREAD_SHOWN = 60
"""Characters of an unread line shown in a warning."""


def _unread(text: str, sections: list[Section], pat: _Patterns) -> Iterator[str]:
    """Lines of the sections with positions that hold something like a date range (``loose_range``) where
    no date range was read. Not two years anywhere in a line, nor a "present" word inside another word: a
    summary's "Former registered nurse ... since 2022 I have used them online" is prose (a bug hunt's F8)."""
    read = [m.span() for m in pat.date_range.finditer(text)]  # in order, without overlaps
    read_ends = [e for _, e in read]
    for sec in sections:
        if sec.kind in _NO_POSITIONS:
            continue
        pos = sec.start
        for line in text[sec.start : sec.end].split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            if pat.loose_range.search(line) and not _overlaps(read, read_ends, start, end):
                number = text.count("\n", 0, start) + 1
                yield _warning("unread", number, line.strip()[:UNREAD_SHOWN])


def _warning(kind: str, line: int, text: str) -> str:
    """A warning about line ``line`` of the CV, from ``lang/en/explanation.json``'s template ``kind``: in
    English, as rank items carry it; a candidate's explanation says it in their language."""
    template: str = lang_data("en", "explanation")["warnings"][kind]
    return template.format(line=line, text=repr(text))


def _overlaps(spans: list[tuple[int, int]], ends: list[int], start: int, end: int) -> bool:
    """Whether one of ``spans`` (in order, without overlaps; ``ends`` their ends) overlaps [start, end)."""
    i = bisect.bisect_right(ends, start)  # the first span ending after ``start``
    return i < len(spans) and spans[i][0] < end


def covered_months(positions: list[Position]) -> int:
    """Months covered by at least one of ``positions`` (overlapping jobs count once)."""
    months: set[Month] = set()
    for p in positions:
        months.update(range(p.start, p.end + 1))
    return len(months)


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = [lang_data(lang, "cv") for lang in LANGUAGES]
    months: dict[str, int] = {}
    for d in data:
        months.update({k.lower(): int(v) for k, v in d.get("months", {}).items()})
    seasons: dict[str, tuple[int, int]] = {}
    for d in data:
        seasons.update({k.lower(): (int(v[0]), int(v[1])) for k, v in d.get("seasons", {}).items()})
    present = {w.lower() for d in data for w in d.get("present", [])}
    range_words = {w.lower() for d in data for w in d.get("range_words", [])}
    since = {w.lower() for d in data for w in d.get("since_words", [])}
    open_ends = {w.lower() for d in data for w in d.get("open_ends", [])}
    headings = {w.lower(): kind for d in data for kind, words in d.get("sections", {}).items() for w in words}

    def alts(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))

    year = r"(?:19|20)\d\d"
    day, month = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"
    one_date = (
        rf"(?:{day}/{month}/{year}|{day}\.{month}\.{year}|{day}-{month}-{year}"  # day first: "01/03/2020"
        rf"|{year}-{month}-{day}(?!\d)"  # ISO: "2020-03-01"
        rf"|(?:{alts([*months, *seasons])})\.?\s+(?:{year}|['’‘]\d\d(?!\d))"  # "mars 2019", "Mar '19", "ht 2018"
        rf"|{year}[ \t]*[-./][ \t]*(?:0?[1-9]|1[0-2])(?![\d])"  # "2019-03", "2019.3"
        rf"|(?:0?[1-9]|1[0-2])[ \t]*[/.][ \t]*{year}"  # "03/2019", not "nummer 1." above "1995"
        rf"|{year})"
    )
    # dashes of every kind, and "?" or "�" where a dash was lost to a wrong encoding ("March 2016 ? present")
    sep = rf"(?:\s*[–—‒―−~→-]{{1,2}}\s*|\s+[?\ufffd]\s+|\s+(?:{alts(range_words)})\s+)"
    # a two-digit end after a year ("2020–24"); after a bare hyphen not a month ("2019-03" is March 2019)
    short_end = r"(?P<short_end>(?<!-)\d\d|1[3-9]|[2-9]\d)(?=[ \t]*(?:$|\n|[,;)\]|·•]))"
    end = rf"(?:{one_date}|{alts(present)}|{short_end})"
    open_end = r"\s*[–—-]\s*(?=$|\n)"  # "2021 –" at the end of a line
    if open_ends:  # "2019 och framåt", "2019 onwards" at the end of a line
        open_end += rf"|\s+(?:{alts(open_ends)})(?=[ \t)\]]*(?:$|\n))"
    since_start = ""
    if since:  # "Marknadsansvarig, X AB, sedan 2019": a start after a "since" word at the end of its line
        since_start = rf"(?:(?P<since>{alts(since)})\s+)?"
        open_end += (
            r"|(?(since)(?=[ \t)\]]*(?:$|\n))|(?!))"  # not in prose: "sedan 2010, från strategi till ..."
        )
    date_range = re.compile(
        rf"(?<![\w/.-]){since_start}(?P<start>{one_date})(?:{sep}(?P<end>{end})|{open_end})(?![\w/-])",
        re.IGNORECASE,
    )
    season = rf"(?:{alts(seasons)})\.?\s+" if seasons else "(?!)"
    lone_date = re.compile(rf"(?<![\w/.'’‘-])(?P<season>{season})?{year}(?!\w)", re.IGNORECASE)
    conj = {w.lower() for d in data for w in d.get("conjunctions", [])}
    list_split = re.compile(rf"[,;•·/]|\s+(?:{alts(conj)})\s+", re.IGNORECASE)
    second = (
        rf"(?:\d{{1,2}}[/.-]){{0,2}}{year}(?!\d)|(?:{alts(present)})(?!\w)"  # "2018", "31/01/2018", "now"
    )
    loose_range = re.compile(
        rf"(?<!\d){year}(?:[/.-]\d\d?){{0,2}}[^\w\n]{{1,6}}(?:(?:{alts([*months, *seasons])})\.?\s+)?(?:{second})",
        re.IGNORECASE,
    )
    units = {w.lower() for d in data for w in d.get("duration_units", [])}
    amount = rf"\d+\s*(?:{alts(units)})\.?" if units else "(?!)"
    duration = re.compile(rf"(?<!\w)\(?\s*{amount}(?:\s+{amount})?\s*\)?(?!\w)", re.IGNORECASE)
    prose_jobs = _prose_jobs(data, months)
    since_date = (
        re.compile(rf"(?<!\w)(?:{alts(since)})\s+{one_date}", re.IGNORECASE) if since else re.compile("(?!)")
    )
    return _Patterns(
        date_range,
        lone_date,
        months,
        seasons,
        frozenset(present),
        headings,
        list_split,
        loose_range,
        duration,
        prose_jobs,
        since_date,
    )


def _prose_jobs(data: Sequence[dict[str, object]], months: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """Each language's ``prose_jobs`` patterns: a space stands for any run of white space (prose wraps),
    ``{date}`` for a year with or without its month, ``{job}`` for a next word that is none of the language's
    ``prose_not_jobs`` ("Sedan 2019 är jag bosatt i ...": no job)."""
    names = "|".join(re.escape(w) for w in sorted(months, key=lambda w: (-len(w), w)))
    date = rf"(?P<date>(?:(?:{names})\.?\s+)?(?:19|20)\d\d)(?!\d)"
    out: list[re.Pattern[str]] = []
    for d in data:
        raw_not = d.get("prose_not_jobs", [])
        not_jobs = "|".join(r"\s+".join(map(re.escape, str(w).split())) for w in raw_not)  # type: ignore[attr-defined]
        job = rf"\s+(?!(?:{not_jobs})(?!\w))(?=\w)" if not_jobs else r"\s+(?=\w)"
        for raw in d.get("prose_jobs", []):  # type: ignore[attr-defined]
            body = r"\s+".join(str(raw).split(" ")).replace("{date}", date)
            body = body.replace("{job}", job) if "{job}" in body else body + r"(?!\w)"
            out.append(re.compile(rf"(?<!\w){body}", re.IGNORECASE))
    return tuple(out)


_TWO_DIGIT_PIVOT = 50
"""A two-digit year ("Mar '19") up to this is 20xx, above it 19xx."""


def _parse_date(value: str, pat: _Patterns, *, is_end: bool) -> Month | None:
    """One date; a bare year means January as a start and December as an end."""
    value = value.strip().lower().replace(" ", "")
    m = re.fullmatch(r"([^\W\d]+)\.?(\d{4}|['’‘]\d\d)", value)
    if m:
        digits = m.group(2).lstrip("'’‘")
        year = (
            int(digits)
            if len(digits) == 4
            else int(digits) + (2000 if int(digits) <= _TWO_DIGIT_PIVOT else 1900)
        )
        if m.group(1) in pat.months:
            return year * 12 + pat.months[m.group(1)] - 1
        if m.group(1) in pat.seasons:  # a term: its first month as a start, its last as an end
            return year * 12 + pat.seasons[m.group(1)][1 if is_end else 0] - 1
    # day first ("01/03/2020"): a job's months do not need its day
    m = re.fullmatch(r"\d{1,2}([-./])(\d{1,2})\1(\d{4})", value)
    if m:
        return int(m.group(3)) * 12 + int(m.group(2)) - 1
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-\d{1,2}", value)  # ISO
    if m:
        return int(m.group(1)) * 12 + int(m.group(2)) - 1
    m = re.fullmatch(r"(\d{4})[-./](\d{1,2})", value)
    if m:
        return int(m.group(1)) * 12 + int(m.group(2)) - 1
    m = re.fullmatch(r"(\d{1,2})[/.](\d{4})", value)
    if m:
        return int(m.group(2)) * 12 + int(m.group(1)) - 1
    if re.fullmatch(r"\d{4}", value):
        return int(value) * 12 + (11 if is_end else 0)
    return None


def _sections(text: str, pat: _Patterns) -> list[Section]:
    starts: list[tuple[str, int]] = [("header", 0)]
    pos = 0
    for line in text.split("\n"):
        key = line.strip(_HEADING_STRIP).lower()
        if len(line) <= _MAX_HEADING_CHARS and key in pat.headings:
            starts.append((pat.headings[key], pos))
        pos += len(line) + 1
    bounds = [*(s for _, s in starts[1:]), len(text)]
    return [Section(kind, start, end) for (kind, start), end in zip(starts, bounds, strict=True)]


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _positions(
    text: str, sections: list[Section], pat: _Patterns, now: Month, backwards: list[str]
) -> list[Position]:
    """The positions of the sections that hold jobs; ``backwards`` gets a warning for each range whose end
    comes before its start ("2022 – 2019": read the other way round)."""
    # (title, block start, first month, last month, ongoing, end of section, told in prose)
    found: list[tuple[str, int, Month, Month, bool, int, bool]] = []
    first = _dates_first(text, sections, pat)
    for sec in sections:
        if sec.kind in _NO_POSITIONS:
            continue
        prose = _prose(text, sec, pat, now)
        events: list[tuple[int, re.Match[str] | None, bool, Month]] = [
            (m.start(), m, lone, 0)
            for m, lone in _dates(text, sec, pat, dates_first=first)
            if not any(a <= m.start() < b for a, b, _, _ in prose)  # a prose job's own date ("Sedan 2015\n")
        ]
        events += [(sentence, None, False, start) for _, _, sentence, start in prose]
        events.sort(key=lambda e: e[0])
        for at, m, lone, start in events:
            if m is None:  # a running job told in prose, from the start of its sentence
                held = found[-1] if found and found[-1][5] == sec.end else None
                if held is not None and held[4] and held[2] <= start:
                    continue  # in the text of a running job that began no later: it tells that job's work
                found.append(("", at, start, now, True, sec.end, True))
                continue
            parsed = _lone_range(m, pat, now) if lone else _range(m, pat, now)
            if parsed is None:
                continue
            if parsed[3]:
                number = text.count("\n", 0, m.start()) + 1
                backwards.append(_warning("backwards", number, m.group().strip()))
            held = found[-1] if found and found[-1][5] == sec.end else None  # the job whose block holds it
            if _since_detail(text, m, parsed[0], None if held is None else (held[2], held[4])):
                continue
            if lone and held is not None and held[2] <= parsed[0] and parsed[1] <= held[3]:
                continue  # a date within the job whose block holds it tells of that job's work
            title, block_start = _title(text, m, pat, dates_first=first)
            found.append((title, block_start, *parsed[:3], sec.end, False))
    positions: list[Position] = []
    for i, (title, block_start, start, end, ongoing, sec_end, told) in enumerate(found):
        nxt = found[i + 1][1] if i + 1 < len(found) else len(text)
        block_end = max(min(nxt, sec_end), block_start)
        positions.append(Position(title, start, end, ongoing, (block_start, block_end), told))
    return positions


def _prose(text: str, sec: Section, pat: _Patterns, now: Month) -> list[tuple[int, int, int, Month]]:
    """The running jobs the section's prose tells (``prose_jobs``: "Sedan 2015 är jag webbredaktör på X",
    "Since 2019 I have led community for X"): (the pattern's span, where its sentence starts, the first
    month), one a sentence, in the order of the text. None on a bullet line: a bullet tells a dated job's
    work ("- Since 2023, post a weekly object of the week")."""
    out: dict[int, tuple[int, int, int, Month]] = {}
    if not pat.since_date.search(text, sec.start, sec.end):
        return []
    for rx in pat.prose_jobs:
        for m in rx.finditer(text, sec.start, sec.end):
            start = _parse_date(m.group("date"), pat, is_end=False)
            if start is None or start // 12 < _EARLIEST_YEAR or start > now:
                continue
            line_start, _ = _line_bounds(text, m.start())
            if text[line_start : m.start()].lstrip().startswith(_BULLETS):
                continue
            sentence = _sentence_start(text, m.start(), max(sec.start, _paragraph_start(text, line_start)))
            out.setdefault(sentence, (m.start(), m.end(), sentence, start))
    return sorted(out.values(), key=lambda p: p[2])


_SENTENCE_END = re.compile(r"[.!?]\s+")


def _sentence_start(text: str, at: int, floor: int) -> int:
    """Where the sentence holding ``at`` starts: after the last sentence end before it, not before ``floor``."""
    start = floor
    for m in _SENTENCE_END.finditer(text, floor, at):
        start = m.end()
    return start


def _paragraph_start(text: str, line_start: int) -> int:
    """The first line of the paragraph holding the line at ``line_start`` (the lines up to a blank one)."""
    while line_start > 0:
        above_start, _ = _line_bounds(text, line_start - 1)
        if not text[above_start : line_start - 1].strip():
            break
        line_start = above_start
    return line_start


def _dates_first(text: str, sections: list[Section], pat: _Patterns) -> bool:
    """Whether the CV writes each job's date line above its title ("2019 – pågående" / "Kommunikatör, X" /
    text), as Europass and many Swedish CVs do, rather than below it. A CV keeps one layout, so its date lines
    vote: one with a title line right below it and none right above is written first, one with a title right
    above and none below last. Read the wrong way, each job's text went to the next, older range (a bug
    hunt's F3: the current job was dated nine years back)."""
    first = last = 0
    for sec in sections:
        if sec.kind in _NO_POSITIONS:
            continue
        for m in pat.date_range.finditer(text, sec.start, sec.end):
            if _rest_of_line(text, m, pat):
                continue  # a title on the date's own line says nothing of the layout
            line_start, line_end = _line_bounds(text, m.start())
            above = _title_line_next(text, line_start, line_end, pat, below=False)
            below = _title_line_next(text, line_start, line_end, pat, below=True)
            first += below and not above
            last += above and not below
    return first > last


def _dates(text: str, sec: Section, pat: _Patterns, *, dates_first: bool) -> list[tuple[re.Match[str], bool]]:
    """The section's date ranges and, in an experience section, the lone dates that date a position (each
    with True), in the order of the text."""
    ranges = list(pat.date_range.finditer(text, sec.start, sec.end))  # in order, without overlaps
    dates = [(m, False) for m in ranges]
    if sec.kind in _LONE_DATE_SECTIONS:
        spans = [m.span() for m in ranges]
        ends = [e for _, e in spans]
        dates += [
            (m, True)
            for m in pat.lone_date.finditer(text, sec.start, sec.end)
            if not _overlaps(spans, ends, *m.span()) and _dates_a_position(text, m, pat, dates_first)
        ]
    return sorted(dates, key=lambda d: d[0].start())


def _dates_a_position(text: str, m: re.Match[str], pat: _Patterns, dates_first: bool) -> bool:
    """Whether a lone season or year is a position's date: at the end of its title line after a separator
    ("Sommarjobb, Glassbaren, sommaren 2019"; a year only after a title and an employer, "Praktikant, Exempel
    AB, 2018", not "Kurs 7,5 hp, 2018"), or alone on the line right under a title ("Kommunikatör, X AB" /
    "2018"; right above it where the CV writes its dates first). Not in running text ("Säljare, bilar 2019", "grundat 1998", "Startade bloggen 2010."), nor on a
    bullet line."""
    line_start, line_end = _line_bounds(text, m.start())
    after = text[m.end() : line_end].strip()
    before = text[line_start : m.start()].strip()
    if after not in ("", ")") or before.startswith(_BULLETS):
        return False
    if before in ("", "("):
        return _title_line_next(text, line_start, line_end, pat, below=dates_first)
    if not before.endswith(_LONE_SEPARATORS):
        return False
    head = before[:-1].strip()
    if not head or head.endswith(_NO_TITLE_ENDS):
        return False
    return m.group("season") is not None or _FIELD_SEPARATOR.search(head) is not None


def _title_line_next(text: str, line_start: int, line_end: int, pat: _Patterns, *, below: bool) -> bool:
    """Whether the line right above the line [line_start, line_end) (with ``below``, the first written line
    below it: a table cell's title may sit a blank line down) can be a position's title: written, no
    heading, no bullet, no year, not a sentence or a label, not long."""
    if below:
        line = next((ln.strip() for ln in text[line_end + 1 :].split("\n") if ln.strip()), "")
    elif line_start == 0:
        return False
    else:
        above_start, above_end = _line_bounds(text, line_start - 1)
        line = text[above_start:above_end].strip()
    return (
        bool(line)
        and len(line) <= _MAX_TITLE_CHARS
        and line.strip(_HEADING_STRIP).lower() not in pat.headings
        and not line.startswith(_BULLETS)
        and not line.endswith(_NO_TITLE_ENDS)
        and _YEAR.search(line) is None
    )


def _lone_range(m: re.Match[str], pat: _Patterns, now: Month) -> tuple[Month, Month, bool, bool] | None:
    """A lone date's first and last month: a season's months of its year, a year's January to December."""
    start = _parse_date(m.group(), pat, is_end=False)
    end = _parse_date(m.group(), pat, is_end=True)
    if start is None or end is None or start // 12 < _EARLIEST_YEAR:
        return None
    return min(start, now), min(end, now), False, False


def _since_detail(text: str, m: re.Match[str], start: Month, held: tuple[Month, bool] | None) -> bool:
    """Whether a "since" date (no end of its own) tells of a job's work, not of a job: on a bullet line
    ("- Ansvarig för Instagram sedan 2021"), or in the block of an ongoing job (``held``: its first month and
    whether it is ongoing) that began no later ("2015 – nu ... Ansvarig för Instagram sedan 2021"). As a
    position it would cut the job's block short, and the lines below it would lose the job's earlier years."""
    if m.groupdict().get("since") is None or m.group("end") is not None:
        return False
    line_start, _ = _line_bounds(text, m.start())
    if text[line_start : m.start()].lstrip().startswith(_BULLETS):
        return True
    return held is not None and held[1] and held[0] <= start


def _range(m: re.Match[str], pat: _Patterns, now: Month) -> tuple[Month, Month, bool, bool] | None:
    """(first month, last month, ongoing, written backwards: an end before its start, read swapped)."""
    start = _parse_date(m.group("start"), pat, is_end=False)
    raw_end = (m.group("end") or "").strip().lower()
    ongoing = not raw_end or raw_end in pat.present
    if m.group("short_end") is not None:
        end = _short_end(m.group("start"), m.group("short_end"))
    else:
        end = now if ongoing else _parse_date(raw_end, pat, is_end=True)
    if start is None or end is None or start // 12 < _EARLIEST_YEAR:
        return None
    backwards = not ongoing and end < start
    start, end = min(start, end), max(start, end)
    return min(start, now), min(end, now), ongoing, backwards


_SHORT_END_SPAN = 30
"""The most years a two-digit end ("2020–24") may run after its start: "2019 - 03" is no range."""


def _short_end(start: str, digits: str) -> Month | None:
    """December of a two-digit end year after a bare four-digit start ("2020–24": 2024; "1998–02": 2002),
    in the start's century or the next; None after any other start ("mars 2020 – 24")."""
    if not re.fullmatch(r"\d{4}", start.strip()):
        return None
    first = int(start)
    year = first - first % 100 + int(digits)
    if year < first:
        year += 100
    return year * 12 + 11 if year - first <= _SHORT_END_SPAN else None


def _rest_of_line(text: str, m: re.Match[str], pat: _Patterns) -> str:
    """The date's line without the date, the job's length, separators and empty parentheses: a title
    written beside it ("jan. 2019 – nu · 5 år 3 mån" holds none: the title is the line above)."""
    line_start, line_end = _line_bounds(text, m.start())
    rest = pat.duration.sub(" ", text[line_start : m.start()] + " " + text[m.end() : line_end])
    return " ".join(_EMPTY_PARENS.sub("", rest).strip(_TITLE_STRIP).split())


def _title(text: str, m: re.Match[str], pat: _Patterns, *, dates_first: bool) -> tuple[str, int]:
    """The title and where the position's text block starts: the rest of the range's line and that line;
    else, where the CV writes its dates first, the next line and the date's line; else the nearest
    non-empty line above it and that line."""
    line_start, line_end = _line_bounds(text, m.start())
    rest = _rest_of_line(text, m, pat)
    if rest:
        return rest, line_start
    if dates_first:
        return _title_below(text, line_end, pat), line_start
    pos = line_start - 1
    while pos > 0:
        prev_start, prev_end = _line_bounds(text, pos - 1 if text[pos] == "\n" else pos)
        prev = text[prev_start:prev_end].strip(_TITLE_STRIP)
        if prev and prev.lower() not in pat.headings:
            return " ".join(prev.split()), prev_start
        if prev:
            break
        pos = prev_start - 1
    return "", line_start


def _title_below(text: str, line_end: int, pat: _Patterns) -> str:
    """The nearest non-empty line below ``line_end``, unless it is a heading or a bullet (no title)."""
    for line in text[line_end + 1 :].split("\n"):
        below = line.strip(_TITLE_STRIP)
        if not below:
            continue
        if below.lower() in pat.headings or line.strip().startswith(_BULLETS):
            return ""
        return " ".join(below.split())
    return ""


def _section_lines(text: str, sections: list[Section], kind: str) -> list[str]:
    """Non-empty lines of a section, the heading and years left out (years would hint at age)."""
    out: list[str] = []
    for sec in sections:
        if sec.kind != kind:
            continue
        lines = text[sec.start : sec.end].split("\n")[1:]
        for line in lines:
            clean = without_years(line)
            if clean:
                out.append(clean)
    return out


_YEARS = re.compile(r"(?:19|20)\d\d(?:\s*[–—-]\s*(?:(?:19|20)\d\d|\w+))?")


def without_years(line: str) -> str:
    """An education line without its years ("Medie- och kommunikationsvetenskap, högskolan, 2010–2013" ->
    "Medie- och kommunikationsvetenskap, högskolan"): when a person studied hints at their age. Whole date
    ranges and seasons go first, so none leaves a piece behind ("ht 2011 – vt 2014", "vt 2024",
    "01/09/2011 – 30/06/2016")."""
    pat = _patterns()
    clean = _YEARS.sub("", pat.lone_date.sub("", pat.date_range.sub("", line)))
    return " ".join(_EMPTY_PARENS.sub("", clean).strip(_TITLE_STRIP).split()).rstrip(",")


def _languages(text: str, sections: list[Section], pat: _Patterns) -> list[str]:
    out: list[str] = []
    for line in _section_lines(text, sections, "languages"):
        for item in pat.list_split.split(line):
            name = item.strip(_TITLE_STRIP)
            if name and name not in out:
                out.append(name)
    return out
