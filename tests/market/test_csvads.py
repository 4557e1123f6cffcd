"""CSV corpora: columns named by the caller, the same figures as JSON lines, bad rows counted, files
streamed and cut into splits that give the rows of the whole file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from kompetens.engine import Engine
from kompetens.errors import Code, IngestError, KompetensError
from kompetens.market import AdFacts, CsvFormat, count_inputs, csv_documents, measure
from kompetens.market.csvads import count_rows, csv_splits, split_documents
from kompetens.models import Document

from .support import CSV_FIELDS, csv_values, figures, oracle, write_csv


def _comparable(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k != "run"}


def _summary(items: list[Document | IngestError]) -> list[tuple[str, str]]:
    return [
        (i.source or "?", i.code.name if isinstance(i, IngestError) else f"{i.lang}:{i.title}:{i.text}")
        for i in items
    ]


@pytest.fixture
def table(corpus: Path, tmp_path: Path) -> Path:
    return write_csv(tmp_path / "ads.csv", corpus)


def test_csv_gives_the_figures_jsonl_gives(engine: Engine, corpus: Path, table: Path) -> None:
    assert _comparable(measure(engine, [table]).to_dict()) == _comparable(measure(engine, [corpus]).to_dict())


def test_rows_are_the_documents_of_the_json_lines(table: Path, docs: list[Document]) -> None:
    rows = list(csv_documents(table, CsvFormat()))
    assert len(rows) == len(docs)
    for row, doc in zip(rows, docs, strict=True):
        assert isinstance(row, Document), row
        assert (row.text, row.title, row.lang, row.kind) == (doc.text, doc.title, doc.lang, doc.kind)
        assert row.meta["id"] == doc.meta["id"]
        assert row.meta["publication_date"] == doc.meta["publication_date"]
        assert row.meta["format"] == "csv"
    first = rows[0]
    assert isinstance(first, Document) and first.source == f"{table}#2"  # the header is line 1


@pytest.mark.parametrize(
    ("names", "delimiter"),
    [
        ({"title": "Rubrik", "text": "Annonstext", "date": "Publicerad", "id": "Annons-id"}, ";"),
        ({"title": "rubrik", "text": "beskrivning", "date": "datum", "id": "nr"}, "\t"),
        ({"title": "HEADLINE", "text": "Description", "date": "PUBLICATION_DATE", "id": "Id"}, "|"),
    ],
)
def test_columns_named_by_the_caller(
    engine: Engine, corpus: Path, tmp_path: Path, names: dict[str, str], delimiter: str
) -> None:
    table = write_csv(tmp_path / "ads.csv", corpus, names=names, delimiter=delimiter)
    got = measure(engine, [table], csv=CsvFormat.of(names))
    assert got.error_count == 0
    assert _comparable(got.to_dict()) == _comparable(measure(engine, [corpus]).to_dict())


def test_usual_names_need_no_flags(engine: Engine, corpus: Path, tmp_path: Path) -> None:
    names = {"title": "Headline", "text": "DESCRIPTION", "date": " date "}
    table = write_csv(tmp_path / "ads.csv", corpus, names=names, delimiter=";")
    got = measure(engine, [table])
    assert _comparable(got.to_dict()) == _comparable(measure(engine, [corpus]).to_dict())


def test_a_named_column_that_is_missing_stops_only_its_file(
    engine: Engine, corpus: Path, table: Path, facts: list[AdFacts]
) -> None:
    report = measure(engine, [table, corpus], csv=CsvFormat(date="publicerad"))
    (error,) = report.errors
    assert error.code == Code.E112 and error.source == str(table)
    assert "'publicerad'" in error.message and "--date-col" in error.message
    assert "'publication_date'" in error.message  # the header it has
    assert report.ads == len({f.key for f in facts})


def test_a_file_without_a_text_column(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "ads.csv"
    path.write_text("id,headline\n1,Kommunikatör\n", encoding="utf-8")
    report = measure(engine, [path])
    (error,) = report.errors
    assert error.code == Code.E112 and error.source == str(path)
    assert "no text column" in error.message and "--text-col" in error.message


def test_a_delimiter_the_header_does_not_split_on_is_named(engine: Engine, tmp_path: Path) -> None:
    """A comma file read with --delimiter ';': the error names the delimiter, not a missing column that
    the quoted header seems to hold."""
    path = tmp_path / "ads.csv"
    path.write_text("id,headline,description\n1,Kommunikatör,Du skriver texter.\n", encoding="utf-8")
    report = measure(engine, [path], csv=CsvFormat.of(delimiter=";"))
    (error,) = report.errors
    assert error.code == Code.E112 and "delimiter looks like ','" in error.message


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", Code.E101),
        (b"\n\ntext\nhej\n", Code.E101),
        (b"id,text\n\n", Code.E101),
        ("text\nhej\n".encode("utf-16"), Code.E102),
        (b"\x7fELF\x02\x01\x01\x00\r\n\x00" + bytes(range(256)) * 12, Code.E102),  # a program
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", Code.E102),  # no NUL on the first line
    ],
)
def test_files_that_are_no_csv_corpus(engine: Engine, tmp_path: Path, data: bytes, code: Code) -> None:
    path = tmp_path / "ads.csv"
    path.write_bytes(data)
    (error,) = csv_documents(path, CsvFormat())
    assert isinstance(error, IngestError) and error.code == code and error.source == str(path)
    with pytest.raises(IngestError) as info:
        csv_splits(path, CsvFormat())
    assert info.value.to_dict() == error.to_dict()


def test_a_binary_file_is_said_to_be_one(tmp_path: Path) -> None:
    """A new user's finding: a binary .csv got the csv module's 'new-line character seen in unquoted field -
    do you need to open the file in universal-newline mode?', where a .jsonl says what it is."""
    path = tmp_path / "bin.csv"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00\r\n" + bytes(range(256)) * 12)
    (error,) = csv_documents(path, CsvFormat())
    assert isinstance(error, IngestError)
    assert error.message == "contains NUL bytes: a binary file, not text"


