"""A CV laid out in two columns (a sidebar beside its jobs) is read column by column: a PDF page, a Word
layout table."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kompetens.ingest import read_path
from kompetens.ingest.pdf import split_columns

SIDEBAR = [
    "KONTAKT", "testa@example.com", "", "KOMPETENSER", "SEO och sokmotoroptimering", "Google Analytics",
    "Adobe Photoshop", "Copywriting", "", "SPRAK", "Svenska, modersmal", "Engelska, flytande",
]  # fmt: skip
JOBS = [
    "Testa Testsson", "Digital kommunikator", "", "ERFARENHET", "Kommunikator, Fiktiva Kommunen",
    "2019 - 2023", "Skrev pressmeddelanden och ansvarade for kanaler", "i sociala medier.", "",
    "Butikssaljare, Exempelbutiken AB", "2015 - 2019", "Kundtjanst i butik och reklamationer.",
]  # fmt: skip


def _read(path):
    (doc,) = read_path(path, kind="cv")
    return doc


def test_sidebar_is_read_before_the_jobs_not_on_their_lines(build):
    doc = _read(build.pdf_rows("cv.pdf", list(zip(SIDEBAR, JOBS, strict=True))))
    lines = doc.text.splitlines()
    assert doc.meta["two_column_pages"] == [1]
    assert "SEO och sokmotoroptimering" in lines  # a line of its own, not "... 2019 - 2023"
    assert "2019 - 2023" in lines
    assert lines.index("Copywriting") < lines.index("ERFARENHET")
    assert lines.index("Kommunikator, Fiktiva Kommunen") < lines.index("2019 - 2023")


def test_dates_at_the_right_edge_stay_on_their_lines(build):
    rows = [
        ("Kommunikator, Fiktiva Kommunen", "2019 - 2023"), ("Skrev pressmeddelanden och texter till webben.", ""),
        ("Butikssaljare, Exempelbutiken AB", "2015 - 2019"), ("Kundtjanst i butik och reklamationer.", ""),
        ("Praktikant, Exempelbyran", "2014"), ("Planerade kampanjer i sociala kanaler.", ""),
        ("Medie- och kommunikationsvetenskap", "2012 - 2015"), ("Kurser i retorik och journalistik.", ""),
    ]  # fmt: skip
    doc = _read(build.pdf_rows("cv.pdf", rows, left=140, align="R"))
    assert "two_column_pages" not in doc.meta
    assert any(
        line.startswith("Kommunikator") and line.endswith("2019 - 2023") for line in doc.text.splitlines()
    )


def test_a_column_of_dates_left_of_each_job_is_no_sidebar(build):
    rows = [
        ("2019 - 2023", "Kommunikator, Fiktiva Kommunen"), ("", "Skrev pressmeddelanden till lokala medier."),
        ("2015 - 2019", "Butikssaljare, Exempelbutiken AB"), ("", "Kundtjanst i butik och reklamationer."),
        ("2014", "Praktikant, Exempelbyran"), ("", "Skrev texter till webben."),
        ("2012 - 2015", "Medie- och kommunikationsvetenskap"), ("", "Exempeluniversitetet"),
    ]  # fmt: skip
    doc = _read(build.pdf_rows("cv.pdf", rows, left=35))
    assert "two_column_pages" not in doc.meta
    assert "2019 - 2023 Kommunikator, Fiktiva Kommunen" in doc.text.splitlines()


def test_prose_page_with_a_small_table_is_one_column(build):
    prose = (
        "Ansvarade for kommunens kanaler i sociala medier och skrev pressmeddelanden till lokala medier. " * 6
    )
    doc = _read(
        build.pdf("cv.pdf", prose + "\nPhotoshop        Avancerad\nExcel        God\nWordPress     God")
    )
    assert "two_column_pages" not in doc.meta


def test_sidebar_skills_get_no_years_of_the_job_beside_them(build, engine):
    doc = _read(build.pdf_rows("cv.pdf", list(zip(SIDEBAR, JOBS, strict=True))))
    [scored] = engine.rank(engine.role("default"), [doc])
    assert scored.years["api_seo"] == scored.years["data_insight"] == 0.0  # before: 5 years each
    assert scored.years["customer_service"] > 0.0


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö", min_size=2, max_size=9)
_CELL = st.lists(_WORD, min_size=0, max_size=4).map(" ".join)


@given(st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=40), st.integers(min_value=0, max_value=30))
def test_split_columns_keeps_every_word_and_orders_left_before_right(rows, pad):
    width = max(len(left) for left, _ in rows) + 3 + pad
    grid = [(left.ljust(width) + right).rstrip() for left, right in rows]
    out = split_columns(grid)
    if out is None:
        return
    assert sorted(" ".join(out).split()) == sorted(" ".join(grid).split())
    lefts = [left for left, _ in rows if left]
    assert [line for line in out if line][: len(lefts)] == lefts


def _layout_docx(build, name="cv.docx"):
    def cell(lines):
        return "<w:tc>" + "".join(build.w_paragraph(line) for line in lines if line) + "</w:tc>"

    table = "<w:tbl><w:tr>" + cell(SIDEBAR) + cell(JOBS) + "</w:tr></w:tbl>"
    return build.docx(name, table)


def test_word_layout_table_is_read_cell_by_cell_a_line_a_paragraph(build):
    lines = _read(_layout_docx(build)).text.splitlines()
    assert lines[: len([s for s in SIDEBAR if s])] == [s for s in SIDEBAR if s]
    assert "Kommunikator, Fiktiva Kommunen" in lines and "2019 - 2023" in lines
    assert lines.index("Copywriting") < lines.index("ERFARENHET")


def test_word_data_table_keeps_a_row_a_line(build):
    row = (
        "<w:tr><w:tc>"
        + build.w_paragraph("Verktyg")
        + "</w:tc><w:tc>"
        + build.w_paragraph("Canva")
        + "</w:tc></w:tr>"
    )
    doc = _read(build.docx("cv.docx", "<w:tbl>" + row * 2 + "</w:tbl>"))
    assert doc.text.splitlines() == ["Verktyg\tCanva", "Verktyg\tCanva"]


def test_word_layout_table_gives_jobs_their_years(build, engine):
    [scored] = engine.rank(engine.role("default"), [_read(_layout_docx(build))])
    # before: the whole table was one line, with every date on it and no job read
    assert scored.years["customer_service"] > 0.0 and scored.years["marketing_communication"] > 0.0
    assert scored.years["data_insight"] == 0.0
