package org.originrelay.provisioningbridge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param namespace prefix of the exchange and DLQ names (empty in production, random in tests)
 * @param batchSize messages fetched, published with pipelined confirms, then acked, per round
 * @param maxBackoff longest wait between rounds while RabbitMQ or NATS is unavailable
 */
@ConfigurationProperties("relay.bridge")
public record BridgeProperties(@DefaultValue("") String namespace, @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration confirmTimeout, @DefaultValue("5s") Duration maxBackoff, Nats nats, Rest rest) {

    /**
     * The Provisioning stack's consumer REST API, for deployments that do not expose NATS.
     *
     * @param baseUrl e.g. {@code http://provisioning-api:7777}
     * @param subscription the subscription's name (also the HTTP Basic user)
     * @param realmsTopics {@code realm:topic} pairs to subscribe to, e.g. {@code udm:users/user}
     */
    public record Rest(String baseUrl, String subscription, String password,
            @DefaultValue("udm:users/user") java.util.List<String> realmsTopics,
            @DefaultValue("true") boolean requestPrefill, @DefaultValue("5") int pollTimeoutSeconds) {
    }

    /**
     * @param stream the JetStream stream (the Provisioning stack names it {@code stream:<subscription>})
     * @param durable the durable pull consumer's name; progress survives restarts
     * @param sourceName first part of every AMQP message id, {@code <sourceName>:<sequence>}
     * @param createStream for development without a Provisioning stack: create the stream, with the
     *     stack's subjects {@code <sourceName>.main} and {@code <sourceName>.prefill}, if it is missing
     * @param ackWait how long NATS waits for an ack before redelivering: after a lost connection, the
     *     messages that were in flight come back after this (held messages are kept alive meanwhile)
     * @param filterSubject only this subject of the stream (e.g. {@code <name>.main} to skip prefill);
     *     empty for all of them
     */
    public record Nats(@DefaultValue("nats://127.0.0.1:4222") String url, String stream, String durable,
            String sourceName, @DefaultValue("500ms") Duration fetchWait, @DefaultValue("false") boolean createStream,
            @DefaultValue("10s") Duration ackWait, @DefaultValue("") String filterSubject) {
    }

    public String exchange() {
        return namespace + "provisioning.events";
    }

    public String deadLetterQueue() {
        return namespace + "provisioning-bridge.dlq";
    }
}
