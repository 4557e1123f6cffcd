"""Ad review: hidden social-media requirements, biased wording and missing competence areas.

``review_ad(doc, profile)`` gives a ``Review`` (``to_dict()`` is the ``kompetens review --json`` object);
``render_html(review, doc)`` gives a self-contained HTML report.
"""

from __future__ import annotations

from .core import AreaSpan, Review, review_ad
from .flags import Flag, find_flags
from .html import render_html
from .lexicon import BiasLexicon, SectionCues, bias_lexicon, section_cues
from .sections import SECTION_KINDS, Layout, Section, Unit, segment
from .social import Evidence

__all__ = [
    "SECTION_KINDS",
    "AreaSpan",
    "BiasLexicon",
    "Evidence",
    "Flag",
    "Layout",
    "Review",
    "Section",
    "SectionCues",
    "Unit",
    "bias_lexicon",
    "find_flags",
    "render_html",
    "review_ad",
    "section_cues",
    "segment",
]
