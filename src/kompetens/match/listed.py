"""Tell a bare skills list from described work, for the evidence's ``where`` (``score.py``).

A keyword list ("Kompetenser: Instagram, TikTok, SEO, Google Ads, ...") names tools; a duty sentence in a job
("ansvarade för företagets Instagram och TikTok") shows them used. A bug hunt found the list outscoring two
years of running the accounts, and meeting must-haves on its own: naming is not having done the job
(docs/ranking.md). A line is *listed* when it stands in a skills section, starts with a skills label ("Skills:",
"Kompetenser:", "Verktyg:") wherever it stands, or, outside a job and education, is a bare list of short names.
The labels are the skills headings of every language's ``lang/<code>/cv.json``: no language branches here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import LANGUAGES, lang_data

LIST_ITEMS = 3
"""A bare list holds at least this many items ("Instagram, TikTok, SEO"); two are a phrase ("Svenska, engelska")."""
ITEM_WORDS = 3
"""An item of a bare list is a name of at most this many words ("Adobe Premiere", "Google Analytics")."""
_ITEM_SPLIT = re.compile(r"[,;|·•]")
_LABEL = re.compile(r"^\s*[-•*·]?\s*([^:\n]{1,40}):\s*\S")


@lru_cache(maxsize=1)
def skills_labels() -> frozenset[str]:
    """The skills section headings of every language, lower-cased ("skills", "kompetenser", "verktyg")."""
    words: set[str] = set()
    for lang in LANGUAGES:
        sections = lang_data(lang, "cv").get("sections", {})
        words.update(w.lower() for w in sections.get("skills", []))
    return frozenset(words)


def is_listed(line: str, section: str, *, in_position: bool) -> bool:
    """Whether evidence on ``line`` (in a section of kind ``section``) comes from a bare skills list."""
    if section == "skills" or _skills_label(line):
        return True
    return not in_position and section != "education" and is_bare_list(line)


def _skills_label(line: str) -> bool:
    """A line that opens with a skills label and a colon ("Kompetenser: Instagram, TikTok")."""
    m = _LABEL.match(line)
    return m is not None and m.group(1).strip().lower() in skills_labels()


def is_bare_list(line: str) -> bool:
    """A line of at least ``LIST_ITEMS`` short names and no sentence: "Canva, Premiere, Power BI"."""
    items = [item.strip(" .\t") for item in _ITEM_SPLIT.split(line)]
    items = [item for item in items if item]
    return len(items) >= LIST_ITEMS and all(len(item.split()) <= ITEM_WORDS for item in items)
