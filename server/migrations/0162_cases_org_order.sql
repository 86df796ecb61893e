-- A grid's cases in the two orders the lists use. The list filters and the case scopes match a grid's code by
-- equality (org/code-match.ts), so a page of a grid — the grid worker's list, a desk filtered to one grid — is
-- the first rows of one range of these indexes. Before, PostgreSQL fetched all the grid's cases through
-- cases_org_state and sorted them: 150 ms newest first and up to 300 ms by deadline at 5,000,000 cases
-- (docs/PERFORMANCE.md, "The list page at scale").
-- Not a rewrite, but each build holds writes to cases until it is done: 13 s for both at 5,000,000 cases on
-- 2 cores, growing with the table; a report sent meanwhile waits, it is not lost. `if not exists` lets an operator
-- build them beforehand with `create index concurrently` (docs/OPERATIONS.md, "Upgrades").
create index if not exists cases_org_reported on cases (org_code, reported_at desc, id desc);
create index if not exists cases_org_deadline on cases (org_code, deadline_at, id);
