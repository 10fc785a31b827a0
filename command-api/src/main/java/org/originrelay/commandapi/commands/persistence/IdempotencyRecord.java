package org.originrelay.commandapi.commands.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/**
 * The first answer given to a request sent with an {@code Idempotency-Key}: a repeat of the same request
 * gets it again, another request under the same key is refused.
 */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord implements Persistable<String> {

    @Id
    @Column(name = "idempotency_key")
    private String key;

    @Column(name = "request_hash", nullable = false)
    private String requestHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "command_id", nullable = false)
    private TrackedCommand command;

    @Column(name = "response_body", nullable = false, columnDefinition = "text")
    private String responseBody;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The key is the client's, so Spring Data cannot tell a new record by a missing id. */
    @Transient
    private boolean isNew;

    protected IdempotencyRecord() {
    }

    public IdempotencyRecord(String key, String requestHash, TrackedCommand command, String responseBody,
            Instant createdAt) {
        this.key = key;
        this.requestHash = requestHash;
        this.command = command;
        this.responseBody = responseBody;
        this.createdAt = createdAt;
        this.isNew = true;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
    }

    @Override
    public String getId() {
        return key;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    public String requestHash() {
        return requestHash;
    }

    public TrackedCommand command() {
        return command;
    }

    public String responseBody() {
        return responseBody;
    }
}
