-- Care alerts (docs/care.md): a watched person not seen for their threshold raises one care-alert case
-- (category 12.01) through the common intake, assigned to their grid worker, with an escalation path of its
-- own in wall-clock time (the working-time overdue sweep leaves these cases alone).

-- cases gain an assignee where they need one: the grid worker who checks on the elder
alter table cases add column assignee_id uuid references users(id);
create index cases_assignee on cases (assignee_id) where assignee_id is not null;

-- When the current lapse is counted from, besides the last sighting: enrolment, the end of an away/hospital
-- pause, the close of an alert (the grid worker saw to it). `alerted_for` is the start of the lapse the last
-- alert was raised for: the sweep claims a lapse by setting it with a conditional update, so several
-- processes raise exactly one alert per lapse.
alter table care_watched add column watch_from timestamptz not null default now();
alter table care_watched add column alerted_for timestamptz;

create table care_alerts (
  case_id integer primary key references cases(id),
  person_id integer not null references care_watched(person_id),
  -- the lapse: counted from `lapse_from` (last sighting or watch start), due at lapse_from + threshold
  lapse_from timestamptz not null,
  due_at timestamptz not null,
  last_seen_at timestamptz,
  raised_at timestamptz not null,
  assignee_id uuid references users(id),
  -- 0 raised (grid worker told), 1 the community's care contact told, 2 the street's duty officer and the
  -- emergency contacts; claimed by a conditional update on the level read
  level smallint not null default 0 check (level between 0 and 2),
  escalated_at timestamptz,
  -- someone acted (a staff member saw or called the elder, or recorded the outcome): escalation stops
  acted_at timestamptz,
  acted_by uuid references users(id),
  outcome text check (outcome in ('safe', 'away', 'hospital', 'emergency', 'deceased')),
  outcome_note text check (length(outcome_note) <= 500),
  outcome_by uuid references users(id),
  closed_at timestamptz,
  check ((outcome is null) = (closed_at is null))
);
-- at most one open alert per person, whatever the sweeps do
create unique index care_alerts_open_person on care_alerts (person_id) where closed_at is null;
create index care_alerts_escalating on care_alerts (raised_at) where closed_at is null and acted_at is null;

-- The alert's timeline: raised, each escalation step with whom it reached and whether it was delivered, the
-- "call the family" task, SMS attempts, sightings after the alert, acts and the outcome.
create table care_alert_steps (
  id integer generated always as identity primary key,
  case_id integer not null references care_alerts(case_id),
  at timestamptz not null,
  kind text not null check (kind in ('raised', 'care_contact', 'duty_officer', 'family_task', 'sms', 'acted',
    'outcome')),
  level smallint not null default 0,
  -- staff told (in-app notification and their WeCom/DingTalk hooks) and how many notifications were written
  recipients uuid[] not null default '{}',
  delivered integer not null default 0,
  -- the emergency contact a family task or SMS is about (never their name or number here)
  contact_id integer references care_contacts(id),
  note text check (length(note) <= 500),
  actor_id uuid references users(id)
);
create index care_alert_steps_case on care_alert_steps (case_id, at);
