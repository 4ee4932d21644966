-- Pipelines (销售流程) per team: ordered stages, each of a kind that maps it onto the default funnel, so that
-- events, analytics and incentives keep speaking the funnel's stage names whatever a team calls its stages.
create table pipeline (
    id          uuid primary key,
    name        varchar(100) not null,
    -- the team (targets-service org unit) whose pipeline this is; null for the default and unassigned ones
    org_unit_id uuid,
    -- the built-in default funnel: read-only, used by every deal not created on another pipeline
    built_in    boolean      not null default false,
    version     bigint       not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create unique index pipeline_name_unique on pipeline (lower(name));
create unique index pipeline_org_unit_unique on pipeline (org_unit_id) where org_unit_id is not null;

create table pipeline_stage (
    pipeline_id  uuid         not null references pipeline (id) on delete cascade,
    position     integer      not null check (position >= 0),
    name         varchar(50)  not null,
    probability  integer      not null check (probability between 0 and 100),
    kind         varchar(10)  not null check (kind in ('OPEN', 'WON', 'COLLECTED', 'LOST')),
    funnel_stage varchar(30)  not null,
    primary key (pipeline_id, position)
);

insert into pipeline (id, name, org_unit_id, built_in, version, created_at, updated_at)
values ('00000000-0000-4000-8000-000000000001', 'default', null, true, 0, now(), now());
insert into pipeline_stage (pipeline_id, position, name, probability, kind, funnel_stage) values
    ('00000000-0000-4000-8000-000000000001', 0, 'LEAD',           10,  'OPEN',      'LEAD'),
    ('00000000-0000-4000-8000-000000000001', 1, 'CONTACTED',      20,  'OPEN',      'CONTACTED'),
    ('00000000-0000-4000-8000-000000000001', 2, 'NEEDS_ANALYSIS', 40,  'OPEN',      'NEEDS_ANALYSIS'),
    ('00000000-0000-4000-8000-000000000001', 3, 'PROPOSAL',       60,  'OPEN',      'PROPOSAL'),
    ('00000000-0000-4000-8000-000000000001', 4, 'NEGOTIATION',    80,  'OPEN',      'NEGOTIATION'),
    ('00000000-0000-4000-8000-000000000001', 5, 'WON',            100, 'WON',       'WON'),
    ('00000000-0000-4000-8000-000000000001', 6, 'COLLECTED',      100, 'COLLECTED', 'COLLECTED'),
    ('00000000-0000-4000-8000-000000000001', 7, 'LOST',           0,   'LOST',      'LOST');

-- A deal sits in one stage of one pipeline; deal.stage stays the funnel stage that stage maps to.
alter table deal add column pipeline_id uuid not null default '00000000-0000-4000-8000-000000000001'
    references pipeline (id);
alter table deal add column pipeline_stage varchar(50);
update deal set pipeline_stage = stage;
alter table deal alter column pipeline_stage set not null;
create index deal_pipeline on deal (pipeline_id, pipeline_stage);

-- The pipeline stage names of each move; from_stage/to_stage keep the funnel stages analytics reads.
alter table stage_transition add column from_pipeline_stage varchar(50);
alter table stage_transition add column to_pipeline_stage varchar(50);
update stage_transition set from_pipeline_stage = from_stage, to_pipeline_stage = to_stage;
