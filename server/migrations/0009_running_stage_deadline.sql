-- Cases whose current stage runs (open, not suspended) by area and stage deadline: the red traffic light of a
-- street or community ("超时" on the console) reads only the running cases under that code instead of ANDing the
-- district's overdue stages with every case of the street (docs/PERFORMANCE.md, "Cases at scale").
create index cases_running_org_stage on cases (org_code text_pattern_ops, stage_deadline_at)
  where state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check');
