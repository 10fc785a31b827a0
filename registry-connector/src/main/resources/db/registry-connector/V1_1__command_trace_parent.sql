-- The W3C traceparent of the validated message that brought the command, so the registry calls and the
-- outcome event, which happen later on other threads, continue the command's trace.
alter table registry_command add column trace_parent varchar(55);
