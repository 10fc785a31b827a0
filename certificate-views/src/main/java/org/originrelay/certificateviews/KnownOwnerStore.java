package org.originrelay.certificateviews;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The known_owner table of a service that learns the owners from the provisioning events, in the schema of
 * the DataSource the service gives it: one upsert per user event, one read per question.
 */
public class KnownOwnerStore {

    private final JdbcClient jdbc;

    public KnownOwnerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String ownerId, boolean active) {
        jdbc.sql("""
                insert into known_owner (owner_id, active) values (:owner, :active)
                on conflict (owner_id) do update set active = excluded.active
                """).param("owner", ownerId).param("active", active).update();
    }

    /** Empty when never provisioned; false when the user was deleted. */
    public Optional<Boolean> isActive(String ownerId) {
        return jdbc.sql("select active from known_owner where owner_id = :owner").param("owner", ownerId)
                .query(Boolean.class).optional();
    }
}
