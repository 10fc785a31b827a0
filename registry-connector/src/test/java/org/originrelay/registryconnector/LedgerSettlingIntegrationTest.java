package org.originrelay.registryconnector;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registry.protocol.v1.registry.GetTransactionStatusResponse;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.originrelay.registry.simulator.RegistrySimulator;
import org.originrelay.registryconnector.CertificateEventsProbe.Announced;
import org.originrelay.registryconnector.registry.RegistryClient;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Never twice", counted by the registry simulator itself: the connector in front of the real simulator,
 * with the two ways the registry's answers mislead a client played between them: a send whose answer is
 * lost although the registry took it (the client sees DEADLINE_EXCEEDED), and status answers that say
 * UNKNOWN for a transaction the registry has (its status cache expired). Only the ledger tells the truth.
 */
@SpringBootTest(properties = {
        "spring.config.name=registry-connector",
        "relay.registry.call-deadline=1s",
        "relay.registry.dispatch.tick=50ms",
        "relay.registry.dispatch.first-poll=100ms",
        "relay.registry.dispatch.max-poll=400ms",
        "relay.registry.dispatch.lookup-backoff=50ms",
        "relay.registry.dispatch.settle-window=2s"})
@Import(LedgerSettlingIntegrationTest.MisleadingChannel.class)
class LedgerSettlingIntegrationTest {

    private static final String KEY_SECRET = "ledger-settling-test-secret-of-32-bytes-at-least";
    private static final String REGISTRY_NAME = "ledger-settling-test";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final RegistrySimulator registry =
            ConnectorTestRegistry.start(REGISTRY_NAME, KEY_SECRET, Duration.ofMillis(300), CommitmentScheme.PEDERSEN);
    private static final MisleadingAnswers misleading = new MisleadingAnswers();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        ConnectorTestRegistry.register(properties, registry, REGISTRY_NAME, KEY_SECRET);
    }

    /**
     * Imported, not a {@code @TestConfiguration}: CrashingConnector's application scans this package, and
     * must not pick it up.
     */
    static class MisleadingChannel {
        @Bean
        @Primary
        RegistryClient misleadingRegistryClient(ManagedChannel registryChannel, RegistryProperties properties) {
            var channel = ClientInterceptors.intercept(registryChannel, misleading);
            return new RegistryClient(RegistryServiceGrpc.newFutureStub(channel), properties.callDeadline(),
                    properties.dispatch().lookupAttempts(), properties.dispatch().lookupBackoff());
        }
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

    private CertificateEventsProbe probe;

    @BeforeEach
    void listen() {
        probe = new CertificateEventsProbe(rabbit, admin, names);
    }

    @AfterEach
    void stopListening() {
        misleading.reset();
        probe.close();
    }

    @Test
    void aSendWhoseAnswerWasLostAndThatTheRegistryReportsUnknownIsReceivedOnceAndAccepted() {
        misleading.loseNextSendAnswers(1);
        misleading.statusSaysUnknown.set(true);
        IssueCertificateValidated issue = anIssue("nina");

        probe.publish(issue);
        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertThat(outcome.event()).isEqualTo(issue.registryAccepted());
        String id = transactionIdOf(issue.commandId());
        assertThat(registry.receiveCount(id)).isEqualTo(1);
        assertThat(registry.statusOf(id).state()).isEqualTo(TransactionState.COMMITTED);
        assertThat(misleading.lostSendAnswers).hasValue(1);
    }

    @Test
    void aSentTransactionThatTheRegistryLaterReportsUnknownIsFoundInItsStreamAndNotSentAgain() {
        misleading.statusSaysUnknown.set(true);
        IssueCertificateValidated issue = anIssue("omar");

        probe.publish(issue);
        Announced outcome = probe.awaitOutcome(issue.commandId(), PATIENCE);

        assertThat(outcome.event()).isEqualTo(issue.registryAccepted());
        String id = transactionIdOf(issue.commandId());
        assertThat(registry.receiveCount(id)).isEqualTo(1);
        assertThat(registry.statusOf(id).state()).isEqualTo(TransactionState.COMMITTED);
    }

    private String transactionIdOf(UUID commandId) {
        return jdbc.sql("select transaction_id from registry_transaction where command_id = :commandId")
                .param("commandId", commandId).query(String.class).single();
    }

    private static IssueCertificateValidated anIssue(String owner) {
        return new IssueCertificateValidated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 10, owner, owner);
    }


    /**
     * Lets every call reach the simulator, then misleads the connector about the answer: a send's answer
     * is replaced by DEADLINE_EXCEEDED (the registry did take it), a status answer by UNKNOWN.
     */
    static final class MisleadingAnswers implements ClientInterceptor {

        final AtomicBoolean statusSaysUnknown = new AtomicBoolean();
        final AtomicInteger sendAnswersToLose = new AtomicInteger();
        final AtomicInteger lostSendAnswers = new AtomicInteger();

        void loseNextSendAnswers(int count) {
            sendAnswersToLose.set(count);
        }

        void reset() {
            statusSaysUnknown.set(false);
            sendAnswersToLose.set(0);
            lostSendAnswers.set(0);
        }

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            String name = method.getFullMethodName();
            boolean send = name.equals(RegistryServiceGrpc.getSendTransactionsMethod().getFullMethodName());
            boolean status = name.equals(RegistryServiceGrpc.getGetTransactionStatusMethod().getFullMethodName());
            return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    super.start(new SimpleForwardingClientCallListener<>(listener) {
                        private boolean loseThisAnswer;

                        @Override
                        public void onMessage(A answer) {
                            if (send && sendAnswersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                loseThisAnswer = true;
                                lostSendAnswers.incrementAndGet();
                                return;
                            }
                            if (status && statusSaysUnknown.get()) {
                                @SuppressWarnings("unchecked")
                                A unknown = (A) GetTransactionStatusResponse.newBuilder()
                                        .setStatus(TransactionState.UNKNOWN).build();
                                super.onMessage(unknown);
                                return;
                            }
                            super.onMessage(answer);
                        }

                        @Override
                        public void onClose(Status closing, Metadata trailers) {
                            if (loseThisAnswer) {
                                super.onClose(Status.DEADLINE_EXCEEDED.withDescription("answer lost by the test"),
                                        new Metadata());
                                return;
                            }
                            super.onClose(closing, trailers);
                        }
                    }, headers);
                }
            };
        }
    }
}
