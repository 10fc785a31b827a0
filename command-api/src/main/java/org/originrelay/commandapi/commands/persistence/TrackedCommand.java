package org.originrelay.commandapi.commands.persistence;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.originrelay.commandapi.commands.CommandStatus;
import org.originrelay.contracts.events.CommandName;

/** A command accepted over REST, with its current status and every status it was reported at. */
@Entity
@Table(name = "tracked_command")
public class TrackedCommand {

    @Id
    @Column(name = "command_id")
    private UUID commandId;

    @Enumerated(EnumType.STRING)
    @Column(name = "command_name", nullable = false)
    private CommandName commandName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CommandStatus status;

    @Column(columnDefinition = "text")
    private String reason;

    /** The token subject that asked for it; null only for commands accepted before it was recorded. */
    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    /** Null until first stored, which is also how Spring Data tells a new command from a known one. */
    @Version
    private Long version;

    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "command_id", nullable = false, updatable = false)
    @OrderBy("id")
    private List<StatusChange> history = new ArrayList<>();

    protected TrackedCommand() {
    }

    public static TrackedCommand requested(UUID commandId, CommandName commandName, String requestedBy, Instant at) {
        TrackedCommand command = new TrackedCommand();
        command.commandId = commandId;
        command.commandName = commandName;
        command.requestedBy = requestedBy;
        command.status = CommandStatus.REQUESTED;
        command.requestedAt = at;
        command.history.add(new StatusChange(CommandStatus.REQUESTED, at));
        return command;
    }

    /**
     * Notes that the command was reported at {@code reached}. Every report enters the history, but only one
     * further along moves the status (and sets the reason): events may arrive late or out of order.
     */
    public void record(CommandStatus reached, String reasonGiven, Instant at) {
        history.add(new StatusChange(reached, at));
        if (reached.isFurtherThan(status)) {
            status = reached;
            reason = reasonGiven;
        }
    }

    public UUID commandId() {
        return commandId;
    }

    public CommandName commandName() {
        return commandName;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public CommandStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public List<StatusChange> history() {
        return Collections.unmodifiableList(history);
    }
}
