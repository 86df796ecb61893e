-- Public vs internal, by construction (issue 9): every case event says whether the step appears on the public
-- timeline (`public`) and whether its text does (`note_public`). Staff text is internal unless its author
-- marks it public; a new event is internal unless the writer says otherwise.
alter table case_events alter column public set default false;
alter table case_events add column note_public boolean not null default false;
comment on column case_events.public is 'the step appears on the public timeline (tracking page, Open311, followers)';
comment on column case_events.note_public is 'the event''s text (reason) is shown to the public; only on public steps';

-- Existing data: until now every step and its note were public by default. Keep public only the steps written
-- for the resident (the report, the filing with its reply deadline, the close — 立行立改 closes too); their
-- old notes stay internal, as note_public starts false for every row. This runs before case_events becomes
-- append-only (a later migration), and rewrites only the rows it changes.
update case_events set public = false
where public and action not in ('report', 'file', 'close', 'fix_on_spot');
