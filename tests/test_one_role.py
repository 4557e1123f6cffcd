"""One door to a role: the CLI, the JSON API and the web pages make the same role from the same ad
(Engine.choose_role), whether the ad is a file, an upload or pasted text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from kompetens.cli import cli
from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError
from kompetens.ingest import document_from_text
from kompetens.match import default_role
from tests.api.support import AD_EN, AD_SV, DEMO_AD, as_files, client_for, csrf, demo_cvs

LONG_TITLE = (
    "\n\n  Digital kommunikatör med ansvar för sociala medier, nyhetsbrev, webbplats och "
    "kundtjänst i våra kanaler – tillsvidareanställning\n\n"
    "Du planerar innehåll för Instagram och LinkedIn och följer upp i Google Analytics."
)
ADS = {
    "sv": AD_SV,
    "en": AD_EN,
    "demo": DEMO_AD.read_text(encoding="utf-8"),
    "long-first-line": LONG_TITLE,
}
ROLE_H2 = re.compile(r'<h2 id="role-h">Role: (.*?)</h2>', re.DOTALL)


@pytest.fixture(scope="module")
def client(engine: Engine) -> TestClient:
    return client_for(engine)


def _cli_title(runner: CliRunner, data_dir: Path, ad: Path, cv: Path) -> str:
    result = runner.invoke(
        cli, ["--data-dir", str(data_dir), "interview", "--role", str(ad), "--candidate", str(cv), "--json"]
    )
    assert result.exit_code == 0, result.stderr
    title: str = json.loads(result.stdout)["role"]
    return title


def _web_title(client: TestClient, files: list[tuple[str, tuple[str, bytes]]], data: dict[str, str]) -> str:
    r = client.post("/rank", files=files, data={**data, "csrf_token": csrf(client)})
    assert r.status_code == 200, r.text
    found = ROLE_H2.search(r.text)
    assert found, "the page names the role"
    return html.unescape(found.group(1)).strip()


@pytest.mark.parametrize("name", sorted(ADS))
def test_cli_api_and_web_title_a_role_from_an_ad_alike(
    name: str, client: TestClient, engine: Engine, data_dir: Path, tmp_path: Path, cli_runner: CliRunner
) -> None:
    text = ADS[name]
    ad = tmp_path / "annons.txt"
    ad.write_text(text, encoding="utf-8")
    cv = demo_cvs(1)
    cvs = as_files(cv)
    ad_file = ("role_file", ("annons.txt", text.encode()))
    titles = {
        "engine": engine.role(ad).title,
        "cli": _cli_title(cli_runner, data_dir, ad, cv[0]),
        "api ad": client.post("/api/v1/role", data={"ad": text}).json()["title"],
        "api role_file": client.post("/api/v1/role", files=[ad_file]).json()["title"],
        "api interview": client.post(
            "/api/v1/interview", files=as_files(cv, field="cv"), data={"ad": text}
        ).json()["role"],
        "web ad": _web_title(client, cvs, {"role_source": "ad", "ad": text}),
        "web file": _web_title(client, [*cvs, ad_file], {"role_source": "file"}),
    }
    assert len(set(titles.values())) == 1, titles
    assert titles["engine"] != default_role().title and not titles["engine"].startswith("Role from")
    assert len(titles["engine"]) <= 80


def test_choose_role(engine: Engine, tmp_path: Path) -> None:
    assert engine.choose_role() == default_role() == engine.role("default") == engine.choose_role(role="  ")
    as_json = json.dumps({"title": "Community manager", "weights": {"community": 1}})
    assert engine.choose_role(role=as_json).title == "Community manager"
    assert engine.choose_role(role={"title": "Analyst", "weights": {"data_insight": 1}}).title == "Analyst"
    yaml_file = tmp_path / "tmp-x1.yaml"
    yaml_file.write_text("title: Y\nweights: {strategy: 1}\n", encoding="utf-8")
    role = engine.choose_role(role_file=yaml_file, file_name="roll.yaml")
    assert (role.title, role.source) == ("Y", "roll.yaml")


def _error(call: object) -> KompetensError:
    with pytest.raises(KompetensError) as info:
        call()  # type: ignore[operator]
    return info.value


def test_choose_role_errors(engine: Engine, tmp_path: Path) -> None:
    ad = document_from_text(AD_SV, kind="ad")
    both = _error(lambda: engine.choose_role(role="{}", ad=ad))
    assert (both.code, both.field) == (Code.E301, "role")
    assert "not role and ad" in both.message
    bad_json = _error(lambda: engine.choose_role(role="{not json", ad=None))
    assert (bad_json.code, bad_json.field) == (Code.E107, "role")
    bad_role = tmp_path / "tmp-x1.yaml"
    bad_role.write_text("title: X\nweights: {strategy: -1}\n", encoding="utf-8")
    error = _error(lambda: engine.choose_role(role_file=bad_role, file_name="roll.yaml"))
    assert (error.code, error.source, error.field) == (Code.E300, "roll.yaml", "weights.strategy")
    empty_ad = tmp_path / "tmp-x2.txt"
    empty_ad.write_text("  \n", encoding="utf-8")
    error = _error(lambda: engine.choose_role(role_file=empty_ad, file_name="annons.txt"))
    assert (error.code, error.source) == (Code.E101, "annons.txt")
    assert _error(lambda: engine.role(empty_ad)).source == str(empty_ad)
