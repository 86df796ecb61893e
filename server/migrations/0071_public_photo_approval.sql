-- A photo reaches the public map of reports nearby only once a member of staff has looked at it and approved
-- it (it may show faces or number plates); the tracking page keeps showing a reporter their own case's photos.
alter table case_photos add column public_approved_at timestamptz;
alter table case_photos add column public_approved_by uuid references users (id);
