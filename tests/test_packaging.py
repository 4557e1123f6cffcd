"""What a copy of the package carries besides the code (hunt hH: the MIT text was in neither the repository nor
the wheel, whose only licence file was NOTICE, though the MIT licence asks that its text travel with copies)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_mit_licence_text_is_in_the_repository() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text
    assert "the kompetens contributors" in text


def test_the_wheel_carries_the_licence_and_the_notice() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert set(project["license-files"]) >= {"LICENSE", "NOTICE"}
