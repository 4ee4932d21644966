-- Read model of the sales organisation, fed by targets.org-events.v1 (targets-service owns the truth).
-- Services that scope data by a manager's org subtree include the location db/org-directory.

create table org_directory_unit (
    id          uuid         primary key,
    parent_id   uuid,
    name        varchar(200) not null,
    manager_id  varchar(200),
    active      boolean      not null,
    version     bigint       not null
);
create index org_directory_unit_parent on org_directory_unit (parent_id);
create index org_directory_unit_manager on org_directory_unit (manager_id);

create table org_directory_member (
    member_id      varchar(200) primary key,
    org_unit_id    uuid         not null,
    role           varchar(40)  not null,
    display_name   varchar(200),
    effective_from date,
    effective_to   date,
    version        bigint       not null
);
create index org_directory_member_unit on org_directory_member (org_unit_id);
