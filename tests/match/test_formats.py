"""CVs as PDF and DOCX give the same timeline, anonymisation and concepts as the text they were made from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kompetens.errors import KompetensError
from kompetens.ingest.reader import read_path
from kompetens.match.score import CandidateProfile, build_candidate

from .support import DEMO_CVS, TODAY, standin_extract, write_docx, write_pdf

WRITERS: dict[str, Callable[[str, Path], None]] = {".pdf": write_pdf, ".docx": write_docx}
NAMES = [
    "sv-01-kommunikationschef.txt",
    "en-18-communications-director.txt",
    "sv-05-kundtjanst-karriarbyte.txt",
]


def _profile(path: Path) -> CandidateProfile:
    return build_candidate(read_path(path)[0], standin_extract, today=TODAY)


@pytest.mark.parametrize("suffix", sorted(WRITERS))
@pytest.mark.parametrize("name", NAMES)
def test_same_profile_from_pdf_and_docx(tmp_path: Path, name: str, suffix: str) -> None:
    source = DEMO_CVS / name
    copy = tmp_path / (source.stem + suffix)
    WRITERS[suffix](source.read_text(encoding="utf-8"), copy)
    want, got = _profile(source), _profile(copy)
    assert got.positions == want.positions
    assert set(got.concepts) == set(want.concepts)
    assert got.removed == want.removed
    assert got.education == want.education
    assert got.languages == want.languages


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4 broken", b"\x00\x01\x02 binary"])
def test_unreadable_cv_is_an_error_not_a_crash(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "cv.pdf"
    bad.write_bytes(content)
    with pytest.raises(KompetensError):
        _profile(bad)
