package org.originrelay.registryconnector.registry;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The registry channel's connectivity in {@code /actuator/health}: up when connected, down while the
 * registry cannot be reached, unknown while connecting. Looking also asks an idle channel to connect,
 * so the next look shows whether the registry is reachable. Stored transactions simply wait while the
 * registry is down, so this belongs in the overall health, not in a liveness probe.
 */
public class RegistryChannelHealthIndicator implements HealthIndicator {

    private final ManagedChannel channel;
    private final String target;

    public RegistryChannelHealthIndicator(ManagedChannel channel, String target) {
        this.channel = channel;
        this.target = target;
    }

    @Override
    public Health health() {
        ConnectivityState state = channel.getState(true);
        Health.Builder health = switch (state) {
            case READY -> Health.up();
            case IDLE, CONNECTING -> Health.unknown();
            case TRANSIENT_FAILURE, SHUTDOWN -> Health.down();
        };
        return health.withDetail("target", target).withDetail("channel", state.name()).build();
    }
}
