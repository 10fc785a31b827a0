package org.originrelay.commandapi.subscriptions;

import java.util.HashMap;
import java.util.Map;

/**
 * Messages delivered to and acknowledged by subscribers, per queue, kept from the broker's per-channel
 * counters. The broker counts per (channel, queue) and forgets a channel's counts when it closes, so a
 * subscriber that reconnects would start again from zero: this keeps what each channel had reached at
 * the last reading and, once the channel is gone, adds it to the queue's retained total. What a channel
 * did between the last reading and its closing is not seen (docs/subscriptions.md).
 */
public final class DeliveryTally {

    /** Counts of one channel on one queue, or totals. */
    public record Counts(long delivered, long acked) {

        static final Counts ZERO = new Counts(0, 0);

        Counts plus(Counts other) {
            return new Counts(delivered + other.delivered, acked + other.acked);
        }
    }

    private final Map<String, Map<String, Counts>> openChannels = new HashMap<>();
    private final Map<String, Counts> closedChannels = new HashMap<>();

    /**
     * Takes one reading of the broker: per queue, per channel its counts now. A channel of a queue seen
     * before and absent now has closed.
     */
    public synchronized void record(Map<String, Map<String, Counts>> reading) {
        for (var queue : openChannels.entrySet()) {
            Map<String, Counts> now = reading.getOrDefault(queue.getKey(), Map.of());
            queue.getValue().forEach((channel, last) -> {
                if (!now.containsKey(channel)) {
                    closedChannels.merge(queue.getKey(), last, Counts::plus);
                }
            });
        }
        openChannels.clear();
        reading.forEach((queue, channels) -> openChannels.put(queue, new HashMap<>(channels)));
    }

    /** Everything counted for {@code queue}: its closed channels' last counts plus its open ones'. */
    public synchronized Counts totals(String queue) {
        Counts total = closedChannels.getOrDefault(queue, Counts.ZERO);
        for (Counts open : openChannels.getOrDefault(queue, Map.of()).values()) {
            total = total.plus(open);
        }
        return total;
    }

    /** A deleted subscription's queue: a new one of the same name starts from zero. */
    public synchronized void forget(String queue) {
        openChannels.remove(queue);
        closedChannels.remove(queue);
    }
}
