"""A gender-coded word's neutral alternative fitted to the flagged word's form (``word_forms`` of ``bias.json``).

A stem's alternative is one word form ("motiverad"), while the flagged word may be inflected ("engagerade
kollegor", "ett engagerat team") or no adjective at all ("att entusiasmera", "ambitioner"). The rule reads
only word endings, from the language data: an adjective ends in one of ``adjective_endings``, an inflected
adjective is such a word with a ``plural`` or ``neuter`` ending, and a word after ``verb_after`` ("att",
"kan") or with one of ``not_adjective_endings`` is a verb or a noun.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Form = Literal["base", "plural", "neuter", "other"]
"""An adjective's base form, its plural/definite (-a, -e) or neuter (-t) form, or no adjective."""

Endings = tuple[tuple[str, str], ...]
"""(ending, replacement) pairs, the first that ends the word applying."""


def _pairs(value: Any) -> Endings:
    return tuple((str(end), str(replacement)) for end, replacement in value or [])


def _undoubled(word: str) -> str:
    """The word without the doubled last letter of an inflection ("beslutsamm" of "beslutsamma" -> "beslutsam")."""
    return word[:-1] if len(word) > 2 and word[-1] == word[-2] else word


def _replaced(word: str, end: str, replacement: str) -> str:
    return word[: len(word) - len(end)] + replacement


@dataclass(slots=True, frozen=True)
class WordForms:
    """A language's adjective endings and inflections; empty (the default) fits nothing and changes nothing."""

    adjective_endings: tuple[str, ...] = ()
    not_adjective_endings: tuple[str, ...] = ()
    verb_after: frozenset[str] = frozenset()
    plural: Endings = ()
    """Endings of a plural/definite adjective and what its base form ends in instead ("ade" -> "ad")."""
    neuter: Endings = ()
    """Endings of a neuter adjective and what its base form ends in instead ("at" -> "ad", "tt" -> "d")."""
    suggestion_plural: Endings = ()
    """How a base-form alternative ends in the plural/definite ("ad" -> "ade", "am" -> "amma", "" -> "a")."""
    suggestion_neuter: Endings = ()
    """How a base-form alternative ends in the neuter ("ad" -> "at", "rd" -> "rt", "" -> "t")."""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> WordForms:
        return cls(
            adjective_endings=tuple(data.get("adjective_endings", [])),
            not_adjective_endings=tuple(data.get("not_adjective_endings", [])),
            verb_after=frozenset(w.lower() for w in data.get("verb_after", [])),
            plural=_pairs(data.get("plural")),
            neuter=_pairs(data.get("neuter")),
            suggestion_plural=_pairs(data.get("suggestion_plural")),
            suggestion_neuter=_pairs(data.get("suggestion_neuter")),
        )

    def is_adjective(self, word: str) -> bool:
        """Whether ``word`` ends in an adjective's base-form ending ("motiverad", "kunnig", "ambitiös")."""
        return bool(self.adjective_endings) and word.endswith(self.adjective_endings)

    def form(self, word: str, previous: str) -> Form | None:
        """The form of the flagged (lower-case) ``word`` after ``previous``; None when its ending says nothing
        ("vass", "driven"). An inflected form shows an adjective ending under its inflection ("kompetenta",
        "beslutsamma"): a stem alone says nothing ("kämpa" is a verb, "empati" a noun)."""
        if self.is_adjective(word):
            return "base"
        cases: tuple[tuple[Form, Endings], ...] = (("plural", self.plural), ("neuter", self.neuter))
        for form, endings in cases:
            for end, replacement in endings:
                if len(word) > len(end) and word.endswith(end):
                    base = _replaced(word, end, replacement)
                    if self.is_adjective(base) or self.is_adjective(_undoubled(base)):
                        return form
        if previous in self.verb_after:  # after the endings: "att" also opens a clause ("att känslig data")
            return "other"
        if self.not_adjective_endings and word.endswith(self.not_adjective_endings):
            return "other"
        return None

    def fitted(self, alternative: str, word: str, previous: str) -> str | None:
        """``alternative`` in the form of ``word``: inflected where it is a one-word adjective and the word an
        inflected adjective, None where the word is no adjective (no word swap fits), else unchanged."""
        if " " in alternative or not self.is_adjective(alternative):
            return alternative
        form = self.form(word, previous)
        if form == "other":
            return None
        endings = {"plural": self.suggestion_plural, "neuter": self.suggestion_neuter}.get(form or "", ())
        for end, replacement in endings:
            if alternative.endswith(end):
                return _replaced(alternative, end, replacement)
        return alternative
