"""Builders for the ingest tests: every input file is written into tmp_path by the test itself.

They are handed out through the ``build`` fixture (not imported), so the tests do not depend on
how pytest puts test folders on sys.path.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)


class Builder:
    """Writes fictional test inputs into one folder."""

    SV_AD = (
        "Vi söker en kommunikatör till Exempelbolaget AB som ska ansvara för våra sociala medier. "
        "Du har erfarenhet av kundtjänst, sökmotoroptimering och att skriva engagerande inlägg."
    )
    EN_AD = (
        "We are looking for a community manager at Fiktiva Fönster AB to run our social media "
        "channels. You have experience of customer service, search engine optimisation and "
        "writing engaging posts."
    )

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, name: str) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def bytes(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        path.write_bytes(data)
        return path

    def text(self, name: str, text: str, *, encoding: str = "utf-8") -> Path:
        return self.bytes(name, text.encode(encoding))

    def json(self, name: str, obj: object) -> Path:
        return self.text(name, json.dumps(obj, ensure_ascii=False))

    def jsonl(self, name: str, lines: list[object | str]) -> Path:
        rows = [line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines]
        return self.text(name, "\n".join(rows) + "\n")

    @staticmethod
    def ad(number: int, *, text: str = SV_AD) -> dict[str, Any]:
        """A fictional ad in the JobTech JobSearch shape."""
        return {
            "id": f"9{number:07d}",
            "headline": f"Kommunikatör nr {number}",
            "description": {"text": text, "text_formatted": f"<p>{text}</p>"},
            "occupation": {"concept_id": "fictional", "label": "Kommunikatör"},
            "employer": {"name": "Exempelbolaget AB"},
            "workplace_address": {"municipality": "Umeå", "region": "Västerbottens län"},
            "publication_date": "2025-03-01T08:00:00",
        }

    @staticmethod
    def w_paragraph(text: str) -> str:
        return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"

    @staticmethod
    def w_part(root: str, inner: str) -> str:
        return f'<?xml version="1.0" encoding="UTF-8"?><w:{root} xmlns:w="{W_NS}">{inner}</w:{root}>'

    def docx(self, name: str, body: str, *, parts: dict[str, str] | None = None) -> Path:
        """A minimal DOCX; ``body`` is the XML inside <w:body>, ``parts`` extra archive members."""
        path = self.path(name)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
            archive.writestr("_rels/.rels", _RELS)
            archive.writestr("word/document.xml", self.w_part("document", f"<w:body>{body}</w:body>"))
            for member, xml in (parts or {}).items():
                archive.writestr(member, xml)
        return path

    def pdf(self, name: str, text: str | None, *, title: str | None = None, align: str = "L") -> Path:
        """A one-page PDF (fpdf2 core font, Latin-1 so å/ä/ö work); ``text=None`` draws only a box;
        ``align="J"`` justifies the text (spaces widened, as in many ads)."""
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        if title:
            pdf.set_title(title)
        if text is None:
            pdf.rect(20, 20, 50, 30)
        else:
            pdf.set_font("helvetica", size=12)
            pdf.multi_cell(0, 8, text, align=align)
        path = self.path(name)
        pdf.output(str(path))
        return path

    def pdf_rows(self, name: str, rows: list[tuple[str, str]], *, left: float = 60, align: str = "L") -> Path:
        """A one-page PDF of rows of two cells, the second starting ``left`` mm from the first (``align="R"``
        sets it at the right edge): a CV's sidebar beside its jobs, or dates beside their lines."""
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=10)
        for first, second in rows:
            pdf.cell(left, 6, first)
            pdf.cell(0, 6, second, align=align, new_x="LMARGIN", new_y="NEXT")
        path = self.path(name)
        pdf.output(str(path))
        return path

    def encrypted_pdf(self, name: str, *, user_password: str) -> Path:
        from pypdf import PdfWriter

        plain = self.pdf(f"plain-{name}", self.SV_AD)
        writer = PdfWriter(clone_from=plain)
        # RC4: pypdf writes (and reads) it without the optional cryptography package.
        writer.encrypt(user_password=user_password, owner_password="ägarlösen", algorithm="RC4-128")
        path = self.path(name)
        writer.write(path)
        return path


@pytest.fixture
def build(tmp_path: Path) -> Builder:
    return Builder(tmp_path)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared next to the project, or skip."""
    path = (Path(__file__).parents[2] / ".." / "shared").resolve()
    if not path.is_dir():
        pytest.skip(f"../shared not found: {path}")
    return path
