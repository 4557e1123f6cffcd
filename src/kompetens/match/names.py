"""The words of a CV's name as the anonymiser finds them: what an erasure removes from free text.

Erasure deletes the candidate's rows and file, but a reason a recruiter wrote may name the person
(``store/redact.py``). The name is found by the same anonymiser that keeps it from scoring (``anonymize``),
so there is one name finder in the project, and a name it misses is missed in both places alike.
"""

from __future__ import annotations

import re

from .anonymize import anonymize

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def name_words(text: str) -> list[str]:
    """The distinct words of the spans the anonymiser removes as a name, in order of appearance."""
    found = anonymize(text)
    words: dict[str, None] = {}
    for start, end, category in found.spans:
        if category == "name":
            words.update(dict.fromkeys(_WORD.findall(text[start:end])))
    return list(words)
