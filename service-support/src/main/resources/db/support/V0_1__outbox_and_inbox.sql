-- Transactional outbox: rows are written in the business transaction and published by OutboxRelay.
create table outbox_message (
    id                bigserial primary key,
    event_id          uuid         not null unique,
    topic             varchar(200) not null,
    event_type        varchar(200) not null,
    aggregate_type    varchar(100) not null,
    aggregate_id      varchar(200) not null,
    aggregate_version bigint       not null,
    payload           text         not null,
    occurred_at       timestamptz  not null,
    sent_at           timestamptz,
    attempts          integer      not null default 0,
    next_attempt_at   timestamptz  not null,
    last_error        varchar(2000)
);
create index outbox_message_unsent on outbox_message (id) where sent_at is null;

-- Inbox: one row per processed event id and consumer, written in the consumer's transaction.
create table inbox_event (
    consumer    varchar(100) not null,
    event_id    varchar(200) not null,
    event_type  varchar(200) not null,
    subject     varchar(200),
    applied     boolean      not null,
    received_at timestamptz  not null,
    primary key (consumer, event_id)
);

-- Highest aggregate version each consumer has applied; older versions are stale and ignored.
create table inbox_aggregate_version (
    consumer     varchar(100) not null,
    aggregate_id varchar(200) not null,
    version      bigint       not null,
    primary key (consumer, aggregate_id)
);
