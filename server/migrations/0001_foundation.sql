-- Foundation: org tree, zones, units, users, grants, sessions, login attempts, audit log, households, persons.
create extension if not exists postgis;

create table org_nodes (
  id integer generated always as identity primary key,
  code text not null unique,
  parent_id integer references org_nodes(id),
  level text not null check (level in ('district', 'street', 'community', 'grid')),
  -- street | town for streets, community | village for communities; null otherwise
  kind text check (kind is null or kind in ('street', 'town', 'community', 'village')),
  name text not null check (length(name) between 1 and 100),
  name_en text,
  geom geometry(MultiPolygon, 4326),
  valid_from date not null default current_date,
  valid_to date,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (code ~ '^[0-9]+$' and length(code) = case level
    when 'district' then 6 when 'street' then 9 when 'community' then 12 else 15 end),
  check ((level = 'district') = (parent_id is null)),
  check (valid_to is null or valid_to > valid_from)
);
create index org_nodes_geom_gix on org_nodes using gist (geom);
create index org_nodes_code_prefix on org_nodes (code text_pattern_ops);
create index org_nodes_parent on org_nodes (parent_id);

-- Zones (片区) and demonstration areas (示范片区): named groups of grids within one street.
create table zones (
  id integer generated always as identity primary key,
  street_id integer not null references org_nodes(id),
  code text not null unique,
  name text not null,
  kind text not null default 'zone' check (kind in ('zone', 'demo_area')),
  created_at timestamptz not null default now()
);
create table zone_grids (
  zone_id integer not null references zones(id) on delete cascade,
  grid_id integer not null references org_nodes(id),
  primary key (zone_id, grid_id)
);

create table units (
  id integer generated always as identity primary key,
  district_id integer not null references org_nodes(id),
  code text not null unique,
  name text not null check (length(name) between 1 and 100),
  name_en text,
  type text not null check (type in ('department', 'task_force', 'property_company', 'utility', 'street_office', 'other')),
  phone text,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Categories the unit usually owns (category codes TT or TT.SS of the case taxonomy).
create table unit_categories (
  unit_id integer not null references units(id) on delete cascade,
  category_code text not null check (category_code ~ '^[0-9]{2}(\.[0-9]{2})?$'),
  primary key (unit_id, category_code)
);
-- Streets a unit is limited to; no rows means the whole district.
create table unit_streets (
  unit_id integer not null references units(id) on delete cascade,
  street_id integer not null references org_nodes(id),
  primary key (unit_id, street_id)
);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null check (username ~ '^[A-Za-z0-9_.@-]{3,64}$'),
  display_name text not null check (length(display_name) between 1 and 64),
  phone text,
  password_hash text,
  locale text not null default 'zh-CN' check (locale in ('zh-CN', 'en-US')),
  -- the org code whose administrators manage this account (visible to them even before it has grants)
  home_code text not null check (home_code ~ '^[0-9]{6,15}$'),
  disabled boolean not null default false,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_username_lower on users (lower(username));

create table grants (
  id integer generated always as identity primary key,
  user_id uuid not null references users(id) on delete cascade,
  role text not null,
  org_node_id integer references org_nodes(id),
  unit_id integer references units(id),
  created_at timestamptz not null default now(),
  check (org_node_id is null or unit_id is null)
);
create unique index grants_unique on grants (user_id, role, coalesce(org_node_id, 0), coalesce(unit_id, 0));
create index grants_org_node on grants (org_node_id);

create table sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  token_hash text not null unique,
  kind text not null check (kind in ('cookie', 'api')),
  name text,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz
);
create index sessions_user on sessions (user_id);

create table login_attempts (
  id integer generated always as identity primary key,
  username text not null,
  success boolean not null,
  ip text,
  at timestamptz not null default now()
);
create index login_attempts_user_at on login_attempts (lower(username), at);

create table audit_log (
  id integer generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid references users(id) on delete set null,
  action text not null,
  entity text not null,
  entity_id text,
  -- the org code the change belongs to, so scoped admins read only their part
  scope_code text,
  before jsonb,
  after jsonb,
  ip text
);
create index audit_log_at on audit_log (at desc);
create index audit_log_entity on audit_log (entity, entity_id);

create table households (
  id integer generated always as identity primary key,
  grid_id integer not null references org_nodes(id),
  building text,
  address text not null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index households_grid on households (grid_id);

create table persons (
  id integer generated always as identity primary key,
  household_id integer not null references households(id) on delete cascade,
  grid_id integer not null references org_nodes(id),
  name text not null,
  gender text check (gender in ('M', 'F')),
  birth_year integer check (birth_year between 1900 and 2100),
  -- personal data is encrypted in Node (AES-256-GCM) before it reaches the database; the hash finds duplicates
  id_number_enc text,
  id_number_hash text,
  phone_enc text,
  tags text[] not null default '{}',
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index persons_grid on persons (grid_id);
create index persons_household on persons (household_id);
create unique index persons_id_number on persons (id_number_hash) where id_number_hash is not null;
