-- Issuances and slicings carry range proofs that cost tens of milliseconds of CPU to build: the consumer
-- only stores such a command, awaiting its build, and the proving pool builds it. A builder locks the row
-- (for update skip locked, so another instance's builder passes it by), builds, stores the transactions
-- and clears the flag in one transaction: built and stored once, or, after a crash, not at all and built
-- again.
alter table registry_command add column awaiting_build boolean not null default false;

create index registry_command_awaiting_build on registry_command (received_at) where awaiting_build;
