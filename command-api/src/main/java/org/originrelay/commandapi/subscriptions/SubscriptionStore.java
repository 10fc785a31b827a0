package org.originrelay.commandapi.subscriptions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Subscriptions in command-api's schema. Creation is an insert that does nothing on an existing name;
 * changes are conditional on the version read, so two concurrent changes never overwrite each other.
 */
@Repository
class SubscriptionStore {

    private final JdbcClient jdbc;

    SubscriptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true if this call created it, false if the name was taken */
    boolean insert(SubscriptionSpec spec, String owner, Instant now) {
        return jdbc.sql("""
                INSERT INTO subscription (name, owner, exchange, bindings, initial_delay_ms, multiplier, max_delay_ms,
                                          max_attempts, version, created_at, updated_at)
                VALUES (:name, :owner, :exchange, :bindings, :initialDelay, :multiplier, :maxDelay, :maxAttempts, 1,
                        :now, :now)
                ON CONFLICT (name) DO NOTHING""")
                .param("name", spec.name())
                .param("owner", owner)
                .params(columns(spec))
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** @return true if the row still had {@code version} and now holds {@code spec} */
    boolean update(SubscriptionSpec spec, long version, Instant now) {
        return jdbc.sql("""
                UPDATE subscription SET exchange = :exchange, bindings = :bindings, initial_delay_ms = :initialDelay,
                       multiplier = :multiplier, max_delay_ms = :maxDelay, max_attempts = :maxAttempts,
                       version = version + 1, updated_at = :now
                WHERE name = :name AND version = :version""")
                .param("name", spec.name())
                .param("version", version)
                .params(columns(spec))
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    boolean delete(String name, long version) {
        return jdbc.sql("DELETE FROM subscription WHERE name = :name AND version = :version")
                .param("name", name)
                .param("version", version)
                .update() == 1;
    }

    Optional<Subscription> find(String name) {
        return jdbc.sql("SELECT * FROM subscription WHERE name = :name").param("name", name)
                .query(SubscriptionStore::read).optional();
    }

    List<Subscription> all() {
        return jdbc.sql("SELECT * FROM subscription ORDER BY name").query(SubscriptionStore::read).list();
    }

    private static java.util.Map<String, Object> columns(SubscriptionSpec spec) {
        return java.util.Map.of(
                "exchange", spec.exchange(),
                "bindings", String.join(" ", spec.bindings()),
                "initialDelay", spec.retry().initialDelay().toMillis(),
                "multiplier", spec.retry().multiplier(),
                "maxDelay", spec.retry().maxDelay().toMillis(),
                "maxAttempts", spec.retry().maxAttempts());
    }

    private static Subscription read(ResultSet row, int index) throws SQLException {
        RetrySettings retry = new RetrySettings(Duration.ofMillis(row.getLong("initial_delay_ms")),
                row.getDouble("multiplier"), Duration.ofMillis(row.getLong("max_delay_ms")), row.getInt("max_attempts"));
        SubscriptionSpec spec = new SubscriptionSpec(row.getString("name"), row.getString("exchange"),
                Arrays.asList(row.getString("bindings").split(" ")), retry);
        return new Subscription(spec, row.getString("owner"), row.getLong("version"),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }
}
