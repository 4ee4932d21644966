-- Actuals read model, fed by pipeline.deal-events.v1 (see ActualsService). One row per deal holding its latest
-- applied snapshot, so a change after winning (amount, owner, reopen, loss) replaces what the deal
-- contributes instead of adding to it. Aggregates are computed at read time from these rows.
create table deal_actual (
    deal_id        uuid primary key,
    version        bigint        not null,
    owner_id       varchar(255)  not null,
    account_id     uuid,
    amount         numeric(19, 4) not null,
    currency       varchar(3)    not null,
    product_line   varchar(200),
    region         varchar(200),
    customer_tier  varchar(200),
    channel        varchar(200),
    new_customer   boolean       not null,
    stage          varchar(40)   not null,
    -- WON or COLLECTED: the deal's amount counts as won revenue on won_on
    booked         boolean       not null,
    -- business dates in attain.targets.attainment.time-zone
    created_on     date          not null,
    won_on         date,
    closed_on      date,
    -- furthest stage of the default funnel ever reached (0 = LEAD … 5 = WON); a loss or reopening keeps it
    furthest_stage smallint      not null,
    updated_at     timestamptz   not null
);
-- Won revenue, deal counts and new customers of a set of owners over a period: one range scan per owner,
-- and the columns the sums need are in the index, so the table is not visited.
create index deal_actual_owner_won on deal_actual (owner_id, won_on)
    include (amount, currency, new_customer, product_line, region, customer_tier, channel)
    where booked;
-- Collections and stage entries of a set of owners start from the owners' deals.
create index deal_actual_owner on deal_actual (owner_id);
-- Learned funnel rates: the deals closed (won or lost) in a window.
create index deal_actual_closed on deal_actual (closed_on) where closed_on is not null;

-- Payments and their reversals, signed (a reversal is negative) and dated by when the money moved.
create table deal_payment (
    payment_id  uuid primary key,
    deal_id     uuid          not null,
    amount      numeric(19, 4) not null,
    currency    varchar(3)    not null,
    received_on date          not null,
    reversal    boolean       not null
);
create index deal_payment_deal on deal_payment (deal_id, received_on);

-- First entry of each deal into each stage of the default funnel (stages a deal jumps over count as
-- entered on the day it passed them), the activity proxies for LEADS / VISITS / DEMOS / PROPOSALS targets.
create table deal_stage_entry (
    deal_id    uuid        not null,
    stage      varchar(40) not null,
    entered_on date        not null,
    primary key (deal_id, stage)
);
create index deal_stage_entry_stage on deal_stage_entry (stage, entered_on, deal_id);
