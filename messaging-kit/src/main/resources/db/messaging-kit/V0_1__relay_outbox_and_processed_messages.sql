-- Tables of the messaging kit, created in every service's own schema.
-- Versions 0_x are reserved for the kit; services number their migrations from 1.

create table relay_outbox (
    id             bigserial primary key,
    message_id     varchar(64)  not null unique,
    exchange       varchar(255) not null,
    routing_key    varchar(255) not null,
    message_type   varchar(128) not null,
    correlation_id varchar(64),
    headers        text         not null,
    body           bytea        not null,
    created_at     timestamptz  not null default now(),
    published_at   timestamptz
);

create index relay_outbox_unpublished on relay_outbox (id) where published_at is null;

create table relay_processed_message (
    consumer     varchar(255) not null,
    message_id   varchar(255) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, message_id)
);

create index relay_processed_message_age on relay_processed_message (processed_at);
