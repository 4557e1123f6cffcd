"""The Engine's Python API as the README shows it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import kompetens.engine as engine_module
from kompetens.engine import Engine
from kompetens.errors import IngestError, SkippedInput
from kompetens.models import Document

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


AD = (
    "Social media manager till Fiktiva Fönster AB\n\nOm rollen\nDu planerar kampanjer i sociala medier och "
    "följer upp dem med Google Analytics.\n\nKrav\n- Erfarenhet av Instagram och LinkedIn\n- Du skriver "
    "bra svenska\n\nMeriterande\n- Erfarenhet av SEO\n\nOm oss\nFiktiva Fönster AB är ett påhittat företag.\n"
)


def test_an_ads_extraction_leaves_no_reference_cycle_behind(engine: Engine) -> None:
    """An ad's layout and its sentence status referred to each other, so each extracted ad left ~35 objects
    that only the garbage collector freed (stop 39); the status now refers to its layout weakly."""
    doc = Document(source="fiktiv", text=AD, lang="sv", kind="ad")
    engine.extract(doc)  # lazy loads
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        profile = engine.extract(doc)
        assert profile.layout is not None and profile.layout.required is not None
        assert profile.layout.required.layout is profile.layout
        del profile
        assert gc.collect() == 0  # nothing unreachable: freed by reference counts alone
    finally:
        if was:
            gc.enable()


def test_the_first_extraction_of_a_process_freezes_the_loaded_objects_once(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the loads of its first extraction the process's objects leave the collector's walks
    (``gc.freeze``, after one full collection), once a process: not per Engine, call or batch, and the
    collector's thresholds stay as they are (stop 39). ``Engine.freeze_gc = False`` leaves it alone."""
    frozen: list[int] = []
    monkeypatch.setattr(engine_module, "_frozen_after_load", False)
    monkeypatch.setattr(engine_module.gc, "freeze", lambda: frozen.append(1))
    thresholds = gc.get_threshold()
    doc = Document(source="fiktiv", text=AD, lang="sv", kind="ad")
    off = Engine(data_dir)
    off.freeze_gc = False
    off.extract(doc)
    assert not frozen
    for _ in range(2):
        engine = Engine(data_dir)
        engine.extract(doc)
        engine.extract(doc)
    assert frozen == [1]
    assert gc.get_threshold() == thresholds


def test_a_plain_string_is_one_search_term_not_one_per_letter(tmp_path: Path) -> None:
    """Hunt hR, finding 1: ``find_candidates(org, "Zlatanna Qwertysson")`` searched each letter as a term and
    found every stored candidate (a data subject's export or erasure built on it reaches other people)."""
    engine = Engine(tmp_path)
    org = engine.org_for()
    anna = engine.add_candidate(org, "a.txt", (CV + "Zlatanna Qwertysson\n").encode())
    engine.add_candidate(org, "b.txt", (CV + "Hanterade klagomål i kundtjänst.\n").encode())
    assert [c.id for c in engine.find_candidates(org, "Zlatanna Qwertysson")] == [anna.id]
    assert [c.id for c in engine.find_candidates(org, ["Zlatanna Qwertysson"])] == [anna.id]
    assert engine.find_candidates(org, "Ingen Alls") == []
    with pytest.raises(TypeError, match="terms"):
        engine.find_candidates(org, b"Zlatanna")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="terms"):
        engine.find_candidates(org, [anna.id, 7])  # type: ignore[list-item]
    # an id given alone is one id too
    assert [p.source for p in engine.stored_profiles(org, anna.id)] == [anna.id]
    assert engine.shortlisted(org, anna.id) == set()


def test_link_takes_one_string_as_one_text(engine: Engine) -> None:
    """Hunt hR, finding 2: ``engine.link("hantera klagomål")`` linked each letter (16 results, 'h', 'a'...)."""
    one = engine.link("hantera klagomål", top=3)
    assert [r.input for r in one] == ["hantera klagomål"]
    assert one == engine.link(["hantera klagomål"], top=3)
    with pytest.raises(TypeError, match="texts"):
        engine.link(b"hantera klagomal")  # type: ignore[arg-type]


def test_misuse_of_rank_and_read_is_said_at_the_call(engine: Engine, tmp_path: Path) -> None:
    """Hunt hR, finding 11: `engine.rank(role, ["cv.txt"])` (a path, not a document) raised AttributeError
    ('str' object has no attribute 'kind'); `top=-2` gave an empty ranking where link and team refuse a count
    below 1 (E301); `read(..., kind="resume")` read every file as text without a word."""
    from kompetens.errors import KompetensError

    folder = _folder(tmp_path)
    role = engine.role("default")
    with pytest.raises(TypeError, match=r"Document .*engine\.read"):
        engine.rank(role, [str(folder / "a.txt")])  # type: ignore[list-item]
    docs = [d for d in engine.read([folder / "a.txt", folder / "b.txt"], kind="cv")]
    for top in (0, -2):
        with pytest.raises(KompetensError) as raised:
            engine.rank(role, docs, top=top)
        assert raised.value.code.name == "E301" and raised.value.field == "top"
    assert len(engine.rank(role, docs, top=1)) == 1
    with pytest.raises(KompetensError) as raised:
        engine.read(folder, kind="resume")  # type: ignore[arg-type]
    assert raised.value.code.name == "E301" and raised.value.field == "kind"
