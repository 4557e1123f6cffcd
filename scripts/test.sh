#!/usr/bin/env bash
# Set up the environment and run every check: ruff, mypy (strict on src/), pytest.
source "$(dirname "$0")/env.sh"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
.venv/bin/mypy
# Where a C compiler is, the optional C code of extraction must have been built (a test checks it).
if command -v cc >/dev/null 2>&1; then export KOMPETENS_REQUIRE_C=1; fi
.venv/bin/pytest -q "$@"
