package org.originrelay.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * The readiness group as a gauge (1 ready, 0 not), so an alert fires when a service runs but cannot work
 * (database, broker or registry down) without an orchestrator probing it.
 */
class ReadinessGauge implements MeterBinder {

    private final ObjectProvider<HealthEndpoint> health;

    ReadinessGauge(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("relay.readiness.up", this::ready)
                .description("1 when the readiness group is UP (database, broker, registry channel), else 0")
                .register(registry);
    }

    private double ready() {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return Double.NaN;
        }
        HealthDescriptor readiness = endpoint.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}
