-- Activities can be corrected (type, time, notes) and deleted by whoever recorded them, their managers and admins:
-- updates are optimistic (ETag / If-Match), so an activity now has a version and a time of its last change.
alter table activity add column version bigint not null default 0;
alter table activity add column updated_at timestamptz;
update activity set updated_at = created_at;
alter table activity alter column updated_at set not null;
