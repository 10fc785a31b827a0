package org.originrelay.registry.simulator;

import java.util.Map;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts Spring Boot's logging system without an application: the simulator then logs as the services
 * do, plain text by default and one JSON object per line when {@code LOGGING_STRUCTURED_FORMAT_CONSOLE}
 * (or {@code -Dlogging.structured.format.console}) is {@code ecs}, {@code logstash} or {@code gelf}, with
 * the {@code traceId} and {@code spanId} of the call being handled. Boot's encoder needs Boot's logging
 * system to be the one that configured Logback, so this is what {@link RegistrySimulator#main} calls first.
 */
final class SimulatorLogging {

    static final String SERVICE_NAME = "registry-simulator";

    private SimulatorLogging() {
    }

    /** Configures logging from the process's environment variables and system properties. */
    static LoggingSystem initialize() {
        return initialize(new StandardEnvironment());
    }

    /** Configures logging from these settings; the returned system's {@code cleanUp} undoes it. */
    static LoggingSystem initialize(ConfigurableEnvironment environment) {
        // Named like the services' spring.application.name, so the lines say which process wrote them.
        environment.getPropertySources().addLast(new MapPropertySource("registry-simulator-defaults",
                Map.of("spring.application.name", SERVICE_NAME)));
        LoggingSystem system = LoggingSystem.get(SimulatorLogging.class.getClassLoader());
        system.beforeInitialize();
        system.initialize(new LoggingInitializationContext(environment), null, null);
        return system;
    }
}
