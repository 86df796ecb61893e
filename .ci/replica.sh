# A streaming replica for the integration tests (sourced by .ci/run after pg.sh).
#
# replica_start restarts the pg.sh primary with synchronous_standby_names='*', takes a `pg_basebackup -R`
# copy of it into PG_STANDBY_DIR and starts that copy as a hot standby on 127.0.0.1:PG_STANDBY_PORT
# (PG_PORT + 1 unless CI_PG_STANDBY_PORT says otherwise). The primary's own sessions keep
# synchronous_commit=off, so the application does not wait for the standby; the test pools ask for
# remote_apply (server/test/database.ts) so a row a test writes is on the standby when its commit returns.
# Idempotent: an old standby folder is removed and copied afresh each time.

PG_STANDBY_PORT=${CI_PG_STANDBY_PORT:-$((PG_PORT + 1))}
PG_STANDBY_DIR=${CI_PG_STANDBY_DIR:-$PG_DIR-standby}
PG_STANDBY_DATA=$PG_STANDBY_DIR/data
PG_STANDBY_LOG=$PG_STANDBY_DIR/server.log
PG_READ_URL="postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_STANDBY_PORT/$PG_DATABASE"

replica_stop() {
  if [ -f "$PG_STANDBY_DATA/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_STANDBY_DATA" status >/dev/null 2>&1; then
    echo "stopping the standby on 127.0.0.1:$PG_STANDBY_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_STANDBY_DATA" -m fast -w stop >/dev/null || true
  fi
}

replica_start() {
  replica_stop
  PG_EXTRA_OPTS="-c synchronous_standby_names=* ${PG_EXTRA_OPTS:-}" pg_start
  rm -rf "$PG_STANDBY_DATA"
  mkdir -p "$PG_STANDBY_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_STANDBY_DIR"; fi
  echo "pg_basebackup -R into $PG_STANDBY_DATA"
  as_pg "$PG_BIN/pg_basebackup" -h "$PG_SOCK" -p "$PG_PORT" -U postgres -D "$PG_STANDBY_DATA" -R -X stream -c fast
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_STANDBY_DATA" -l "$PG_STANDBY_LOG" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $PG_STANDBY_PORT -k $PG_SOCK -c hot_standby=on -c hot_standby_feedback=on -c fsync=off"; then
    echo "the standby did not start; its log:" >&2
    tail -n 50 "$PG_STANDBY_LOG" >&2 || true
    return 1
  fi
  PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_STANDBY_PORT" -U "$PG_ROLE" -d "$PG_DATABASE" \
    -v ON_ERROR_STOP=1 -c "select 'standby in recovery: ' || pg_is_in_recovery()"
  echo "DATABASE_READ_URL=postgres://$PG_ROLE:***@127.0.0.1:$PG_STANDBY_PORT/$PG_DATABASE"
}
