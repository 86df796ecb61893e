-- Door plates (网格门牌, issue 11): a grid worker's public work phone, printed on the door plates of their
-- grid. A field of its own, set by the grid worker (who agrees to publish it) or an administrator; the
-- private `users.phone` is never printed.
alter table users add column public_phone text check (public_phone ~ '^[0-9+\- ]{5,20}$');
