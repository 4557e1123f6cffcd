"""Coded errors said in Swedish (lang/sv/errors.json): the web pages' and, under --report-lang sv, the CLI's."""

from __future__ import annotations

from kompetens.lang import said_error


def test_the_errors_a_bulk_upload_meets_are_said_in_swedish() -> None:
    """A Swedish recruiter's hunt (hO2, finding 4): the pages said "filen är tom" but E102, E106 and E110 in
    English, and "Norwegian (Bokmål) stöds inte"."""
    said = {
        "contains NUL bytes: a binary file, not text": "filen är binär",
        "no word/document.xml inside: not a Word document": "filen är inget Word-dokument",
        "the PDF has no text layer (a scanned image?); OCR it first": "kör textigenkänning (OCR)",
        "the same file is stored already: candidate AbC-12_x (CV (1).pdf)": "samma fil är redan sparad: "
        "kandidat AbC-12_x (CV (1).pdf)",
        "Norwegian (Bokmål) is not supported (supported: Swedish, English)": "Norska (bokmål) stöds inte",
    }
    for english, swedish in said.items():
        assert swedish in said_error(english, "sv"), english
        assert said_error(english, "en") == english
    assert said_error("a message no file has", "sv") == "a message no file has"


def test_the_rank_forms_thorough_choice_says_no_jargon_in_swedish() -> None:
    """A Swedish recruiter's hunt (hO2, finding 10): "med den inlärda taggaren" meant nothing to an HR reader."""
    from kompetens.lang import lang_data

    said = lang_data("sv", "web")[
        "Thorough: also find skill phrases with the learned tagger and link them to ESCO"
    ]
    assert "tagg" not in said and "språkmodell" in said
