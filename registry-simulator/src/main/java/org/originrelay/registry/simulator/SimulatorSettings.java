package org.originrelay.registry.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.originrelay.registry.protocol.CommitmentScheme;

/** What {@link RegistrySimulator#main} runs with: environment variables, overridden by arguments. */
record SimulatorSettings(int port, Duration commitDelay, String registryName, String issuerSecret,
        CommitmentScheme commitmentScheme) {

    static final String DEFAULT_REGISTRY_NAME = "origin-relay-local";
    /** For local runs only: anyone can read it here, and it derives every issuer's key. */
    static final String DEVELOPMENT_SECRET = "local-dev-secret-change-me";

    private static final Map<String, String> ARGUMENT_TO_VARIABLE = Map.of(
            "--port", "REGISTRY_SIMULATOR_PORT",
            "--commit-delay", "REGISTRY_SIMULATOR_COMMIT_DELAY",
            "--registry-name", "REGISTRY_NAME",
            "--issuer-secret", "REGISTRY_ISSUER_SECRET",
            "--commitments", "REGISTRY_SIMULATOR_COMMITMENTS");

    static SimulatorSettings from(Map<String, String> environment, String[] args) {
        Map<String, String> values = new HashMap<>(environment);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String variable = equals < 0 ? null : ARGUMENT_TO_VARIABLE.get(arg.substring(0, equals));
            if (variable == null) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; expected one of "
                        + ARGUMENT_TO_VARIABLE.keySet() + " as --name=value");
            }
            values.put(variable, arg.substring(equals + 1));
        }
        return new SimulatorSettings(
                port(values.getOrDefault("REGISTRY_SIMULATOR_PORT", "9090")),
                duration(values.getOrDefault("REGISTRY_SIMULATOR_COMMIT_DELAY", "PT1S")),
                values.getOrDefault("REGISTRY_NAME", DEFAULT_REGISTRY_NAME),
                values.getOrDefault("REGISTRY_ISSUER_SECRET", DEVELOPMENT_SECRET),
                CommitmentScheme.named(values.getOrDefault("REGISTRY_SIMULATOR_COMMITMENTS", "pedersen")));
    }

    boolean usesDevelopmentSecret() {
        return DEVELOPMENT_SECRET.equals(issuerSecret);
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number, got '" + value + "'", e);
        }
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("commit delay must be an ISO-8601 duration such as PT1S, got '"
                    + value + "'", e);
        }
    }
}
