"""Stop 38, a user's hunt: ``kompetens review FOLDER --html OUT`` wrote one report per file and no page that
lists them. Now an index.html beside them: per ad its file, title, social-media need, areas, flags by category
and a link; the files that could not be read with why; in the report language; everything escaped. All texts
are fictional."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from click.testing import CliRunner

from kompetens.cli import cli

SOCIAL = "Social Media Manager\n\nYou run our fictional shop's Instagram and TikTok channels and plan the content.\n"
YOUNG = "Sales assistant\n\nWe want a young and energetic sales assistant for our fictional shop.\n"
ODD = 'odd <b>&"name'


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ads"
    folder.mkdir()
    (folder / "social.txt").write_text(SOCIAL, encoding="utf-8")
    (folder / f"{ODD}.txt").write_text(YOUNG, encoding="utf-8")
    (folder / "index.txt").write_text(
        YOUNG.replace("Sales assistant", "Index <script>x</script>"), encoding="utf-8"
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_a_folder_of_reports_gets_an_index_that_links_each(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["review", str(_folder(tmp_path)), "--html", str(out)])
    assert result.exit_code == 1  # one file could not be read; the others are reviewed
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.lstrip().lower().startswith("<!doctype html")
    links = [unquote(part.split('"', 1)[0]) for part in index.split('<a href="')[1:]]
    assert sorted(links) == sorted(["social.html", f"{ODD}.html", "index-2.html"])  # no report takes its name
    assert all((out / link).is_file() for link in links)
    assert "Social Media Manager" in index and "Social-media need" in index and "Areas asked for" in index
    assert "age 1" in index  # flags by category
    assert "Could not be read" in index and "empty.txt" in index and "[E101]" in index
    assert "<script>" not in index and "&lt;script&gt;" in index  # a title is escaped
    assert "<b>" not in index and "odd &lt;b&gt;&amp;&#34;name" in index  # and a file name


def test_the_index_speaks_the_report_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    CliRunner().invoke(cli, ["review", str(_folder(tmp_path)), "--html", str(out), "--report-lang", "sv"])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in index
    for words in (
        "Behov av sociala medier",
        "Efterfrågade områden",
        "Flaggor per kategori",
        "Kunde inte läsas",
    ):
        assert words in index
    assert "ålder 1" in index and ">ja<" in index


def test_one_ad_gets_its_report_and_no_index(tmp_path: Path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text(SOCIAL, encoding="utf-8")
    html = tmp_path / "r.html"
    assert CliRunner().invoke(cli, ["review", str(ad), "--html", str(html)]).exit_code == 0
    assert html.is_file() and not (tmp_path / "index.html").exists()
