create table deal (
    id                  uuid primary key,
    name                varchar(300)  not null,
    account_id          uuid,
    owner_id            varchar(100)  not null,
    amount              numeric(19, 4) not null check (amount >= 0),
    currency            varchar(3)    not null,
    product_line        varchar(100)  not null,
    channel             varchar(50),
    region              varchar(100),
    customer_tier       varchar(50),
    new_customer        boolean       not null,
    expected_close_date date,
    stage               varchar(30)   not null,
    probability         integer       not null check (probability between 0 and 100),
    forecast_category   varchar(20)   not null,
    version             bigint        not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    won_at              timestamptz,
    closed_at           timestamptz
);
create index deal_owner on deal (owner_id);
create index deal_stage on deal (stage);

-- Every stage change with its time and actor: days in stage, cycle time and conversion come from here.
create table stage_transition (
    id          bigserial primary key,
    deal_id     uuid         not null references deal (id),
    from_stage  varchar(30),
    to_stage    varchar(30)  not null,
    at          timestamptz  not null,
    actor       varchar(100) not null
);
create index stage_transition_deal on stage_transition (deal_id, at);
