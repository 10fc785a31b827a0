package org.originrelay.provisioningbridge.source;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of several bridges on one subscription is the active one: the holder of one key in a NATS
 * key-value bucket whose entries expire after {@code ttl} (the bucket's max age: NATS 2.9 has no
 * per-key TTL). A bridge takes the lease by creating the key (fails while another holds it) and keeps
 * it by updating it with the revision it last wrote (compare-and-set: fails once anyone else wrote it).
 * A holder that stops renewing loses it when the entry expires; one that stops cleanly deletes it.
 * <p>
 * Fencing, by the holder's own clock: the lease counts from the moment the holder <em>sent</em> its
 * last successful write, so it ends locally no later than the entry expires at the server. The bridge
 * fetches only while the lease has more than {@code ackWait + fetchWait} left, so every message it
 * fetched is due for redelivery before anyone else can take over: the next holder gets them first, in
 * order. It publishes and acks only while the lease lasts (see docs/adr/0009).
 */
final class BridgeLease {

    private static final Logger log = LoggerFactory.getLogger(BridgeLease.class);

    private final String bucket;
    private final String key;
    private final String holder;
    private final Duration configuredTtl;
    private final LongSupplier nanoClock;
    private Duration ttl;
    private long revision;
    /** {@link System#nanoTime()} when the lease ends here; meaningful only while {@link #revision} > 0. */
    private long validUntil;

    BridgeLease(String bucket, String key, String holder, Duration ttl, LongSupplier nanoClock) {
        this.bucket = bucket;
        this.key = key;
        this.holder = holder;
        this.configuredTtl = ttl;
        this.ttl = ttl;
        this.nanoClock = nanoClock;
    }

    /**
     * Renews the lease when a third of it has passed, or tries to take it when not held. Returns whether
     * this bridge holds it afterwards. NATS failures propagate: the caller starts over, as standby.
     */
    boolean holdOrAcquire(Connection connection) throws IOException, JetStreamApiException {
        if (!dueForRenewal()) {
            return true;
        }
        KeyValue store = store(connection);
        byte[] value = holder.getBytes(StandardCharsets.UTF_8);
        long sent = nanoClock.getAsLong();
        if (held()) {
            try {
                revision = store.update(key, value, revision);
                validUntil = sent + ttl.toNanos();
                return true;
            } catch (JetStreamApiException e) {
                log.warn("Lost the lease {} of bucket {} ({}): now standby", key, bucket, e.getMessage());
                revision = 0;
            }
        }
        try {
            revision = store.create(key, value);
            validUntil = sent + ttl.toNanos();
            log.info("Took the lease {} of bucket {} as {}: now the active bridge", key, bucket, holder);
            return true;
        } catch (JetStreamApiException e) {
            // Another bridge holds it (the key exists): stay standby.
            return false;
        }
    }

    /** Whether the lease still lasts longer than {@code margin}: the fence before fetching, publishing, acking. */
    boolean lastsLongerThan(Duration margin) {
        return held() && remaining().compareTo(margin) > 0;
    }

    /** Whether {@link #holdOrAcquire} would renew it now: a bridge pauses a long run of batches for that. */
    boolean dueForRenewal() {
        return !lastsLongerThan(ttl.multipliedBy(2).dividedBy(3));
    }

    /** Gives the lease up, so a standby takes over at once (not only when it expires). */
    void release(Connection connection) {
        if (!held()) {
            return;
        }
        try {
            store(connection).delete(key, revision);
            log.info("Released the lease {} of bucket {}", key, bucket);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            log.info("Could not release the lease {} ({}); it expires by itself", key, e.toString());
        }
        revision = 0;
    }

    /** Forgets the lease without telling NATS (the connection is gone): it expires at the server. */
    void forget() {
        revision = 0;
    }

    boolean held() {
        return revision > 0 && nanoClock.getAsLong() - validUntil < 0;
    }

    /** Who holds the lease, as NATS says (for health); empty when nobody does. */
    String currentHolder(Connection connection) {
        try {
            KeyValueEntry entry = connection == null ? null : connection.keyValue(bucket).get(key);
            return entry == null || entry.getValue() == null ? "" : entry.getValueAsString();
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    String holder() {
        return holder;
    }

    Duration ttl() {
        return ttl;
    }

    private Duration remaining() {
        return Duration.ofNanos(validUntil - nanoClock.getAsLong());
    }

    /**
     * The bucket, created if missing. When it exists its own max age is the lease's length (every
     * bridge must fence by the same expiry), whatever this bridge was configured with.
     */
    private KeyValue store(Connection connection) throws IOException, JetStreamApiException {
        KeyValueManagement management = connection.keyValueManagement();
        try {
            ttl = management.getStatus(bucket).getTtl();
        } catch (JetStreamApiException missing) {
            try {
                management.create(KeyValueConfiguration.builder().name(bucket).ttl(configuredTtl)
                        .maxHistoryPerKey(1).storageType(StorageType.Memory).build());
            } catch (JetStreamApiException raced) {
                // Another bridge created it at the same moment; its settings are read below.
            }
            ttl = management.getStatus(bucket).getTtl();
        }
        if (!ttl.equals(configuredTtl)) {
            log.debug("Lease bucket {} expires entries after {}, not the configured {}", bucket, ttl, configuredTtl);
        }
        return connection.keyValue(bucket);
    }
}
