-- 复发率 recorded once instead of probed at every KPI query (docs/kpis.md, "复发率 is recorded").
--
-- Until now the KPI query looked, for every case closed in the period, for a later report near it (an index
-- probe per closed case: a street's month ≈ 4,000 probes, a district's ≈ 40,000 — p95 306 ms and 2.4 s at
-- 200,000 cases). A case's recurrence changes only when one of a few things happens, each to one row: a report
-- arrives, is rejected or moved (its place, category or time), or a case is closed, reopened or moved. A trigger
-- on exactly those changes recomputes `recurred_at` of the closings they can touch, in the same transaction,
-- so the column is always what the definition says and the KPI only counts it.
--
-- recurred_at: the reporting time of the earliest report (not rejected) of the same category within the
-- category's duplicate radius, made after the case closed and at most 30 days later; null when none, and for
-- cases that are not closed.

alter table cases add column recurred_at timestamptz;

-- Closed cases as points (x shifted per category, y, z = closing day), for the probe from a new report back
-- to the closings of the last 30 days around it (the mirror of cases_recurrence_point of migration 0031).
create index cases_recurrence_closed on cases using gist (recurrence_point(location, category_code, closed_at) gist_geometry_ops_nd)
  where location is not null and state = 'closed';

-- The earliest live report recurring a closing at (loc, cat, closed): the probe of migration 0031's index
-- (OFFSET 0 keeps the other conditions out of it), then the exact distance on the spheroid.
create function case_recurred_at(case_id integer, loc geometry, cat text, closed timestamptz) returns timestamptz
  language sql stable parallel safe as $$
  select min(r.reported_at) from categories k,
    lateral (select r.id, r.category_code, r.reported_at, r.location from cases r
             where r.location is not null and r.state <> 'rejected'
               and recurrence_point(r.location, r.category_code, r.reported_at) &&& st_makeline(
                 recurrence_point(st_translate(loc, -k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), -k.duplicate_radius_m / 110000.0), cat, closed),
                 recurrence_point(st_translate(loc, k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), k.duplicate_radius_m / 110000.0), cat, closed + interval '30 days'))
             offset 0) r
  where k.code = cat and loc is not null and closed is not null
    and r.category_code = cat and r.id <> case_id
    and r.reported_at > closed and r.reported_at <= closed + interval '30 days'
    and st_dwithin(r.location::geography, loc::geography, k.duplicate_radius_m)
$$;

-- The closings a report at (loc, cat, reported) can recur: closed, same category, within the radius, closed in
-- the 30 days before the report.
create function recurrence_closings(loc geometry, cat text, reported timestamptz) returns setof integer
  language sql stable parallel safe as $$
  select c.id from categories k,
    lateral (select c.id, c.category_code, c.closed_at, c.location from cases c
             where c.location is not null and c.state = 'closed'
               and recurrence_point(c.location, c.category_code, c.closed_at) &&& st_makeline(
                 recurrence_point(st_translate(loc, -k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), -k.duplicate_radius_m / 110000.0), cat, reported - interval '30 days'),
                 recurrence_point(st_translate(loc, k.duplicate_radius_m / 110000.0 / cos(radians(least(abs(st_y(loc)) + 1, 80))), k.duplicate_radius_m / 110000.0), cat, reported))
             offset 0) c
  where k.code = cat and loc is not null
    and c.category_code = cat and c.closed_at < reported and c.closed_at >= reported - interval '30 days'
    and st_dwithin(c.location::geography, loc::geography, k.duplicate_radius_m)
$$;

-- Recomputes recurred_at of the given cases; writes only rows whose value changes (a recurrence already
-- recorded is not touched by the next report at the same place, so concurrent reports do not queue on it).
create function refresh_recurrence(ids integer[]) returns void language sql as $$
  update cases c set recurred_at = v.at
  from (select s.id, case when s.state = 'closed' then case_recurred_at(s.id, s.location, s.category_code, s.closed_at) end as at
        from cases s where s.id = any (ids)) v
  where c.id = v.id and c.recurred_at is distinct from v.at
$$;

create function record_recurrence() returns trigger language plpgsql as $$
declare
  ids integer[] := '{}';
  moved boolean := tg_op = 'UPDATE' and (old.location is distinct from new.location
    or old.category_code is distinct from new.category_code or old.reported_at is distinct from new.reported_at);
begin
  -- the case itself, as a closing: closed, reopened, closed again, or moved while closed
  if (tg_op = 'INSERT' and new.state = 'closed') or (tg_op = 'UPDATE' and (moved
      or (old.state = 'closed') <> (new.state = 'closed') or old.closed_at is distinct from new.closed_at)) then
    ids := ids || new.id;
  end if;
  -- the case as a report: the closings it recurs (as it is now) or recurred (as it was)
  if tg_op = 'INSERT' or moved or (old.state = 'rejected') <> (new.state = 'rejected') then
    if new.state <> 'rejected' and new.location is not null then
      ids := ids || array(select recurrence_closings(new.location, new.category_code, new.reported_at));
    end if;
    if tg_op = 'UPDATE' and old.state <> 'rejected' and old.location is not null then
      ids := ids || array(select recurrence_closings(old.location, old.category_code, old.reported_at));
    end if;
  end if;
  if cardinality(ids) > 0 then
    perform refresh_recurrence(ids);
  end if;
  return null;
end
$$;

create trigger cases_record_recurrence after insert on cases
  for each row execute function record_recurrence();
create trigger cases_record_recurrence_change after update of state, closed_at, location, category_code, reported_at on cases
  for each row
  when (old.state is distinct from new.state or old.closed_at is distinct from new.closed_at
    or old.location is distinct from new.location or old.category_code is distinct from new.category_code
    or old.reported_at is distinct from new.reported_at)
  execute function record_recurrence();

-- Existing closings: only the rows that did recur are written (a few per cent), not the whole table.
update cases c set recurred_at = v.at
from (select s.id, case_recurred_at(s.id, s.location, s.category_code, s.closed_at) as at
      from cases s where s.state = 'closed' and s.location is not null) v
where c.id = v.id and v.at is not null;
