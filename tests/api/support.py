"""Helpers for the HTTP tests: the app over the session Engine, demo files to upload, HTML inspection."""

from __future__ import annotations

import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from fastapi.testclient import TestClient

from kompetens.api import Limits, create_app
from kompetens.api.auth import LOOPBACK_NAMES
from kompetens.engine import Engine

ROOT = Path(__file__).resolve().parents[2]
DEMO_CVS = ROOT / "demo" / "cvs"
DEMO_ROLES = ROOT / "demo" / "roles"
DEMO_AD = ROOT / "demo" / "ads" / "social-media-specialist-sv.txt"

AD_SV = (
    "Kommunikatör till Exempelbolaget AB\n\n"
    "Vi söker en ung och driven kommunikatör som sköter våra konton på Instagram och LinkedIn, "
    "följer upp resultaten i Google Analytics och svarar kunder i kommentarsfälten.\n"
    "Svenska som modersmål."
)
AD_EN = (
    "Marketing coordinator at Fiktiva Fönster AB\n\n"
    "You plan campaigns, write copy for our newsletter and moderate our Facebook group. "
    "You are a young digital native with SEO skills."
)


TEST_HOSTS = (*LOOPBACK_NAMES, "testserver")
"""The TestClient sends ``Host: testserver``: allowed here, in the tests, and not by default."""


def client_for(engine: Engine, *, limits: Limits | None = None, cors: tuple[str, ...] = ()) -> TestClient:
    app = create_app(engine, limits=limits, cors_origins=cors, allowed_hosts=TEST_HOSTS)
    return TestClient(app, raise_server_exceptions=False)


def csrf(client: TestClient, path: str = "/review") -> str:
    """The CSRF token of the client's browser, from a form of the page at ``path``."""
    r = client.get(path)
    tokens = [a["value"] for a in Elements(r.text).all("input", name="csrf_token") if a.get("value")]
    assert tokens, f"no CSRF token on {path} ({r.status_code})"
    return str(tokens[0])


def demo_cvs(n: int) -> list[Path]:
    """The first ``n`` demo CVs (fictional people), Swedish and English mixed."""
    return sorted(p for p in DEMO_CVS.iterdir() if p.is_file())[:n]


def as_files(paths: list[Path], field: str = "cvs") -> list[tuple[str, tuple[str, bytes]]]:
    return [(field, (p.name, p.read_bytes())) for p in paths]


class Elements(HTMLParser):
    """Start tags with their attributes, and the text of the page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


AD_FILE_TITLE = "Kommunikatör till Påhittade Paraplyer AB"
AD_FILE_TEXT = (
    "Påhittade Paraplyer AB söker en kommunikatör som ansvarar för våra konton på Instagram och LinkedIn, "
    "skriver inlägg, svarar kunder i kommentarerna och följer upp resultaten i Google Analytics. "
    "Du har erfarenhet av sökmotoroptimering och av att planera innehåll."
)
"""A fictional Swedish ad, written into every format the ingest reads (``ad_files``)."""
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def ad_files() -> dict[str, bytes]:
    """The fictional ad as a file of each format an ad can be uploaded in: name -> bytes."""
    return {
        "ad.txt": f"{AD_FILE_TITLE}\n\n{AD_FILE_TEXT}\n".encode(),
        "ad.md": f"# {AD_FILE_TITLE}\n\n{AD_FILE_TEXT}\n".encode(),
        "ad.html": (
            f"<!DOCTYPE html><html lang='sv'><head><title>{AD_FILE_TITLE}</title></head>"
            f"<body><h1>{AD_FILE_TITLE}</h1><p>{AD_FILE_TEXT}</p></body></html>"
        ).encode(),
        "ad.pdf": _pdf(f"{AD_FILE_TITLE}\n\n{AD_FILE_TEXT}"),
        "ad.docx": _docx([AD_FILE_TITLE, AD_FILE_TEXT]),
        "ad.json": json.dumps(
            {
                "id": "90000001",
                "headline": AD_FILE_TITLE,
                "description": {"text": AD_FILE_TEXT},
                "employer": {"name": "Påhittade Paraplyer AB"},
            },
            ensure_ascii=False,
        ).encode(),
    }


def _pdf(text: str) -> bytes:
    """A one-page PDF (fpdf2's core font: Latin-1, so å, ä and ö work)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def _docx(paragraphs: list[str]) -> bytes:
    """A minimal Word document: one ``w:p`` per paragraph."""
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{p}</w:t></w:r></w:p>" for p in paragraphs)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
        'ContentType="application/xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="word/document.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>",
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}">'
        f"<w:body>{body}</w:body></w:document>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return out.getvalue()


def signed_in_site(engine: Engine, *, cv: str, ad: str, password: str) -> tuple[TestClient, dict[str, str]]:
    """A signed-in admin's browser over an organisation holding a candidate (``cv``), an ad (``ad``), a role and
    a ranking, all fictional; with the paths of every page to read (its ``app_for_tests``: the app)."""
    engine.accounts.add_user("admin@x.example", org="Org X", role="admin", password=password)
    oid = engine.org_for(engine.accounts.user("admin@x.example"))
    kept = engine.add_candidate(oid, "Kandidat_Exempel.txt", cv.encode())
    stored_ad = engine.add_ad(oid, ad, title="Kommunikatör")
    role = engine.save_role(oid, engine.role())
    ranking = engine.rank_stored(oid, engine.role(), [kept.id])
    app = create_app(engine, allowed_hosts=TEST_HOSTS)
    client = TestClient(app, raise_server_exceptions=False)
    data = {"csrf_token": csrf(client, "/login"), "email": "admin@x.example", "password": password}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303
    paths = {
        "home": "/",
        "review": "/review",
        "rank": "/rank",
        "candidates": "/candidates",
        "candidate": f"/candidates/{kept.id}",
        "erase": f"/candidates/{kept.id}/erase",
        "ads": "/ads",
        "ad": f"/ads/{stored_ad.id}",
        "roles": "/roles",
        "role": f"/roles/{role.id}",
        "rankings": "/rankings",
        "ranking": f"/rankings/{ranking.id}",
        "market": "/market",
        "areas": "/areas",
        "link": "/link",
        "retention": "/retention",
        "users": "/users",
        "events": "/events",
    }
    client.app_for_tests = app  # type: ignore[attr-defined]
    return client, paths
