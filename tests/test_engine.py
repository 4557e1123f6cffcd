"""The Engine's Python API as the README shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.engine import Engine
from kompetens.errors import IngestError, SkippedInput

CV = "Erfarenhet\n2019 - nu Social media-ansvarig, Exempelbolaget AB\nInstagram, LinkedIn och SEO.\n"


def _folder(tmp_path: Path) -> Path:
    """Two readable CVs and two files that are not (an empty one, a binary one)."""
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / "a.txt").write_text(CV, encoding="utf-8")
    (folder / "b.txt").write_text(CV + "Hanterade klagomål i kundtjänst.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"\x00\x01 not a pdf \xff" * 20)
    return folder


def test_the_readme_s_rank_call_skips_a_bad_file_and_reports_it(engine: Engine, tmp_path: Path) -> None:
    """A user test's finding 18 (stop 36): the README's `engine.rank(role, [d for d in engine.read(...)])`
    raised AttributeError ('IngestError' object has no attribute 'kind') when the folder held one bad file."""
    items = list(engine.read([_folder(tmp_path)], kind="cv"))
    assert sum(isinstance(i, IngestError) for i in items) == 2
    with pytest.warns(SkippedInput) as caught:
        ranked = engine.rank(engine.role("default"), items, top=5)
    assert sorted(Path(r.candidate).name for r in ranked) == ["a.txt", "b.txt"]
    messages = sorted(str(w.message) for w in caught if w.category is SkippedInput)
    assert len(messages) == 2
    assert "broken.pdf" in messages[0] and "empty.txt" in messages[1]
    assert all("[E1" in m for m in messages)  # the file's own error code, as the CLI prints it
    with pytest.warns(SkippedInput):
        team = engine.team(engine.role("default"), items, size=2)
    assert len(team.members) == 2


def test_a_read_error_given_as_a_candidate_is_raised_as_itself(engine: Engine, tmp_path: Path) -> None:
    error = next(i for i in engine.read([_folder(tmp_path)], kind="cv") if isinstance(i, IngestError))
    with pytest.raises(IngestError) as raised:
        engine.candidate(error)  # type: ignore[arg-type]
    assert raised.value is error
