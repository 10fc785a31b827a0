package org.originrelay.registryconnector.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventJson;
import org.originrelay.registryconnector.persistence.CommandState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Reconciliations and what they compare against: tables {@code reconciliation},
 * {@code certificate_announcement} (the last announced state per certificate) and
 * {@code command_certificate} (which certificates each command touched).
 */
@Repository
public class ReconciliationStore {

    private final JdbcClient jdbc;

    public ReconciliationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A reconciliation waiting to run. */
    public record Due(UUID reconciliationId, UUID certificateId, String startedBy, UUID requestMessageId,
            int attempts) {
    }

    /** One of the connector's own transactions on a certificate's stream, with how its command ended. */
    public record OwnTransaction(String transactionId, UUID commandId, CommandState commandState) {
    }

    /** One of the connector's own commands on a certificate. */
    public record OwnCommand(UUID commandId, CertificateEvent validated, CommandState state) {
    }

    /** Remembers, when a command is taken in, the certificates it touches. */
    public void rememberCertificates(UUID commandId, Collection<UUID> certificateIds) {
        for (UUID certificateId : certificateIds) {
            jdbc.sql("""
                    insert into command_certificate (certificate_id, command_id) values (:certificateId, :commandId)
                    on conflict do nothing
                    """)
                    .param("certificateId", certificateId).param("commandId", commandId).update();
        }
    }

    public List<UUID> certificatesOf(UUID commandId) {
        return jdbc.sql("select certificate_id from command_certificate where command_id = :commandId order by 1")
                .param("commandId", commandId).query(UUID.class).list();
    }

    /** A command on these certificates ended: the sweep looks at them once it is quiet. */
    public void touched(UUID commandId) {
        jdbc.sql("""
                insert into certificate_announcement (certificate_id, touched_at)
                select certificate_id, now() from command_certificate where command_id = :commandId
                on conflict (certificate_id) do update set touched_at = now()
                """)
                .param("commandId", commandId).update();
    }

    /** Asks for a reconciliation; false when this id is already known. */
    public boolean request(UUID reconciliationId, UUID certificateId, String startedBy, UUID requestMessageId) {
        return jdbc.sql("""
                insert into reconciliation (reconciliation_id, certificate_id, started_by, state, request_message_id)
                values (:id, :certificateId, :startedBy, 'DUE', :requestMessageId)
                on conflict (reconciliation_id) do nothing
                """)
                .param("id", reconciliationId).param("certificateId", certificateId).param("startedBy", startedBy)
                .param("requestMessageId", requestMessageId)
                .update() == 1;
    }

    /**
     * Turns certificates touched at least {@code quietFor} ago, not swept since, and with no command still
     * on its way, into sweep reconciliations; at most {@code limit}. Returns how many.
     */
    public int scheduleSweep(int limit, Duration quietFor) {
        List<UUID> certificates = jdbc.sql("""
                update certificate_announcement a set swept_at = now()
                where a.certificate_id in (
                    select c.certificate_id from certificate_announcement c
                    where (c.swept_at is null or c.swept_at < c.touched_at)
                      and c.touched_at <= now() - :quietMs * interval '1 millisecond'
                      and not exists (select 1 from command_certificate cc join registry_command rc using (command_id)
                                      where cc.certificate_id = c.certificate_id and rc.state = 'IN_PROGRESS')
                    order by c.touched_at
                    limit :limit
                    for update skip locked)
                returning a.certificate_id
                """)
                .param("quietMs", quietFor.toMillis()).param("limit", limit)
                .query(UUID.class).list();
        certificates.forEach(certificate -> request(UUID.randomUUID(), certificate, "sweep", null));
        return certificates.size();
    }

