"""Ad review: hidden social-media requirements, biased wording and missing competence areas.

``review_ad(doc, profile)`` gives a ``Review`` (its fields are the ``kompetens review --json`` object);
``render_html(review, doc)`` gives a self-contained HTML report, ``render_index(reports)`` the page that lists a
folder of them. The ad's layout (sections, boilerplate)
comes from :mod:`kompetens.layout`, read once and shared with extraction.
"""

from __future__ import annotations

from .core import AreaSpan, Review, ReviewExplanation, review_ad
from .flags import Flag, find_flags
from .html import render_html, render_index
from .lexicon import BiasLexicon, ReviewCues, bias_lexicon, review_cues
from .social import Evidence

__all__ = [
    "AreaSpan",
    "BiasLexicon",
    "Evidence",
    "Flag",
    "Review",
    "ReviewCues",
    "ReviewExplanation",
    "bias_lexicon",
    "find_flags",
    "render_html",
    "render_index",
    "review_ad",
    "review_cues",
]
