-- Integrity: case events and the audit log are records of what happened. The database itself refuses to
-- change or remove them, whatever the application (or anyone holding its credentials) asks; see
-- docs/database-role.md for the role setup that keeps the application from dropping these triggers.

-- Users are disabled, never deleted. The audit log's foreign key used to null actor_id when a user was deleted,
-- which rewrote audit rows; now deleting a user who appears in the log is refused instead.
alter table audit_log drop constraint audit_log_actor_id_fkey;
alter table audit_log add constraint audit_log_actor_id_fkey foreign key (actor_id) references users(id) on delete restrict;

-- case_events: no UPDATE, no DELETE, no TRUNCATE, ever. A correction is a new event.
create function refuse_case_event_change() returns trigger language plpgsql as $$
begin
  raise exception 'case_events is append-only: % refused', tg_op
    using errcode = 'integrity_constraint_violation',
          hint = 'Case events are the case''s history; record a correction as a new event.';
end
$$;
create trigger case_events_append_only before update or delete on case_events
  for each row execute function refuse_case_event_change();
create trigger case_events_no_truncate before truncate on case_events
  for each statement execute function refuse_case_event_change();

-- audit_log: no UPDATE, no TRUNCATE; DELETE only of rows older than 180 days, the minimum the Cybersecurity
-- Law (网络安全法, Art. 21) requires logs to be kept. The purge (AUDIT_RETENTION_DAYS, never below 180) is
-- the only deleter.
create function refuse_audit_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and tg_level = 'ROW' then
    if old.at < now() - interval '180 days' then
      return old;
    end if;
    raise exception 'audit_log rows are kept at least 180 days: DELETE of row % (from %) refused', old.id, old.at
      using errcode = 'integrity_constraint_violation',
            hint = 'Only rows older than 180 days may be purged.';
  end if;
  raise exception 'audit_log is append-only: % refused', tg_op
    using errcode = 'integrity_constraint_violation',
          hint = 'Audit rows are evidence; they are never changed.';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function refuse_audit_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function refuse_audit_change();
