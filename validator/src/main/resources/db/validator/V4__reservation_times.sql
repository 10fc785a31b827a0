-- When each hold began, so operators see how long a command has held what it holds.
alter table slice add column reserved_at timestamptz;
alter table pending_issue add column promised_at timestamptz not null default now();
alter table pending_slice_id add column promised_at timestamptz not null default now();
update slice set reserved_at = now() where reserved_by is not null;
