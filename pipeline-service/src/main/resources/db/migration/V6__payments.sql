-- Payments (回款) against won deals, and their reversals (refunds). A reversal is a row of its own that names
-- the payment it reverses; amounts are positive either way. deal.collected = payments - reversals.
create table payment (
    id              uuid primary key,
    deal_id         uuid           not null references deal (id),
    amount          numeric(19, 4) not null check (amount > 0),
    currency        varchar(3)     not null,
    received_on     date           not null,
    reference       varchar(100),
    -- set on a reversal; unique, so a payment is reversed at most once
    reverses_id     uuid           unique references payment (id),
    idempotency_key varchar(100),
    recorded_at     timestamptz    not null,
    recorded_by     varchar(100)   not null,
    constraint payment_idempotency_unique unique (deal_id, idempotency_key)
);
create index payment_deal on payment (deal_id, recorded_at, id);

alter table deal add column collected numeric(19, 4) not null default 0 check (collected >= 0);
