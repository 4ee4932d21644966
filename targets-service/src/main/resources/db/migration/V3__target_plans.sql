-- A target plan: one metric over one fiscal period for an org unit (or one member of it); its targets are
-- the nodes of its decomposition, the root being the plan's own total.
create table target_plan (
    id                  uuid primary key,
    name                varchar(200),
    metric              varchar(30)  not null,
    period_start        date         not null,
    period_end          date         not null,
    org_unit_id         uuid         not null references org_unit (id),
    member_id           varchar(100) references member (member_id),
    value_amount        numeric(19, 4),
    currency            varchar(3),
    quantity            numeric(19, 4),
    -- optional history the checks compare the plan with
    last_year_amount    numeric(19, 4),
    last_year_quantity  numeric(19, 4),
    pipeline_amount     numeric(19, 4),
    pipeline_quantity   numeric(19, 4),
    -- the decomposition request the targets were produced from (JSON), null while undecomposed
    decomposition       text,
    status              varchar(20)  not null,
    version             bigint       not null,
    created_by          varchar(100) not null,
    created_at          timestamptz  not null,
    published_at        timestamptz,
    constraint target_plan_period check (period_end >= period_start),
    constraint target_plan_value check ((value_amount is not null and currency is not null) or quantity is not null)
);
create index target_plan_scope on target_plan (org_unit_id, metric, period_start);

alter table target add column plan_id uuid references target_plan (id);
alter table target add column parent_id uuid references target (id);
alter table target add column level_name varchar(100);
-- keys from the plan's root down to this node, JSON array; '[]' for a plan's root target
alter table target add column node_path text;
-- fixed dimension values of this node, JSON object sorted by name (productLine, region, ...)
alter table target add column dimensions text not null default '{}';
create index target_plan_node on target (plan_id);
