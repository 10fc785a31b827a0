package org.originrelay.projection.owners.persistence;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The known_owner table: one upsert per user event, one read per question. */
@Repository
public class KnownOwnerStore {

    private final JdbcClient jdbc;

    KnownOwnerStore(JdbcClient jdbc) {
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