def test_a_tsv_file_is_read_as_csv_with_tabs(engine: Engine, corpus: Path, tmp_path: Path) -> None:
    tsv = write_csv(tmp_path / "ads.tsv", corpus, delimiter="\t")
    assert count_inputs([tsv]) == count_inputs([corpus])
    assert _comparable(measure(engine, [tsv]).to_dict()) == _comparable(measure(engine, [corpus]).to_dict())
    one = tmp_path / "one.tsv"  # one column: a comma in the text is no delimiter
    one.write_text("text\nVi söker en kommunikatör, gärna med Instagram.\n", encoding="utf-8")
    (doc,) = csv_documents(one, CsvFormat())
    assert isinstance(doc, Document) and "kommunikatör, gärna" in doc.text


def _write_rows(path: Path, rows: list[list[str]]) -> list[int]:
    """Writes ``rows`` (the header first) as CSV; the line each row starts on."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    starts = []
    for row in rows:
        starts.append(buffer.getvalue().count("\n") + 1)
        writer.writerow(row)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return starts


def _spoiled(table: Path, target: Path) -> dict[str, Code]:
    """The rows of ``table`` with bad ones among them, written to ``target``; the bad rows' sources."""
    with table.open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    width = len(header)
    bad = [
        (3, ["x-1", "Too few fields"], Code.E112),
        (5, ["x-2", *[""] * (width - 1)], Code.E110),  # no title, no text
        (9, ["x-3", "Rubrik", "Text", *[""] * width], Code.E112),  # too many fields
    ]
    for at, row, _code in bad:  # in order: each lands at its final position
        rows.insert(at, row)
    starts = _write_rows(target, [header, *rows])
    last = target.read_bytes().count(b"\n") + 1
    with target.open("a", encoding="utf-8") as fh:
        fh.write('x-4,"a quote never closed\nand the file ends\n')  # a last row that runs to the end
    expected = {f"{target}#{starts[1 + at]}": code for at, _row, code in bad}
    expected[f"{target}#{last}"] = Code.E112
    return expected


