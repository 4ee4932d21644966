-- Credit ledger: who is credited with how much of which deal. Append-only: a correction is a REVERSAL
-- entry that negates the credit it names, followed by a new CREDIT; rows are never updated or deleted.
create table credit_entry (
    id                uuid primary key,
    -- append order, so entries written in one transaction keep their order (reversal before new credit)
    seq               bigint generated always as identity unique,
    member_id         varchar(255)  not null,
    deal_id           uuid          not null,
    kind              varchar(20)   not null,
    amount            numeric(19, 4) not null,
    currency          varchar(3)    not null,
    deal_version      bigint        not null,
    source_event_id   varchar(200)  not null,
    -- an entry is reversed at most once
    reverses_entry_id uuid unique references credit_entry (id),
    recorded_at       timestamptz   not null,
    constraint credit_entry_kind check (kind in ('CREDIT', 'REVERSAL')),
    constraint credit_entry_reversal_names_credit check ((kind = 'REVERSAL') = (reverses_entry_id is not null)),
    constraint credit_entry_sign check ((kind = 'CREDIT' and amount > 0) or (kind = 'REVERSAL' and amount < 0))
);
create index credit_entry_member on credit_entry (member_id, seq);
create index credit_entry_deal on credit_entry (deal_id);

create function credit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'credit_entry is an append-only ledger: % is not allowed', tg_op;
end
$$;
create trigger credit_entry_append_only
    before update or delete or truncate on credit_entry
    for each statement execute function credit_entry_is_append_only();

-- Quotas: the latest published version of each target, as targets-service announced it.
create table quota (
    target_id    uuid primary key,
    version      bigint        not null,
    member_id    varchar(255),
    org_unit_id  uuid          not null,
    metric       varchar(30)   not null,
    period_start date          not null,
    period_end   date          not null,
    amount       numeric(19, 4),
    currency     varchar(3),
    quantity     numeric(19, 4),
    constraint quota_value check ((amount is null) = (currency is null))
);
create index quota_member on quota (member_id, period_start);
