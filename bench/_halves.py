"""What the benches with tune and check halves say of them in ``--help``: one wording, each bench's split."""

from __future__ import annotations

import hashlib

REAL_ADS_SPLIT = "the real ads are split in two halves by sha256(ad id) % 2 (0: tune)"

DATA_DIR_HELP = "the kompetens data folder (default: as kompetens finds it: $KOMPETENS_HOME, else this checkout's .kompetens)"


def halves_epilog(
    split: str, *, fixed: str = "rules are fixed looking at the tune half only", after: str = ""
) -> str:
    """``tune / check: <split>; <fixed>, and the check half is reported beside it as the held-out figure``."""
    return (
        f"tune / check: {split}; {fixed}, and the check half is reported beside it as the held-out figure"
        f"{after}."
    )


def half(key: str) -> str:
    """``tune`` when ``sha256(key) % 2 == 0``, else ``check``: every bench's split (an ad's id, a role's folder
    name, a linking list's Swedish phrase, a MELO query)."""
    return "tune" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 else "check"
