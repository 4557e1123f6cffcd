"""iter_documents: files and folders, sorted walking, and errors that do not stop the run."""

from __future__ import annotations

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
    assert _summary(iter_documents([root]), root) == [
        ("a.md", "sv"),
        ("b.txt", "sv"),
        ("sub/c.html", "en"),
        ("sub/d.jsonl#1", "sv"),
        ("sub/d.jsonl#2", "E107"),
        ("sub/d.jsonl#3", "en"),
        ("sub/e.txt", "E102"),
    ]


def test_non_recursive_walk_stays_in_the_folder(build):
    root = _tree(build)
    assert [s for s, _ in _summary(iter_documents([root], recursive=False), root)] == ["a.md", "b.txt"]


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
