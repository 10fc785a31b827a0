-- The validator's own view of certificates, built only from registry-accepted events.
create table certificate (
    certificate_id uuid         primary key,
    type           varchar(16)  not null,
    grid_area      varchar(100) not null,
    period_start   timestamptz  not null,
    period_end     timestamptz  not null,
    quantity       bigint       not null
);

create table slice (
    slice_id       uuid         primary key,
    certificate_id uuid         not null references certificate,
    owner          varchar(100) not null,
    quantity       bigint       not null check (quantity > 0),
    state          varchar(16)  not null,
    -- The command that may change this slice until the registry has answered; null when free.
    reserved_by    uuid
);

create index slice_of_certificate on slice (certificate_id);
create index slice_reserved_by on slice (reserved_by) where reserved_by is not null;

-- Certificate ids promised to an issue command the registry has not answered yet.
create table pending_issue (
    certificate_id uuid primary key,
    command_id     uuid not null unique
);
