package org.originrelay.registryconnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.originrelay.registry.simulator.RegistrySimulator;
import org.originrelay.registryconnector.CertificateEventsProbe.Announced;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The connector is killed ({@link Runtime#halt}, as {@code kill -9}) at each {@link CrashPoint} while it
 * carries one issue command, then a new instance starts on the same database and broker. Each point must
 * end with exactly one registry-accepted event and the transaction received by the registry exactly once.
 * <p>
 * Each crash runs in its own JVM ({@link CrashingConnector}), with its own database and broker namespace;
 * starting a JVM costs seconds, so all of them run at once before the tests, and each test checks what its
 * crash left behind, restarts the connector (in this JVM) and checks the end.
 */
class ConnectorCrashIntegrationTest {

    private static final String KEY_SECRET = "crash-test-secret-0123456789abcdef0123";
    private static final String REGISTRY_NAME = "crash-test";
    private static final String SCHEMA = "registry_connector";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * After a crash a transaction is due again only when its claim lease expires: deadline × (lookup
     * attempts + 1) + lookup backoffs + 5 s, here 9.05 s (45 s with the defaults).
     */
    private static final List<String> PACING = List.of(
            "relay.registry.call-deadline=2s",
            "relay.registry.dispatch.lookup-attempts=1",
            "relay.registry.dispatch.lookup-backoff=50ms",
            "relay.registry.dispatch.tick=50ms",
            "relay.registry.dispatch.first-poll=100ms",
            "relay.registry.dispatch.max-poll=500ms",
            "spring.main.web-application-type=none");

    private static RegistrySimulator registry;
    private static CachingConnectionFactory rabbitConnections;
    private static final Map<CrashPoint, Crash> crashes = new EnumMap<>(CrashPoint.class);

    /** One crash: the connector's environment, the command it carried, and the probe listening since before. */
    private record Crash(TestInfrastructure.Environment environment, IssueCertificateValidated issue,
            UUID validatedMessageId, CertificateEventsProbe probe, JdbcClient jdbc, Process process, Path log) {
    }

    @BeforeAll
    static void crashAConnectorAtEveryPoint() throws Exception {
        registry = RegistrySimulator.builder()
                .registryName(REGISTRY_NAME)
                // Long enough that the first poll (after 100 ms) still finds the transaction PENDING even on a
                // loaded CI machine, so POLL_DECIDED_NOT_RECORDED always dies "while polling".
                .commitDelay(Duration.ofMillis(1500))
                .issuerKeys(RegistrySimulator.issuerKeysFrom(OwnerKeys.fromSecret(KEY_SECRET)))
                .build()
                .start();
        var broker = TestInfrastructure.rabbit();
        rabbitConnections = new CachingConnectionFactory(broker.host(), broker.port());
        rabbitConnections.setUsername(broker.username());
        rabbitConnections.setPassword(broker.password());
        RabbitAdmin admin = new RabbitAdmin(rabbitConnections);
        RabbitTemplate rabbit = new RabbitTemplate(rabbitConnections);

        for (CrashPoint point : CrashPoint.values()) {
            var environment = TestInfrastructure.newEnvironment();
            var probe = new CertificateEventsProbe(rabbit, admin, new MessagingNames(environment.namespace(),
                    "registry-connector"));
            crashes.put(point, new Crash(environment, anIssue(point), UUID.randomUUID(), probe, jdbcFor(environment),
                    startCrashingConnector(point, environment), logOf(point)));
        }
        for (Crash crash : crashes.values()) {
            String validatedQueue = crash.environment().namespace() + "registry-connector.validated";
            await().atMost(PATIENCE).until(() -> hasConsumer(admin.getQueueInfo(validatedQueue))
                    || !crash.process().isAlive());
            crash.probe().publish(crash.issue(), crash.validatedMessageId());
        }
        for (Crash crash : crashes.values()) {
            crash.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void cleanUp() {
        crashes.values().forEach(crash -> {
            crash.process().destroyForcibly();
            crash.probe().close();
        });
        if (rabbitConnections != null) {
            rabbitConnections.destroy();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashPoint.class)
    void aConnectorRestartedAfterACrashCompletesTheCommandOnceWithTheTransactionReceivedOnce(CrashPoint point)
            throws IOException {
        Crash crash = crashes.get(point);
        assertThat(crash.process().isAlive()).as("connector still running; see %s", crash.log()).isFalse();
        assertThat(crash.process().exitValue()).as("exit code; see %s", crash.log()).isEqualTo(CrashPoint.EXIT_CODE);
        assertThat(Files.readString(crash.log())).contains("CRASH at " + point);
        String transactionId = transactionIdOf(crash);
        assertLeftBehindAt(point, crash, transactionId);

        try (ConfigurableApplicationContext restarted = startConnector(crash.environment())) {
            Map<UUID, List<Announced>> outcomes = crash.probe().awaitOutcomes(Set.of(crash.issue().commandId()),
                    PATIENCE, Duration.ofSeconds(1));

            assertThat(outcomes.get(crash.issue().commandId())).singleElement().satisfies(outcome -> {
                assertThat(outcome.routingKey()).isEqualTo("issue-certificate.registry-accepted");
                assertThat(outcome.event()).isEqualTo(crash.issue().registryAccepted());
                assertThat(outcome.message().getMessageProperties().<Object>getHeader(RelayHeaders.CAUSATION_ID))
                        .isEqualTo(crash.validatedMessageId().toString());
            });
            assertThat(registry.receiveCount(transactionId)).isEqualTo(1);
            assertThat(registry.statusOf(transactionId).state()).isEqualTo(TransactionState.COMMITTED);
            assertThat(stateOf(crash, transactionId)).isEqualTo(new Left("COMMITTED", "COMMITTED", "ACCEPTED", 0));
        }
    }

    /** What the database and the registry hold right after the crash: proof that it happened where named. */
    private static void assertLeftBehindAt(CrashPoint point, Crash crash, String transactionId) {
        Left left = stateOf(crash, transactionId);
        long received = registry.receiveCount(transactionId);
        switch (point) {
            case BEFORE_SEND -> {
                assertThat(left).isEqualTo(new Left("SENDING", null, "IN_PROGRESS", 0));
                assertThat(received).isZero();
            }
            case SEND_TAKEN_NOT_RECORDED -> {
                assertThat(left).isEqualTo(new Left("SENDING", null, "IN_PROGRESS", 0));
                assertThat(received).isEqualTo(1);
            }
            case AFTER_SENT -> {
                assertThat(left).isEqualTo(new Left("SENT", null, "IN_PROGRESS", 0));
                assertThat(received).isEqualTo(1);
            }
            case POLL_DECIDED_NOT_RECORDED -> {
                assertThat(left).isEqualTo(new Left("SENT", "PENDING", "IN_PROGRESS", 0));
                assertThat(registry.statusOf(transactionId).state()).isEqualTo(TransactionState.COMMITTED);
            }
            case OUTCOME_NOT_RELAYED -> assertThat(left).isEqualTo(new Left("COMMITTED", "COMMITTED", "ACCEPTED", 1));
        }
    }

    /** The transaction's delivery state and last registry status, the command's state, outbox rows not relayed. */
    private record Left(String transactionState, String registryStatus, String commandState, int unrelayed) {
    }

    private static Left stateOf(Crash crash, String transactionId) {
        return crash.jdbc().sql("""
                select t.state, t.registry_status, c.state as command_state,
                       (select count(*) from relay_outbox where published_at is null) as unrelayed
                from registry_transaction t join registry_command c using (command_id)
                where t.transaction_id = :transactionId""")
                .param("transactionId", transactionId)
                .query((row, number) -> new Left(row.getString("state"), row.getString("registry_status"),
                        row.getString("command_state"), row.getInt("unrelayed")))
                .single();
    }

    private static String transactionIdOf(Crash crash) {
        return crash.jdbc().sql("select transaction_id from registry_transaction where command_id = :commandId")
                .param("commandId", crash.issue().commandId())
                .query(String.class)
                .single();
    }

    private static Process startCrashingConnector(CrashPoint point, TestInfrastructure.Environment environment)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Starts faster; the crashing process lives for seconds.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                CrashingConnector.class.getName()));
        command.addAll(arguments(environment));
        command.add("--" + CrashingConnector.CRASH_AT + "=" + point);
        // Only the after-commit wake-up relays the outbox then, so OUTCOME_NOT_RELAYED dies before any relay.
        command.add("--relay.messaging.outbox.poll-interval=1h");
        Path log = logOf(point);
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The second instance: a fresh connector in this JVM, on the crashed one's database and broker namespace. */
    private static ConfigurableApplicationContext startConnector(TestInfrastructure.Environment environment) {
        return RegistryConnectorApplication.application().run(arguments(environment).toArray(String[]::new));
    }

    private static List<String> arguments(TestInfrastructure.Environment environment) {
        List<String> arguments = new ArrayList<>();
        environment.serviceProperties(SCHEMA).forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--relay.registry.target=" + registry.target());
        arguments.add("--relay.registry.name=" + REGISTRY_NAME);
        arguments.add("--relay.registry.key-secret=" + KEY_SECRET);
        PACING.forEach(setting -> arguments.add("--" + setting));
        return arguments;
    }

    private static JdbcClient jdbcFor(TestInfrastructure.Environment environment) {
        Map<String, Object> properties = environment.serviceProperties(SCHEMA);
        return JdbcClient.create(new DriverManagerDataSource((String) properties.get("spring.datasource.url"),
                (String) properties.get("spring.datasource.username"), (String) properties.get("spring.datasource.password")));
    }

    private static boolean hasConsumer(QueueInformation queue) {
        return queue != null && queue.getConsumerCount() > 0;
    }

    private static Path logOf(CrashPoint point) {
        return Path.of("target", "crash-tests", point + ".log");
    }

    private static IssueCertificateValidated anIssue(CrashPoint point) {
        String owner = "owner-" + point.name().toLowerCase();
        return new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 42, owner, owner);
    }
}
