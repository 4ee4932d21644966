-- Members whose statements in open periods no longer match the ledger: a credit, payment or quota arrived,
-- or a plan, assignment or exchange rate changed (member_id null: everyone). The recalculation job reads
-- the newest id, recalculates the open periods concerned and deletes the markers up to that id; a marker
-- written meanwhile stays for the next round. These rows are work to do, not history.
create table statement_staleness (
    id        bigint generated always as identity primary key,
    member_id varchar(255),
    marked_at timestamptz not null
);
