package org.originrelay.registryconnector.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventJson;
import org.originrelay.contracts.events.EventMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static java.nio.charset.StandardCharsets.UTF_8;

/** The validated commands the connector works on, table {@code registry_command}. */
@Repository
public class CommandStore {

    private final JdbcClient jdbc;

    public CommandStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a newly arrived command, its transactions built; false when this command id is already known. */
    public boolean insert(CertificateEvent validated, EventMetadata metadata) {
        return insert(validated, metadata, false);
    }

    /**
     * Stores a newly arrived command, awaiting its build by the proving pool or not; false when this
     * command id is already known.
     */
    public boolean insert(CertificateEvent validated, EventMetadata metadata, boolean awaitingBuild) {
        return insert(validated, metadata, awaitingBuild, null);
    }

    /**
     * Stores a newly arrived command with the trace it is handled in ({@code traceParent}, null for none),
     * awaiting its build by the proving pool or not; false when this command id is already known.
     */
    public boolean insert(CertificateEvent validated, EventMetadata metadata, boolean awaitingBuild,
            String traceParent) {
        return jdbc.sql("""
                insert into registry_command (command_id, event_type, validated_event, validated_message_id,
                        validated_causation_id, validated_at, state, awaiting_build, trace_parent)
                values (:commandId, :type, cast(:event as jsonb), :messageId, :causationId, :validatedAt, 'IN_PROGRESS',
                        :awaitingBuild, :traceParent)
                on conflict (command_id) do nothing
                """)
                .param("awaitingBuild", awaitingBuild)
                .param("traceParent", traceParent)
                .param("commandId", validated.commandId())
                .param("type", validated.eventType().name())
                .param("event", new String(EventJson.write(validated), UTF_8))
                .param("messageId", metadata.messageId())
                .param("causationId", metadata.causationId())
                .param("validatedAt", Timestamp.from(metadata.occurredAt()))
                .update() == 1;
    }

    public Optional<StoredCommand> find(UUID commandId) {
        return jdbc.sql("""
                select command_id, event_type, validated_event::text as validated_event, validated_message_id,
                       validated_causation_id, validated_at, trace_parent
                from registry_command where command_id = :commandId
                """)
                .param("commandId", commandId)
                .query(CommandStore::storedCommand)
                .optional();
    }

    /**
     * Locks the oldest command awaiting its build, skipping those another builder holds, until the
     * caller's transaction ends; empty when there is none free.
     */
    public Optional<StoredCommand> lockNextAwaitingBuild() {
        return jdbc.sql("""
                select command_id, event_type, validated_event::text as validated_event, validated_message_id,
                       validated_causation_id, validated_at, trace_parent
                from registry_command where awaiting_build
                order by received_at
                limit 1
                for update skip locked
                """)
                .query(CommandStore::storedCommand)
                .optional();
    }

    /** The command's transactions are stored (or it was rejected as unbuildable): it awaits nothing more. */
    public boolean built(UUID commandId) {
        return jdbc.sql("update registry_command set awaiting_build = false where command_id = :commandId and awaiting_build")
                .param("commandId", commandId)
                .update() == 1;
    }

    /** How many commands wait for the proving pool (all instances'). */
    public long awaitingBuild() {
        return jdbc.sql("select count(*) from registry_command where awaiting_build").query(Long.class).single();
    }

    /** Ends a command that is still in progress; false when it had already ended. */
    public boolean finish(UUID commandId, CommandState outcome, String reason) {
        return jdbc.sql("""
                update registry_command set state = :state, outcome_reason = :reason, completed_at = now()
                where command_id = :commandId and state = 'IN_PROGRESS'
                """)
                .param("commandId", commandId)
                .param("state", outcome.name())
                .param("reason", reason)
                .update() == 1;
    }

    private static StoredCommand storedCommand(ResultSet row, int rowNumber) throws SQLException {
        String type = row.getString("event_type");
        CertificateEvent event = EventJson.read(type, EventCatalog.SCHEMA_VERSION,
                row.getString("validated_event").getBytes(UTF_8));
        UUID commandId = row.getObject("command_id", UUID.class);
        var cause = new EventMetadata(row.getObject("validated_message_id", UUID.class), commandId,
                row.getObject("validated_causation_id", UUID.class), type, EventCatalog.SCHEMA_VERSION,
                row.getObject("validated_at", OffsetDateTime.class).toInstant());
        return new StoredCommand(commandId, event, cause, row.getString("trace_parent"));
    }
}
