package org.originrelay.provisioningbridge.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceHealthUnitTest {

    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aProblemShowsAtOnceButIsDownOnlyAfterTheConfiguredTimeWithoutProgress() {
        SourceHealth health = new SourceHealth(Duration.ofSeconds(30), clock);
        health.failed("RabbitMQ did not confirm");

        assertThat(health.status().build().getStatus().getCode()).isEqualTo("UP");
        assertThat(health.status().build().getDetails()).containsEntry("problem", "RabbitMQ did not confirm");

        now = now.plusSeconds(30);
        assertThat(health.status().build().getStatus().getCode()).isEqualTo("DOWN");

        health.progressed();
        assertThat(health.status().build().getStatus().getCode()).isEqualTo("UP");
        assertThat(health.status().build().getDetails()).containsEntry("problem", "none");
    }

    @Test
    void noProblemIsUpHoweverLongItIsQuiet() {
        SourceHealth health = new SourceHealth(Duration.ofSeconds(30), clock);
        now = now.plus(Duration.ofHours(1));

        assertThat(health.status().build().getStatus().getCode()).isEqualTo("UP");
    }
}
