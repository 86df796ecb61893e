-- The 便民 directory (docs/directory.md): services near residents, per community. A business's phone,
-- address and hours are public data published for residents to call, not personal data.

-- Kinds a district adds to the built-in ones (家政, 医疗, 购物, 就业招聘: packages/shared/src/directory.ts).
create table directory_kinds (
  district_code text not null check (district_code ~ '^[0-9]{6}$'),
  key text not null check (key ~ '^[a-z0-9_-]{1,30}$'),
  name_zh text not null check (length(name_zh) between 1 and 20),
  name_en text not null check (length(name_en) between 1 and 40),
  created_at timestamptz not null default now(),
  primary key (district_code, key)
);

create table directory_entries (
  id integer generated always as identity primary key,
  org_code text not null check (org_code ~ '^[0-9]{12}$'),
  kind text not null check (kind ~ '^[a-z0-9_-]{1,30}$'),
  name text not null check (length(name) between 1 and 100),
  address text not null default '' check (length(address) <= 200),
  location geometry(Point, 4326) not null,
  hours text not null default '' check (length(hours) <= 100),
  phone text not null default '' check (length(phone) <= 40),
  description text not null default '' check (length(description) <= 1000),
  is_demo boolean not null default false,
  updated_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index directory_entries_location on directory_entries using gist ((location::geography));
create index directory_entries_org on directory_entries (org_code text_pattern_ops);
