-- The duplicate window becomes a setting administrators change in the console (issue 14); it was a fixed 7 days.
insert into settings (key, value) values ('duplicate_window_days', '7') on conflict (key) do nothing;
