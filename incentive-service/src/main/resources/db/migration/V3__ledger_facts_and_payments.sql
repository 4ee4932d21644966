-- What the commission engine needs to know about each credit entry beyond credit_entry itself: the day
-- it counts on and the deal attributes plans look at. Written in the same transaction as the entry and,
-- like it, never changed.
--
-- effective_on: for a CREDIT the day the deal was booked (won), for a REVERSAL the day of the change; but
-- never on or before the last day of a period closed when the entry was recorded, so a late change lands
-- in the next open period instead of in a locked one.
create table credit_entry_fact (
    entry_id      uuid primary key references credit_entry (id),
    effective_on  date          not null,
    business_on   date          not null,
    product_line  varchar(255),
    channel       varchar(255),
    new_customer  boolean       not null,
    reason        varchar(100)  not null
);

-- Payments received on deals (回款) and their reversals (refunds), for commission on the collected basis.
-- Append-only: a refund is a row naming the payment it reverses.
-- credit_seq: the newest credit_entry.seq of the deal when the payment was recorded, so that the payment
-- is shared among exactly the credits that stood when the money came in.
create table deal_payment (
    id                  uuid primary key,
    deal_id             uuid          not null,
    amount              numeric(19, 4) not null,
    currency            varchar(3)    not null,
    received_on         date          not null,
    effective_on        date          not null,
    reverses_payment_id uuid unique references deal_payment (id),
    credit_seq          bigint        not null,
    source_event_id     varchar(200)  not null,
    recorded_at         timestamptz   not null,
    constraint deal_payment_positive check (amount > 0)
);
create index deal_payment_deal on deal_payment (deal_id);

create function ledger_fact_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op;
end
$$;
create trigger credit_entry_fact_append_only
    before update or delete or truncate on credit_entry_fact
    for each statement execute function ledger_fact_is_append_only();
create trigger deal_payment_append_only
    before update or delete or truncate on deal_payment
    for each statement execute function ledger_fact_is_append_only();
