"""The CLI contract: --json prints exactly one JSON value, exit codes 0/1/2, errors name the file, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kompetens.cli import cli
from kompetens.models import AREA_IDS
from tests.contract import REVIEW_KEYS

AD = """Kommunikatör till Exempelbolaget AB

Om tjänsten
Du ansvarar för vårt Instagramkonto och svarar på kundernas frågor i våra sociala kanaler.

Krav
Erfarenhet av marknadsföring. Meriterande: Google Analytics.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, data_dir: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["--data-dir", str(data_dir), *args])
    return result.exit_code, result.stdout, result.stderr


def test_areas_json_has_all_eight(runner: CliRunner, data_dir: Path) -> None:
    code, out, _ = run(runner, data_dir, "areas", "--json")
    assert code == 0
    data = json.loads(out)
    assert [a["id"] for a in data] == list(AREA_IDS)
    for area in data:
        assert {"id", "label_sv", "label_en", "description", "concepts"} <= set(area)
        assert all({"id", "label"} <= set(c) for c in area["concepts"])


def test_extract_json_contract_and_partial_failure(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    good = tmp_path / "ad.txt"
    good.write_text(AD, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, out, err = run(
        runner, data_dir, "extract", str(empty), str(good), str(tmp_path / "missing.pdf"), "--json"
    )
    assert code == 1
    data = json.loads(out)  # stdout is exactly one JSON value
    assert len(data) == 3
    assert data[0]["error"]["code"] == "E101" and data[0]["source"] == str(empty)
    assert data[2]["error"]["code"] == "E100"
    doc = data[1]
    assert doc["source"] == str(good)
    assert set(doc["areas"]) == set(AREA_IDS)
    text = AD  # txt ingest keeps the text; offsets point into it
    for m in doc["mentions"]:
        assert {"text", "start", "end", "concept", "area", "confidence", "required"} <= set(m)
        assert text[m["start"] : m["end"]] == m["text"]
    assert str(empty) in err and "E101" in err


def test_extract_as_ad_marks_requirements(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text(AD, encoding="utf-8")
    code, out, _ = run(runner, data_dir, "extract", str(ad), "--kind", "ad", "--json")
    assert code == 0
    mentions = json.loads(out)[0]["mentions"]
    by_text = {m["text"]: m["required"] for m in mentions}
    assert by_text.get("Google Analytics") is False


def test_review_json_contract(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text(AD, encoding="utf-8")
    code, out, _ = run(runner, data_dir, "review", str(ad), "--json", "--html", str(tmp_path / "r.html"))
    assert code == 0
    r = json.loads(out)
    assert set(r) >= REVIEW_KEYS
    assert r["requires_social_media"] is True
    assert r["title_mentions_social_media"] is False
    assert (tmp_path / "r.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_usage_error_exits_2(runner: CliRunner, data_dir: Path) -> None:
    code, _, _ = run(runner, data_dir, "extract")
    assert code == 2


def test_entry_point_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    proc = subprocess.run(
        [sys.executable, "-m", "kompetens", "--data-dir", str(tmp_path / "data"), "extract", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert str(bad) in proc.stderr.replace("\n", "")
