-- Who replayed or discarded which dead letters (issue 13). Version 3.13 so it cannot collide with a V3
-- of another change merged at the same time.
create table dead_letter_audit (
    id                     bigserial primary key,
    operation_id           uuid        not null unique,
    started_at             timestamptz not null,
    finished_at            timestamptz,
    operator               text        not null,
    action                 text        not null check (action in ('REPLAY', 'DISCARD')),
    queue                  text        not null,
    selection              text        not null,
    planned                integer     not null,
    done                   integer     not null default 0,
    status                 text        not null,
    detail                 text,
    message_ids            text[]      not null default '{}',
    message_ids_truncated  boolean     not null default false
);
create index dead_letter_audit_started_at on dead_letter_audit (started_at desc);
create index dead_letter_audit_message_ids on dead_letter_audit using gin (message_ids);
