-- Idempotency keys are stored as "<length of requester>:<requester>:<client's key>", so keys of different
-- clients never collide; the client's part alone may be 255 characters.
alter table idempotency_record alter column idempotency_key type varchar(600);
