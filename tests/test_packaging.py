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


def _requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras: dict[str, list[str]] = project.get("optional-dependencies", {})
    return [*project["dependencies"], *(r for reqs in extras.values() for r in reqs)]


def test_the_wheel_asks_for_ranges_and_ci_installs_the_locked_versions() -> None:
    """A known leftover (stop 42): the wheel's metadata pinned exact versions (numpy==2.4.6, click==8.5.1...),
    so it could not be installed beside a package wanting another patch release. pyproject.toml holds
    compatible ranges now; constraints.txt keeps the exact versions, inside them, and CI and the scripts
    install with it (reproducible)."""
    import pytest

    requirements_mod = pytest.importorskip("packaging.requirements")
    requirements = [requirements_mod.Requirement(r) for r in _requirements()]
    pinned = [str(r) for r in requirements if any(s.operator in ("==", "===") for s in r.specifier)]
    assert not pinned, f"exact pins in pyproject.toml (put them in constraints.txt): {pinned}"
    assert all(r.specifier for r in requirements), "a dependency without a range"
    locked: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt pins exact versions: {line!r}"
            locked[name.strip().lower()] = version.strip()
    for r in requirements:
        version = locked.get(r.name.lower())
        assert version is not None, f"{r.name} has no locked version in constraints.txt"
        assert r.specifier.contains(version), f"{r.name}=={version} lies outside pyproject's {r.specifier}"
    for script in (".ci/run", "scripts/env.sh"):
        text = (ROOT / script).read_text(encoding="utf-8")
        assert "pip install -q -c constraints.txt -e" in text, script


def test_the_tests_run_on_every_core_where_the_dev_extra_is() -> None:
    """Stop 47: scripts/test.sh (CI's test command) runs pytest on pytest-xdist's workers, a file whole on one
    worker (its module fixtures start once), where the dev extra installed it, and in one process where not."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(r.startswith("pytest-xdist") for r in project["optional-dependencies"]["dev"])
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "--dist loadfile" in script and "import xdist" in script and "KOMPETENS_TEST_WORKERS" in script
