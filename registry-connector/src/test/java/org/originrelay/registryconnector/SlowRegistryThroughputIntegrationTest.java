package org.originrelay.registryconnector;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.simulator.RegistrySimulator;
import org.originrelay.registryconnector.CertificateEventsProbe.Announced;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A registry that takes 2 s to decide each transaction must not make 500 commands take 500 × 2 s: the
 * dispatcher keeps hundreds of transactions outstanding with only a handful of threads. Runs with the
 * default dispatch settings; the intake gets four consumers instead of one, as with one (about 100
 * commands a second here, fewer on a busy machine) it, not the registry, would pace the test.
 */
@SpringBootTest(properties = {
        "spring.config.name=registry-connector",
        "relay.messaging.consumers.concurrency=4",
        // This measures the dispatcher, not the cryptography: the fast test-only commitments (ADR 0006).
        "relay.registry.commitments=hash"})
class SlowRegistryThroughputIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(SlowRegistryThroughputIntegrationTest.class);
    private static final String KEY_SECRET = "throughput-test-secret-0123456789abcdef";
    private static final String REGISTRY_NAME = "throughput-test";
    private static final Duration COMMIT_DELAY = Duration.ofSeconds(2);
    private static final int COMMANDS = 500;
    private static final RegistrySimulator registry =
            ConnectorTestRegistry.start(REGISTRY_NAME, KEY_SECRET, COMMIT_DELAY, CommitmentScheme.HASH);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        ConnectorTestRegistry.register(properties, registry, REGISTRY_NAME, KEY_SECRET);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    RegistryProperties properties;

    @Test
    void fiveHundredCommandsAgainstATwoSecondRegistryCompleteTogetherEachSentOnce() {
        List<IssueCertificateValidated> issues = IntStream.range(0, COMMANDS).mapToObj(n -> anIssue("owner-" + n)).toList();
        List<UUID> commandIds = issues.stream().map(IssueCertificateValidated::commandId).toList();
        AtomicInteger maxAwaitingRegistry = new AtomicInteger();
        AtomicInteger maxCallsInFlight = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> {
            maxAwaitingRegistry.accumulateAndGet(transactionsAwaitingTheRegistry(), Math::max);
            maxCallsInFlight.accumulateAndGet((int) meters.get("relay.registry.calls.in_flight").gauge().value(), Math::max);
        }, 0, 20, TimeUnit.MILLISECONDS);

        Map<UUID, List<Announced>> outcomes;
        Instant start = Instant.now();
        try (CertificateEventsProbe probe = new CertificateEventsProbe(rabbit, admin, names)) {
            issues.forEach(probe::publish);
            outcomes = probe.awaitOutcomes(commandIds, Duration.ofSeconds(90), Duration.ofSeconds(1));
        } finally {
            sampler.shutdownNow();
        }
        Duration wallTime = Duration.between(start, lastCommandCompletedAt());

        int dispatcherThreads = 1 + properties.dispatch().workers();
        log.info("{} commands against a registry deciding in {}: all accepted after {}; at most {} transactions sent "
                        + "and awaiting the registry at once, at most {} registry calls in flight; {} dispatcher threads",
                COMMANDS, COMMIT_DELAY, wallTime, maxAwaitingRegistry.get(), maxCallsInFlight.get(), dispatcherThreads);
        assertThat(outcomes.values()).allSatisfy(ofCommand -> assertThat(ofCommand).singleElement()
                .extracting(Announced::routingKey).isEqualTo("issue-certificate.registry-accepted"));
        List<String> transactionIds = jdbc.sql("select transaction_id from registry_transaction").query(String.class).list();
        assertThat(transactionIds).hasSize(COMMANDS)
                .allSatisfy(id -> assertThat(registry.receiveCount(id)).as("receipts of %s", id).isEqualTo(1));
        assertThat(registry.totalReceived()).isEqualTo(COMMANDS);
        assertThat(maxAwaitingRegistry.get()).as("transactions awaiting the registry at once")
                .isGreaterThan(10 * dispatcherThreads);
        // Were each thread to wait for its transaction, this would take COMMANDS × 2 s / threads = 200 s.
        assertThat(wallTime).isLessThan(Duration.ofSeconds(60));
    }

    /** When the last command was decided and its outcome written to the outbox. */
    private Instant lastCommandCompletedAt() {
        return jdbc.sql("select max(completed_at) from registry_command").query(OffsetDateTime.class).single().toInstant();
    }

    private int transactionsAwaitingTheRegistry() {
        return jdbc.sql("select count(*) from registry_transaction where state in ('SENDING', 'SENT')")
                .query(Integer.class).single();
    }

    private static IssueCertificateValidated anIssue(String owner) {
        return new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 10, owner, owner);
    }

}
