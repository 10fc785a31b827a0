-- Every send attempt is recorded (fenced by the lease token) in the statement right before the call, so
-- "was this transaction perhaps sent?" has an answer: send_attempts > 0.
alter table registry_transaction add column send_attempts int not null default 0;
alter table registry_transaction add column last_send_attempt_at timestamptz;
-- Set when the registry did not know a transaction that may have been sent and its stream did not hold
-- it: it is sent again only after this instant (the settle window), if it is still unknown and absent then.
alter table registry_transaction add column resend_not_before timestamptz;

-- Rows from before this migration that may have been sent count as sent once.
update registry_transaction set send_attempts = 1 where state in ('SENDING', 'SENT', 'COMMITTED', 'FAILED');