def test_bad_rows_are_counted_and_the_rest_measured(
    engine: Engine, table: Path, facts: list[AdFacts], tmp_path: Path
) -> None:
    spoiled = tmp_path / "spoiled.csv"
    expected = _spoiled(table, spoiled)
    report = measure(engine, [spoiled])
    assert {e.source: e.code for e in report.errors} == expected
    assert report.error_count == len(expected)
    assert figures(report.to_dict()) == oracle(facts)
    assert "2 fields where the header has 7" in report.errors[0].message
    # the last row's quote runs to the end of the file: the message says so, not only the count of fields
    run_on = report.errors[-1]
    line = int(run_on.source.rpartition("#")[2])
    assert run_on.message == (
        f"a quote opened on line {line} is not closed on its line: lines {line}-{line + 1} were read as one field"
        ' (close the quote, or double a quote inside a field: ""): 2 fields where the header has 7'
    )


def test_large_fields_and_line_breaks_in_fields(engine: Engine, tmp_path: Path) -> None:
    long = "\n".join(["Du publicerar inlägg på Instagram och svarar på kommentarer."] * 4000)
    assert len(long) > 131_072  # the csv module's own field limit
    path = tmp_path / "ads.csv"
    _write_rows(path, [["title", "text"], ["Kommunikatör", long], ["Säljare", "Du säljer kläder i butik."]])
    items = list(csv_documents(path, CsvFormat()))
    assert [i.source for i in items] == [f"{path}#2", f"{path}#4002"]
    assert all(isinstance(i, Document) for i in items)


def test_lines_in_windows_1252_are_read(tmp_path: Path) -> None:
    path = tmp_path / "ads.csv"
    path.write_bytes("rubrik;annonstext\nKommunikatör;Du svarar på frågor i våra kanaler.\n".encode("cp1252"))
    (doc,) = csv_documents(path, CsvFormat(title="rubrik", text="annonstext"))
    assert isinstance(doc, Document) and doc.title == "Kommunikatör"


def test_a_bom_is_no_part_of_the_first_name(tmp_path: Path) -> None:
    path = tmp_path / "ads.csv"
    path.write_text("\ufeffid,text\n7,Du svarar på frågor i våra kanaler på Instagram.\n", encoding="utf-8")
    (doc,) = csv_documents(path, CsvFormat())
    assert isinstance(doc, Document) and doc.meta["id"] == "7"


@pytest.mark.parametrize("size", [1, 700, 5000, 10**9])
def test_splits_give_the_rows_of_the_whole_file(table: Path, tmp_path: Path, size: int) -> None:
    spoiled = tmp_path / "spoiled.csv"
    _spoiled(table, spoiled)
    whole = _summary(list(csv_documents(spoiled, CsvFormat())))
    splits = csv_splits(spoiled, CsvFormat(), size=size)
    assert [s.start for s in splits[1:]] == [s.end for s in splits[:-1]] and splits[-1].end is None
    if size == 1:
        assert len(splits) == len(whole)  # one row each
    pieces = [item for split in splits for item in split_documents(split)]
    assert _summary(pieces) == whole


def test_count_rows_and_folders(engine: Engine, corpus: Path, table: Path, facts: list[AdFacts]) -> None:
    assert count_rows(table) == len(facts)
    assert count_inputs([table.parent]) == len(facts)  # a folder's CSV files are found
    assert measure(engine, [table.parent]).ads == len({f.key for f in facts})


def test_field_names_are_checked() -> None:
    assert CsvFormat.of({"title": "rubrik"}, delimiter=";") == CsvFormat(title="rubrik", delimiter=";")
    with pytest.raises(KompetensError) as info:
        CsvFormat.of({"salary": "lön"})
    assert info.value.code == Code.E301 and "salary" in info.value.message
    with pytest.raises(KompetensError):
        CsvFormat.of({}, delimiter=";;")
    assert CsvFormat.of({}, delimiter="\\t").delimiter == CsvFormat.of({}, delimiter="tab").delimiter == "\t"


