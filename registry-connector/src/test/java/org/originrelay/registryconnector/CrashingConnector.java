package org.originrelay.registryconnector;

import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.messaging.events.CertificateEventPublisher;
import org.originrelay.messaging.outbox.Outbox;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registryconnector.registry.RegistryClient;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The registry connector as its own process, with hooks that kill it at the {@link CrashPoint} named by
 * {@code relay.test.crash-at}; everything else is the real service. Run by {@link ConnectorCrashIntegrationTest}.
 */
public final class CrashingConnector {

    static final String CRASH_AT = "relay.test.crash-at";

    private CrashingConnector() {
    }

    public static void main(String[] args) {
        RegistryConnectorApplication.application().sources(Hooks.class).run(args);
    }

    /**
     * The hooks, as replacements of two beans. Deliberately not a {@code @Configuration}: component
     * scanning would put it into every test context of this module.
     */
    static class Hooks {

        @Bean
        CrashPoint crashPoint(Environment environment) {
            return CrashPoint.valueOf(environment.getRequiredProperty(CRASH_AT));
        }

        /**
         * Connects to the registry before the consumers start (earlier lifecycle phase), so that the first
         * send of a freshly started, still slow JVM does not spend its deadline connecting: a send that
         * times out goes another way (asked for first, next time) than the crash point under test.
         */
        @Bean
        SmartLifecycle registryChannelConnectedFirst(ManagedChannel registryChannel) {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    awaitReady(registryChannel, Duration.ofSeconds(30));
                    running = true;
                }

                @Override
                public void stop() {
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }

                @Override
                public int getPhase() {
                    return 0;
                }
            };
        }

        /** The real client on a channel that dies at the registry-call crash points. */
        @Bean
        @Primary
        RegistryClient haltingRegistryClient(ManagedChannel registryChannel, RegistryProperties properties,
                CrashPoint crashPoint) {
            var channel = ClientInterceptors.intercept(registryChannel, new HaltingRegistryInterceptor(crashPoint));
            return new RegistryClient(RegistryServiceGrpc.newFutureStub(channel), properties.callDeadline(),
                    properties.dispatch().lookupAttempts(), properties.dispatch().lookupBackoff());
        }

        /**
         * The real publisher; at {@link CrashPoint#OUTCOME_NOT_RELAYED} it dies right after the commit that
         * wrote the outcome, before the outbox's own after-commit wake-up (registered after this one) runs.
         */
        @Bean
        @Primary
        CertificateEventPublisher haltingPublisher(Outbox outbox, MessagingNames names, CrashPoint crashPoint) {
            return new CertificateEventPublisher(outbox, names) {
                @Override
                public EventMetadata publish(CertificateEvent event, EventMetadata cause) {
                    if (crashPoint == CrashPoint.OUTCOME_NOT_RELAYED) {
                        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                crashPoint.crash();
                            }
                        });
                    }
                    return super.publish(event, cause);
                }
            };
        }

        private static void awaitReady(ManagedChannel channel, Duration patience) {
            Instant giveUp = Instant.now().plus(patience);
            ConnectivityState state = channel.getState(true);
            while (state != ConnectivityState.READY && Instant.now().isBefore(giveUp)) {
                CountDownLatch changed = new CountDownLatch(1);
                channel.notifyWhenStateChanged(state, changed::countDown);
                try {
                    changed.await(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while connecting to the registry", e);
                }
                state = channel.getState(true);
            }
            if (state != ConnectivityState.READY) {
                throw new IllegalStateException("registry channel not ready after " + patience + ": " + state);
            }
        }
    }
}
