"""Text preparation for linking: cleaning, word tokens, lemmas, character n-grams, phrase chunks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

T = TypeVar("T")

MAX_CHARS = 2000
"""Texts are cut here (at a word boundary): a skill phrase or sentence is far shorter, and a 100 kB
"sentence" must not make the scoring cost explode."""

# \w+ plus the suffixes that make programming-language names (c++, c#, f#) distinct from "c" or "f".
_TOKEN = re.compile(r"\w+[+#]*")
# Control and format characters (C0/C1, zero-width and bidi marks, soft hyphen, BOM) would glue or
# split words unpredictably; a regex over the common ones is ~50x faster than a per-character check.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SENTENCE_BREAK = re.compile(r"[,;:()\[\]{}|/•·!?\"]+|\s[-–—]\s|\.(?=\s|$)")


def clean(text: str, *, max_chars: int = MAX_CHARS) -> str:
    """NFKC, control and format characters to spaces, whitespace collapsed, cut to ``max_chars``.

    Case is kept: the e5 tokenizer is case-sensitive; :func:`words` lowercases for the lexical side.
    """
    folded = unicodedata.normalize("NFKC", text[: max_chars * 2])
    out = " ".join(_INVISIBLE.sub(" ", folded).split())
    if len(out) > max_chars:
        cut = out.rfind(" ", 0, max_chars)
        out = out[: cut if cut > 0 else max_chars]
    return out


@dataclass(frozen=True, slots=True)
class CueWords:
    """Words that frame a skill rather than name it (``lang/<code>/spans.json`` classes, every language):
    ``cue`` ("erfarenhet", "knowledge", "skills"), ``degree`` ("goda", "strong") and ``prep`` ("av", "with");
    ``heads``: the cue words of the languages that write compounds closed (``morphology.json`` ``compounds``),
    which head a compound that names the skill and its cue in one word ("samarbetsförmåga", "datorvana");
    ``pairs``: (cue word, preposition) that end requirement wording together though the preposition is none of
    ``prep`` (``lang/<code>/cue_preps.json``: "kunskaper om", "erfarenhet från", "knowledge about")."""

    cue: frozenset[str]
    degree: frozenset[str]
    prep: frozenset[str]
    heads: frozenset[str] = frozenset()
    pairs: frozenset[tuple[str, str]] = frozenset()


HEAD_MIN = 4
"""A cue word heads a compound (``CueWords.heads``) with at least this many letters of its own, before it at least
``MODIFIER_MIN``: "vana" in "datorvana", not "van" in "husvan"."""
MODIFIER_MIN = 3


def cue_headed(word: str, heads: Collection[str]) -> bool:
    """Whether the lowercased ``word`` is a compound headed by a cue word of ``heads`` ("samarbetsförmåga",
    "övertygelseförmåga", "datorvana", "it-vana"): the skill and the requirement wording in one word."""
    return any(len(h) >= HEAD_MIN and len(word) - len(h) >= MODIFIER_MIN and word.endswith(h) for h in heads)


_WORD_SPAN = re.compile(r"\S+")


def strip_cues(text: str, cues: CueWords) -> str:
    """``text`` without the requirement wording around its skill: a leading "goda kunskaper i",
    "erfarenhet av", "kunskaper om", "strong knowledge of", "ability to" (degree words, a cue word, a preposition
    of ``prep`` or one said with that cue word, ``pairs``), and the degree words before a phrase that ends in a
    cue word ("good Excel skills" -> "Excel skills", "god digital vana" -> "digital vana"): the cue word stays,
    as the word before it is often an adjective that means nothing alone ("kommunikativ förmåga", "analytical
    skills"); and the degree words before a compound that a cue word heads (``cue_headed``: "god
    samarbetsförmåga" -> "samarbetsförmåga"), which names its skill itself. What is left must hold a word;
    else, or where nothing frames it, the text comes back as it was."""
    spans = [(m.start(), m.end(), m.group().lower().strip(".,;:!?")) for m in _WORD_SPAN.finditer(text)]
    k = 0
    while k < len(spans) and spans[k][2] in cues.degree:
        k += 1
    lead = 0
    if k + 1 < len(spans) and (
        (spans[k][2] in cues.cue and spans[k + 1][2] in cues.prep)
        or (spans[k][2], spans[k + 1][2]) in cues.pairs
    ):
        lead = k + 2
    end = len(spans)
    if lead == 0 and k > 0 and len(spans) - k >= 2 and spans[-1][2] in cues.cue:
        lead = k  # "good Excel skills" -> "Excel skills"
    if lead == 0 and k > 0 and len(spans) > k and cue_headed(spans[-1][2], cues.heads):
        lead = k  # "god övertygelseförmåga" -> "övertygelseförmåga"
    if lead == 0 or lead >= end:
        return text
    return text[spans[lead][0] : spans[end - 1][1]]


def words(text: str) -> list[str]:
    """Lowercased word tokens of a cleaned text."""
    return _TOKEN.findall(text.lower())


_FOLD = str.maketrans("åäöæøéèêëáàâüúùûíìîïóòôçñ", "aaoaoeeeeaaauuuuiiiiooocn")


def fold(word: str) -> str:
    """Without diacritics, for matching: ``klagomål`` -> ``klagomal`` (text typed without å, ä, ö)."""
    return word.translate(_FOLD) if not word.isascii() else word


def split_compound(
    word: str,
    resolve: Callable[[str], T | None],
    *,
    min_part: int,
    linkers: Collection[str] | None = None,
    accept: Callable[[int], bool] | None = None,
) -> tuple[T, T] | None:
    """The (modifier, head) of a compound whose two parts ``resolve`` knows, or None.

    The longest known head that ends the word wins; the rest is the modifier, or the rest less one linking
    letter (``klinik|veterinär``, ``mätning|s|ingenjör``, ``sök|motor|optimering`` at the first cut:
    ``sökmotor|optimering``). ``resolve`` maps a candidate part to what the caller keeps (an id, a term).
    ``linkers``: the letters that may link the parts (None: any); ``accept(cut)``: whether a head starting
    at ``cut`` may end the word at all (a cut it refuses is skipped)."""
    for cut in range(min_part, len(word) - min_part + 1):
        if accept is not None and not accept(cut):
            continue
        head = resolve(word[cut:])
        if head is None:
            continue
        modifier = resolve(word[:cut])
        if modifier is None and cut > min_part and (linkers is None or word[cut - 1] in linkers):
            modifier = resolve(word[: cut - 1])
        if modifier is not None:
            return modifier, head
    return None


@dataclass(slots=True)
class Lemmatizer:
    """Word form -> lemma per language, restricted to the lemmas that occur in labels.

    Built once from simplemma's dictionaries (slow to load: ~6 s for Swedish) and stored with the
    index, so linking needs only a dict look-up. A form outside the table stays as it is: it cannot
    match a label word through any lemma anyway.
    """

    table: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, label_words: dict[str, set[str]], *, own_forms: Collection[str] = ()) -> Lemmatizer:
        """``own_forms``: the languages whose words also take the inflected forms the dictionary gives the
        word itself as lemma (see ``_lemma_table``)."""
        table: dict[str, dict[str, str]] = {}
        for lang, vocab in label_words.items():
            table[lang] = _lemma_table(lang, vocab, own_forms=lang in own_forms)
        return cls(table)

    def lemmas(self, tokens: Sequence[str], lang: str) -> list[str]:
        forms = self.table.get(lang, {})
        return [forms.get(t, t) for t in tokens]


@cache
def _simplemma_entries(lang: str) -> list[tuple[str, str]]:
    """simplemma's form -> lemma dictionary for ``lang`` (loaded once per process: seconds)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return list(DefaultDictionaryFactory().get_dictionary(lang).items())


COMPOUND_MIN_PART = 3
"""Letters a compound's first part and its head need at least for the head's forms (``_lemma_table``)."""


def _lemma_table(lang: str, vocab: set[str], *, own_forms: bool = False) -> dict[str, str]:
    """Form -> lemma for the forms of ``vocab``'s lemmas. With ``own_forms``, also the forms whose dictionary
    lemma is a vocabulary word that itself lemmatizes elsewhere, mapped to that word's lemma: simplemma reads
    "uppdrag" as the verb "uppdra" but gives "uppdraget" the lemma "uppdrag", "engagerad" as "engagera" but
    "engagerade" as "engagerad", so without them those forms missed the word's glossary entry; and a compound that
    the dictionary lacks takes the forms of its longest head that it has (stop 43)."""
    try:
        import simplemma

        entries = _simplemma_entries(lang)
        # In sorted order: two words may give one form ("projektplanerna" from "projektplan" and "projektplaner");
        # the first kept must not depend on the set's order, which varies from process to process (stop 50).
        own = {w: simplemma.lemmatize(w, lang=lang).lower() for w in sorted(vocab)}
    except (ImportError, ValueError, OSError):  # a language simplemma lacks: match word forms as they are
        return {}
    targets = set(own.values())
    table = {form.lower(): lemma.lower() for form, lemma in entries if lemma.lower() in targets}
    if own_forms:
        words_own = {w.lower(): lemma for w, lemma in own.items() if w.lower() != lemma}
        forms_of: dict[str, list[str]] = {}
        for form, lemma in entries:
            if (found := words_own.get(lemma.lower())) is not None:
                table.setdefault(form.lower(), found)
            forms_of.setdefault(lemma.lower(), []).append(form.lower())
        # A compound the dictionary lacks takes its head's forms: "kundärende" (a glossary word) is not in
        # simplemma's dictionary, so "kundärenden" stayed unknown; with the forms of "ärende" it is read.
        for w, lemma in own.items():
            word = w.lower()
            if word in forms_of or lemma in forms_of or not word.isalpha():
                continue
            for k in range(COMPOUND_MIN_PART, len(word) - COMPOUND_MIN_PART + 1):
                head = word[k:]
                if head in forms_of:
                    for form in forms_of[head]:
                        table.setdefault(word[:k] + form, lemma)
                    break
    # Label words map to their own lemma even where the dictionary disagrees in case or misses them.
    table.update(own)
    return {form: lemma for form, lemma in table.items() if form != lemma}


def char_ngrams(tokens: Sequence[str], *, sizes: tuple[int, ...] = (3, 4, 5)) -> list[str]:
    """Character n-grams inside word boundaries (``" word "`` padded), the char_wb scheme."""
    grams: list[str] = []
    for token in tokens:
        padded = f" {token} "
        if len(padded) <= min(sizes):
            grams.append(padded)
            continue
        for size in sizes:
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


def chunks(text: str) -> list[str]:
    """Split a cleaned text at punctuation into phrase-sized pieces (list items, clauses)."""
    return [part.strip() for part in _SENTENCE_BREAK.split(text) if part and part.strip()]
