"""Upload names, languages and the choice of role (kompetens.api.inputs)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.api.inputs import MAX_NAME_BYTES, _unique, checked_lang, safe_name
from kompetens.errors import KompetensError


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cv.pdf", "cv.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\Testa\\CV Testa.docx", "CV Testa.docx"),
        ("/abs/path/cv.md", "cv.md"),
        ("", "upload-3"),
        (None, "upload-3"),
        (".env", "upload-3.env"),
        ("   ", "upload-3"),
        ("cv\x00.txt", "cv_.txt"),
    ],
)
def test_safe_name(name: str | None, expected: str) -> None:
    assert safe_name(name, index=3) == expected


@given(st.text(max_size=400))
def test_safe_names_are_plain_file_names(name: str) -> None:
    out = safe_name(name, index=1)
    assert out and "/" not in out and "\\" not in out and "\x00" not in out
    assert not out.startswith(".")
    assert len(out.encode()) <= MAX_NAME_BYTES


def test_long_names_keep_their_suffix() -> None:
    out = safe_name("å" * 500 + ".docx", index=1)
    assert out.endswith(".docx") and len(out.encode()) <= MAX_NAME_BYTES
    assert out.startswith("åå")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["a.txt", "b.txt"], ["a.txt", "b.txt"]),
        (["a.txt", "a.txt", "a.txt"], ["a.txt", "a.txt (2)", "a.txt (3)"]),
    ],
)
def test_unique(names: list[str], expected: list[str]) -> None:
    assert _unique(names) == expected


@pytest.mark.parametrize(("lang", "expected"), [(None, None), ("", None), ("sv", "sv"), (" EN ", "en")])
def test_checked_lang(lang: str | None, expected: str | None) -> None:
    assert checked_lang(lang) == expected


@pytest.mark.parametrize("lang", ["fi", "svenska", "und"])
def test_unsupported_lang(lang: str) -> None:
    with pytest.raises(KompetensError) as info:
        checked_lang(lang)
    assert info.value.code.name == "E109"
    assert info.value.field == "lang"
