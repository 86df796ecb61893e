-- KPI summaries of districts and streets (docs/kpis.md, "Rollups" → "Summaries"): per closed day and per
-- closed month, and per org prefix (a district, a street: the code cut to 6 and 9 characters), the counts of the
-- daily rollups (0091) with their late day, the handling minutes as a histogram, and the reports by source,
-- current state and category. The daily rollup rows grow with the cases (a month of a 5,000,000-case year is
-- ≈ 220,000 rows: day × community × unit × first unit × category × late day); a district's or a street's card
-- needs none of that detail, and reads here a few thousand rows for a whole month however many cases it holds.
--
-- The rollup sweep writes a day's summary in the transaction that writes the day's rollup rows (closing it or
-- recomputing it dirty), and a month's once all its days are closed, again whenever one of its days is
-- recomputed. A query takes a month or a day from here only when it is listed in case_summarised and no dirty
-- (day, community) pair of its scope is pending in it; otherwise it reads the daily rows or the cases as
-- before, so the answer is the raw KPIs as of the query either way.

create table case_summarised (
  span text not null check (span in ('day', 'month')),
  start date not null,
  primary key (span, start)
);

create table case_summaries (
  span text not null,
  start date not null,
  org_prefix text not null,
  late_day date,
  dispose_due integer not null,
  disposed integer not null,
  disposed_on_time integer not null,
  close_due integer not null,
  closed_due integer not null,
  closed_on_time integer not null,
  closed_in integer not null,
  resolved integer not null,
  recurred integer not null,
  checked integer not null,
  reworked integer not null,
  closed_dispatched integer not null,
  accurate integer not null,
  dispatched integer not null,
  returned integer not null,
  extended integer not null,
  dispatch_judged integer not null,
  dispatched_on_time integer not null,
  rated integer not null,
  satisfied integer not null,
  reported integer not null,
  responded integer not null,
  decided integer not null,
  valid integer not null,
  missed integer not null
);
create index case_summaries_key on case_summaries (org_prefix, span, start);

-- The handling minutes of the closings as a histogram (value, how many): an exact median that reads at most
-- one row per distinct minute value, which does not grow with the cases.
create table case_summary_handling (
  span text not null,
  start date not null,
  org_prefix text not null,
  minutes integer not null,
  n integer not null
);
create index case_summary_handling_key on case_summary_handling (org_prefix, span, start);

-- The reports by source, current state and category (a state change marks the report's day dirty).
create table case_summary_reports (
  span text not null,
  start date not null,
  org_prefix text not null,
  source text not null,
  state text not null,
  category_code text not null,
  n integer not null
);
create index case_summary_reports_key on case_summary_reports (org_prefix, span, start);
