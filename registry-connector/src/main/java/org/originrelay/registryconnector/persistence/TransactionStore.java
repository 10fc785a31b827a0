package org.originrelay.registryconnector.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registry transactions of every command and their delivery state, table {@code registry_transaction}.
 * Every update that records a step's result names the step's lease token, so a result that arrives after
 * its lease expired (and someone else took over) changes nothing.
 */
@Repository
public class TransactionStore {

    private final JdbcClient jdbc;

    public TransactionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a built transaction, due at once. */
    public void store(UUID commandId, int position, String transactionId, byte[] payload, Duration firstWait) {
        jdbc.sql("""
                insert into registry_transaction (transaction_id, command_id, position, payload, state, next_wait_ms)
                values (:transactionId, :commandId, :position, :payload, 'STORED', :firstWait)
                """)
                .param("transactionId", transactionId)
                .param("commandId", commandId)
                .param("position", position)
                .param("payload", payload)
                .param("firstWait", firstWait.toMillis())
                .update();
    }

    /**
     * Leases up to {@code limit} transactions that are due: each command's first transaction that is not
     * committed yet. A STORED one becomes SENDING in the same statement, so that is committed before the
     * caller sends it. Rows another instance is leasing right now are skipped. Each comes with its
     * command's trace parent, so that the step continues the command's trace without another query.
     */
    public List<ClaimedTransaction> claimDue(int limit, Duration lease) {
        return jdbc.sql("""
                with due as (
                    select t.transaction_id, t.state as state_before_claim, c.trace_parent
                    from registry_transaction t join registry_command c using (command_id)
                    where t.state in ('STORED', 'SENDING', 'SENT')
                      and t.next_attempt_at <= now()
                      and not exists (select 1 from registry_transaction earlier
                                      where earlier.command_id = t.command_id
                                        and earlier.position < t.position
                                        and earlier.state <> 'COMMITTED')
                    order by t.next_attempt_at
                    limit :batch
                    for update of t skip locked)
                update registry_transaction t
                set state = case when t.state = 'STORED' then 'SENDING' else t.state end,
                    next_attempt_at = now() + :leaseMs * interval '1 millisecond',
                    lease_token = gen_random_uuid()
                from due
                where t.transaction_id = due.transaction_id
                returning t.transaction_id, t.command_id, t.position, t.payload, due.state_before_claim,
                          t.lease_token, t.next_wait_ms, t.sent_at, t.stuck_reported, t.failed_attempts,
                          t.send_attempts, t.resend_not_before, t.resend_not_before <= now() as settle_window_passed,
                          due.trace_parent
                """)
                .param("batch", limit)
                .param("leaseMs", lease.toMillis())
                .query(TransactionStore::claimed)
                .list();
    }

    /**
     * The fence of every send, run (and committed) immediately before the call: records the attempt only
     * if this step still holds a live lease (its token, not expired), and renews the lease for the call.
     * A step that waited on a pool past its lease, or whose transaction was claimed again, gets false and
     * must not send.
     */
    public boolean recordSendAttempt(ClaimedTransaction claimed, Duration lease) {
        return jdbc.sql("""
                update registry_transaction
                set send_attempts = send_attempts + 1, last_send_attempt_at = now(), state = 'SENDING',
                    resend_not_before = null,
                    next_attempt_at = now() + :leaseMs * interval '1 millisecond'
                where transaction_id = :transactionId and lease_token = :leaseToken and next_attempt_at > now()
                  and state in ('SENDING', 'SENT')
                """)
                .param("leaseMs", lease.toMillis())
                .param("transactionId", claimed.transactionId())
                .param("leaseToken", claimed.leaseToken())
                .update() == 1;
    }

    /**
     * A possibly sent transaction is unknown to the registry and absent from its stream: it may still be
     * on its way. It is looked at again when the settle window (started the first time) has passed.
     */
    public boolean waitToSettle(ClaimedTransaction claimed, Duration settleWindow) {
        return jdbc.sql("""
                update registry_transaction
                set resend_not_before = coalesce(resend_not_before, now() + :settleMs * interval '1 millisecond'),
                    next_attempt_at = coalesce(resend_not_before, now() + :settleMs * interval '1 millisecond'),
                    lease_token = null
                where transaction_id = :transactionId and lease_token = :leaseToken
                """)
                .param("settleMs", settleWindow.toMillis())
                .param("transactionId", claimed.transactionId())
                .param("leaseToken", claimed.leaseToken())
                .update() == 1;
    }

    /** The registry took the transaction; its status is polled after {@code wait}. */
    public boolean markSent(ClaimedTransaction claimed, Duration wait, Duration nextWait) {
        return jdbc.sql("""
                update registry_transaction
                set state = 'SENT', sent_at = now(), registry_status = null, failed_attempts = 0,
                    resend_not_before = null,
                    next_attempt_at = now() + :waitMs * interval '1 millisecond', next_wait_ms = :nextWaitMs,
                    lease_token = null
                where transaction_id = :transactionId and lease_token = :leaseToken
                """)
                .param("waitMs", wait.toMillis())
                .param("nextWaitMs", nextWait.toMillis())
                .param("transactionId", claimed.transactionId())
                .param("leaseToken", claimed.leaseToken())
                .update() == 1;
    }

