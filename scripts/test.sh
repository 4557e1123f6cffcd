#!/usr/bin/env bash
# Set up the environment and run every check: ruff, mypy (strict on src/), pytest.
source "$(dirname "$0")/env.sh"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
.venv/bin/mypy
.venv/bin/pytest -q "$@"
