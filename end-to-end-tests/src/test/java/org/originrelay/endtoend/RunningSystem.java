package org.originrelay.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.originrelay.commandapi.CommandApiApplication;
import org.originrelay.projection.CertificatesProjectionApplication;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.simulator.RegistrySimulator;
import org.originrelay.registryconnector.RegistryConnectorApplication;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.validator.ValidatorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system in one JVM: the registry simulator and the four services of the certificate flow,
 * each its own Spring context with its own schema, sharing one isolated database and broker namespace,
 * talking only through RabbitMQ (and the connector to the simulator over gRPC), as in production.
 */
final class RunningSystem implements AutoCloseable {

    static final String KEY_SECRET = "end-to-end-test-secret-0123456789abcdef";
    static final String REGISTRY_NAME = "end-to-end-registry";

    private final TestInfrastructure.Environment environment;
    private final Function<String, Map<String, Object>> brokerAccess;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final RegistrySimulator registry;
    private final EventObserver observer;
    private final String commandApi;
    private final String projection;
    private final List<String> commandApis = new ArrayList<>();
    private final List<String> projections = new ArrayList<>();

    RunningSystem() {
        this(TestInfrastructure.newEnvironment(), "/", service -> Map.of());
    }

    /**
     * {@code instances} instances of every service (distinct ports, the same database, schemas and broker
     * namespace: as two deployments of each would run), with the fast hash commitments and a quicker
     * registry, for the scale-out tests.
     */
    static RunningSystem withInstances(int instances) {
        return new RunningSystem(TestInfrastructure.newEnvironment(), "/", service -> Map.of(), instances,
                CommitmentScheme.HASH, Duration.ofMillis(50), TestInfrastructure.rabbit());
    }

    /**
     * As {@link #withInstances(int)}, every service connecting through {@code addresses} (a broker list,
     * e.g. a cluster's nodes), the test's observer to {@code observerBroker} (one of them).
     */
    static RunningSystem withInstancesOn(int instances, String addresses, RabbitServer observerBroker) {
        return new RunningSystem(TestInfrastructure.newEnvironment(), "/",
                service -> Map.of("spring.rabbitmq.addresses", addresses), instances, CommitmentScheme.HASH,
                Duration.ofMillis(50), observerBroker);
    }

    /**
     * @param virtualHost the broker's virtual host every service and the observer use
     * @param brokerAccess per service name, the settings it connects with (e.g. its own broker user)
     */
    RunningSystem(TestInfrastructure.Environment environment, String virtualHost,
            Function<String, Map<String, Object>> brokerAccess) {
        this(environment, virtualHost, brokerAccess, event -> { }, Duration.ofMillis(300));
    }

    /**
     * @param onEachEvent told by the observer of each event the moment it arrives
     * @param commitDelay how long the registry simulator takes to commit a transaction
     */
    RunningSystem(TestInfrastructure.Environment environment, String virtualHost,
            Function<String, Map<String, Object>> brokerAccess, Consumer<ObservedEvent> onEachEvent,
            Duration commitDelay) {
        this(environment, virtualHost, brokerAccess, 1, CommitmentScheme.PEDERSEN, commitDelay,
                TestInfrastructure.rabbit(), onEachEvent);
    }

    private RunningSystem(TestInfrastructure.Environment environment, String virtualHost,
            Function<String, Map<String, Object>> brokerAccess, int instances, CommitmentScheme commitments,
            Duration commitDelay, RabbitServer observerBroker) {
        this(environment, virtualHost, brokerAccess, instances, commitments, commitDelay, observerBroker,
                event -> { });
    }

    private RunningSystem(TestInfrastructure.Environment environment, String virtualHost,
            Function<String, Map<String, Object>> brokerAccess, int instances, CommitmentScheme commitments,
            Duration commitDelay, RabbitServer observerBroker, Consumer<ObservedEvent> onEachEvent) {
        this.environment = environment;
        this.brokerAccess = brokerAccess;
        registry = RegistrySimulator.builder()
                .port(0)
                .registryName(REGISTRY_NAME)
                .commitDelay(commitDelay)
                .commitmentScheme(commitments)
                .issuerKeys(RegistrySimulator.issuerKeysFrom(OwnerKeys.fromSecret(KEY_SECRET)))
                .build();
        try {
            registry.start();
        } catch (IOException e) {
            throw new UncheckedIOException("registry simulator did not start", e);
        }
        observer = new EventObserver(observerBroker, virtualHost,
                environment.namespace() + "certificates.events",
                environment.namespace() + "end-to-end.observer", onEachEvent);
        Map<String, Object> perInstance = instances == 1 ? Map.of()
                // Eight contexts share PostgreSQL's 100 connections with the rest of the machine.
                : Map.of("spring.datasource.hikari.maximum-pool-size", 4);
        Map<String, Object> connector = new HashMap<>(perInstance);
        connector.putAll(Map.of("relay.registry.target", "127.0.0.1:" + registry.port(),
                "relay.registry.name", REGISTRY_NAME,
                "relay.registry.key-secret", KEY_SECRET,
                "relay.registry.commitments", commitments.name().toLowerCase(java.util.Locale.ROOT)));
        for (int instance = 0; instance < instances; instance++) {
            commandApis.add(baseUrl(start(CommandApiApplication.application(), "command_api", perInstance)));
            start(ValidatorApplication.application(), "validator", perInstance);
            start(RegistryConnectorApplication.application(), "registry_connector", connector);
            projections.add(baseUrl(start(CertificatesProjectionApplication.application(), "certificates_projection",
                    perInstance)));
        }
        commandApi = commandApis.getFirst();
        projection = projections.getFirst();
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder application, String schema) {
        return start(application, schema, Map.of());
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder application, String schema,
            Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(environment.serviceProperties(schema));
        properties.put("server.port", 0);
        // Started as scripts/run-local starts them: with the development profile explicitly active.
        properties.put("spring.profiles.active", "local");
        properties.putAll(extra);
        properties.putAll(brokerAccess.apply(schema.replace('_', '-')));
        // As command-line arguments: they outrank the service's own configuration file, as in a deployment.
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = application.run(arguments);
        services.add(context);
        return context;
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    String commandApi() {
        return commandApi;
    }

    String projection() {
        return projection;
    }

    /** Every command-api instance's base URL, the first one's being {@link #commandApi()}. */
    List<String> commandApis() {
        return List.copyOf(commandApis);
    }

    /** Every certificates-projection instance's base URL. */
    List<String> projections() {
        return List.copyOf(projections);
    }

    TestInfrastructure.Environment environment() {
        return environment;
    }

    RegistrySimulator registry() {
        return registry;
    }

    EventObserver observer() {
        return observer;
    }

    /** Every slice a service's schema holds, as "slice owner quantity state", for comparisons. */
    List<String> slices(String schema) {
        var postgres = TestInfrastructure.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(environment.database(), schema),
                postgres.user(), postgres.password());
                ResultSet rows = connection.createStatement().executeQuery(
                        "select slice_id, owner, quantity, state from slice order by slice_id")) {
            List<String> slices = new ArrayList<>();
            while (rows.next()) {
                slices.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getLong(3) + " " + rows.getString(4));
            }
            return slices;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the slices of " + schema, e);
        }
    }

    @Override
    public void close() {
        observer.close();
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        registry.close();
    }
}
