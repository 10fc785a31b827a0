-- What reconciliation with the registry brings into the view: a slice the registry holds for a claim
-- (ALLOCATED, with the allocation's id), a slice whose quantity only the registry knows (made elsewhere:
-- flagged, quantity 0, never guessed), and per certificate how many registry transactions the last applied
-- reconciliation had read, so an older one arriving late is ignored.
alter table slice add column allocation_id uuid;
alter table slice add column quantity_known boolean not null default true;
alter table slice drop constraint slice_quantity_check;
alter table slice add constraint slice_quantity_check
    check ((quantity_known and quantity > 0) or (not quantity_known and quantity = 0));
alter table slice add constraint slice_allocated_has_allocation
    check (state <> 'ALLOCATED' or allocation_id is not null);
alter table certificate add column reconciled_transactions bigint;
-- An owner the registry shows whose key maps to no known owner is external:<base64url of the public key>,
-- longer than the owner ids Origin Relay gives out.
alter table slice alter column owner type varchar(512);
