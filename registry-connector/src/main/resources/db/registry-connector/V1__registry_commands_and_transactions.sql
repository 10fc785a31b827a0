-- One row per validated command: the event it came with (to announce the outcome later) and how it ended.
create table registry_command (
    command_id           uuid         primary key,
    event_type           varchar(128) not null,
    validated_event      jsonb        not null,
    validated_message_id uuid         not null,
    validated_causation_id uuid       not null,
    validated_at         timestamptz  not null,
    state                varchar(16)  not null check (state in ('IN_PROGRESS', 'ACCEPTED', 'REJECTED')),
    outcome_reason       text,
    received_at          timestamptz  not null default now(),
    completed_at         timestamptz
);

-- The signed registry transactions of each command, built once, sent in position order.
-- STORED -> SENDING (committed before the send) -> SENT -> COMMITTED | FAILED; STORED -> ABANDONED when an
-- earlier transaction of the command failed.
create table registry_transaction (
    transaction_id    varchar(64) primary key,
    command_id        uuid        not null references registry_command,
    position          int         not null,
    payload           bytea       not null,
    state             varchar(16) not null
        check (state in ('STORED', 'SENDING', 'SENT', 'COMMITTED', 'FAILED', 'ABANDONED')),
    -- When the dispatcher may next work on it; while a step runs, the end of that step's lease.
    next_attempt_at   timestamptz not null default now(),
    -- Identifies the step currently holding the lease, so a late result of an expired step is dropped.
    lease_token       uuid,
    next_wait_ms      int         not null,
    failed_attempts   int         not null default 0,
    registry_status   varchar(16),
    registry_message  text,
    stuck_reported    boolean     not null default false,
    stored_at         timestamptz not null default now(),
    sent_at           timestamptz,
    finished_at       timestamptz,
    unique (command_id, position)
);

create index registry_transaction_due on registry_transaction (next_attempt_at)
    where state in ('STORED', 'SENDING', 'SENT');
