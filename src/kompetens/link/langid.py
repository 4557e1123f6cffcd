"""Which label language a text is in, learnt from the taxonomy's own labels (character trigrams).

No word lists and no extra model: each label language gets a smoothed trigram distribution from its
labels, and a text goes to the language under which its trigrams are most likely.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kompetens.link.text import char_ngrams


@dataclass(slots=True)
class TrigramLangId:
    """Per-language log-probabilities of character trigrams, with a floor for unseen ones."""

    logp: dict[str, dict[str, float]]
    floor: dict[str, float]
    default: str

    @classmethod
    def build(
        cls, tokens_by_lang: Mapping[str, Iterable[Sequence[str]]], *, default: str = "en"
    ) -> TrigramLangId:
        logp: dict[str, dict[str, float]] = {}
        floor: dict[str, float] = {}
        for lang, docs in tokens_by_lang.items():
            counts: Counter[str] = Counter()
            for tokens in docs:
                counts.update(char_ngrams(tokens, sizes=(3,)))
            total = sum(counts.values()) + len(counts) + 1
            # Keep only trigrams seen twice: the rest costs memory and says little.
            logp[lang] = {g: math.log((c + 1) / total) for g, c in counts.items() if c > 1}
            floor[lang] = math.log(1 / total)
        return cls(logp, floor, default if default in logp or not logp else next(iter(logp)))

    def detect(self, tokens: Sequence[str]) -> str:
        """The most likely label language of ``tokens`` (``default`` when nothing tells them apart)."""
        grams = char_ngrams(tokens, sizes=(3,))
        if not grams or len(self.logp) < 2:
            return self.default
        best, best_score = self.default, -math.inf
        for lang, table in self.logp.items():
            low = self.floor[lang]
            score = sum(table.get(g, low) for g in grams)
            if score > best_score + 1e-9:
                best, best_score = lang, score
        return best

    def to_json(self) -> dict[str, object]:
        return {"logp": self.logp, "floor": self.floor, "default": self.default}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> TrigramLangId:
        logp = data["logp"]
        floor = data["floor"]
        default = data["default"]
        if not isinstance(logp, dict) or not isinstance(floor, dict) or not isinstance(default, str):
            raise ValueError("invalid language model data")
        return cls(
            {str(k): {str(g): float(v) for g, v in t.items()} for k, t in logp.items()},
            {str(k): float(v) for k, v in floor.items()},
            default,
        )
