"""One case per format: the file is built here, read back, and its text, title, kind and lang checked."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest

from kompetens.errors import Code, IngestError
from kompetens.ingest import document_from_text, read_bytes, read_path

SV = "Vi söker en kommunikatör med erfarenhet av sociala medier, kundtjänst och sökmotoroptimering."
EN = "We are looking for a community manager with experience of social media and customer service."


def _txt(b):
    return b.text("cv.txt", f"{SV}\n{SV}\n")


def _txt_cp1252(b):
    return b.text("gammal.txt", f"{SV}\r\n", encoding="cp1252")


def _txt_utf16(b):
    return b.text("utf16.txt", f"{SV}\n", encoding="utf-16")


def _md(b):
    return b.text(
        "annons.md",
        f"# Kommunikatör sökes\n\n**Om tjänsten**: {SV}\n\n* Arbeta med [sociala medier](https://example.org)\n"
        "* Skriva `inlägg` och _texter_\n\n| Krav | Nivå |\n|---|---|\n| SEO | god |\n",
    )


def _html(b):
    return b.text(
        "annons.html",
        "<!doctype html><html><head><title>Kommunikatör &amp; redaktör</title>"
        "<style>p { color: red }</style><script>var tracking = 'sökmotoroptimering';</script></head>"
        f"<body><h1>Vi söker</h1><p>{SV}</p><ul><li>Sociala&nbsp;medier</li><li>Kundtj&auml;nst</li></ul>"
        "<noscript>Aktivera javascript</noscript></body></html>",
    )


def _pdf(b):
    return b.pdf(
        "cv.pdf", f"{SV} Testa Testsson arbetar på Fiktiva Fönster AB.", title="CV för Testa Testsson"
    )


def _docx(b):
    table = (
        "<w:tbl><w:tr><w:tc>" + b.w_paragraph("Verktyg") + "</w:tc><w:tc>"
        + b.w_paragraph("Canva och Google Analytics") + "</w:tc></w:tr></w:tbl>"
    )  # fmt: skip
    parts = {
        "word/header1.xml": b.w_part("hdr", b.w_paragraph("Testa Testsson, Umeå")),
        "word/footer1.xml": b.w_part("ftr", b.w_paragraph("Sida 1")),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>CV Testa</dc:title></cp:coreProperties>'
        ),
    }
    return b.docx("cv.docx", b.w_paragraph(SV) + table, parts=parts)


def _ad_json(b):
    return b.json("annons.json", b.ad(1, text=SV))


def _ads_array(b):
    return b.json("annonser.json", [b.ad(1, text=SV), b.ad(2, text=EN)])


def _search_response(b):
    return b.json("svar.json", {"total": {"value": 1}, "hits": [b.ad(7, text=SV)]})


def _jsonl(b):
    return b.jsonl("annonser.jsonl", [b.ad(1, text=SV), b.ad(2, text=EN)])


def _text_object(b):
    return b.json("cv.json", {"text": EN, "title": "CV Testa Testsson"})


# builder, then per document: (source suffix, kind, lang, title, phrases in text, phrases not in text)
CASES = [
    ("txt", _txt, [("", "text", "sv", None, [SV], [])]),
    ("txt-cp1252", _txt_cp1252, [("", "text", "sv", None, [SV], ["\r"])]),
    ("txt-utf16", _txt_utf16, [("", "text", "sv", None, [SV], ["\ufeff"])]),
    (
        "md",
        _md,
        [
            (
                "",
                "text",
                "sv",
                "Kommunikatör sökes",
                [
                    "Kommunikatör sökes",
                    "Om tjänsten: " + SV,
                    "- Arbeta med sociala medier",
                    "inlägg och texter",
                ],
                ["**", "](", "https://", "`", "# ", "|---"],
            )
        ],
    ),
    (
        "html",
        _html,
        [
            (
                "",
                "text",
                "sv",
                "Kommunikatör & redaktör",
                ["Vi söker\n", SV, "Sociala\xa0medier", "Kundtjänst"],
                ["tracking", "color", "javascript", "<", "&auml;"],
            )
        ],
    ),
    ("pdf", _pdf, [("", "text", "sv", "CV för Testa Testsson", ["kommunikatör", "Fiktiva Fönster AB"], [])]),
    (
        "docx",
        _docx,
        [
            (
                "",
                "text",
                "sv",
                "CV Testa",
                ["Testa Testsson, Umeå\n" + SV, "Verktyg\tCanva och Google Analytics", "Sida 1"],
                [],
            )
        ],
    ),
    ("jobtech-json", _ad_json, [("", "ad", "sv", "Kommunikatör nr 1", ["Kommunikatör nr 1\n\n" + SV], [])]),
    (
        "jobtech-array",
        _ads_array,
        [
            ("#1", "ad", "sv", "Kommunikatör nr 1", [SV], []),
            ("#2", "ad", "en", "Kommunikatör nr 2", [EN], []),
        ],
    ),
    ("jobtech-hits", _search_response, [("#1", "ad", "sv", "Kommunikatör nr 7", [SV], [])]),
    (
        "jobtech-jsonl",
        _jsonl,
        [
            ("#1", "ad", "sv", "Kommunikatör nr 1", [SV], []),
            ("#2", "ad", "en", "Kommunikatör nr 2", [EN], []),
        ],
    ),
    ("json-text-object", _text_object, [("", "text", "en", "CV Testa Testsson", [EN], [])]),
]


@pytest.mark.parametrize(("make", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_format_is_read(build, make, expected):
    path = make(build)
    docs = read_path(path)
    assert len(docs) == len(expected)
    for doc, (suffix, kind, lang, title, present, absent) in zip(docs, expected, strict=True):
        assert doc.source == f"{path}{suffix}"
        assert (doc.kind, doc.lang, doc.title) == (kind, lang, title)
        for phrase in present:
            assert phrase in doc.text
        for phrase in absent:
            assert phrase not in doc.text


@pytest.mark.parametrize("make", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_bytes_read_as_the_file(build, make):
    """An upload read in memory (read_bytes) gives what reading the same file gives, named by its name."""
    path = make(build)
    from_file = [replace(d, source=d.source.replace(str(path), path.name)) for d in read_path(path)]
    assert list(read_bytes(path.name, path.read_bytes())) == from_file


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [("cv.txt", b"", Code.E101), ("cv.txt", b" \n ", Code.E101), ("cv.doc", b"text", Code.E108)],
)
def test_bytes_that_cannot_be_read(name, data, code):
    (error,) = read_bytes(name, data)
    assert isinstance(error, IngestError) and error.code == code and error.source == name
    (too_big,) = read_bytes("cv.txt", b"x" * 11, max_bytes=10)
    assert isinstance(too_big, IngestError) and too_big.code == Code.E103


def test_a_file_without_an_extension_is_read_by_its_content(build):
    """stop 38 (an ATS developer's hunt): an attachment saved as "CV" (no extension) was E108 "unknown file
    type '(none)'"; a PDF or DOCX is told by its first bytes, on disk and uploaded; text is not guessed."""
    pdf = build.pdf("cv-source.pdf", "Jag har arbetat med kundtjänst i sociala medier.")
    docx = build.docx("cv-source.docx", build.w_paragraph("Community manager med fem års erfarenhet."))
    for made, words in ((pdf, "kundtjänst"), (docx, "Community manager")):
        bare = build.bytes(f"CV-{made.suffix[1:]}", made.read_bytes())
        (doc,) = read_path(bare)
        assert words in doc.text and doc.source == str(bare)
        (uploaded,) = read_bytes("CV", made.read_bytes())
        assert words in uploaded.text and uploaded.source == "CV"
    text = build.text("CV-text", "Jag har arbetat med kundtjänst.")
    with pytest.raises(IngestError) as on_disk:
        read_path(text)
    for error in (on_disk.value, *read_bytes("CV", text.read_bytes())):
        assert isinstance(error, IngestError) and error.code == Code.E108
        assert "no file extension" in error.message and ".txt" in error.message


def test_a_file_named_as_another_document_type_is_read_by_its_content(build):
    """stop 43 (a staffing coordinator's hunt, hO2): a PDF saved as "cv.txt" was E102 "contains NUL bytes: a
    binary file, not text" and a Word file named "cv.pdf" E104 "not a readable PDF", though their first bytes
    said what they were; both are read as what they are, on disk and uploaded. A zip that is no Word file
    named .docx stays E106, and a text named .pdf E104."""
    pdf = build.pdf("cv-source.pdf", "Jag har arbetat med kundtjänst i sociala medier.")
    docx = build.docx("cv-source.docx", build.w_paragraph("Community manager med fem års erfarenhet."))
    for made, words, names in (
        (pdf, "kundtjänst", ("cv.txt", "cv.md", "cv.html", "cv.docx")),
        (docx, "Community manager", ("cv.txt", "cv.pdf")),
    ):
        for name in names:
            (doc,) = read_path(build.bytes(name, made.read_bytes()))
            assert words in doc.text, name
            (uploaded,) = read_bytes(name, made.read_bytes())
            assert words in uploaded.text and uploaded.source == name
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("photos/a.txt", "holiday photos")
    (other_zip,) = read_bytes("cv.docx", other.getvalue())
    assert isinstance(other_zip, IngestError) and other_zip.code == Code.E106
    (text_as_pdf,) = read_bytes("cv.pdf", b"Jag har arbetat med kundtj\xc3\xa4nst.")
    assert isinstance(text_as_pdf, IngestError) and text_as_pdf.code == Code.E104


def test_jobtech_meta(build):
    (doc,) = read_path(build.json("annons.json", build.ad(3)))
    assert doc.meta == {
        "format": "jobtech",
        "id": "90000003",
        "occupation": "Kommunikatör",
        "employer": "Exempelbolaget AB",
        "municipality": "Umeå",
        "region": "Västerbottens län",
        "publication_date": "2025-03-01T08:00:00",
    }


def test_jobtech_ad_with_only_formatted_description(build):
    ad = build.ad(4)
    ad["description"] = {"text": "", "text_formatted": f"<p>{SV}</p><p>Ansök senast i maj.</p>"}
    (doc,) = read_path(build.json("annons.json", ad))
    assert doc.text == f"Kommunikatör nr 4\n\n{SV}\n\nAnsök senast i maj."


@pytest.mark.parametrize(
    ("make", "kind", "expected"),
    [
        (_ad_json, None, "ad"),
        (_ad_json, "cv", "cv"),
        (_txt, None, "text"),
        (_txt, "cv", "cv"),
        (_pdf, "ad", "ad"),
    ],
)
def test_kind_argument_wins(build, make, kind, expected):
    assert {doc.kind for doc in read_path(make(build), kind=kind)} == {expected}


def test_lang_override_skips_detection(build):
    (doc,) = read_path(_txt(build), lang="en")
    assert doc.lang == "en"
    assert "lang_warning" not in doc.meta


def test_pdf_with_empty_user_password_opens(build):
    (doc,) = read_path(build.encrypted_pdf("skyddad.pdf", user_password=""))
    assert "kommunikatör" in doc.text


def test_docx_skips_fallback_and_deleted_text(build):
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    body = (
        f'<w:p xmlns:mc="{mc}"><w:r><w:t>Synlig</w:t></w:r><w:del><w:r><w:delText>Raderad</w:delText></w:r></w:del>'
        "<mc:AlternateContent><mc:Choice><w:r><w:t> text</w:t></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:t> dubblett</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"
    )
    (doc,) = read_path(build.docx("spår.docx", body + build.w_paragraph(SV)))
    assert doc.text.startswith("Synlig text\n")
    assert "Raderad" not in doc.text
    assert "dubblett" not in doc.text


def test_docx_written_by_zipfile_with_stored_members(build):
    path = build.docx("cv.docx", build.w_paragraph(SV))
    stored = build.path("stored.docx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
    assert read_path(stored)[0].text == read_path(path)[0].text


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        (f"{SV}\r\n", {}, ("<text>", f"{SV}\n", "sv", "text")),
        (EN, {"source": "api", "kind": "cv"}, ("api", EN, "en", "cv")),
        ("Kundtja\u0308nst\x07", {"lang": "sv"}, ("<text>", "Kundtjänst ", "sv", "text")),
    ],
)
def test_document_from_text(text, kwargs, expected):
    doc = document_from_text(text, **kwargs)
    assert (doc.source, doc.text, doc.lang, doc.kind) == expected


