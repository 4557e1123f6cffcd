"""Where kompetens keeps its files: one data folder, chosen once per Engine."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "KOMPETENS_HOME"


def default_data_dir() -> Path:
    """``$KOMPETENS_HOME``, else ``$XDG_DATA_HOME/kompetens``, else ``~/.local/share/kompetens``."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "kompetens"
