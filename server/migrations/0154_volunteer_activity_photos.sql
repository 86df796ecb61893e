-- Volunteer activities (docs/volunteers.md): photos of an activity, attached by its organisers in the console
-- and by volunteers signed in to it on the phone, kept in the common photo store like case photos; and the
-- grid the activity's place lies in, derived from the point when the activity is created (null for
-- activities created before this migration: their points were never checked).
create table volunteer_activity_photos (
  id uuid primary key,
  activity_id integer not null references volunteer_activities(id),
  uploaded_by uuid not null references users(id),
  -- set when a volunteer attached it from the phone, null for staff
  volunteer_id integer references volunteers(id),
  mime text not null,
  bytes integer not null,
  width integer,
  height integer,
  created_at timestamptz not null default now()
);
create index volunteer_activity_photos_activity on volunteer_activity_photos (activity_id, created_at);

alter table volunteer_activities add column grid_code text;
