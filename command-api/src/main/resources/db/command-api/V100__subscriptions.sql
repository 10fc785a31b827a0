-- Managed subscriptions for outside AMQP clients (docs/subscriptions.md). Version 100 rather than the
-- next free number, so migrations other branches add meanwhile (V3, V4, ...) never collide with it.
CREATE TABLE subscription (
    name              text        PRIMARY KEY,
    owner             text        NOT NULL,
    exchange          text        NOT NULL,
    -- Binding keys separated by single spaces (a topic binding key cannot contain one).
    bindings          text        NOT NULL,
    initial_delay_ms  bigint      NOT NULL,
    multiplier        double precision NOT NULL,
    max_delay_ms      bigint      NOT NULL,
    max_attempts      integer     NOT NULL,
    version           bigint      NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
