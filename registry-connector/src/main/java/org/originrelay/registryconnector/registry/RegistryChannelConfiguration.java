package org.originrelay.registryconnector.registry;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.ObservationRegistry;
import org.originrelay.registry.protocol.OpenedHashCommitments;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.TransactionFactory;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One shared channel to the registry for the whole service, the client on it, and transaction building. */
@Configuration(proxyBeanMethods = false)
public class RegistryChannelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RegistryChannelConfiguration.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

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

    @Bean
    TransactionFactory transactionFactory(RegistryProperties properties) {
        return new TransactionFactory(properties.name(), OwnerKeys.fromSecret(properties.keySecret()),
                OpenedHashCommitments.fromSecret(properties.keySecret()));
    }
}
