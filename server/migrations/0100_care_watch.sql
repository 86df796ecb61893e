-- Care watch (关爱守护, issue 12, docs/care.md): elders living alone enrolled with their consent, and every
-- sign of life seen of them (a device, their own daily check-in, a visit or call, staff). The device side
-- (registry, ingest, retention to daily presence) adds its own tables and the foreign key of
-- care_sightings.device_id in its own migration.

-- A watched person. Enrolment needs recorded consent (PIPL: presence data is sensitive personal data); a tag
-- alone enrols no one. `ended_at` set = no longer watched (the row stays: consent and history are evidence).
create table care_watched (
  person_id integer primary key references persons(id),
  -- who consented (the person, a guardian or a family member), how (signed form, verbal before a witness …)
  -- and when; `consent_recorded_by` is the staff account that recorded it
  consent_by text not null check (consent_by in ('self', 'guardian', 'family')),
  consent_basis text not null check (length(consent_basis) between 2 and 200),
  consent_at timestamptz not null,
  consent_recorded_by uuid not null references users(id),
  threshold_hours integer not null default 24 check (threshold_hours between 4 and 168),
  -- away / hospital pause the watch until `status_until`; home watches
  status text not null default 'home' check (status in ('home', 'away', 'hospital')),
  status_until timestamptz,
  last_seen_at timestamptz,
  -- the sha-256 of the secret of the elder's check-in link (the clear secret is shown once, on the QR card)
  checkin_token_hash text unique,
  enrolled_by uuid not null references users(id),
  enrolled_at timestamptz not null default now(),
  ended_at timestamptz,
  ended_by uuid references users(id),
  end_reason text check (length(end_reason) <= 200),
  updated_at timestamptz not null default now(),
  check ((status = 'home') = (status_until is null))
);
-- the sweep reads only the persons still watched and at home
create index care_watched_active on care_watched (last_seen_at) where ended_at is null;

-- Emergency contacts of a watched person: family or neighbours. Names and phones are personal data, sealed
-- (docs/personal-data.md), shown masked and revealed with an audit row.
create table care_contacts (
  id integer generated always as identity primary key,
  person_id integer not null references care_watched(person_id),
  ord smallint not null check (ord between 1 and 5),
  relation text not null check (length(relation) between 1 and 20),
  name_enc text not null check (name_enc ~ '^v[12]\.'),
  phone_enc text not null check (phone_enc ~ '^v[12]\.'),
  unique (person_id, ord)
);

-- A sign of life: when a watched person was seen and how. `dedupe_key` makes ingest idempotent (a resent
-- batch counts once); `device_id` refers to the device registry (its foreign key comes with that table).
create table care_sightings (
  id bigint generated always as identity primary key,
  person_id integer not null references persons(id),
  seen_at timestamptz not null,
  source text not null check (source in ('device', 'checkin', 'visit', 'staff', 'call')),
  device_id integer,
  dedupe_key text unique,
  recorded_at timestamptz not null default now()
);
create index care_sightings_person_seen on care_sightings (person_id, seen_at desc);
