package org.originrelay.provisioningbridge.source;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subscription as the Provisioning stack's registration API records it: a JSON document under the
 * subscription's name in the NATS key-value bucket {@code SUBSCRIPTIONS}, e.g.
 * {@code {"name":"…","realms_topics":[…],"request_prefill":true,"prefill_queue_status":"pending"}} with
 * status {@code pending} (not started), {@code running}, {@code failed} or {@code done}. A subscription
 * registered without prefill is stored as {@code done} at once.
 */
record SubscriptionRegistration(boolean requestPrefill, String prefillQueueStatus) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** JetStream's "stream not found": a bucket is a stream {@code KV_<bucket>}. */
    private static final int STREAM_NOT_FOUND = 10059;

    boolean prefillDone() {
        return !requestPrefill || "done".equals(prefillQueueStatus);
    }

    boolean prefillFailed() {
        return "failed".equals(prefillQueueStatus);
    }

    private static boolean isMissingBucket(JetStreamApiException e) {
        return e.getApiErrorCode() == STREAM_NOT_FOUND;
    }

    /** @return empty when the bucket or the key does not exist (or the key was deleted) */
    static Optional<SubscriptionRegistration> read(Connection connection, String bucket, String subscription)
            throws IOException, JetStreamApiException {
        KeyValueEntry entry;
        try {
            entry = connection.keyValue(bucket).get(subscription);
        } catch (JetStreamApiException e) {
            if (isMissingBucket(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            // jnats reports a bucket that does not exist as an IOException around the API error.
            if (e.getCause() instanceof JetStreamApiException apiError && isMissingBucket(apiError)) {
                return Optional.empty();
            }
            throw e;
        }
        if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
            return Optional.empty();
        }
        JsonNode value = JSON.readTree(entry.getValue());
        return Optional.of(new SubscriptionRegistration(value.path("request_prefill").asBoolean(true),
                value.path("prefill_queue_status").asString("")));
    }
}
