-- Operators' reconciliation requests and the registry-connector's answers (docs/reconciliation.md).
create table reconciliation_request (
    reconciliation_id uuid         primary key,
    certificate_id    uuid         not null,
    requested_by      varchar(255) not null,
    requested_at      timestamptz  not null default now(),
    status            varchar(16)  not null check (status in ('REQUESTED', 'IN_AGREEMENT', 'REPAIRED', 'FAILED')),
    differences       jsonb        not null default '[]'::jsonb,
    completed_at      timestamptz
);
