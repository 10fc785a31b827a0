package org.originrelay.provisioningbridge.source;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.provisioningbridge.BridgeTestEnvironment;
import org.originrelay.testsupport.NatsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lease against a real NATS: one holder at a time, renewal by compare-and-set, expiry, fencing. */
class BridgeLeaseIntegrationTest {

    private static final Duration TTL = Duration.ofSeconds(2);

    private final String bucket = BridgeTestEnvironment.uniqueName("lease-test");
    private final AtomicLong firstClock = new AtomicLong(System.nanoTime());
    private Connection nats;

    @BeforeEach
    void connect() throws Exception {
        nats = Nats.connect(NatsServer.locate().url());
    }

    @AfterEach
    void removeTheBucket() throws Exception {
        BridgeTestEnvironment.deleteBucket(nats, bucket);
        nats.close();
    }

    @Test
    void oneHolderAtATimeAndAHolderThatStoppedRenewingIsFencedAndReplaced() throws Exception {
        BridgeLease first = new BridgeLease(bucket, "active", "first", TTL, firstClock::get);
        BridgeLease second = new BridgeLease(bucket, "active", "second", TTL, System::nanoTime);

        assertThat(first.holdOrAcquire(nats)).isTrue();
        assertThat(second.holdOrAcquire(nats)).as("taken while the first holds it").isFalse();
        assertThat(first.currentHolder(nats)).isEqualTo("first");
        assertThat(first.lastsLongerThan(TTL.dividedBy(2))).isTrue();

        // The first holder stalls (its clock runs on, it renews nothing): by its own clock its lease is
        // over before NATS expires it, so it stops fetching, publishing and acking first.
        firstClock.addAndGet(TTL.toNanos());
        assertThat(first.lastsLongerThan(Duration.ZERO)).isFalse();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> second.holdOrAcquire(nats));
        assertThat(second.currentHolder(nats)).isEqualTo("second");

        assertThat(first.holdOrAcquire(nats)).as("the stalled holder wakes up: the lease is gone").isFalse();
        assertThat(first.held()).isFalse();
    }

    @Test
    void aHolderRenewsItsLeaseAndAReleasedLeaseIsTakenAtOnce() throws Exception {
        AtomicLong clock = new AtomicLong(System.nanoTime());
        BridgeLease first = new BridgeLease(bucket, "active", "first", TTL, clock::get);
        BridgeLease second = new BridgeLease(bucket, "active", "second", TTL, System::nanoTime);
        assertThat(first.holdOrAcquire(nats)).isTrue();

        clock.addAndGet(TTL.dividedBy(2).toNanos());
        assertThat(first.holdOrAcquire(nats)).as("renewed after a third of the TTL").isTrue();
        assertThat(first.lastsLongerThan(TTL.multipliedBy(9).dividedBy(10))).isTrue();
        assertThat(second.holdOrAcquire(nats)).isFalse();

        first.release(nats);
        assertThat(first.held()).isFalse();
        assertThat(second.holdOrAcquire(nats)).as("released: taken without waiting for the TTL").isTrue();
    }
}
