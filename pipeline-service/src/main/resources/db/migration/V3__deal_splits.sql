-- Credit splits (业绩分配): who is credited with which share of a deal. The shares of a deal add up to
-- exactly 100 percent and name its owner; the service checks the sum, the table each share.
create table deal_split (
    deal_id   uuid          not null references deal (id),
    member_id varchar(100)  not null,
    percent   numeric(7, 4) not null check (percent > 0 and percent <= 100),
    primary key (deal_id, member_id)
);

-- Deals from before splits existed credit their owner wholly, as their events already said.
insert into deal_split (deal_id, member_id, percent)
select id, owner_id, 100 from deal;
