"""Bad input: each case gives one IngestError with the right code, naming the file, and no traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kompetens.errors import Code, IngestError
from kompetens.ingest import read_path
from kompetens.ingest.docx import MAX_PART_BYTES

SV = "Vi söker en kommunikatör med erfarenhet av sociala medier."


def _missing(b):
    return b.path("finns-inte.txt")


def _sparse(b, size):
    path = b.path("stor.txt")
    with path.open("wb") as fh:
        fh.truncate(size)  # sparse: no 50 MB written to disk
    return path


def _bomb(b, *, size):
    """A DOCX whose document.xml is ``size`` bytes of XML padding: tiny compressed."""
    path = b.docx("bomb.docx", b.w_paragraph(SV))
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/header1.xml", "w") as fh,
    ):
        fh.write(b'<?xml version="1.0"?><w:hdr xmlns:w="x">')
        chunk = b" " * 1_000_000
        for _ in range(size // len(chunk)):
            fh.write(chunk)
        fh.write(b"</w:hdr>")
    return path


def _lying_size(b):
    """A DOCX whose central directory claims document.xml is 100 bytes; it is much larger."""
    path = b.docx("ljuger.docx", b.w_paragraph(SV) * 2000)
    data = bytearray(path.read_bytes())
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        name_len = int.from_bytes(data[start + 28 : start + 30], "little")
        if data[start + 46 : start + 46 + name_len] == b"word/document.xml":
            data[start + 24 : start + 28] = (100).to_bytes(4, "little")
        start += 4
    path.write_bytes(bytes(data))
    return path


def _dtd_docx(b):
    path = b.path("dtd.docx")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><d>&b;</d>',
        )
    return path


def _no_document_docx(b):
    path = b.path("tom.docx")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("annat.xml", "<x/>")
    return path


CASES = [
    ("missing", _missing, Code.E100),
    ("missing-unknown-ext", lambda b: b.path("finns-inte.xyz"), Code.E100),
    ("empty", lambda b: b.bytes("tom.txt", b""), Code.E101),
    ("whitespace", lambda b: b.bytes("blank.md", b" \n\t\r\n  "), Code.E101),
    ("whitespace-utf16", lambda b: b.text("blank.txt", "  \n ", encoding="utf-16"), Code.E101),
    ("empty-pdf", lambda b: b.bytes("tom.pdf", b""), Code.E101),
    ("nul-bytes", lambda b: b.bytes("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Code.E102),
    ("undecodable", lambda b: b.bytes("trasig.txt", bytes(range(128, 256)) * 4), Code.E102),
    ("control-heavy", lambda b: b.bytes("styr.html", bytes(range(1, 9)) * 50), Code.E102),
    ("bad-utf16-bom", lambda b: b.bytes("bom.txt", b"\xff\xfe\x00\xd8"), Code.E102),
    ("too-large-sparse", lambda b: _sparse(b, 50 * 1024 * 1024 + 1), Code.E103),
    (
        "corrupt-pdf",
        lambda b: b.bytes("trasig.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nbroken"),
        Code.E104,
    ),
    ("truncated-pdf", lambda b: b.bytes("halv.pdf", b.pdf("hel.pdf", SV).read_bytes()[:400]), Code.E104),
    ("text-as-pdf", lambda b: b.text("text.pdf", SV), Code.E104),
    ("encrypted-pdf", lambda b: b.encrypted_pdf("hemlig.pdf", user_password="hemligt"), Code.E105),
    ("docx-bomb-size", lambda b: _bomb(b, size=MAX_PART_BYTES + 2_000_000), Code.E106),
    ("docx-bomb-ratio", lambda b: _bomb(b, size=5_000_000), Code.E106),
    ("docx-lying-size", _lying_size, Code.E106),
    ("docx-dtd", _dtd_docx, Code.E106),
    ("docx-not-zip", lambda b: b.bytes("cv.docx", b"PK\x03\x04" + b"\x01" * 200), Code.E106),
    (
        "docx-old-doc",
        lambda b: b.bytes("cv.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512),
        Code.E106,
    ),
    ("docx-no-document", _no_document_docx, Code.E106),
    ("docx-bad-xml", lambda b: b.docx("cv.docx", "<w:p><w:r>"), Code.E106),
    ("json-invalid", lambda b: b.text("annons.json", '{"headline": "Kommunikatör",}'), Code.E107),
    ("json-too-deep", lambda b: b.text("djup.json", "[" * 100_000 + "]" * 100_000), Code.E107),
    ("json-not-an-ad", lambda b: b.json("lista.json", {"namn": "Testa Testsson"}), Code.E107),
    ("json-scalar", lambda b: b.json("tal.json", 42), Code.E107),
    ("unknown-extension", lambda b: b.text("cv.odt", SV), Code.E108),
    ("no-extension", lambda b: b.text("README", SV), Code.E108),
    ("folder", lambda b: b.path("mapp/x.txt").parent, Code.E108),
    ("pdf-without-text", lambda b: b.pdf("skannad.pdf", None), Code.E110),
    ("html-only-script", lambda b: b.text("s.html", "<html><script>alert('hej')</script></html>"), Code.E110),
    ("md-only-rules", lambda b: b.text("r.md", "---\n\n***\n"), Code.E110),
    (
        "ad-without-text",
        lambda b: b.json("annons.json", {"headline": "", "description": {"text": " "}}),
        Code.E110,
    ),
    ("json-empty-array", lambda b: b.json("annonser.json", []), Code.E110),
]


@pytest.mark.parametrize(("make", "code"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gives_one_clear_error(build, make, code):
    path = make(build)
    with pytest.raises(IngestError) as info:
        read_path(path)
    err = info.value
    assert err.code is code
    assert err.source == str(path)
    assert str(path) in str(err)
    assert err.to_dict()["code"] == code.name


def test_max_bytes_is_respected(build):
    path = build.text("cv.txt", SV)
    with pytest.raises(IngestError) as info:
        read_path(path, max_bytes=len(SV) // 2)
    assert info.value.code is Code.E103
    assert len(read_path(path, max_bytes=len(SV.encode()))) == 1


def test_oversized_file_is_refused_without_opening_it(build, monkeypatch):
    path = _sparse(build, 50 * 1024 * 1024 + 1)

    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(IngestError) as info:
        read_path(path)
    assert info.value.code is Code.E103


def test_jsonl_bad_line_is_named_by_line_number(build):
    path = build.jsonl("annonser.jsonl", [build.ad(1), "{inte json", build.ad(3)])
    with pytest.raises(IngestError) as info:
        read_path(path)
    assert (info.value.code, info.value.source) == (Code.E107, f"{path}#2")


@pytest.mark.parametrize(
    ("ad", "message"),
    [
        ({"headline": 123, "description": {"text": "Du säljer."}}, "'headline' must be text, got a number"),
        (
            {"headline": "Säljare", "description": ["Du säljer."]},
            "'description' must be text or an object, got a list",
        ),
        (
            {"headline": "Säljare", "description": {"text": {"sv": "x"}}},
            "'description.text' must be text, got an object",
        ),
    ],
)
def test_a_jobtech_ad_with_wrong_types_is_refused(tmp_path, ad, message):  # issue #12
    import json

    from kompetens.ingest import iter_documents

    path = tmp_path / "ads.jsonl"
    good = {"headline": "Säljare", "description": {"text": "Du säljer kläder i vår butik."}}
    path.write_text(json.dumps(good) + "\n" + json.dumps(ad) + "\n", encoding="utf-8")
    docs = list(iter_documents([path]))
    assert len(docs) == 2 and not isinstance(docs[0], IngestError) and docs[0].text.startswith("Säljare")
    err = docs[1]
    assert isinstance(err, IngestError) and err.code is Code.E107 and message in err.message
    assert err.source == f"{path}#2"
