"""Decoding, normalisation, Markdown and HTML stripping."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetens.errors import Code, IngestError
from kompetens.ingest import decode_bytes, normalize_text
from kompetens.ingest.htmltext import html_to_text
from kompetens.ingest.markdown import strip_markdown

SV = "Kundtjänst på Exempelbolaget AB – “sociala medier” för 5 €."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_decode_bytes(encoding):
    assert decode_bytes(SV.encode(encoding), source="x") == SV


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_binary(encoding):
    with pytest.raises(IngestError) as info:
        decode_bytes(SV.encode(encoding), source="x.txt")
    assert info.value.code is Code.E102


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("a\x0bb\x0cc\x85d\u2028e\u2029f", "a\nb\nc\nd\ne\nf"),
        ("tab\there\x01\x1b\x7f\x9fend", "tab\there    end"),
        ("marknads\u00adföring\u200b!\ufeff", "marknadsföring!"),
        ("Kundtja\u0308nst", "Kundtjänst"),  # NFD -> NFC
        ("oförändrad text", "oförändrad text"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


@given(st.text())
def test_normalize_text_leaves_only_tab_and_newline_controls(text):
    out = normalize_text(text)
    assert all(ch in "\t\n" or unicodedata.category(ch) != "Cc" for ch in out)
    assert "\r" not in out
    assert normalize_text(out) == out


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"))))
def test_control_replacement_keeps_offsets(text):
    with_controls = "".join(ch + "\x01" for ch in unicodedata.normalize("NFC", text))
    assert len(normalize_text(with_controls)) == len(unicodedata.normalize("NFC", with_controls))


@pytest.mark.parametrize(
    ("markdown", "text", "title"),
    [
        ("# Rubrik #\nText", "Rubrik\nText", "Rubrik"),
        ("Rubrik\n======\nText", "Rubrik\n\nText", None),
        ("**fet** och *kursiv* och __fet__ och _kursiv_", "fet och kursiv och fet och kursiv", None),
        ("snake_case_namn och 2*3*4", "snake_case_namn och 2*3*4", None),
        ("[länk](https://example.org) och ![bild](b.png)", "länk och bild", None),
        ("[ref][1]\n\n[1]: https://example.org", "ref\n\n", None),
        ("<https://example.org> och <br/>rad", "https://example.org och rad", None),
        ("> citat\n>> djupare", "citat\ndjupare", None),
        ("* ett\n+ två\n- tre\n1. fyra", "- ett\n- två\n- tre\n1. fyra", None),
        ("```python\nx = **y**\n```", "x = **y**", None),
        ("| A | B |\n|:--|--:|\n| c | d |", "A | B\n\nc | d", None),
        ("~~gammalt~~ \\*nytt\\*", "gammalt *nytt*", None),
        ("---\ntitle: 'CV Testa'\n---\nText", "Text", "CV Testa"),
        ("---\nText utan slut", "\nText utan slut", None),
    ],
)
def test_strip_markdown(markdown, text, title):
    assert strip_markdown(markdown) == (text, title)


@pytest.mark.parametrize(
    ("html", "text", "title"),
    [
        ("<title> A  &amp; B </title><p>x</p>", "x", "A & B"),
        ("<p>ett</p><p>två</p>", "ett\n\ntvå", None),
        ("<ul><li>ett</li><li>två</li></ul>", "- ett\n- två", None),
        ("a<br>b<br/>c", "a\nb\nc", None),
        ("<table><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table>", "A\tB\nC\tD", None),
        ("<p>ord\n   över\trader</p>", "ord över rader", None),
        ("<pre>  rad 1\nrad 2</pre>", "rad 1\nrad 2", None),
        ("<script>x<1</script><style>p{}</style><template><p>t</p></template>kvar", "kvar", None),
        ("<svg><title>ikon</title></svg><p>text</p>", "text", None),
        ("<noscript/>text", "text", None),
        ("&lt;tag&gt; &quot;citat&quot; &#229;&#xe4;&ouml;", '<tag> "citat" åäö', None),
        ("<p>Du <b>är</b> <i>bra</i></p>", "Du är bra", None),
    ],
)
def test_html_to_text(html, text, title):
    assert html_to_text(html) == (text, title)


def test_a_few_bad_bytes_keep_the_valid_utf8_lines_and_warn(tmp_path):
    from kompetens.ingest import decode_with_warnings, read_path

    good = "Vi söker en säljare på Östermalm.\nDu är nyfiken.\n"
    data = good.encode("utf-8") + "Hälsningar Åsa\n".encode("cp1252") + "Välkommen!\n".encode()
    text, warnings = decode_with_warnings(data, source="x.txt")
    assert text.startswith(good)  # never reinterpreted: "ö" stays "ö", not "Ã¶"
    assert "Hälsningar Åsa" in text and "Välkommen!" in text
    assert warnings == ["not valid UTF-8 on line 3: read as Windows-1252"]
    path = tmp_path / "cv.txt"
    path.write_bytes(data)
    (doc,) = read_path(path)
    assert doc.meta["warnings"] == warnings


def test_a_windows_1252_file_is_decoded_whole_without_a_warning():
    from kompetens.ingest import decode_with_warnings

    assert decode_with_warnings(SV.encode("cp1252"), source="x") == (SV, [])


PASTED_PAGE = (
    "<h1>Butikssäljare till Exempelmode (fiktivt)</h1>\n"
    "<p>Vi söker en säljare till vår butik i Malmö.&nbsp;Du är 18&ndash;25 år och brinner för mode.</p>\n"
    "<ul><li>Gymnasieexamen</li><li>Erfarenhet av kassa</li></ul>\n"
)


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        (PASTED_PAGE, True),
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("Intro rad\n<p>ett</p><p>två</p><br>", True),  # three block tags
        ("Jag kan C++ och <b>HTML</b>; 3 < 5 och 7 > 2.", False),
        ("Vi söker en säljare. Krav: <5 års erfarenhet.", False),
    ],
)
def test_a_text_that_is_an_html_page_is_told_apart(text, markup):
    from kompetens.ingest.htmltext import looks_like_html

    assert looks_like_html(text) is markup


def test_an_html_page_saved_as_txt_or_pasted_is_read_as_html(tmp_path):
    """A bug hunt (h2): the ad's page source in a .txt file, the web form or the API was read with its tags
    (title "<h1>...</h1>") and its entities ("18&ndash;25 år" was no age range)."""
    from kompetens.ingest import document_from_text, read_path

    path = tmp_path / "annons.txt"
    path.write_text(PASTED_PAGE, encoding="utf-8")
    (doc,) = read_path(path)
    pasted = document_from_text(PASTED_PAGE)
    for d in (doc, pasted):
        assert not isinstance(d, IngestError)
        assert "<" not in d.text and "&" not in d.text
        assert d.text.startswith("Butikssäljare till Exempelmode (fiktivt)\n")
        assert "18–25 år" in d.text and d.meta["format"] == "html"
    plain = tmp_path / "plain.txt"
    plain.write_text("Säljare\n\nDu kan HTML och <b>CSS</b>.\n", encoding="utf-8")
    (kept,) = read_path(plain)
    assert not isinstance(kept, IngestError) and "<b>CSS</b>" in kept.text and kept.meta["format"] == "txt"
