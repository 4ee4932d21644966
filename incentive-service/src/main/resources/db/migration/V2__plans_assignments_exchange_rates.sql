-- Commission plans. A plan names its currency; its terms live in versions, each effective from a date.
create table plan (
    id          uuid primary key,
    name        varchar(200)  not null,
    currency    varchar(3)    not null,
    created_at  timestamptz   not null,
    created_by  varchar(255)  not null,
    version     bigint        not null default 0
);

-- One version of a plan's terms (the JSON of the REST API, validated by the commission engine on write).
-- A version that produced a calculated statement is "used" (used_at set) and never changes again; a change
-- is a new version from a later date.
create table plan_version (
    id             uuid primary key,
    plan_id        uuid          not null references plan (id),
    number         integer       not null,
    effective_from date          not null,
    terms          jsonb         not null,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    used_at        timestamptz,
    version        bigint        not null default 0,
    constraint plan_version_number unique (plan_id, number),
    constraint plan_version_effective unique (plan_id, effective_from)
);

-- Which plan pays a member over which days (both included). A member has at most one plan on any day:
-- the service checks overlaps under a per-member advisory lock.
create table plan_assignment (
    id           uuid primary key,
    plan_id      uuid          not null references plan (id),
    member_id    varchar(255)  not null,
    period_start date          not null,
    period_end   date          not null,
    created_at   timestamptz   not null,
    constraint plan_assignment_days check (period_end >= period_start)
);
create index plan_assignment_member on plan_assignment (member_id, period_start);
create index plan_assignment_plan on plan_assignment (plan_id, member_id);

-- Effective-dated conversion rates: from effective_from on, one from_currency is worth rate to_currency.
create table exchange_rate (
    id             uuid primary key,
    from_currency  varchar(3)     not null,
    to_currency    varchar(3)     not null,
    effective_from date           not null,
    rate           numeric(24, 10) not null,
    created_at     timestamptz    not null,
    constraint exchange_rate_positive check (rate > 0),
    constraint exchange_rate_pair check (from_currency <> to_currency),
    constraint exchange_rate_once unique (from_currency, to_currency, effective_from)
);
