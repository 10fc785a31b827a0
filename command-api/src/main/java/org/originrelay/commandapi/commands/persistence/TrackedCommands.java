package org.originrelay.commandapi.commands.persistence;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface TrackedCommands extends JpaRepository<TrackedCommand, UUID> {

    /** Locks the command, so reports about one command are recorded one after the other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from TrackedCommand c where c.commandId = :commandId")
    Optional<TrackedCommand> findForUpdate(UUID commandId);
}
