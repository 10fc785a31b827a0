package org.originrelay.commandapi.subscriptions;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.originrelay.commandapi.subscriptions.DeliveryTally.Counts;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTallyUnitTest {

    private final DeliveryTally tally = new DeliveryTally();

    @Test
    void aClosedChannelsLastCountsStayInTheTotalAndANewChannelAddsToThem() {
        tally.record(Map.of("subscription.a", Map.of("<0.1.0>", new Counts(5, 3))));
        tally.record(Map.of("subscription.a", Map.of("<0.1.0>", new Counts(7, 6), "<0.2.0>", new Counts(1, 0))));
        assertThat(tally.totals("subscription.a")).isEqualTo(new Counts(8, 6));

        tally.record(Map.of("subscription.a", Map.of("<0.3.0>", new Counts(2, 2))));

        assertThat(tally.totals("subscription.a")).isEqualTo(new Counts(10, 8));
        tally.record(Map.of());
        assertThat(tally.totals("subscription.a")).isEqualTo(new Counts(10, 8));
    }

    @Test
    void queuesAreCountedApartAndAForgottenOneStartsFromZero() {
        tally.record(Map.of("subscription.a", Map.of("<0.1.0>", new Counts(5, 3)),
                "subscription.b", Map.of("<0.1.0>", new Counts(1, 1))));
        tally.record(Map.of("subscription.b", Map.of("<0.1.0>", new Counts(2, 2))));

        tally.forget("subscription.a");

        assertThat(tally.totals("subscription.a")).isEqualTo(new Counts(0, 0));
        assertThat(tally.totals("subscription.b")).isEqualTo(new Counts(2, 2));
        assertThat(tally.totals("subscription.unknown")).isEqualTo(new Counts(0, 0));
    }
}
