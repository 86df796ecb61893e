-- Workflow details: suspension pause, idempotency request hashes, stage limits.
alter table cases add column suspended_at timestamptz;
alter table idempotency_keys add column request_hash text;
insert into settings (key, value) values
  -- working-time limits of the stages before and after disposal (PRODUCT §3 stage limits)
  ('stage_limits', '{"accept": {"value": 1, "unit": "hour"}, "dispatch": {"value": 1, "unit": "hour"},
    "sign": {"value": 1, "unit": "hour"}, "check": {"value": 4, "unit": "hour"}, "report_in": {"value": 2, "unit": "hour"}}'),
  -- days after closure in which the reporter may rate or send the case back
  ('rating_window_days', '7'),
  -- a case sent back this many times is raised to red supervision (提级督办)
  ('reopen_escalation_threshold', '3')
on conflict (key) do nothing;
