"""Where kompetens keeps its files: one data folder, chosen once per Engine."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "KOMPETENS_HOME"
DATABASE_ENV_VAR = "KOMPETENS_DATABASE_URL"
"""A database URL (``postgresql+psycopg://user:password@host/db``) instead of the data folder's SQLite file."""
CHECKOUT_DATA = ".kompetens"
"""The data folder the README's set-up (scripts/env.sh) builds in a checkout."""


def default_data_dir(*, cwd: Path | None = None) -> Path:
    """``$KOMPETENS_HOME``; else the checkout's ``.kompetens`` when the command runs in (or below) a
    checkout where the README's set-up built one; else ``$XDG_DATA_HOME/kompetens``, else
    ``~/.local/share/kompetens``."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    checkout = checkout_data_dir(cwd or Path.cwd())
    if checkout is not None:
        return checkout
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "kompetens"


def checkout_data_dir(start: Path) -> Path | None:
    """The ``.kompetens`` folder with a compiled taxonomy in ``start`` or a folder above it, if any."""
    for folder in (start, *start.parents):
        candidate = folder / CHECKOUT_DATA
        if (candidate / "taxonomy.sqlite").is_file():
            return candidate
    return None


def default_database_url() -> str | None:
    """``$KOMPETENS_DATABASE_URL`` when set (and not blank); else None: the data folder's SQLite file."""
    return os.environ.get(DATABASE_ENV_VAR, "").strip() or None
