-- Every command accepted over REST, its current status and how it got there.

create table tracked_command (
    command_id   uuid        primary key,
    command_name varchar(32) not null,
    status       varchar(32) not null,
    reason       text,
    requested_at timestamptz not null,
    version      bigint      not null
);

-- Drawn one at a time, so the ids of one command's changes grow in the order they were recorded
-- (even with several instances): the history is read in id order.
create sequence command_status_change_seq;

create table command_status_change (
    id         bigint      primary key,
    command_id uuid        not null references tracked_command (command_id),
    status     varchar(32) not null,
    at         timestamptz not null
);

create index command_status_change_by_command on command_status_change (command_id, id);

-- The first answer to a request sent with an Idempotency-Key, stored with the command it created.
create table idempotency_record (
    idempotency_key varchar(255) primary key,
    request_hash    varchar(64)  not null,
    command_id      uuid         not null references tracked_command (command_id),
    response_body   text         not null,
    created_at      timestamptz  not null
);
