-- Archive tags become configurable in the console (docs/people.md): an administrator adds, renames and retires
-- tags and marks which are sensitive. A retired tag is offered no more (edit form, import) but stays on the
-- persons who carry it, as history. The ten seeded tags stay: they cannot be retired, and their Chinese names
-- are what the care watch, the demo and the import template look them up by, so only their English names and
-- (outside the four vulnerable groups PRODUCT.md §8 names) their sensitivity change.
alter table archive_tags add column seeded boolean not null default false;
alter table archive_tags add column retired_at timestamptz;
alter table archive_tags add column updated_at timestamptz not null default now();
update archive_tags set seeded = true
where name in ('独居老人', '空巢', '80岁以上', '低保', '残疾', '留守儿童', '退役军人', '党员', '五老', '流动人口');
