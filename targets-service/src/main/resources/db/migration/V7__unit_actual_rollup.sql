-- Attainment rollup: the actuals of every org unit's subtree per day, kept by the deal-event consumer in the
-- same transaction as deal_actual (see ActualsRollup), so reading a department or the company sums at most one
-- row per day instead of every deal below it.
--
-- Which unit a contribution belongs to: the owner's membership on the contribution's day (won revenue, deal
-- counts and new customers on the day won, collections on the day received, stage entries on the day entered).
-- Before a member's first membership the first one counts, after they left the last one. A contribution counts
-- for that unit and every unit above it, so a move of a person (effective-dated) re-credits only the days from
-- the move on, and a move of a unit carries its totals from its old ancestors to its new ones.

-- The tree path of the unit credited with a member's contribution on a day (null for an owner who is not a
-- member): index lookups only, so crediting one deal costs the same however large the org is.
create function credited_path(owner varchar, on_day date) returns varchar
    language sql stable
as $$
select u.path
from org_unit u
where u.id = coalesce(
    (select m.org_unit_id from membership m
     where m.member_id = owner and m.effective_from <= on_day order by m.effective_from desc limit 1),
    (select m.org_unit_id from membership m where m.member_id = owner order by m.effective_from limit 1))
$$;

-- What each deal contributes to actuals, one row per source and day, from the read model of V6. The sources are
-- ActualSource's names; money sources carry the currency, count sources '' (counts ignore currency).
create view deal_contribution as
select d.deal_id, d.owner_id, 'WON_REVENUE'::varchar(40) as source, d.currency::varchar(3) as currency,
       d.won_on as day, d.product_line, d.region, d.customer_tier, d.channel, d.new_customer, d.amount as value
from deal_actual d
where d.booked
union all
select d.deal_id, d.owner_id, 'WON_DEALS', '', d.won_on, d.product_line, d.region, d.customer_tier, d.channel,
       d.new_customer, 1
from deal_actual d
where d.booked
union all
select d.deal_id, d.owner_id, 'NEW_CUSTOMERS', '', d.won_on, d.product_line, d.region, d.customer_tier, d.channel,
       d.new_customer, 1
from deal_actual d
where d.booked and d.new_customer
union all
select d.deal_id, d.owner_id, 'COLLECTIONS', p.currency, p.received_on, d.product_line, d.region, d.customer_tier,
       d.channel, d.new_customer, p.amount
from deal_actual d join deal_payment p on p.deal_id = d.deal_id
union all
select d.deal_id, d.owner_id, case e.stage when 'LEAD' then 'LEAD_ENTRIES' when 'CONTACTED' then 'CONTACTED_ENTRIES'
           else 'PROPOSAL_ENTRIES' end, '', e.entered_on, d.product_line, d.region, d.customer_tier, d.channel,
       d.new_customer, 1
from deal_actual d join deal_stage_entry e on e.deal_id = d.deal_id
where e.stage in ('LEAD', 'CONTACTED', 'PROPOSAL');

-- The contributions with each unit they count for: the credited unit and its ancestors.
create view credited_contribution as
select a.unit_id::uuid as org_unit_id, c.*
from deal_contribution c
cross join lateral unnest(string_to_array(credited_path(c.owner_id, c.day), '/')) as a (unit_id);

-- Per unit, source, currency, day and combination of the dimensions targets filter on: the rows a target with
-- dimensions (a product line, a region…) sums. Dimensions are null where the deal has none, and a null matches
-- only a null (nulls not distinct), as one combination.
create table unit_actual_detail (
    org_unit_id   uuid           not null,
    source        varchar(40)    not null,
    currency      varchar(3)     not null,
    day           date           not null,
    product_line  varchar(200),
    region        varchar(200),
    customer_tier varchar(200),
    channel       varchar(200),
    new_customer  boolean        not null,
    value         numeric(23, 4) not null
);

-- The same summed over the dimensions: a target without dimensions reads one row per day.
-- (Both tables are filled from the existing actuals first and indexed after, which is faster than the reverse.)
create table unit_actual (
    org_unit_id uuid           not null,
    source      varchar(40)    not null,
    currency    varchar(3)     not null,
    day         date           not null,
    value       numeric(23, 4) not null
);

insert into unit_actual_detail (org_unit_id, source, currency, day, product_line, region, customer_tier, channel,
                                new_customer, value)
select org_unit_id, source, currency, day, product_line, region, customer_tier, channel, new_customer, sum(value)
from credited_contribution
group by org_unit_id, source, currency, day, product_line, region, customer_tier, channel, new_customer
having sum(value) <> 0
order by org_unit_id, source, currency, day;

insert into unit_actual (org_unit_id, source, currency, day, value)
select org_unit_id, source, currency, day, sum(value)
from unit_actual_detail
group by org_unit_id, source, currency, day
having sum(value) <> 0
order by org_unit_id, source, currency, day;

-- The indexes carry the value, so reads need not visit the table. unit_actual_detail's key (dimensions before
-- the day) serves the upserts and filters naming a product line (a decomposition's usual first split) with one
-- range per remaining combination; the second index any other filter with one range of days.
alter table unit_actual add primary key (org_unit_id, source, currency, day) include (value);
create unique index unit_actual_detail_key on unit_actual_detail
    (org_unit_id, source, currency, product_line, region, customer_tier, channel, new_customer, day) include (value)
    nulls not distinct;
create index unit_actual_detail_day on unit_actual_detail (org_unit_id, source, currency, day)
    include (product_line, region, customer_tier, channel, new_customer, value);
