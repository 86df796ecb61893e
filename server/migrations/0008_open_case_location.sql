-- Duplicate suggestions look only at open cases near a point: a partial GiST index over open cases halves the
-- database time of an intake at 1,000,000 cases (docs/PERFORMANCE.md, "Cases at scale").
create index cases_open_location_gix on cases using gist (location) where state not in ('closed', 'rejected');
