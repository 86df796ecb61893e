-- Care devices (issue 12, docs/care-devices.md): the registry of the devices that tell CivicGrid a watched
-- person was seen (access gates, cameras that recognise on the device, water meters, smart plugs, check-in
-- buttons) or that only need watching themselves (云广播 speakers); the opaque person references a community
-- registers with them; the nonces of signed device calls; device health events; daily presence kept after
-- raw sightings are folded away.

create table care_devices (
  id integer generated always as identity primary key,
  kind text not null check (kind in ('gate', 'camera', 'water_meter', 'smart_plug', 'speaker', 'button')),
  name text not null check (length(name) between 1 and 60),
  -- the community (or one of its grids) that manages the device: scope checks are prefixes of this code
  org_node_id integer not null references org_nodes(id),
  org_code text not null,
  building_id integer references buildings(id),
  location text not null default '' check (length(location) <= 200),
  geom geometry(Point, 4326),
  owner text not null default '' check (length(owner) <= 100),
  -- devices sharing a group share their person references (all the access gates of one compound)
  ref_group text check (ref_group is null or length(ref_group) between 1 and 60),
  -- the HMAC key, sealed by the personal-data keyring (the server must read it back to verify signatures)
  key_enc text not null check (key_enc ~ '^v[12]\.'),
  heartbeat_seconds integer not null default 300 check (heartbeat_seconds between 30 and 604800),
  last_heartbeat_at timestamptz,
  last_sighting_at timestamptz,
  -- set by the health sweep when the device has been silent longer than heartbeat_seconds, cleared when it returns
  silent_since timestamptz,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  retired_at timestamptz
);
create index care_devices_org on care_devices (org_code);
-- what the health sweep reads: live devices, by when they were last heard of
create index care_devices_live on care_devices ((coalesce(last_heartbeat_at, created_at))) where retired_at is null;

-- An opaque reference (a card number, an enrolment number on the camera) the community registered for a person
-- with a device or a group of devices. Never a name, an image or a biometric template: a short token only.
create table care_person_refs (
  id integer generated always as identity primary key,
  -- 'device:<id>' for one device, otherwise the group name of the devices that share it
  ref_group text not null,
  community_code text not null,
  ref text not null check (ref ~ '^[A-Za-z0-9._:-]{1,64}$'),
  person_id integer not null references persons(id),
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  unique (community_code, ref_group, ref)
);
create index care_person_refs_person on care_person_refs (person_id);

-- Nonces of signed device calls inside the timestamp window: a second call with the same nonce is a replay.
create table care_device_nonces (
  device_id integer not null,
  nonce text not null,
  seen_at timestamptz not null default now(),
  primary key (device_id, nonce)
);
create index care_device_nonces_seen on care_device_nonces (seen_at);

-- When a device went silent and when it came back: written once per change by the claimed health sweep.
create table care_device_events (
  id bigint generated always as identity primary key,
  device_id integer not null references care_devices(id),
  kind text not null check (kind in ('silent', 'back')),
  at timestamptz not null default now()
);
create index care_device_events_device on care_device_events (device_id, at desc);

-- Daily presence: what is kept of raw sightings once they pass the retention (30 days by default).
create table care_presence_daily (
  person_id integer not null references persons(id),
  day date not null,
  sightings integer not null check (sightings > 0),
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  primary key (person_id, day)
);

-- The retention sweep reads raw sightings by age. care_sightings.device_id gets no foreign key: the contract
-- with the watch side keeps it plain (its tests record sightings of made-up devices), and devices are retired,
-- never deleted, so every id written by the device API keeps naming its device.
create index care_sightings_seen on care_sightings (seen_at);
