# A private PostgreSQL 15 + PostGIS server for the integration tests (sourced by .ci/run).
#
# It is its own cluster in CI_PG_DIR (default /var/tmp/civicgrid-ci-pg) on 127.0.0.1:CI_PG_PORT (default 5433),
# independent of Debian's 15/main cluster on 5432, so it works with or without systemd and never touches a
# database someone else uses. Idempotent: an existing cluster is reused, a server left running by an earlier
# run is restarted, and the test database is dropped and created afresh each time.

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=${CI_PG_PORT:-5433}
PG_DIR=${CI_PG_DIR:-/var/tmp/civicgrid-ci-pg}
PG_DATA=$PG_DIR/data
PG_SOCK=$PG_DIR/socket
PG_LOG=$PG_DIR/server.log
PG_ROLE=civicgrid
PG_PASSWORD=civicgrid-ci
PG_DATABASE=civicgrid_test
PG_URL="postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE"

# Runs a command as the postgres OS user (the server refuses to run as root), from a directory it can read.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_running() {
  [ -f "$PG_DATA/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

pg_start() {
  if [ -f "$PG_DATA/PG_VERSION" ] && [ "$(cat "$PG_DATA/PG_VERSION")" != 15 ]; then
    echo "removing a cluster of another version in $PG_DATA"
    rm -rf "$PG_DATA"
  fi
  mkdir -p "$PG_DIR" "$PG_SOCK"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR" "$PG_SOCK"; fi

  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    echo "initdb $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  else
    echo "reusing the cluster in $PG_DATA"
  fi

  if pg_running; then
    echo "a server from an earlier run is still up: restarting it"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop
  fi

  # Throw-away data: durability settings off for speed. PG_EXTRA_OPTS adds server settings (.ci/replica.sh).
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 ${PG_EXTRA_OPTS:-}"; then
    echo "PostgreSQL did not start; its log:" >&2
    tail -n 50 "$PG_LOG" >&2 || true
    return 1
  fi

  local i
  for i in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then break; fi
    if [ "$i" -eq 60 ]; then
      echo "PostgreSQL does not accept connections on 127.0.0.1:$PG_PORT" >&2
      tail -n 50 "$PG_LOG" >&2 || true
      return 1
    fi
    sleep 1
  done

  # A superuser role (CREATE EXTENSION postgis needs it) and a fresh, empty test database.
  PGOPTIONS="-c client_min_messages=warning" as_pg "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -v role="$PG_ROLE" -v password="$PG_PASSWORD" -v db="$PG_DATABASE" <<'SQL'
select format('create role %I login superuser password %L', :'role', :'password')
  where not exists (select from pg_roles where rolname = :'role') \gexec
select format('alter role %I login superuser password %L', :'role', :'password') \gexec
select format('drop database if exists %I with (force)', :'db') \gexec
select format('create database %I owner %I', :'db', :'role') \gexec
SQL

  # Check the path the tests take: TCP, password, PostGIS available.
  PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DATABASE" \
    -v ON_ERROR_STOP=1 -c "create extension if not exists postgis" \
    -c "select 'PostgreSQL ' || current_setting('server_version') || ', PostGIS ' || postgis_lib_version()"
  echo "DATABASE_URL=postgres://$PG_ROLE:***@127.0.0.1:$PG_PORT/$PG_DATABASE"
}

pg_stop() {
  if pg_running; then
    echo "stopping PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
  fi
}
