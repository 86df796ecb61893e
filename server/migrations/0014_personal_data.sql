-- Personal data sealed at rest (docs/personal-data.md). Values are sealed in Node (the key never reaches SQL),
-- so this migration cannot encrypt what is stored in clear: it renames those columns legacy_* and adds the
-- sealed ones; the start-up step personal-data/seal-legacy.ts moves every value across and clears the
-- plaintext (idempotent, batched, under an advisory lock). A later migration drops the legacy columns once
-- every installation has started on this version. Nothing writes a legacy column any more.

-- A sealed column holds "v1.<base64>" (before the keyring) or "v2.<suite>.<key id>.<base64>", never text
-- in clear; NOT VALID checks new writes without re-reading old rows.
alter table cases rename column reporter_name to legacy_reporter_name;
alter table cases add column reporter_name_enc text check (reporter_name_enc ~ '^v[12]\.');
alter table cases add constraint cases_reporter_phone_sealed check (reporter_phone_enc ~ '^v[12]\.') not valid;
create index cases_legacy_reporter_name on cases (id) where legacy_reporter_name is not null;

alter table households rename column address to legacy_address;
alter table households alter column legacy_address drop not null;
alter table households add column address_enc text check (address_enc ~ '^v[12]\.');
create index households_legacy_address on households (id) where legacy_address is not null;

alter table persons rename column name to legacy_name;
alter table persons alter column legacy_name drop not null;
-- name_bidx: keyed blind index of the normalised name, for exact search joined to the caller's scope
alter table persons add column name_enc text check (name_enc ~ '^v[12]\.');
alter table persons add column name_bidx text;
alter table persons add constraint persons_phone_sealed check (phone_enc ~ '^v[12]\.') not valid;
alter table persons add constraint persons_id_number_sealed check (id_number_enc ~ '^v[12]\.') not valid;
create index persons_legacy_name on persons (id) where legacy_name is not null;
create index persons_name_bidx on persons (name_bidx, grid_id) where name_bidx is not null;

-- Audit rows never hold personal data in clear: users' phones written by user.create / user.update before
-- this version are masked the way maskPhone() masks them (138****5678). This runs before 0017 makes the audit
-- log append-only, so it is the last change to existing audit rows.
create function pg_temp.mask_phone(p text) returns text language sql immutable as $$
  select case when length(d) >= 7 then left(d, 3) || '****' || right(d, 4)
              else repeat('*', greatest(length(d) - 2, 1)) || right(d, 2) end
  from (select case when length(x) = 13 and x like '86%' then substr(x, 3) else x end as d
        from (select regexp_replace(p, '\D', '', 'g') as x) a) b
$$;
update audit_log set
  before = case when jsonb_typeof(before -> 'phone') = 'string'
    then jsonb_set(before, '{phone}', to_jsonb(pg_temp.mask_phone(before ->> 'phone'))) else before end,
  after = case when jsonb_typeof(after -> 'phone') = 'string'
    then jsonb_set(after, '{phone}', to_jsonb(pg_temp.mask_phone(after ->> 'phone'))) else after end
where entity = 'user'
  and (jsonb_typeof(before -> 'phone') = 'string' or jsonb_typeof(after -> 'phone') = 'string');
