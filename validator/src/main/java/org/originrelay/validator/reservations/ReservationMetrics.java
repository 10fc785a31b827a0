package org.originrelay.validator.reservations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.originrelay.validator.reservations.persistence.ReservationStore;
import org.springframework.stereotype.Component;

/**
 * {@code relay.validator.reservations.oldest_age} (seconds; 0 when nothing is held): alert when it
 * grows past the registry's normal answer time, a hold nothing will end.
 */
@Component
class ReservationMetrics {

    ReservationMetrics(MeterRegistry meters, ReservationStore reservations) {
        Gauge.builder("relay.validator.reservations.oldest_age", reservations,
                        store -> store.oldestSince().map(since -> Duration.between(since, Instant.now()).toMillis() / 1000.0)
                                .orElse(0.0))
                .baseUnit("seconds")
                .description("age of the oldest reservation held for a command the registry has not answered")
                .register(meters);
    }
}