def test_document_from_empty_text():
    with pytest.raises(IngestError) as info:
        document_from_text(" \n ")
    assert info.value.code is Code.E101


def test_a_jobtech_ad_without_description_text_is_read_with_a_warning() -> None:
    from kompetens.ingest.jobtech import ad_to_extracted

    for description in ({}, {"text": ""}, {"text": "  "}):
        found = ad_to_extracted({"id": "1", "headline": "Säljare", "description": description})
        assert found.text == "Säljare" and found.meta["warnings"] == [
            "the ad has no description text: only its headline is read"
        ]
    full = ad_to_extracted({"id": "1", "headline": "Säljare", "description": {"text": "Du säljer."}})
    assert "warnings" not in full.meta and "headline_only" not in full.meta


@pytest.mark.parametrize("place", ["Ospecificerad arbetsort", " ospecificerad arbetsort "])
def test_jobtechs_unspecified_workplace_is_no_place(place: str) -> None:
    from kompetens.ingest.jobtech import ad_to_extracted

    address = {"region": place, "municipality": place}
    meta = ad_to_extracted({"id": "1", "headline": "Säljare", "workplace_address": address}).meta
    assert meta["region"] is None and meta["municipality"] is None
    real = {"region": "Skåne län", "municipality": "Malmö"}
    meta = ad_to_extracted({"id": "1", "headline": "Säljare", "workplace_address": real}).meta
    assert (meta["region"], meta["municipality"]) == ("Skåne län", "Malmö")
