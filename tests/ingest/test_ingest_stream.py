"""stream_jsonl: a JSON-lines file line by line, with what iter_documents gives and no size limit."""

from __future__ import annotations

import json

import pytest

from kompetens.errors import Code, IngestError
from kompetens.ingest import iter_documents, jsonl_file_error, stream_jsonl


def _summary(items):
    return [
        (i.source, i.code.name, i.message)
        if isinstance(i, IngestError)
        else (i.source, i.lang, i.kind, i.title, i.text, i.meta)
        for i in items
    ]


def _mixed(b):
    lines = [
        json.dumps(b.ad(1), ensure_ascii=False),
        "",
        "{inte json",
        json.dumps(b.ad(4, text=b.EN_AD), ensure_ascii=False),
        '{"headline": 5, "description": {"text": "Du säljer."}}',
        "   ",
        json.dumps({"text": b.SV_AD, "title": "Utan rubrikfält"}, ensure_ascii=False),
    ]
    return lines


@pytest.mark.parametrize(("bom", "newline"), [(b"", "\n"), (b"\xef\xbb\xbf", "\n"), (b"", "\r\n")])
def test_the_documents_and_errors_iter_documents_gives(build, bom, newline):
    path = build.bytes("ads.jsonl", bom + newline.join(_mixed(build)).encode("utf-8") + b"\n")
    streamed = list(stream_jsonl(path, kind="ad"))
    assert _summary(streamed) == _summary(iter_documents([path], kind="ad"))
    assert [i.code for i in streamed if isinstance(i, IngestError)] == [Code.E107, Code.E107]


def test_wide_encodings_are_read_whole(build):
    path = build.bytes("ads.jsonl", "\n".join(_mixed(build)).encode("utf-16"))
    assert _summary(stream_jsonl(path)) == _summary(iter_documents([path]))


def test_no_size_limit(build, monkeypatch):
    path = build.jsonl("ads.jsonl", [build.ad(i) for i in range(1, 4)])
    (too_big,) = iter_documents([path], max_bytes=100)
    assert isinstance(too_big, IngestError) and too_big.code is Code.E103
    assert [d.source for d in stream_jsonl(path)] == [f"{path}#{i}" for i in (1, 2, 3)]


def test_a_line_with_nul_bytes_is_that_lines_error(build):
    good = json.dumps(build.ad(1), ensure_ascii=False).encode("utf-8")
    path = build.bytes("ads.jsonl", good + b"\n" + b'{"text": "a\x00b"}\n' + good + b"\n")
    items = list(stream_jsonl(path))
    assert [(i.code.name if isinstance(i, IngestError) else "ok") for i in items] == ["ok", "E102", "ok"]
    assert items[1].source == f"{path}#2"


@pytest.mark.parametrize(("data", "message"), [(b"", "empty"), (b"\n \n", "only whitespace")])
def test_empty_files(build, data, message):
    path = build.bytes("ads.jsonl", data)
    (error,) = stream_jsonl(path)
    assert error.code is Code.E101 and message in error.message and error.source == str(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\n \n", "only whitespace"),
        (b"\xef\xbb\xbf\n", "only whitespace"),
        (b"\n{}\n", None),
    ],
)
def test_the_file_error_the_spark_backend_asks_is_stream_jsonls(build, data, message):
    path = build.bytes("ads.jsonl", data)
    error = jsonl_file_error(path)
    if message is None:
        assert error is None
    else:
        assert error is not None and error.code is Code.E101 and message in error.message
        (streamed,) = stream_jsonl(path)
        assert (streamed.code, streamed.message, streamed.source) == (error.code, error.message, error.source)


def test_a_missing_file(tmp_path):
    (error,) = stream_jsonl(tmp_path / "saknas.jsonl")
    assert error.code is Code.E100
