-- The summaries (0160) were indexed by (org_prefix, span, start): right for a KPI query, which reads one prefix,
-- but the rollup sweep deletes and rewrites them by (span, start) for every prefix — a day it recomputes, the
-- month it belongs to, and the month's rows summed from its days. Without the prefix those statements scanned
-- the whole of an index (or table) that grows with the history: 0.5–2.2 s each for case_summary_reports and
-- case_summary_handling at 5,000,000 cases over five years, several times a minute while new reports made past
-- closings recur (docs/PERFORMANCE.md). With the key in the order (span, start, org_prefix) both read a range:
-- the sweep one day's or one month's rows, a query its prefix's rows of each summarised day or month.
-- Index builds only, no table rewritten; they hold writes to the summaries (the sweep's) while they run.

drop index if exists case_summaries_key;
create index if not exists case_summaries_by_start on case_summaries (span, start, org_prefix);
drop index if exists case_summary_handling_key;
create index if not exists case_summary_handling_by_start on case_summary_handling (span, start, org_prefix);
drop index if exists case_summary_reports_key;
create index if not exists case_summary_reports_by_start on case_summary_reports (span, start, org_prefix);
