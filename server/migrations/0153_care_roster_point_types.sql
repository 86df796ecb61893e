-- Two small gaps (issues 12 and 10). See docs/care.md and docs/supervision.md.

-- The care-contact roster: whom an unanswered care alert reaches. A community names its care contact(s) (关爱联系人,
-- told after 2 h), a street its duty officer(s) (值班, told after 6 h). A row without days stands every day; a row
-- with days (from_day..to_day, inclusive, on the district's calendar) is a duty roster entry and, on its days,
-- replaces the standing rows of that area (someone on leave is covered without being removed). Areas with no one
-- named keep the role-based recipients (the community's / street's staff), so nothing changes until a roster exists.
create table care_roster (
  id integer generated always as identity primary key,
  org_node_id integer not null references org_nodes(id),
  duty text not null check (duty in ('care_contact', 'duty_officer')),
  user_id uuid not null references users(id),
  from_day date,
  to_day date,
  check ((from_day is null) = (to_day is null) and from_day <= to_day),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique nulls not distinct (org_node_id, user_id, from_day, to_day)
);
create index care_roster_node on care_roster (org_node_id, duty);

-- Administrators add point types of their own beside the 26 of the 测评体系: a code P01–P999 (the seed uses P01–P26).
alter table inspection_point_types drop constraint inspection_point_types_code_check;
alter table inspection_point_types add constraint inspection_point_types_code_check check (code ~ '^P[0-9]{2,3}$');
