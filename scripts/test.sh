#!/usr/bin/env bash
# Set up the environment and run every check: ruff, mypy (strict on src/), pytest.
source "$(dirname "$0")/env.sh"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
.venv/bin/mypy
# Where a C compiler is, the optional C code of extraction must have been built (a test checks it).
if command -v cc >/dev/null 2>&1; then export KOMPETENS_REQUIRE_C=1; fi
# pytest on every core, up to 4 (pytest-xdist, in the dev extra): each worker loads its own session Engine (about
# 2 GB), and a test file runs whole on one worker (--dist loadfile: a file's module fixtures, such as the Spark
# session and the browser test's server, start once). KOMPETENS_TEST_WORKERS=1 (or a later -n 0) runs it in one
# process; without pytest-xdist (a .venv made before it) it runs in one process too.
workers="${KOMPETENS_TEST_WORKERS:-$(nproc 2>/dev/null || echo 1)}"
[ "$workers" -gt 4 ] && workers=4
xdist=()
if [ "$workers" -gt 1 ] && .venv/bin/python -c "import xdist" 2>/dev/null; then
  xdist=(-n "$workers" --dist loadfile)
fi
.venv/bin/pytest -q "${xdist[@]}" "$@"
