"""Query-side synonym expansion (issue #11): ``lang/<code>/synonyms.json``, groups of words and phrases that
job ads use interchangeably ("skapa" / "bygga upp" / "etablera", "affärsmässighet" / "affärssinne").

A word (lemma) or phrase of a text that is a member of a group also counts, in the linker's lexical
coverage, as the group's other members at the group's weight (below 1, so exact wording still wins). Only
the text side is expanded: labels and the saved index are untouched. One :class:`Synonyms` per language,
owned by the :class:`~kompetens.link.linker.Linker` that loaded it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kompetens.lang import lang_data
from kompetens.link.text import words

DEFAULT_WEIGHT = 0.75
FILE = "synonyms"


@dataclass(slots=True)
class Synonyms:
    """Groups of equivalent members (each a tuple of lemmas) with a weight each, for one language."""

    groups: list[tuple[tuple[tuple[str, ...], ...], float]] = field(default_factory=list)
    # first lemma of a member -> [(member, group index), ...]: a text position is checked in one look-up
    _starts: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for g, (members, _) in enumerate(self.groups):
            for member in members:
                if member:
                    self._starts.setdefault(member[0], []).append((member, g))

    def __len__(self) -> int:
        return len(self.groups)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], lemmas: Callable[[Sequence[str]], list[str]]) -> Synonyms:
        """Groups of a parsed ``synonyms.json``; ``lemmas`` maps a member's words to the linker's lemmas."""
        default = float(data.get("weight", DEFAULT_WEIGHT))
        groups: list[tuple[tuple[tuple[str, ...], ...], float]] = []
        for group in data.get("groups", []):
            members = tuple(
                dict.fromkeys(tuple(lemmas(words(m))) for m in group.get("words", []) if words(m))
            )
            weight = float(group.get("weight", default))
            if len(members) > 1 and weight > 0:
                groups.append((members, min(weight, 1.0)))
        return cls(groups)

    @classmethod
    def load(cls, lang: str, lemmas: Callable[[Sequence[str], str], list[str]]) -> Synonyms:
        """The table of ``lang`` (empty when the language has no ``synonyms.json``); ``lemmas(words, lang)``
        maps words to the linker's lemmas."""

        def own(members: Sequence[str]) -> list[str]:
            return lemmas(members, lang)

        return cls.from_data(lang_data(lang, FILE), own)

    def alternatives(self, member: tuple[str, ...]) -> list[tuple[str, ...]]:
        """The other members of the groups that hold ``member`` (lemmas), group by group in the table's order,
        each once."""
        out: dict[tuple[str, ...], None] = {}
        for held, g in self._starts.get(member[0], ()) if member else ():
            if held == member:
                out.update((m, None) for m in self.groups[g][0] if m != member)
        return list(out)

    def expand(self, lemmas: Sequence[str]) -> dict[tuple[str, ...], float]:
        """The members equivalent to the words and phrases of ``lemmas`` (a text's lemmas, in order), each
        with its best weight; members the text itself holds are left out."""
        found: set[int] = set()
        held: set[tuple[str, ...]] = set()
        for i, lemma in enumerate(lemmas):
            for member, g in self._starts.get(lemma, ()):
                if tuple(lemmas[i : i + len(member)]) == member:
                    found.add(g)
                    held.add(member)
        out: dict[tuple[str, ...], float] = {}
        for g in found:
            members, weight = self.groups[g]
            for member in members:
                if member not in held and weight > out.get(member, 0.0):
                    out[member] = weight
        return out
