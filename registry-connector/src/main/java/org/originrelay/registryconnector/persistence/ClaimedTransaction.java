package org.originrelay.registryconnector.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored transaction the dispatcher has leased for one step.
 *
 * @param stateBeforeClaim what the step has to do: send (STORED), ask first (SENDING) or poll (SENT)
 * @param leaseToken proves the lease when the step records its result
 * @param nextWait how long to wait after this step if it has to be repeated
 * @param sentAt when the registry accepted the send; null while not known to have been sent
 * @param sendAttempts how often a send was started (recorded before each call): 0 means never sent
 * @param resendNotBefore set while an unknown, possibly sent transaction waits out the settle window
 * @param settleWindowPassed that window is set and over (by the database's clock, which set it)
 * @param traceParent the command's W3C traceparent, read with the claim so the step needs no query for it;
 *     null when the command came without one
 */
public record ClaimedTransaction(String transactionId, UUID commandId, int position, byte[] payload,
        DeliveryState stateBeforeClaim, UUID leaseToken, Duration nextWait, Instant sentAt, boolean stuckReported,
        int failedAttempts, int sendAttempts, Instant resendNotBefore, boolean settleWindowPassed,
        String traceParent) {

    /** A claimed transaction of a command without a stored trace. */
    public ClaimedTransaction(String transactionId, UUID commandId, int position, byte[] payload,
            DeliveryState stateBeforeClaim, UUID leaseToken, Duration nextWait, Instant sentAt, boolean stuckReported,
            int failedAttempts, int sendAttempts, Instant resendNotBefore, boolean settleWindowPassed) {
        this(transactionId, commandId, position, payload, stateBeforeClaim, leaseToken, nextWait, sentAt,
                stuckReported, failedAttempts, sendAttempts, resendNotBefore, settleWindowPassed, null);
    }

    /** A send was started and its outcome may not have been seen: the registry may hold it. */
    public boolean maybeSent() {
        return sendAttempts > 0;
    }
}
