package org.originrelay.projection.owners.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "known_owner")
public class KnownOwnerEntity {

    @Id
    @Column(name = "owner_id")
    private String ownerId;

    @Column(nullable = false)
    private boolean active;

    protected KnownOwnerEntity() {
    }

    public KnownOwnerEntity(String ownerId, boolean active) {
        this.ownerId = ownerId;
        this.active = active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String ownerId() {
        return ownerId;
    }

    public boolean active() {
        return active;
    }
}
