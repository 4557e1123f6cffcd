"""An Engine whose computing can be made to wait, for the engine pool's tests (importable by worker processes).

A text that starts with ``SLOW <folder>`` makes ``review`` write ``<folder>/started`` (the worker's pid) and
wait until ``<folder>/release`` exists (at most a minute) before it reviews the text as usual. So do
``profile_files`` for a file whose bytes start so, and ``rank_candidates`` for a role titled so.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from kompetens.engine import Engine
from kompetens.errors import KompetensError
from kompetens.match import CandidateProfile, RankItem, Role
from kompetens.models import Document
from kompetens.review import Review

MARK = "SLOW "


def _hold(text: str) -> None:
    if not text.startswith(MARK):
        return
    folder = Path(text[len(MARK) :].split()[0])
    (folder / "started").write_text(str(os.getpid()))
    end = time.monotonic() + 60
    while not (folder / "release").exists() and time.monotonic() < end:
        time.sleep(0.02)


class SlowEngine(Engine):
    def review(self, doc: Document, *, skills: bool = True) -> Review:
        _hold(doc.text)
        return super().review(doc, skills=skills)

    def profile_files(self, files: Sequence[tuple[str, bytes]]) -> list[CandidateProfile | KompetensError]:
        for _, data in files:
            _hold(data[:4096].decode("utf-8", "replace"))
        return super().profile_files(files)

    def rank_candidates(
        self, role: Role, candidates: Iterable[CandidateProfile], *, top: int | None = None
    ) -> list[RankItem]:
        _hold(role.title)
        return super().rank_candidates(role, candidates, top=top)

    def count_up(self, n: int, *, progress: Callable[[int, int], None]) -> int:
        """Reports 1..n as progress (what Engine.market does as it measures), then answers n."""
        for i in range(1, n + 1):
            progress(i, 0)
        return n


def slow_text(folder: Path) -> str:
    return f"{MARK}{folder} \n\nWe need someone for our Instagram account and our newsletter."


class MeetingEngine(Engine):
    """An Engine whose ``profile_files`` waits until every Engine sharing ``meeting`` is profiling too: calls
    made at once (several server processes over one database) all look for the file before any stores it,
    the order that let uploads at once store one file several times."""

    def __init__(self, *args: Any, meeting: threading.Barrier | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        """None: no waiting (until a test sets it)."""

    def profile_files(self, files: Sequence[tuple[str, bytes]]) -> list[CandidateProfile | KompetensError]:
        if self.meeting is not None:
            self.meeting.wait(timeout=60)
        return super().profile_files(files)
