package org.originrelay.provisioningbridge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names (exchange, DLQ) and their namespace come from the messaging kit ({@code relay.messaging.*}).
 *
 * @param batchSize messages fetched, published with pipelined confirms, then acked, per round
 * @param inFlightBatches batches published and not yet confirmed at most: the next batch is fetched and
 *     published while the broker confirms the earlier ones (on one channel, in stream order); NATS lets the
 *     bridge hold {@code batchSize × inFlightBatches} messages unacked (the consumer's max ack pending).
 *     1: one batch at a time
 * @param maxBackoff longest wait between rounds while RabbitMQ or the source is unavailable
 * @param downAfter how long the source may fail without progress before its health is DOWN (a failure
 *     is shown in the health details at once)
 */
@ConfigurationProperties("relay.bridge")
public record BridgeProperties(@DefaultValue("100") int batchSize, @DefaultValue("4") int inFlightBatches,
        @DefaultValue("10s") Duration confirmTimeout, @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("60s") Duration downAfter, Nats nats, Rest rest) {

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
     * @param subscription the subscription registered with the Provisioning stack: its subjects are
     *     {@code <subscription>.prefill} and {@code <subscription>.main}, its entry in
     *     {@code subscriptionsBucket} says whether the prefill is done
     * @param stream the JetStream stream (the Provisioning stack names it {@code stream:<subscription>})
     * @param durable prefix of the bridge's two durable pull consumers, {@code <durable>-prefill} and
     *     {@code <durable>-main}; their progress, and so the phase, survives restarts
     * @param sourceName first part of every AMQP message id, {@code <sourceName>:<stream created>:<sequence>}
     * @param subscriptionsBucket the stack's NATS key-value bucket of subscriptions (key: the name)
     * @param prefillPollInterval how often the bucket is read while the prefill is pending
     * @param createStream for development without a Provisioning stack: create the stream, with the
     *     stack's subjects, if it is missing; a subscription the bucket does not know then has no prefill
     * @param ackWait how long NATS waits for an ack before redelivering: after a lost connection, the
     *     messages that were in flight come back after this (held messages are kept alive meanwhile)
     * @param leaseBucket the key-value bucket of the lease that makes one of several bridges on this
     *     subscription the active one (default {@code <durable>-lease}; created if missing)
     * @param leaseTtl how long the lease lasts without renewal, so how long a standby waits to take over
     *     from a bridge that died (one that stops cleanly hands over at once); default three times
     *     {@code ackWait}, and at least twice {@code ackWait + fetchWait} (docs/adr/0009)
     */
    public record Nats(@DefaultValue("nats://127.0.0.1:4222") String url, String subscription,
            @DefaultValue("") String stream, String durable, @DefaultValue("") String sourceName,
            @DefaultValue("SUBSCRIPTIONS") String subscriptionsBucket,
            @DefaultValue("1s") Duration prefillPollInterval,
            @DefaultValue("500ms") Duration fetchWait, @DefaultValue("false") boolean createStream,
            @DefaultValue("10s") Duration ackWait, @DefaultValue("") String leaseBucket, Duration leaseTtl) {

        public String streamName() {
            return stream.isBlank() ? "stream:" + subscription : stream;
        }

        public String messageSource() {
            return sourceName.isBlank() ? subscription : sourceName;
        }

        public String prefillSubject() {
            return subscription + ".prefill";
        }

        public String mainSubject() {
            return subscription + ".main";
        }

        public String leaseBucketName() {
            return leaseBucket.isBlank() ? durable + "-lease" : leaseBucket;
        }

        public Duration leaseLength() {
            return leaseTtl == null ? ackWait.multipliedBy(3) : leaseTtl;
        }
    }
}
