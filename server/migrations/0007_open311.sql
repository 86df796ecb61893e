-- Open311 GeoReport v2: API keys for reporting integrations, and what a POSTed request carried besides the case.

-- Keys are shown once at creation; only their SHA-256 is kept, so a leaked table cannot be replayed.
create table open311_keys (
  id integer generated always as identity primary key,
  name text not null check (length(name) between 1 and 100),
  key_hash text not null unique,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- One row per case created through POST requests: which key sent it and the media_url it pointed at
-- (recorded, never fetched). Keys from OPEN311_API_KEYS have no row in open311_keys: key_id is null.
create table open311_requests (
  case_id integer primary key references cases(id),
  key_id integer references open311_keys(id),
  key_scope text not null,
  media_url text check (media_url is null or length(media_url) <= 2000),
  created_at timestamptz not null default now()
);
create index open311_requests_key on open311_requests (key_id);
