package org.originrelay.commandapi.commands.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.originrelay.commandapi.commands.CommandStatus;

/** One entry of a command's history: the status it was reported at, and when that report arrived. */
@Entity
@Table(name = "command_status_change")
public class StatusChange {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "command_status_change_seq")
    @SequenceGenerator(name = "command_status_change_seq", sequenceName = "command_status_change_seq",
            allocationSize = 1)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CommandStatus status;

    @Column(nullable = false)
    private Instant at;

    protected StatusChange() {
    }

    StatusChange(CommandStatus status, Instant at) {
        this.status = status;
        this.at = at;
    }

    public CommandStatus status() {
        return status;
    }

    public Instant at() {
        return at;
    }
}
