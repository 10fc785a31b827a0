package org.originrelay.registryconnector.registry;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.ObservationRegistry;
import java.util.Set;
import org.originrelay.registry.protocol.CommitmentScheme;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.security.RequiredSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One shared channel to the registry for the whole service, the client on it, and transaction building. */
@Configuration(proxyBeanMethods = false)
public class RegistryChannelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RegistryChannelConfiguration.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /**
     * Every owner's and issuer's signing key derives from this secret, so a committed or short one would let
     * anyone sign as anyone: outside the local profile the service refuses to start with it.
     */
    static final RequiredSecret KEY_SECRET = new RequiredSecret("relay.registry.key-secret",
            "RELAY_REGISTRY_KEY_SECRET", 32, Set.of("local-dev-secret-change-me"));

    @Bean
    static BeanFactoryPostProcessor registryKeySecretCheck() {
        return KEY_SECRET.checkedAtStartup();
    }

    /** Spring calls the channel's {@code shutdown()} on close, after the beans that use it are gone. */
    @Bean
    ManagedChannel registryChannel(RegistryProperties properties, ObjectProvider<ObservationRegistry> observations) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(properties.target());
        // Each call is observed (timed, and a client span carrying traceparent to the registry).
        builder.intercept(new ObservationGrpcClientInterceptor(observations.getIfAvailable(() -> ObservationRegistry.NOOP)));
        if (properties.tls()) {
            builder.useTransportSecurity();
        } else {
            builder.usePlaintext();
        }
        if (!properties.bearerToken().isBlank()) {
            if (!properties.tls()) {
                log.warn("Sending the registry bearer token over a plaintext channel to {}", properties.target());
            }
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + properties.bearerToken());
            builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return builder.build();
    }

    @Bean
    RegistryClient registryClient(ManagedChannel registryChannel, RegistryProperties properties) {
        return new RegistryClient(RegistryServiceGrpc.newFutureStub(registryChannel), properties.callDeadline(),
                properties.dispatch().lookupAttempts(), properties.dispatch().lookupBackoff());
    }

    @Bean
    RegistryChannelHealthIndicator registryHealthIndicator(ManagedChannel registryChannel,
            RegistryProperties properties) {
        return new RegistryChannelHealthIndicator(registryChannel, properties.target());
    }

    /**
     * Quantities are committed as Project Origin's registry verifies them (Pedersen, ADR 0006) unless
     * {@code relay.registry.commitments=hash} asks for the fast test-only scheme our simulator also knows.
     */
    @Bean
    TransactionFactory transactionFactory(RegistryProperties properties,
            @Value("${relay.registry.commitments:pedersen}") String commitments) {
        return new TransactionFactory(properties.name(), OwnerKeys.fromSecret(properties.keySecret()),
                CommitmentScheme.named(commitments).commitments(properties.keySecret()));
    }
}