    /** The registry has it and is still working on it (so it counts as sent, whatever was known before). */
    public boolean markPending(ClaimedTransaction claimed, Duration wait, Duration nextWait, boolean stuckReported) {
        return jdbc.sql("""
                update registry_transaction
                set state = 'SENT', sent_at = coalesce(sent_at, now()), registry_status = 'PENDING',
                    resend_not_before = null,
                    failed_attempts = 0, stuck_reported = :stuckReported,
                    next_attempt_at = now() + :waitMs * interval '1 millisecond', next_wait_ms = :nextWaitMs,
                    lease_token = null
                where transaction_id = :transactionId and lease_token = :leaseToken
                """)
                .param("stuckReported", stuckReported)
                .param("waitMs", wait.toMillis())
                .param("nextWaitMs", nextWait.toMillis())
                .param("transactionId", claimed.transactionId())
                .param("leaseToken", claimed.leaseToken())
                .update() == 1;
    }

    /** The step could not finish (registry unreachable, timeout…); the state stays, the step is repeated. */
    public boolean retryLater(ClaimedTransaction claimed, Duration wait, Duration nextWait) {
        return jdbc.sql("""
                update registry_transaction
                set failed_attempts = failed_attempts + 1,
                    next_attempt_at = now() + :waitMs * interval '1 millisecond', next_wait_ms = :nextWaitMs,
                    lease_token = null
                where transaction_id = :transactionId and lease_token = :leaseToken
                """)
                .param("waitMs", wait.toMillis())
                .param("nextWaitMs", nextWait.toMillis())
                .param("transactionId", claimed.transactionId())
                .param("leaseToken", claimed.leaseToken())
                .update() == 1;
    }

    public boolean markCommitted(ClaimedTransaction claimed, String registryStatus) {
        return jdbc.sql("""
                update registry_transaction
                set state = 'COMMITTED', registry_status = :status, sent_at = coalesce(sent_at, now()),
                    finished_at = now(), lease_token = null
                where transaction_id = :transactionId and lease_token = :leaseToken
                """)
                .param("status", registryStatus)
                .param("transactionId", claimed.transactionId())
                .param("leaseToken", claimed.leaseToken())
                .update() == 1;
    }

    public boolean markFailed(ClaimedTransaction claimed, String registryMessage) {
        return jdbc.sql("""
                update registry_transaction
                set state = 'FAILED', registry_status = 'FAILED', registry_message = :message,
                    finished_at = now(), lease_token = null
                where transaction_id = :transactionId and lease_token = :leaseToken
                """)
                .param("message", registryMessage)
                .param("transactionId", claimed.transactionId())
                .param("leaseToken", claimed.leaseToken())
                .update() == 1;
    }

    /** The command's transactions that were never sent will not be: an earlier one failed. */
    public int abandonUnsent(UUID commandId) {
        return jdbc.sql("""
                update registry_transaction set state = 'ABANDONED', finished_at = now()
                where command_id = :commandId and state = 'STORED'
                """)
                .param("commandId", commandId)
                .update();
    }

    public boolean allCommitted(UUID commandId) {
        return jdbc.sql("select count(*) from registry_transaction where command_id = :commandId and state <> 'COMMITTED'")
                .param("commandId", commandId)
                .query(Long.class)
                .single() == 0;
    }

    /**
     * One stored transaction of a command, as built, with where it is now.
     *
     * @param sendAttempts how often a send was started: more than one means the registry's answer was in doubt
     */
    public record StoredStep(int position, String transactionId, byte[] payload, DeliveryState state,
            int sendAttempts) {
    }

    /** The command's transactions in position order. */
    public List<StoredStep> steps(UUID commandId) {
        return jdbc.sql("""
                select position, transaction_id, payload, state, send_attempts from registry_transaction
                where command_id = :commandId order by position
                """)
                .param("commandId", commandId)
                .query(TransactionStore::storedStep)
                .list();
    }

    /**
     * The committed transactions of earlier claims of the same two slices by the same owner that the
     * registry rejected part-way: what a new claim of them resumes.
     */
    public List<StoredStep> committedStepsOfRejectedClaims(UUID productionSliceId, UUID consumptionSliceId,
            String owner) {
        return jdbc.sql("""
                select t.position, t.transaction_id, t.payload, t.state, t.send_attempts
                from registry_command c join registry_transaction t using (command_id)
                where c.event_type = 'ClaimValidated' and c.state = 'REJECTED' and t.state = 'COMMITTED'
                  and c.validated_event ->> 'productionSliceId' = :production
                  and c.validated_event ->> 'consumptionSliceId' = :consumption
                  and c.validated_event ->> 'owner' = :owner
                order by c.received_at, t.position
                """)
                .param("production", productionSliceId.toString())
                .param("consumption", consumptionSliceId.toString())
                .param("owner", owner)
                .query(TransactionStore::storedStep)
                .list();
    }

    private static StoredStep storedStep(ResultSet row, int rowNumber) throws SQLException {
        return new StoredStep(row.getInt("position"), row.getString("transaction_id"), row.getBytes("payload"),
                DeliveryState.valueOf(row.getString("state")), row.getInt("send_attempts"));
    }

    private static ClaimedTransaction claimed(ResultSet row, int rowNumber) throws SQLException {
        OffsetDateTime sentAt = row.getObject("sent_at", OffsetDateTime.class);
        OffsetDateTime resendNotBefore = row.getObject("resend_not_before", OffsetDateTime.class);
        return new ClaimedTransaction(row.getString("transaction_id"), row.getObject("command_id", UUID.class),
                row.getInt("position"), row.getBytes("payload"),
                DeliveryState.valueOf(row.getString("state_before_claim")), row.getObject("lease_token", UUID.class),
                Duration.ofMillis(row.getLong("next_wait_ms")), sentAt == null ? null : sentAt.toInstant(),
                row.getBoolean("stuck_reported"), row.getInt("failed_attempts"), row.getInt("send_attempts"),
                resendNotBefore == null ? null : resendNotBefore.toInstant(), row.getBoolean("settle_window_passed"),
                row.getString("trace_parent"));
    }
}
