-- A recalculation after a ledger change covers only the members it concerns (the member, their team and
-- its manager), so a run no longer always holds a statement for everyone in the period. scope says which:
-- PERIOD (every assigned member; requests, closing, plan and rate changes) or MEMBERS (some of them).
alter table calculation_run add column scope varchar(20) not null default 'PERIOD';
alter table calculation_run add constraint calculation_run_scope check (scope in ('PERIOD', 'MEMBERS'));

-- Each member's statement that a period shows now: the newest run that calculated the member. A PERIOD run
-- replaces a period's pointers, a MEMBERS run those of its members. These rows are a pointer, like
-- commission_period.current_run_id, not history: statements and lines themselves stay append-only.
create table current_statement (
    statement_id uuid         not null unique references statement (id),
    period_id    uuid         not null references commission_period (id),
    member_id    varchar(255) not null,
    primary key (period_id, member_id)
);

insert into current_statement (statement_id, period_id, member_id)
select s.id, s.period_id, s.member_id
from statement s join commission_period p on s.run_id = p.current_run_id;
