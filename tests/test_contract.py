"""One JSON shape per command: the result types keep shared/CONTRACT.md, docs/contract.md is written from
them, and the CLI and the REST API print the same JSON for the same input."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from kompetens import contract
from kompetens.cli import cli
from kompetens.engine import Engine
from kompetens.errors import FailedInput, KompetensError
from kompetens.schema import json_schema
from tests import contract as spec
from tests.api.support import AD_SV, as_files, client_for, demo_cvs

ROOT = Path(__file__).resolve().parents[1]
SHARED_CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"


def command(title: str) -> contract.Command:
    return next(c for c in contract.COMMANDS if c.title == title)


# -- the types and the document ---------------------------------------------------------------------


def test_docs_contract_md_is_written_from_the_types() -> None:
    current = (ROOT / contract.DOC).read_text(encoding="utf-8")
    assert current == contract.render(), "docs/contract.md is out of date: run python -m kompetens.contract"


@pytest.mark.parametrize("title", sorted(spec.COMMANDS))
def test_result_types_keep_the_contract(title: str) -> None:
    assert spec.schema_problems(json_schema(command(title).shape), spec.COMMANDS[title]) == []


def test_several_ads_are_a_list_of_the_one_ad_object() -> None:
    ((_case, several),) = command("kompetens review").more
    assert spec.schema_problems(json_schema(several), [spec.REVIEW]) == []


def test_a_failed_input_is_an_item_with_an_error_object() -> None:
    assert spec.schema_problems(json_schema(FailedInput), spec.ERROR) == []


def test_the_checks_catch_a_renamed_key() -> None:
    renamed = {**spec.RANK_ITEM, "candidate_id": spec.RANK_ITEM["candidate"]}
    del renamed["candidate"]
    assert spec.schema_problems(json_schema(command("kompetens rank").shape), [renamed])
    assert spec.problems({"score": "90"}, {"score": "number"})


def test_the_spec_names_keys_of_shared_contract_md() -> None:
    if not SHARED_CONTRACT.is_file():
        pytest.skip(f"{SHARED_CONTRACT} not found: it is only available beside the project checkout")
    text = SHARED_CONTRACT.read_text(encoding="utf-8")
    for name, value in vars(spec).items():
        if name.isupper() and isinstance(value, dict | list) and name != "COMMANDS":
            missing = [k for k in spec.keys(value) if f'"{k}"' not in text]
            assert not missing, f"{name}: {missing} not in shared/CONTRACT.md"


def test_engine_methods_take_and_return_no_untyped_dicts() -> None:
    for name, member in vars(Engine).items():
        if name.startswith("_") or not callable(member):
            continue
        for annotation in inspect.get_annotations(member).values():
            assert "Any" not in str(annotation), f"Engine.{name}: {annotation}"


# -- what the CLI prints ----------------------------------------------------------------------------

CVS = demo_cvs(5)


def run(data_dir: Path, *args: str) -> tuple[int, Any]:
    """A command on a new Engine, as each `kompetens` process makes (the API's client has the session's
    Engine): the one test of the suite where a new Engine's ``link`` meets the session Engine's (the CLI
    tests run on the session's, tests/conftest.py's EngineRunner)."""
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args])
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the CVs, an ad and an empty CV, as the working folder: sources are plain file names."""
    for cv in CVS:
        (tmp_path / cv.name).write_bytes(cv.read_bytes())
    (tmp_path / "tom.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "annons.txt").write_text(AD_SV, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_json_keeps_the_contract(data_dir: Path, folder: Path) -> None:
    names = [cv.name for cv in CVS]
    cases: list[tuple[spec.Spec, int, Any]] = [
        (spec.AREAS, *run(data_dir, "areas", "--json")),
        (spec.EXTRACT, *run(data_dir, "extract", "annons.txt", "tom.txt", "--json")),
        (spec.REVIEW, *run(data_dir, "review", "annons.txt", "--json")),
        ([spec.REVIEW], *run(data_dir, "review", "annons.txt", names[0], "--json")),
        (spec.RANK, *run(data_dir, "rank", "--role", "annons.txt", *names, "tom.txt", "--json")),
        (spec.TEAM, *run(data_dir, "team", *names, "--size", "2", "--json")),
        (
            spec.MARKET,
            *run(data_dir, "market", *map(str, sorted(ROOT.glob("tests/data/ads/en0*.txt"))), "--json"),
        ),
    ]
    for want, code, value in cases:
        assert code in (0, 1)
        assert spec.item_problems(value, want) == []
    assert isinstance(cases[2][2], dict), "one ad: an object"
    assert cases[4][2][-1]["error"]["code"] == "E101", "a CV that cannot be read is an item with its error"


# -- the same JSON from the CLI and the API ---------------------------------------------------------


@pytest.fixture(scope="module")
def client(engine: Engine) -> TestClient:
    return client_for(engine)


def test_rank_and_team_answer_the_clis_json(data_dir: Path, folder: Path, client: TestClient) -> None:
    names = [*(cv.name for cv in CVS), "tom.txt"]
    files = as_files([folder / n for n in names])
    ad = {"ad": AD_SV}
    code, ranked = run(data_dir, "rank", "--role", "annons.txt", *names, "--json")
    assert code == 1 and ranked[-1]["source"] == "tom.txt"
    assert client.post("/api/v1/rank", files=files, data=ad).json() == ranked
    code, team = run(data_dir, "team", "--role", "annons.txt", *names, "--size", "2", "--json")
    assert code == 1 and team["failed"][0]["source"] == "tom.txt"
    assert client.post("/api/v1/team", files=files, data={**ad, "size": "2"}).json() == team


def test_interview_answers_the_clis_json(data_dir: Path, folder: Path, client: TestClient) -> None:
    _, kit = run(data_dir, "interview", "--role", "annons.txt", "--candidate", CVS[0].name, "--json")
    files = as_files([folder / CVS[0].name], field="cv")
    assert client.post("/api/v1/interview", files=files, data={"ad": AD_SV}).json() == kit


def test_review_and_extract_answer_the_clis_json(data_dir: Path, folder: Path, client: TestClient) -> None:
    _, review = run(data_dir, "review", "annons.txt", "--json")
    posted = client.post("/api/v1/review", json={"text": AD_SV}).json()
    assert posted["text"] == review["text"] == AD_SV and posted.pop("source") == "<ad>"
    assert posted == {k: v for k, v in review.items() if k != "source"}
    _, (found,) = run(data_dir, "extract", "annons.txt", "--kind", "ad", "--json")
    posted = client.post("/api/v1/extract", json={"text": AD_SV, "kind": "ad"}).json()
    assert posted["text"] == found["text"] == AD_SV and posted.pop("source") == "<text>"
    assert posted == {k: v for k, v in found.items() if k != "source"}


def test_areas_and_link_answer_the_clis_json(data_dir: Path, engine: Engine, client: TestClient) -> None:
    assert client.get("/api/v1/areas").json() == run(data_dir, "areas", "--json")[1]
    try:
        _ = engine.linker
    except KompetensError:
        pytest.skip("no linking index in the data folder (kompetens setup)")
    texts = ["community management", "sökmotoroptimering"]
    linked = client.post("/api/v1/link", json={"texts": texts, "top": 3}).json()
    assert linked == run(data_dir, "link", *texts, "--top", "3", "--json")[1]


def test_adapters_are_built_once_when_threads_ask_at_once() -> None:
    import threading
    from dataclasses import make_dataclass

    from kompetens.schema import adapter

    shape = list[make_dataclass("Fresh", [("a", int), ("b", str)])]  # type: ignore[misc]
    start = threading.Barrier(8)
    built: list[object] = []

    def build() -> None:
        start.wait()
        built.append(adapter(shape))

    threads = [threading.Thread(target=build) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 8 and all(b is built[0] for b in built)
