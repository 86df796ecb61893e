-- Supervision: the weekly evaluation (一周一评比) with its flags kept as history, and bulletins (通报) stored
-- as immutable snapshots, each generated exactly once (docs/supervision-scores.md).

-- One evaluation per district and week; the unique key is what makes it happen once across processes.
create table score_weeks (
  id integer generated always as identity primary key,
  district_code text not null,
  week_start date not null check (extract(isodow from week_start) = 1),
  settings jsonb not null,
  created_at timestamptz not null default now(),
  unique (district_code, week_start)
);

create table score_entries (
  week_id integer not null references score_weeks(id),
  level text not null check (level in ('street', 'community', 'unit')),
  peer_group text not null,
  entity_key text not null,
  name text not null,
  score numeric(5, 1),
  grade text check (grade in ('A', 'B', 'C', 'D', 'E')),
  rank integer,
  of_count integer not null,
  volume integer not null,
  bottom_three boolean not null default false,
  flag text check (flag in ('red', 'black')),
  reasons text[] not null default '{}',
  unranked text,
  rates jsonb not null,
  primary key (week_id, level, entity_key)
);
create index score_entries_flags on score_entries (level, entity_key, week_id) where flag is not null;

create table bulletins (
  id integer generated always as identity primary key,
  district_code text not null,
  org_code text not null,
  kind text not null check (kind in ('daily', 'weekly', 'monthly')),
  period_from date not null,
  period_to date not null check (period_to >= period_from),
  year integer not null,
  seq integer not null,
  number text not null,
  issuer text not null,
  issued_at timestamptz not null default now(),
  content jsonb not null,
  unique (org_code, kind, period_from),
  unique (org_code, kind, year, seq)
);
create index bulletins_org on bulletins (org_code, issued_at desc, id desc);

-- A snapshot never changes: the figures of a bulletin and of a week's evaluation are those of their moment.
create function refuse_snapshot_change() returns trigger language plpgsql as $$
begin
  raise exception 'snapshots are immutable: % of %', tg_op, tg_table_name using errcode = '55000';
end $$;
create trigger bulletins_immutable before update or delete on bulletins
  for each row execute function refuse_snapshot_change();
create trigger score_entries_immutable before update or delete on score_entries
  for each row execute function refuse_snapshot_change();
create trigger score_weeks_immutable before update or delete on score_weeks
  for each row execute function refuse_snapshot_change();

-- A webhook delivery now carries a case event or a bulletin's summary.
alter table webhook_deliveries alter column event_id drop not null;
alter table webhook_deliveries add column bulletin_id integer references bulletins(id);
alter table webhook_deliveries add constraint webhook_deliveries_subject
  check ((event_id is null) <> (bulletin_id is null));