    /** Leases the next due reconciliation, operators' first; a crashed run's becomes due after the lease. */
    public Optional<Due> claimNext(Duration lease) {
        return jdbc.sql("""
                update reconciliation r set next_attempt_at = now() + :leaseMs * interval '1 millisecond',
                       attempts = attempts + 1
                where r.reconciliation_id = (
                    select reconciliation_id from reconciliation
                    where state = 'DUE' and next_attempt_at <= now()
                    order by (started_by = 'operator') desc, next_attempt_at
                    limit 1
                    for update skip locked)
                returning r.reconciliation_id, r.certificate_id, r.started_by, r.request_message_id, r.attempts
                """)
                .param("leaseMs", lease.toMillis())
                .query(ReconciliationStore::due).optional();
    }

    /** Locks a reconciliation for its decision; false when it is no longer due (decided elsewhere). */
    public boolean lockDue(UUID reconciliationId) {
        return jdbc.sql("select 1 from reconciliation where reconciliation_id = :id and state = 'DUE' for update")
                .param("id", reconciliationId).query(Integer.class).optional().isPresent();
    }

    public void retryLater(UUID reconciliationId, Duration wait) {
        jdbc.sql("""
                update reconciliation set next_attempt_at = now() + :waitMs * interval '1 millisecond'
                where reconciliation_id = :id and state = 'DUE'
                """)
                .param("waitMs", wait.toMillis()).param("id", reconciliationId).update();
    }

    /** Ends a due reconciliation; false when it had already ended. */
    public boolean finish(UUID reconciliationId, String outcome, List<String> differences) {
        return jdbc.sql("""
                update reconciliation set state = :state, differences = cast(:differences as jsonb), finished_at = now()
                where reconciliation_id = :id and state = 'DUE'
                """)
                .param("state", outcome).param("differences", Json.write(differences)).param("id", reconciliationId)
                .update() == 1;
    }

    /** Locks the certificate's announcement (made if missing); returns how many stream transactions it covers. */
    public int lockAnnouncement(UUID certificateId) {
        jdbc.sql("insert into certificate_announcement (certificate_id) values (:id) on conflict do nothing")
                .param("id", certificateId).update();
        return jdbc.sql("select registry_transactions from certificate_announcement where certificate_id = :id for update")
                .param("id", certificateId).query(Integer.class).single();
    }

    public void announce(UUID certificateId, int registryTransactions, String slicesJson, UUID reconciliationId) {
        jdbc.sql("""
                update certificate_announcement set registry_transactions = :count, slices = cast(:slices as jsonb),
                       reconciliation_id = :reconciliationId, announced_at = now()
                where certificate_id = :id
                """)
                .param("count", registryTransactions).param("slices", slicesJson)
                .param("reconciliationId", reconciliationId).param("id", certificateId).update();
    }

    public Map<String, OwnTransaction> ownTransactions(UUID certificateId) {
        return jdbc.sql("""
                select t.transaction_id, t.command_id, c.state
                from command_certificate cc join registry_command c using (command_id)
                     join registry_transaction t using (command_id)
                where cc.certificate_id = :id
                """)
                .param("id", certificateId)
                .query((row, n) -> new OwnTransaction(row.getString("transaction_id"),
                        row.getObject("command_id", UUID.class), CommandState.valueOf(row.getString("state"))))
                .list().stream()
                .collect(Collectors.toMap(OwnTransaction::transactionId, own -> own));
    }

    public List<OwnCommand> ownCommands(UUID certificateId) {
        return jdbc.sql("""
                select c.command_id, c.event_type, c.validated_event::text as validated_event, c.state
                from command_certificate cc join registry_command c using (command_id)
                where cc.certificate_id = :id
                order by c.received_at
                """)
                .param("id", certificateId)
                .query((row, n) -> new OwnCommand(row.getObject("command_id", UUID.class),
                        EventJson.read(row.getString("event_type"), EventCatalog.SCHEMA_VERSION,
                                row.getString("validated_event").getBytes(UTF_8)),
                        CommandState.valueOf(row.getString("state"))))
                .list();
    }

    private static Due due(ResultSet row, int rowNumber) throws SQLException {
        return new Due(row.getObject("reconciliation_id", UUID.class), row.getObject("certificate_id", UUID.class),
                row.getString("started_by"), row.getObject("request_message_id", UUID.class), row.getInt("attempts"));
    }
}
