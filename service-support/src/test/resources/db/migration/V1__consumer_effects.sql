-- The effect of the test consumer: one row per applied event, written in the same transaction as the
-- consumer's inbox entry, so a test can count how often an event took effect.
create table consumer_effect (
    id        bigserial primary key,
    consumer  varchar(100) not null,
    event_id  varchar(200) not null,
    subject   varchar(200) not null,
    version   bigint       not null
);