def test_engine_market_reads_csv_by_named_columns(engine: Engine, corpus: Path, tmp_path: Path) -> None:
    names = {"title": "rubrik", "text": "annonstext", "date": "publicerad", "id": "annons"}
    table = write_csv(tmp_path / "ads.csv", corpus, names=names, delimiter=";")
    assert engine.count_ads([table]) == len(corpus.read_text(encoding="utf-8").splitlines())
    got = engine.market([table], columns=names, delimiter=";")
    assert _comparable(got.to_dict()) == _comparable(engine.market([corpus]).to_dict())


def test_support_writes_every_field(corpus: Path) -> None:
    ad = json.loads(corpus.read_text(encoding="utf-8").splitlines()[0])
    assert set(csv_values(ad)) == set(CSV_FIELDS) and all(csv_values(ad)[f] for f in ("id", "title", "text"))


@pytest.mark.parametrize("name", ["rubrik", "Annonsrubrik", "Titel", "Job Title", "jobtitle"])
def test_a_title_column_under_a_common_swedish_or_english_name_is_read(
    engine: Engine, corpus: Path, tmp_path: Path, name: str
) -> None:
    table = write_csv(tmp_path / "ads.csv", corpus, names={"title": name})
    got = measure(engine, [table])
    assert got.ads_without_title == 0
    assert _comparable(got.to_dict()) == _comparable(measure(engine, [corpus]).to_dict())


def test_ads_without_a_title_are_no_title_silent_ads(engine: Engine, corpus: Path, tmp_path: Path) -> None:
    """A CSV with no title column (and JSON lines of {"id", "text"}): the silence of a title never read is
    unknown, so the title-silent figures leave those ads out and the report counts them."""
    table = write_csv(tmp_path / "ads.csv", corpus, names={"title": "kolumn"})
    lines = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    textonly = tmp_path / "textonly.jsonl"
    textonly.write_text(
        "".join(json.dumps({"id": ad.get("id"), "text": ad["description"]["text"]}) + "\n" for ad in lines),
        encoding="utf-8",
    )
    titled = measure(engine, [corpus])
    assert titled.social_media_ads_title_silent > 0  # else the test below proves nothing
    for path in (table, textonly):
        report = measure(engine, [path])
        d = report.to_dict()
        assert 0 < d["ads_without_title"] <= d["ads"]  # an ad whose text opens with a short line has one
        assert d["social_media_ads"] > 0
        with_title = d["social_media_ads"] - d["social_media_ads_without_title"]
        assert d["social_media_ads_title_silent"] <= with_title
        expected = round(d["social_media_ads_title_silent"] / with_title, 4) if with_title else None
        assert d["share_title_silent"] == expected
        text = report.render_text(width=140)
        assert "no title read" in text and f"{d['ads_without_title']:,}" in text
        assert "ads with no title read" in report.render_html()


def test_a_swedish_export_s_id_occupation_and_places_are_read(
    engine: Engine, corpus: Path, tmp_path: Path
) -> None:
    """A bug hunt, hJ: a Swedish CSV export (``Annons-ID;Rubrik;Annonstext;Publicerad;Yrke;Län;Kommun``) gave
    no region and no occupation, without a word, and its ads were keyed by content (so ``--store`` over the
    JSON lines and then the CSV held each ad twice). The Swedish names are read as the JobTech ones."""
    names = {
        "id": "Annons-ID",
        "title": "Rubrik",
        "text": "Annonstext",
        "date": "Publicerad",
        "occupation": "Yrke",
        "region": "Län",
        "municipality": "Kommun",
    }
    table = write_csv(tmp_path / "ads.csv", corpus, names=names, delimiter=";")
    got = measure(engine, [table]).to_dict()
    expected = measure(engine, [corpus]).to_dict()
    assert got["regions"] > 0 and got["occupations"] > 0
    assert _comparable(got) == _comparable(expected)
    both = measure(engine, [corpus, table])  # the same ads by id: each once
    assert both.ads == expected["ads"]
