-- The read model: certificates and slices as the registry accepted them.
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
    state          varchar(16)  not null
);

create index slice_of_certificate on slice (certificate_id);
create index slice_of_owner on slice (owner);
