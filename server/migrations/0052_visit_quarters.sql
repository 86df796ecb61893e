-- Coverage at scale (走访覆盖率, docs/kpis.md): one row per household visited in a quarter, kept by the same
-- transaction that records a visit, so a quarter's coverage of a community reads its few hundred rows rather
-- than every visit. The quarter is the district's (UTC+8), e.g. 2026Q4; `org_code` is the household's grid
-- on its first visit of the quarter.
create table visit_quarters (
  quarter text not null check (quarter ~ '^[0-9]{4}Q[1-4]$'),
  household_id integer not null references households(id),
  org_code text not null check (org_code ~ '^[0-9]{15}$'),
  visits integer not null check (visits > 0),
  first_at timestamptz not null,
  last_at timestamptz not null,
  primary key (quarter, household_id)
);
create index visit_quarters_code on visit_quarters (quarter, org_code text_pattern_ops);

insert into visit_quarters (quarter, household_id, org_code, visits, first_at, last_at)
select to_char(visited_at at time zone 'Asia/Shanghai', 'YYYY"Q"Q'), household_id,
  (array_agg(org_code order by visited_at))[1], count(*), min(visited_at), max(visited_at)
from visits group by 1, 2;
