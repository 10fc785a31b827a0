-- Who asked for the command (the token's sub): only they, and operators, may read its status.
-- Commands accepted before this column existed have none and are visible to operators only.
alter table tracked_command add column requested_by varchar(255);
