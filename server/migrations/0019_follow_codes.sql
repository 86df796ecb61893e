-- Anonymous followers of a case (issue 9): a read-only follower code kept on the resident's phone gives the
-- case's public view and nothing else (no rating, no reopening). Only the SHA-256 of the code is stored.
create table case_follow_codes (
  code_hash text primary key,
  case_id integer not null references cases(id),
  created_at timestamptz not null default now()
);

create index case_follow_codes_case on case_follow_codes (case_id);

-- Notifications reach staff and followers, so their titles name a case by its number, never by its tracking
-- code (the reporter's credential). Titles written before that change are renamed the same way.
update notifications
set title = regexp_replace(title, 'CG[0-9]{4}-[0-9A-Z]{6}', '案件 ' || case_id, 'g')
where case_id is not null and title ~ 'CG[0-9]{4}-[0-9A-Z]{6}';
