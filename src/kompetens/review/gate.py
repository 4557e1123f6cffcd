"""A learned gate over the social-media evidence the rules count: is this the hire's own social-media work?

The rules of :mod:`.social` judge a cue kind by kind ("follow us", an application's profile link, another
team's channels...), and kinds written from one set's tune half do not reach constructions no one wrote a rule
for. The gate weighs, for each counted cue, structural signals that carry from one writer's ads to another's
(stop 46; no words of any one trap): the cue's strength and route, the section kind, whether the hire ("du",
"you", the role) is named in its clause or sentence, a hiring or work word or a negation in the clause,
"vi"/"we", a duty verb near the cue, another agent such as a team or a unit, the span counted as a merit. Nothing
of the ad's shape (its length, headings, the sentence's place or length): a first version read those and lost
one-sentence ads of the hire's own work. A logistic regression over them; a counted cue whose probability is below the threshold is set aside with reason
``gate``; every gated span keeps its probability (``Evidence.gate``), so the decision still explains itself.

The weights (``social_gate.json`` beside this module) come from ``bench/train_social_gate.py``: the cue spans
of the tune halves of every written social set and of the labelled real ads, and nothing else; the threshold is
the highest that keeps every tune positive when each set is decided by a model fitted without it (cross-
validation by set). Stop 41's gate read the sentence's e5 vector as well; it trades recall for precision on
unseen sets and was never on by default (docs/review.md). This one reads no vector: it costs microseconds.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from ..lang import lang_data
from ..layout import Layout
from .lexicon import review_cues
from .social import Evidence, clause_at

STRENGTHS = ("channel", "platform", "weak")
SECTIONS = ("duties", "requirements", "merits", "body")
WORDS = ("you", "role", "we", "agent", "duty")
STRUCT = (
    *(f"strength_{s}" for s in STRENGTHS),
    "via_mention",
    *(f"section_{s}" for s in SECTIONS),
    "section_other",
    "lang_sv",
    *(f"word_{w}" for w in WORDS),
    "duty_near",
    "hire_clause",
    "hire_sentence",
    "hiring",
    "work",
    "negated",
    "counted_merit",
)
"""The structural features, in the order of the weights after the vector's."""
WINDOW = 400
"""A sentence longer than this is read as a window of this many characters around the cue."""
NEAR = 40
"""A duty word this close to the cue (characters) is a duty on it ("publicera på Instagram")."""
ENV = "KOMPETENS_SOCIAL_GATE"
"""``1`` turns the gate on, ``0`` off, whatever the weights file's default."""


@cache
def _words(lang: str) -> dict[str, re.Pattern[str] | None]:
    data: dict[str, Any] = lang_data(lang, "social_gate")
    out: dict[str, re.Pattern[str] | None] = {}
    for key in WORDS:
        words = data.get(key) or []
        out[key] = re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)") if words else None
    return out


def window(text: str, start: int, end: int, layout: Layout) -> tuple[int, int]:
    """The span the gate reads for a cue at ``start``-``end``: its sentence, or a window around it."""
    unit = layout.unit_at(start)
    s, e = (unit.start, unit.end) if unit is not None else (start, end)
    if e - s > WINDOW:
        half = (WINDOW - (end - start)) // 2
        s, e = max(s, start - half), min(e, end + half)
    return s, e


def structural(text: str, ev: Evidence, span: tuple[int, int], lang: str, layout: Layout) -> list[float]:
    """The structural features of ``ev`` read in ``text[span]`` (``STRUCT``'s order)."""
    s, e = span
    low = text[s:e].lower()
    words = _words(lang)
    row = [float(ev.strength == st and ev.via != "mention") for st in STRENGTHS]
    row.append(float(ev.via == "mention"))
    row += [float(ev.section == sec) for sec in SECTIONS]
    row.append(float(ev.section not in SECTIONS))
    row.append(float(lang == "sv"))
    for key in WORDS:
        pattern = words[key]
        row.append(float(pattern is not None and pattern.search(low) is not None))
    duty = words["duty"]
    a, b = ev.start - s, ev.end - s
    row.append(
        float(
            duty is not None and any(m.end() > a - NEAR and m.start() < b + NEAR for m in duty.finditer(low))
        )
    )
    return row + _whose(text, ev, layout, lang)


