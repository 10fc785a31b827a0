-- The W3C traceparent of the transaction that wrote the row; the relay sends it as the message's header.
alter table relay_outbox add column trace_parent varchar(55);
