"""Helpers for the HTTP tests: the app over the session Engine, demo files to upload, HTML inspection."""

from __future__ import annotations

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
