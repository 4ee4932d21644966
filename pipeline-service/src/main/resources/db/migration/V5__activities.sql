-- Activities (拜访 / 演示 / 提案): the process KPIs. Each is linked to a deal, an account or both.
create table activity (
    id          uuid primary key,
    type        varchar(20)   not null check (type in ('CALL', 'VISIT', 'DEMO', 'PROPOSAL', 'MEETING')),
    deal_id     uuid          references deal (id),
    account_id  uuid          references account (id),
    owner_id    varchar(100)  not null,
    occurred_at timestamptz   not null,
    notes       varchar(2000),
    created_at  timestamptz   not null,
    constraint activity_linked check (deal_id is not null or account_id is not null)
);
create index activity_owner on activity (owner_id, occurred_at desc);
create index activity_deal on activity (deal_id, occurred_at desc);
create index activity_account on activity (account_id, occurred_at desc);
create index activity_occurred on activity (occurred_at desc, id);

-- The latest activity on a deal and on an account (the stale-deal and no-contact alerts read these). Kept by
-- the activity service with a plain update, so they move without changing the version or publishing an event.
alter table deal add column last_activity_at timestamptz;
alter table account add column last_activity_at timestamptz;
create index deal_last_activity on deal (last_activity_at);
create index account_last_activity on account (last_activity_at);
