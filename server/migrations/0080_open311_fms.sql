-- FixMyStreet's Open311 extensions (issue 16): the updates feed both ways, flagged answers and the reporter's
-- e-mail address.

-- GET servicerequestupdates reads the public steps of a time window: one index on the time of public events.
create index case_events_public_at on case_events (at, id) where public;

-- One row per update a client POSTed: idempotent on the client's own update_id (per API key), and the event it
-- became, so the feed never sends a client's own comment back to it as the body's update.
create table open311_updates (
  id integer generated always as identity primary key,
  key_scope text not null,
  client_update_id text not null check (length(client_update_id) between 1 and 100),
  case_id integer not null references cases(id),
  event_id integer references case_events(id),
  request_hash text not null,
  media_url text check (media_url is null or length(media_url) <= 2000),
  reopened boolean not null default false,
  created_at timestamptz not null default now(),
  unique (key_scope, client_update_id)
);
create index open311_updates_event on open311_updates (event_id);
create index open311_updates_case on open311_updates (case_id);

-- Answers an Open311 client sent that failed their datatype: kept as the text sent, for the dispatcher to
-- read and correct (FixMyStreet cannot validate numbers, and a refusal would make it retry for ever).
alter table open311_requests add column answer_issues jsonb not null default '[]';

-- The reporter's e-mail address, sealed like the name and phone (personal data: encrypted, masked, revealed
-- with a reason and audited), so staff can reply to a FixMyStreet reporter.
alter table cases add column reporter_email_enc text check (reporter_email_enc ~ '^v[12]\.');
