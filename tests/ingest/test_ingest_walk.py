"""iter_documents: files and folders, sorted walking, and errors that do not stop the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetens.errors import Code, IngestError
from kompetens.ingest import iter_documents


def _tree(b):
    b.text("b.txt", b.SV_AD)
    b.text("a.md", f"# Annons\n\n{b.SV_AD}")
    b.text(".dold.txt", b.SV_AD)
    b.text("anteckning.odt", b.SV_AD)
    b.bytes("~$cv.docx", b"\x00lock")
    b.text("sub/c.html", f"<p>{b.EN_AD}</p>")
    b.text("sub/.git/HEAD.txt", "ref: refs/heads/main")
    b.jsonl("sub/d.jsonl", [b.ad(1), "{trasig", b.ad(3, text=b.EN_AD)])
    b.bytes("sub/e.txt", b"\x00\x01binary")
    return b.folder


def _summary(items, root):
    out = []
    for item in items:
        rel = item.source.removeprefix(f"{root}/")
        out.append((rel, item.code.name) if isinstance(item, IngestError) else (rel, item.lang))
    return out


def test_folder_is_walked_sorted_skipping_hidden_and_unknown(build):
    root = _tree(build)
    build.text("bild.svg", "<svg/>")  # no document: skipped
    assert _summary(iter_documents([root]), root) == [
        ("a.md", "sv"),
        ("anteckning.odt", "E108"),  # a document no reader takes: reported, not skipped
        ("b.txt", "sv"),
        ("sub/c.html", "en"),
        ("sub/d.jsonl#1", "sv"),
        ("sub/d.jsonl#2", "E107"),
        ("sub/d.jsonl#3", "en"),
        ("sub/e.txt", "E102"),
    ]


def test_non_recursive_walk_stays_in_the_folder(build):
    root = _tree(build)
    assert [s for s, _ in _summary(iter_documents([root], recursive=False), root)] == [
        "a.md",
        "anteckning.odt",
        "b.txt",
    ]


def test_an_unread_document_in_a_folder_says_what_to_do(build):
    build.text("cv.md", build.SV_AD)
    build.bytes("gammalt-cv.doc", b"\xd0\xcf\x11\xe0")
    build.bytes("skannat.JPG", b"\xff\xd8\xff")
    items = list(iter_documents([build.folder]))
    errors = {i.source.rsplit("/", 1)[-1]: i for i in items if isinstance(i, IngestError)}
    assert set(errors) == {"gammalt-cv.doc", "skannat.JPG"}
    assert errors["gammalt-cv.doc"].code is Code.E108 and ".docx or PDF" in str(errors["gammalt-cv.doc"])
    assert "image has no text" in str(errors["skannat.JPG"])
    assert sum(not isinstance(i, IngestError) for i in items) == 1
    # named on its own (an upload, an argument), the same advice
    (named,) = iter_documents([build.folder / "gammalt-cv.doc"])
    assert isinstance(named, IngestError) and ".docx or PDF" in str(named)


def test_an_image_is_named_by_the_kind_being_read(build):
    """An image among ads is not 'the CV' (a new user's finding in `kompetens market`)."""
    build.bytes("skannat.png", b"\x89PNG\r\n\x1a\n")
    for kind, noun in (("cv", "the CV"), ("ad", "the ad"), (None, "the document")):
        for path in (build.folder, build.folder / "skannat.png"):  # in a folder and named
            (error,) = iter_documents([path], kind=kind)
            assert isinstance(error, IngestError) and f"give {noun} as PDF" in error.message


def test_a_named_file_of_an_unknown_type_names_the_known_ones(build):
    build.text("ads.dat", "x")
    (error,) = iter_documents([build.folder / "ads.dat"])
    assert isinstance(error, IngestError) and error.code is Code.E108
    assert "unknown file type '.dat'; known: .txt" in error.message


def test_a_folder_with_nothing_to_read_is_an_error(build):
    build.text("anteckningar.csv", "a;b")
    (build.folder / "tom").mkdir()
    for folder in (build.folder, build.folder / "tom"):
        items = list(iter_documents([folder]))
        assert len(items) == 1 and isinstance(items[0], IngestError)
        assert items[0].code is Code.E108 and items[0].source == str(folder)
        assert "no file to read" in str(items[0])


def test_named_files_are_read_in_the_given_order_and_errors_reported(build):
    root = _tree(build)
    paths = [root / "sub" / "c.html", root / "saknas.txt", root / "anteckning.odt", root / ".dold.txt"]
    assert _summary(iter_documents(paths), root) == [
        ("sub/c.html", "en"),
        ("saknas.txt", "E100"),
        ("anteckning.odt", "E108"),
        (".dold.txt", "sv"),
    ]


def test_kind_and_lang_reach_every_document(build):
    root = _tree(build)
    docs = [d for d in iter_documents([root], kind="cv", lang="sv") if not isinstance(d, IngestError)]
    assert len(docs) == 5
    assert {(d.kind, d.lang) for d in docs} == {("cv", "sv")}


def test_max_bytes_applies_per_file(build):
    root = _tree(build)
    items = list(iter_documents([root / "a.md", root / "b.txt"], max_bytes=60))
    assert [(i.code, i.source) for i in items if isinstance(i, IngestError)] == [
        (Code.E103, str(root / "a.md")),
        (Code.E103, str(root / "b.txt")),
    ]


AD = b'{"id": "1", "headline": "Fiktiv kommunikat\xc3\xb6r", "description": {"text": "Du publicerar inl\xc3\xa4gg."}}\n'


def _packed(tmp_path: Path, name: str, lines: bytes) -> Path:
    import bz2
    import gzip
    import lzma
    import zipfile

    path = tmp_path / name
    if name.endswith(".zip"):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("2024.jsonl", lines)
            archive.writestr("README.txt", b"not ads")
            archive.writestr("2023.jsonl", lines)
    else:
        pack = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}[Path(name).suffix]
        path.write_bytes(pack(lines))
    return path


