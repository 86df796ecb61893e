-- People search within a community (docs/people.md, "Search"; docs/PERFORMANCE.md): a surname and 80岁以上
-- missed p95 < 50 ms at 1,000,000 persons because every match of the community's grids was read from the heap
-- (to check the status) before the lowest 50 ids were chosen. These indexes carry the id and the status, so the
-- page is chosen by an index-only scan and only its 50 rows are read.
drop index if exists persons_name1_bidx;
create index persons_name1_grid_id on persons (name1_bidx, grid_id, id) include (status)
  where name1_bidx is not null;
drop index if exists persons_grid_birth;
create index persons_grid_birth on persons (grid_id, birth_date, id) include (status);
