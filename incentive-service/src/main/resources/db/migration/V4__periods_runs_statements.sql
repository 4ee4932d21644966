-- Commission periods: OPEN -> CALCULATED -> CLOSED. A closed period is locked: its current run never changes.
create table commission_period (
    id              uuid primary key,
    name            varchar(100)  not null unique,
    period_start    date          not null,
    period_end      date          not null,
    currency        varchar(3),
    status          varchar(20)   not null,
    current_run_id  uuid,
    -- aggregate version of the period's events on incentive.commission-events.v1
    event_version   bigint        not null default 0,
    created_at      timestamptz   not null,
    calculated_at   timestamptz,
    closed_at       timestamptz,
    closed_by       varchar(255),
    version         bigint        not null default 0,
    constraint commission_period_days check (period_end >= period_start),
    constraint commission_period_status check (status in ('OPEN', 'CALCULATED', 'CLOSED'))
);

-- One calculation of a period. Runs are kept; the period's current_run_id names the one statements show.
create table calculation_run (
    id            uuid primary key,
    period_id     uuid          not null references commission_period (id),
    number        integer       not null,
    trigger       varchar(20)   not null,
    requested_by  varchar(255),
    -- newest credit_entry.seq the run saw, so a reader can tell what it included
    ledger_seq    bigint        not null,
    calculated_at timestamptz   not null,
    constraint calculation_run_number unique (period_id, number),
    constraint calculation_run_trigger check (trigger in ('REQUEST', 'AUTO', 'CLOSE'))
);
alter table commission_period add constraint commission_period_current_run
    foreign key (current_run_id) references calculation_run (id);

-- One member's statement in one run.
create table statement (
    id                 uuid primary key,
    run_id             uuid          not null references calculation_run (id),
    period_id          uuid          not null references commission_period (id),
    member_id          varchar(255)  not null,
    plan_id            uuid          not null references plan (id),
    plan_version_id    uuid          not null references plan_version (id),
    plan_version       integer       not null,
    currency           varchar(3)    not null,
    quota              numeric(19, 4),
    attainment_percent numeric(14, 2),
    total              numeric(19, 4) not null,
    note               varchar(500),
    constraint statement_member_once unique (run_id, member_id)
);
create index statement_member on statement (member_id, period_id);

-- The commission ledger: every line of every statement of every run, with what produced it.
-- Append-only like credit_entry: a recalculation writes a new run, it never changes lines.
create table commission_line (
    id                  uuid primary key,
    seq                 bigint generated always as identity unique,
    statement_id        uuid          not null references statement (id),
    run_id              uuid          not null references calculation_run (id),
    period_id           uuid          not null references commission_period (id),
    member_id           varchar(255)  not null,
    line_number         integer       not null,
    component           varchar(20)   not null,
    rule                varchar(300)  not null,
    plan_version_id     uuid          not null references plan_version (id),
    basis_amount        numeric(19, 4),
    basis_currency      varchar(3),
    rate_percent        numeric,
    attainment_percent  numeric(14, 2),
    amount              numeric(19, 4) not null,
    currency            varchar(3)    not null,
    explanation         text          not null,
    source_credit_id    uuid,
    source_deal_id      uuid,
    source_event_id     varchar(200),
    constraint commission_line_number unique (statement_id, line_number)
);
create index commission_line_run on commission_line (run_id, member_id);

-- What each statement paid on each credit (and payment), so a later reversal claws back exactly that.
create table statement_credit_commission (
    statement_id uuid          not null references statement (id),
    credit_id    uuid          not null,
    payment_id   uuid,
    deal_id      uuid          not null,
    amount       numeric(19, 4) not null
);
create index statement_credit_commission_statement on statement_credit_commission (statement_id);

create trigger commission_line_append_only
    before update or delete or truncate on commission_line
    for each statement execute function ledger_fact_is_append_only();
create trigger statement_append_only
    before update or delete or truncate on statement
    for each statement execute function ledger_fact_is_append_only();
create trigger statement_credit_commission_append_only
    before update or delete or truncate on statement_credit_commission
    for each statement execute function ledger_fact_is_append_only();
