-- Reconciliation: the connector compares each certificate's stream on the registry with what it last
-- announced (docs/reconciliation.md).

-- Which certificates each command touched (a claim touches two): finds a certificate's own transactions,
-- and what to reconcile after a command.
create table command_certificate (
    certificate_id uuid not null,
    command_id     uuid not null references registry_command,
    primary key (certificate_id, command_id)
);
insert into command_certificate (certificate_id, command_id)
select (validated_event ->> 'certificateId')::uuid, command_id from registry_command
where validated_event ? 'certificateId'
union
select (validated_event ->> 'productionCertificateId')::uuid, command_id from registry_command
where validated_event ? 'productionCertificateId'
union
select (validated_event ->> 'consumptionCertificateId')::uuid, command_id from registry_command
where validated_event ? 'consumptionCertificateId';

-- The connector's last announced state of a certificate beyond its commands' outcomes: the last
-- CertificateReconciled it published. registry_transactions is how many stream transactions that event
-- covered; what the stream holds after them is announced only by commands' outcomes.
create table certificate_announcement (
    certificate_id        uuid primary key,
    registry_transactions int         not null default 0,
    slices                jsonb,
    reconciliation_id     uuid,
    announced_at          timestamptz,
    -- When a command on it last ended, and when the sweep last looked at it.
    touched_at            timestamptz,
    swept_at              timestamptz
);
create index certificate_announcement_to_sweep on certificate_announcement (touched_at)
    where swept_at is null or swept_at < touched_at;

-- One reconciliation of one certificate: asked by an operator, by the sweep, or after a command whose
-- outcome was partial. DUE until it ran; attempts count the tries to read the stream.
create table reconciliation (
    reconciliation_id  uuid primary key,
    certificate_id     uuid        not null,
    started_by         varchar(16) not null check (started_by in ('operator', 'sweep', 'command')),
    state              varchar(16) not null check (state in ('DUE', 'IN_AGREEMENT', 'REPAIRED', 'FAILED')),
    request_message_id uuid,
    requested_at       timestamptz not null default now(),
    next_attempt_at    timestamptz not null default now(),
    attempts           int         not null default 0,
    differences        jsonb,
    finished_at        timestamptz
);
create index reconciliation_due on reconciliation (next_attempt_at) where state = 'DUE';