def _whose(text: str, ev: Evidence, layout: Layout, lang: str) -> list[float]:
    """Who does the work, by the rules' own clause words (``social_clause``): the hire named in the cue's clause
    and in its sentence, a hiring and a work word in the clause, a negation before the cue in it ("not only" is
    none); and the span counted as a merit (``counted_reason``)."""
    unit = layout.unit_at(ev.start)
    words = review_cues(lang).social_clause
    tail = [float(ev.reason == "merit")]
    if unit is None or words is None:
        return [0.0, 0.0, 0.0, 0.0, 0.0, *tail]
    lo, hi = clause_at(text, ev.start, ev.end, unit, words.breaks)

    def found(pattern: re.Pattern[str] | None, a: int, b: int) -> float:
        return float(pattern is not None and pattern.search(text, a, b) is not None)

    return [
        found(words.hire, lo, hi),
        found(words.hire, unit.start, unit.end),
        found(words.hiring, lo, hi),
        found(words.work, lo, hi),
        found(words.negation, lo, ev.start),
        *tail,
    ]


class Gate:
    """The trained gate: weights, the features' scaling and the threshold (``social_gate.json``)."""

    def __init__(self, data: dict[str, Any]) -> None:
        if list(data["struct"]) != list(STRUCT):
            raise ValueError(
                "social_gate.json was written for other features: run bench/train_social_gate.py"
            )
        self.w = np.asarray(data["w"], dtype=np.float64)
        self.b = float(data["b"])
        self.mean = np.asarray(data["mean"], dtype=np.float64)
        self.scale = np.asarray(data["scale"], dtype=np.float64)
        self.threshold = float(data["threshold"])
        self.default = bool(data.get("default", False))

    def probabilities(self, struct: np.ndarray) -> np.ndarray:
        z = ((struct - self.mean) / self.scale) @ self.w + self.b
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out


@cache
def load_gate() -> Gate | None:
    """The shipped gate, or None when the package has no weights."""
    path = resources.files(__package__).joinpath("social_gate.json")
    if not path.is_file():
        return None
    return Gate(json.loads(path.read_text(encoding="utf-8")))


def enabled(choice: bool | None = None) -> bool:
    """Whether the gate runs: ``choice`` if given, else ``KOMPETENS_SOCIAL_GATE``, else the weights' default."""
    if choice is not None:
        return choice
    env = os.environ.get(ENV, "").strip()
    if env in {"0", "1"}:
        return env == "1"
    gate = load_gate()
    return gate is not None and gate.default


def gated(ev: Evidence) -> bool:
    """Whether the gate reads ``ev``: counted evidence from the cues or the mentions (never the title)."""
    return ev.counted and ev.via in {"cue", "mention"} and ev.section != "title"


def readable(ev: Evidence) -> bool:
    """A social-media span of the ad's text (a cue or a mention, counted or set aside; never the title)."""
    return ev.via in {"cue", "mention"} and ev.section != "title"


def features(
    text: str, layout: Layout, evidence: Sequence[Evidence], lang: str, *, only: bool = False
) -> np.ndarray:
    """The structural rows (``STRUCT``) of every span of ``evidence`` that is ``readable`` (``only``: that the
    gate reads, ``gated``), in order."""
    rows = [
        structural(text, ev, window(text, ev.start, ev.end, layout), lang, layout)
        for ev in evidence
        if readable(ev) and (not only or gated(ev))
    ]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(STRUCT))


def apply_gate(
    text: str, layout: Layout, evidence: list[Evidence], lang: str, *, threshold: float | None = None
) -> list[Evidence]:
    """``evidence`` with each counted cue or mention the gate rejects set aside (reason ``gate``); every gated
    span carries its probability in ``gate``."""
    gate = load_gate()
    if gate is None or not any(gated(ev) for ev in evidence):
        return evidence
    spans = [i for i, ev in enumerate(evidence) if readable(ev) and gated(ev)]
    probs = gate.probabilities(features(text, layout, evidence, lang, only=True))
    cut = gate.threshold if threshold is None else threshold
    out = list(evidence)
    for i, p in zip(spans, probs.tolist(), strict=True):
        ev = evidence[i]
        p = round(float(p), 3)
        out[i] = replace(ev, gate=p) if p >= cut else replace(ev, counted=False, reason="gate", gate=p)
    return out
