-- Every change of a published target: who asked, when, why, the value before and after. Rows are added,
-- and a PENDING row is decided once; nothing else is ever updated.
create table target_adjustment (
    id                uuid primary key,
    target_id         uuid         not null references target (id),
    status            varchar(20)  not null,
    old_amount        numeric(19, 4),
    new_amount        numeric(19, 4),
    currency          varchar(3),
    old_quantity      numeric(19, 4),
    new_quantity      numeric(19, 4),
    -- (new - old) / old, e.g. 0.1500 for +15 %
    change_ratio      numeric(19, 6) not null,
    reason            varchar(2000) not null,
    requested_by      varchar(100) not null,
    requested_at      timestamptz  not null,
    decided_by        varchar(100),
    decided_at        timestamptz,
    decision_note     varchar(2000),
    -- the target's version once this adjustment was applied
    applied_version   bigint,
    constraint target_adjustment_status check (status in ('APPLIED', 'PENDING', 'REJECTED'))
);
create index target_adjustment_target on target_adjustment (target_id, requested_at);
-- one pending adjustment per target at a time
create unique index target_adjustment_pending on target_adjustment (target_id) where status = 'PENDING';