@pytest.mark.parametrize("name", ["ads.jsonl.gz", "ads.ndjson.bz2", "ads.jsonl.xz", "historical.zip"])
def test_a_packed_json_lines_corpus_is_read_line_by_line(tmp_path: Path, name: str) -> None:
    """A bug hunt, hJ: ``kompetens market ads.jsonl.gz`` (JobTech's historical ads come zipped) said
    "unknown file type '.gz'". Packed JSON lines are read as they unpack; a zip's JSON-lines members in name
    order, each line named ``zip:member#line``."""
    path = _packed(tmp_path, name, AD + b"\n" + AD.replace(b'"1"', b'"2"'))
    docs = list(iter_documents(tmp_path))
    assert all(not isinstance(d, IngestError) for d in docs), docs
    expected = 4 if name.endswith(".zip") else 2
    assert len(docs) == expected
    assert docs[0].title == "Fiktiv kommunikatör"  # type: ignore[union-attr]
    if name.endswith(".zip"):
        assert [d.source for d in docs][:2] == [f"{path}:2023.jsonl#1", f"{path}:2023.jsonl#3"]
    else:
        assert [d.source for d in docs] == [f"{path}#1", f"{path}#3"]


def test_a_damaged_packed_file_is_its_error_after_the_lines_read(tmp_path: Path) -> None:
    import gzip

    whole = gzip.compress(AD * 50)
    path = tmp_path / "ads.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])  # cut short
    items = list(iter_documents(path))
    error = items[-1]
    assert isinstance(error, IngestError) and error.code is Code.E110 and error.source == str(path)
    assert "damaged" in error.message


def test_other_compressed_files_say_to_unpack_them(tmp_path: Path) -> None:
    from kompetens.ingest.reader import expand_paths

    corpus = tmp_path / "ads.csv.gz"
    corpus.write_bytes(b"x")
    (error,) = list(expand_paths(corpus))
    assert isinstance(error, IngestError) and error.code is Code.E108
    assert "compressed" in error.message and "gunzip -k ads.csv.gz" in error.message
    empty_zip = tmp_path / "cvs.zip"
    import zipfile

    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("cv.docx", b"x")
    (error,) = list(iter_documents(empty_zip))
    assert isinstance(error, IngestError) and error.code is Code.E108 and "no .jsonl" in error.message
