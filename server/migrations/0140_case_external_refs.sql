-- A case's number in an outside system that handed it over: the 12345 hotline's ticket (工单号) today. A table of its
-- own rather than a column of cases, so the intake's hot insert stays as it is and more systems (数字城管) fit later.
-- A ticket names one case in all CivicGrid (the hotline platform is city-wide): a second case with it is refused.
create table case_external_refs (
  case_id integer primary key references cases(id) on delete cascade,
  system text not null check (system in ('hotline')),
  ref text not null check (ref ~ '^[A-Za-z0-9_-]{1,40}$'),
  created_at timestamptz not null default now(),
  unique (system, ref)
);

-- Hooks in the hotline's result format (工单办理结果回传) hear only of cases with a ticket, and only of their results.
alter table webhooks drop constraint webhooks_format_check;
alter table webhooks add constraint webhooks_format_check check (format in ('json', 'wecom', 'dingtalk', 'hotline'));
