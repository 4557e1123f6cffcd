"""An Engine whose review can be made to wait, for the engine pool's tests (importable by worker processes).

A text that starts with ``SLOW <folder>`` makes ``review`` write ``<folder>/started`` (the worker's pid) and
wait until ``<folder>/release`` exists (at most a minute) before it reviews the text as usual.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from kompetens.engine import Engine
from kompetens.models import Document
from kompetens.review import Review

MARK = "SLOW "


class SlowEngine(Engine):
    def review(self, doc: Document) -> Review:
        if doc.text.startswith(MARK):
            folder = Path(doc.text[len(MARK) :].split()[0])
            (folder / "started").write_text(str(os.getpid()))
            end = time.monotonic() + 60
            while not (folder / "release").exists() and time.monotonic() < end:
                time.sleep(0.02)
        return super().review(doc)


def slow_text(folder: Path) -> str:
    return f"{MARK}{folder} \n\nWe need someone for our Instagram account and our newsletter."
