# Backup and restore through the CLI on PostgreSQL (sourced by .ci/run while pg_start's server runs).
# The detailed proof — same cases, events, photos and decrypted phones — is
# server/src/modules/backup/backup-postgres.test.ts in the integration run; this step checks the commands an
# operator types: a database made by the CLI is backed up with pg_dump and restored with pg_restore into a new
# database, and every table has the same number of rows.

restore_roundtrip() {
  local dir=test-output/restore key=ci-restore-secret-key-0123456789abcdef
  local base=${PG_URL%/*} psql_src psql_dst
  rm -rf "$dir" && mkdir -p "$dir"
  for db in civicgrid_backup_src civicgrid_backup_dst; do
    PGPASSWORD=$PG_PASSWORD PGOPTIONS="-c client_min_messages=warning" psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d postgres \
      -c "drop database if exists $db with (force)" -c "create database $db"
  done
  export SECRET_KEY=$key
  DATABASE_URL=$base/civicgrid_backup_src npm run --silent cli -- create-admin --username ci.admin \
    --password ci-password-123 --district-code 411602
  DATABASE_URL=$base/civicgrid_backup_src DATA_DIR=$dir/source npm run --silent cli -- backup "$dir/ci.backup"
  DATABASE_URL=$base/civicgrid_backup_dst DATA_DIR=$dir/target npm run --silent cli -- restore "$dir/ci.backup"
  # another key cannot decrypt the backup's personal data: the restore must say so and refuse
  if SECRET_KEY=ci-another-secret-key-0123456789abcdef DATABASE_URL=$base/civicgrid_backup_dst DATA_DIR=$dir/target \
    npm run --silent cli -- restore "$dir/ci.backup" 2>"$dir/wrong-key.txt"; then
    echo "restore accepted a SECRET_KEY that cannot decrypt the backup"; return 1
  fi
  grep -q 'could not decrypt them' "$dir/wrong-key.txt" && cat "$dir/wrong-key.txt"
  unset SECRET_KEY
  local counts="select string_agg(format('%s=%s', relname, n_live_tup), ' ' order by relname) from pg_stat_user_tables"
  psql_src=$(PGPASSWORD=$PG_PASSWORD psql -X -At -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d civicgrid_backup_src -c "analyze" -c "$counts")
  psql_dst=$(PGPASSWORD=$PG_PASSWORD psql -X -At -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d civicgrid_backup_dst -c "analyze" -c "$counts")
  if [ "$psql_src" != "$psql_dst" ]; then
    echo "restored rows differ:"; echo "source:   $psql_src"; echo "restored: $psql_dst"; return 1
  fi
  echo "restored copy has the same rows in every table"
}
