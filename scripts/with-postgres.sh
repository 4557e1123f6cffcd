#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server: ./scripts/with-postgres.sh bash scripts/test.sh tests/store
#
# Needs Debian's postgresql (apt-get install postgresql; .ci/run installs it). A new cluster is made in a
# temporary folder (as the postgres user when run as root: initdb refuses root), listening on a Unix socket
# there only (no port to collide with), with a database kompetens_test; the command runs with
# KOMPETENS_TEST_DATABASE_URL pointing to it, and the server is stopped and its folder removed afterwards.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "no PostgreSQL server found under /usr/lib/postgresql: apt-get install postgresql" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/kompetens-pg.XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as=(runuser -u postgres --)
fi
pg() { (cd / && "${as[@]}" "$@"); }  # from a folder the postgres user may enter
stop() {
  pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
  -o "-c listen_addresses='' -k $dir -c fsync=off -c max_connections=200" start
pg "$bin/createdb" -h "$dir" -U postgres kompetens_test
export KOMPETENS_TEST_DATABASE_URL="postgresql+psycopg://postgres@/kompetens_test?host=$dir"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests: $KOMPETENS_TEST_DATABASE_URL" >&2
"$@"
