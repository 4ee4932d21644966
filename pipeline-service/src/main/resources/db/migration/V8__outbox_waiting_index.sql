-- The outbox relay's query for due rows leaves out every aggregate that has a row waiting for a retry
-- (next_attempt_at in the future). Without an index PostgreSQL finds those by reading every unsent row, each round:
-- with a backlog of 150,000 rows (a few seconds of CRM batches) that took 230-490 ms per round of 1,000 rows; with
-- this index it reads only the waiting rows, usually none (under 1 ms).
create index outbox_message_waiting on outbox_message (next_attempt_at) where sent_at is null;
