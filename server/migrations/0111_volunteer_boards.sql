-- Leaderboards read the top of an area without summing it (issue 13, docs/volunteers.md): the street of each
-- month's row as a column of its own, a yearly total per volunteer written with the monthly one, and indexes
-- that hand back an area's best for a month or a year already in order.
-- rewrites volunteer_points_monthly: the stored generated column is computed for every existing row; the table
-- holds one row per volunteer and month, small beside cases.
alter table volunteer_points_monthly add column street_code text generated always as (substr(org_code, 1, 9)) stored;
create index volunteer_points_monthly_street_top on volunteer_points_monthly (street_code, month, points desc, volunteer_id);
create index volunteer_points_monthly_area_top on volunteer_points_monthly (org_code, month, points desc, volunteer_id);

create table volunteer_points_yearly (
  volunteer_id integer not null references volunteers(id),
  year integer not null,
  org_code text not null,
  street_code text generated always as (substr(org_code, 1, 9)) stored,
  points integer not null default 0,
  hours numeric(9, 2) not null default 0,
  primary key (volunteer_id, year)
);
create index volunteer_points_yearly_street_top on volunteer_points_yearly (street_code, year, points desc, volunteer_id);
create index volunteer_points_yearly_area_top on volunteer_points_yearly (org_code, year, points desc, volunteer_id);

insert into volunteer_points_yearly (volunteer_id, year, org_code, points, hours)
select volunteer_id, extract(year from month)::int, org_code, sum(points), sum(hours)
from volunteer_points_monthly group by 1, 2, 3;
