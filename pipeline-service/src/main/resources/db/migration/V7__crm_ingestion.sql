-- CRM ingestion: deals a CRM is the source of truth for, who their CRM users are in Attain, and every
-- CRM event accepted, so that a repeated delivery answers what the first one did.

-- A CRM's deal is one Attain deal; the CRM's own version and update time order its deliveries.
alter table deal add column external_system     varchar(50);
alter table deal add column external_id         varchar(200);
alter table deal add column external_version    bigint;
alter table deal add column external_updated_at timestamptz;
alter table deal add constraint deal_external_unique unique (external_system, external_id);
alter table deal add constraint deal_external_paired check ((external_system is null) = (external_id is null));

-- CRM users (by the CRM's user id, or e-mail address in lower case) as Keycloak user ids.
create table crm_user_mapping (
    crm_system varchar(50)  not null,
    crm_user   varchar(254) not null,
    user_id    varchar(100) not null,
    updated_at timestamptz  not null,
    updated_by varchar(100) not null,
    primary key (crm_system, crm_user)
);
create index crm_user_mapping_user on crm_user_mapping (user_id);

-- One row per accepted event and client: its outcome, answered again to a repeat of the event id.
-- Rejected events are not recorded: they were not accepted, and the CRM may send them again once fixed.
create table crm_event (
    client_id      varchar(100) not null,
    event_id       varchar(200) not null,
    crm_system     varchar(50)  not null,
    crm_deal_id    varchar(200) not null,
    result         varchar(20)  not null check (result in ('APPLIED', 'IGNORED_STALE')),
    deal_id        uuid         not null references deal (id),
    deal_version   bigint       not null,
    crm_version    bigint,
    crm_updated_at timestamptz,
    accepted_at    timestamptz  not null,
    primary key (client_id, event_id)
);
create index crm_event_deal on crm_event (deal_id);
