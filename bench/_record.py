"""What the speed benches of thorough extraction share: the phrases extraction asks the linker about, recorded."""

from __future__ import annotations

from typing import Any


def record_link_phrases(engine: Any, asked: list[list[str]]) -> None:
    """Make ``engine.link_phrases`` append each batch of phrases it is asked to link to ``asked`` (in order), and
    link them as before: what ``extract(..., thorough=True)`` links, to be timed again on its own."""
    link_phrases = engine.link_phrases

    def recording(phrases: Any, *, quick: bool = True) -> Any:
        asked.append(list(phrases))
        return link_phrases(phrases, quick=quick)

    engine.link_phrases = recording
