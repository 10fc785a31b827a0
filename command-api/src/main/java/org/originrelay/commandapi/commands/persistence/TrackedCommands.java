package org.originrelay.commandapi.commands.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.commandapi.commands.CommandStatus;
import org.originrelay.contracts.events.CommandName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The commands accepted here, in plain SQL: each change is one statement (a command with its first
 * history entry, a report with its history entry), because this is command-api's hot path and an ORM's
 * session, dirty checking and separate sequence round trip cost more than the statements themselves.
 * History ids come from {@code command_status_change_seq} drawn while the statement holds the command's
 * row, so they follow the order in which reports about one command were recorded.
 */
@Repository
public class TrackedCommands {

    private final JdbcClient jdbc;

    TrackedCommands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new command at {@link CommandStatus#REQUESTED}, with that as its history. */
    public void insertRequested(UUID commandId, CommandName commandName, String requestedBy, Instant at) {
        jdbc.sql("""
                with command as (
                    insert into tracked_command (command_id, command_name, status, requested_by, requested_at, version)
                    values (:commandId, :commandName, :status, :requestedBy, :at, 0)
                    returning command_id)
                insert into command_status_change (id, command_id, status, at)
                select nextval('command_status_change_seq'), command_id, :status, :at from command""")
                .param("commandId", commandId)
                .param("commandName", commandName.name())
                .param("status", CommandStatus.REQUESTED.name())
                .param("requestedBy", requestedBy)
                .param("at", utc(at))
                .update();
    }

    /**
     * Adds a report to the history of the command {@code commandId} of kind {@code commandName} and, in the
     * same statement, moves its status (and reason) to {@code reached} if the status it holds then is one
     * that {@code reached} is further than ({@link CommandStatus#statusesBehind()}). The update locks the
     * row, so concurrent reports about one command are recorded one after the other and each sees the
     * status the previous one left: a late report never moves a status back.
     *
     * @return false, recording nothing, when no command of that id and kind was accepted here
     */
    public boolean record(UUID commandId, CommandName commandName, CommandStatus reached, String reason, Instant at) {
        return jdbc.sql("""
                with reported as (
                    update tracked_command
                       set status  = case when status = any (cast(:behind as varchar[])) then :reached else status end,
                           reason  = case when status = any (cast(:behind as varchar[])) then :reason else reason end,
                           version = version + 1
                     where command_id = :commandId and command_name = :commandName
                    returning command_id)
                insert into command_status_change (id, command_id, status, at)
                select nextval('command_status_change_seq'), command_id, :reached, :at from reported""")
                .param("commandId", commandId)
                .param("commandName", commandName.name())
                .param("reached", reached.name())
                .param("behind", reached.statusesBehind().stream().map(CommandStatus::name).toArray(String[]::new))
                .param("reason", reason)
                .param("at", utc(at))
                .update() == 1;
    }

    /** The kind of the command {@code commandId}, if it was accepted here. */
    public Optional<CommandName> kindOf(UUID commandId) {
        return jdbc.sql("select command_name from tracked_command where command_id = :commandId")
                .param("commandId", commandId)
                .query((row, number) -> CommandName.valueOf(row.getString("command_name")))
                .optional();
    }

    /** The command with its whole history, in one query. */
    public Optional<TrackedCommand> find(UUID commandId) {
        return jdbc.sql("""
                select c.command_id, c.command_name, c.status, c.reason, c.requested_by,
                       h.status as reported, h.at
                  from tracked_command c
                  left join command_status_change h on h.command_id = c.command_id
                 where c.command_id = :commandId
                 order by h.id""")
                .param("commandId", commandId)
                .query(TrackedCommands::command);
    }

    private static Optional<TrackedCommand> command(ResultSet rows) throws SQLException {
        if (!rows.next()) {
            return Optional.empty();
        }
        UUID commandId = rows.getObject("command_id", UUID.class);
        CommandName commandName = CommandName.valueOf(rows.getString("command_name"));
        CommandStatus status = CommandStatus.valueOf(rows.getString("status"));
        String reason = rows.getString("reason");
        String requestedBy = rows.getString("requested_by");
        List<StatusChange> history = new ArrayList<>();
        do {
            String reported = rows.getString("reported");
            if (reported != null) {
                history.add(new StatusChange(CommandStatus.valueOf(reported),
                        rows.getObject("at", OffsetDateTime.class).toInstant()));
            }
        } while (rows.next());
        return Optional.of(new TrackedCommand(commandId, commandName, status, reason, requestedBy, history));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
