create table org_unit (
    id          uuid primary key,
    name        varchar(200) not null,
    kind        varchar(20)  not null,
    parent_id   uuid references org_unit (id),
    -- ids from the root down to this unit, '/'-separated, so a subtree is one prefix match
    path        varchar(4000) not null,
    manager_id  varchar(100),
    active      boolean      not null default true,
    version     bigint       not null,
    created_at  timestamptz  not null
);
create unique index org_unit_sibling_name on org_unit (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
create index org_unit_path on org_unit (path varchar_pattern_ops);
create index org_unit_manager on org_unit (manager_id);

create table member (
    member_id      varchar(100) primary key,
    display_name   varchar(200) not null,
    email          varchar(320),
    org_unit_id    uuid         not null references org_unit (id),
    role           varchar(20)  not null,
    effective_from date         not null,
    effective_to   date,
    version        bigint       not null,
    created_at     timestamptz  not null
);
create index member_org_unit on member (org_unit_id);

create table target (
    id            uuid primary key,
    metric        varchar(30)  not null,
    period_start  date         not null,
    period_end    date         not null,
    org_unit_id   uuid         not null references org_unit (id),
    member_id     varchar(100) references member (member_id),
    value_amount  numeric(19, 4),
    currency      varchar(3),
    quantity      numeric(19, 4),
    status        varchar(20)  not null,
    version       bigint       not null,
    created_by    varchar(100) not null,
    created_at    timestamptz  not null,
    published_at  timestamptz,
    constraint target_period check (period_end >= period_start),
    constraint target_value check ((value_amount is not null and currency is not null) or quantity is not null)
);
create index target_member on target (member_id);
create index target_org_unit on target (org_unit_id);
