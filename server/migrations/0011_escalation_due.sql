-- What the escalation sweep looks for, every minute: running cases past their stage deadline that were not
-- escalated in this stage yet, and running cases escalated in this stage that may still go a level higher.
-- Both are a handful at any time; without these indexes each pass read every overdue running case, including
-- the many already at the top level (≈ 0.2–0.7 s of database time a minute at 1,000,000 cases).
create index cases_escalation_first on cases (stage_deadline_at)
  where state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check')
    and (escalated_at is null or escalated_at < stage_started_at);
create index cases_escalation_next on cases (escalated_at)
  where state in ('reported', 'verifying', 'filed', 'dispatched', 'pending_check')
    and escalation_level < 3 and (stage_started_at is null or escalated_at >= stage_started_at);
