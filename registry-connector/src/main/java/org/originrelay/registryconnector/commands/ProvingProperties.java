package org.originrelay.registryconnector.commands;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The proving pool, under {@code relay.registry.proving}: the threads that build issuances' and
 * slicings' transactions (their range proofs) off the consumer.
 *
 * @param threads builder threads; 0 (the default) for one per available core, since proving is pure CPU
 * @param poll how often an idle builder looks for work it was not woken for (another instance's commands,
 *     or one whose build failed or crashed); a command stored here wakes a builder at once
 */
@ConfigurationProperties("relay.registry.proving")
public record ProvingProperties(@DefaultValue("0") int threads, @DefaultValue("1s") Duration poll) {

    public ProvingProperties {
        if (threads < 0) {
            throw new IllegalArgumentException("relay.registry.proving.threads must not be negative: " + threads);
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("relay.registry.proving.poll must be positive: " + poll);
        }
    }

    /** The builder threads to start. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
