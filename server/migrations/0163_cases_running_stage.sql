-- The red light of the lists (running, with a stage begun and its deadline passed: docs/kpis.md, "The traffic
-- light") as one expression, the running stage deadline: null unless the case is running with a stage. The lists
-- compare it with now (case-reports/filters.ts writes the same expression). Written as three conditions, the
-- planner multiplied their shares as if independent although they describe the same cases, expected ≈ 30 red
-- cases in a street that had 21,000 at 5,000,000 cases, and fetched them all to sort them (130 ms); with the
-- expression's own statistics it knows the share and walks the newest red cases instead (2–3 ms), while a street
-- with few red cases is still served from the (org_code, expression) index (docs/PERFORMANCE.md, § 5).
-- Both indexes hold running cases only. `if not exists` lets an operator build them beforehand with
-- `create index concurrently` (docs/OPERATIONS.md, "Upgrades").
create statistics if not exists cases_running_stage_deadline on ((case
  when state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check') and stage_started_at is not null
  then stage_deadline_at end)) from cases;
create index if not exists cases_running_stage_org on cases (org_code text_pattern_ops, (case
  when state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check') and stage_started_at is not null
  then stage_deadline_at end))
  where (case
    when state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check') and stage_started_at is not null
    then stage_deadline_at end) is not null;
create index if not exists cases_running_stage_reported on cases (reported_at desc, id desc)
  where (case
    when state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check') and stage_started_at is not null
    then stage_deadline_at end) is not null;
-- the statistics exist once the table is analysed
analyze cases;
