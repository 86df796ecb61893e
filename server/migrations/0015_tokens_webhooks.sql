-- Bearer tokens expire, are listed with their last use and are held only by roles that may mint them;
-- webhook deliveries record their duration and never a receiver's answer; personal hooks are staff robots.

alter table sessions add column last_used_at timestamptz;

-- Tokens minted before expiry existed get the default lifetime from now, so clients have time to renew.
update sessions set expires_at = now() + interval '90 days'
  where kind = 'api' and expires_at is null and revoked_at is null;
update sessions set expires_at = coalesce(revoked_at, created_at) where kind = 'api' and expires_at is null;
alter table sessions add constraint sessions_api_expires check (kind <> 'api' or expires_at is not null);

-- Only administrators, dispatchers and integration accounts may hold bearer tokens from now on.
update sessions s set revoked_at = now()
  where s.kind = 'api' and s.revoked_at is null
    and not exists (select 1 from grants g where g.user_id = s.user_id
                    and g.role in ('district_admin', 'dispatcher', 'integration'));

alter table webhook_deliveries add column last_duration_ms integer;

-- The delivery log kept part of the receiver's answer; keep only our own words (status, robot errcode).
update webhook_deliveries set last_error = substring(last_error from '^HTTP [0-9]{3}')
  where last_error ~ '^HTTP [0-9]{3}';
update webhook_deliveries set last_error = substring(last_error from '^errcode -?[0-9]+')
  where last_error ~ '^errcode -?[0-9]+';

-- Personal hooks are for staff and go to a WeCom or DingTalk robot; others stop being sent.
update webhooks w set active = false
  where w.unit_id is null and w.org_code is null and w.active
    and (w.format = 'json'
      or not exists (select 1 from grants g where g.user_id = w.owner_user_id
                     and g.role not in ('resident', 'volunteer', 'integration')));
