-- Slice ids promised to a command (an issue's slice, a slice command's new slices) the registry has not
-- answered yet: slice ids are global, so two commands must never both bring the same one to the registry.
create table pending_slice_id (
    slice_id   uuid primary key,
    command_id uuid not null
);

create index pending_slice_id_of_command on pending_slice_id (command_id);
