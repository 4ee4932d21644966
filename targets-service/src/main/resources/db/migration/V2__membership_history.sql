-- Effective-dated membership history: member keeps the person's current (latest) membership, membership
-- keeps every one they ever had. A move closes the open row and opens a new one; rows are never rewritten
-- except to close them.
create table membership (
    id             uuid primary key,
    member_id      varchar(100) not null references member (member_id),
    org_unit_id    uuid         not null references org_unit (id),
    role           varchar(20)  not null,
    effective_from date         not null,
    effective_to   date,
    created_by     varchar(100) not null,
    created_at     timestamptz  not null,
    constraint membership_period check (effective_to is null or effective_to >= effective_from)
);
create index membership_member on membership (member_id, effective_from);
create index membership_org_unit on membership (org_unit_id);
-- at most one open membership per person
create unique index membership_open on membership (member_id) where effective_to is null;

insert into membership (id, member_id, org_unit_id, role, effective_from, effective_to, created_by, created_at)
select md5(member_id)::uuid, member_id, org_unit_id, role, effective_from, effective_to, 'migration', created_at
from member;

alter table member add column active boolean not null default true;
