-- Customers (客户) and the people in their buying committee.
create table account (
    id                uuid primary key,
    name              varchar(300)  not null,
    industry          varchar(100),
    company_size      varchar(20)   check (company_size in ('MICRO', 'SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE')),
    region            varchar(100),
    tier              varchar(1)    check (tier in ('A', 'B', 'C')),
    segment           varchar(20)   check (segment in ('KA', 'MID', 'LONG_TAIL')),
    owner_id          varchar(100)  not null,
    source_channel    varchar(50),
    external_system   varchar(50),
    external_id       varchar(200),
    version           bigint        not null,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    last_contacted_at timestamptz,
    -- an external id names one account per CRM; both are given or neither
    constraint account_external_unique unique (external_system, external_id),
    constraint account_external_paired check ((external_system is null) = (external_id is null))
);
create index account_owner on account (owner_id);
create index account_created on account (created_at, id);

create table contact (
    id          uuid primary key,
    account_id  uuid          not null references account (id),
    name        varchar(200)  not null,
    title       varchar(100),
    email       varchar(254),
    phone       varchar(30),
    buying_role varchar(20)   check (buying_role in ('DECISION_MAKER', 'TECHNICAL', 'PURCHASING', 'USER', 'INFLUENCER')),
    stance      varchar(10)   check (stance in ('SUPPORTER', 'NEUTRAL', 'BLOCKER')),
    version     bigint        not null,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null
);
create index contact_account on contact (account_id, name);
