package org.originrelay.registryconnector.operations;

import java.util.UUID;
import org.originrelay.contracts.operations.RegistryCommandStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the connector's tables say about one command, for operators' tools in other services. */
@Repository
public class CommandStatusQueries {

    private final JdbcClient jdbc;

    public CommandStatusQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A command still awaiting its build by the proving pool counts one outstanding transaction: it is not
     * stored yet, but it will be, and then sent, so nothing about the command may be released meanwhile.
     */
    public RegistryCommandStatus statusOf(UUID commandId) {
        return jdbc.sql("""
                select c.state,
                       count(t.transaction_id) filter (where t.state in ('STORED', 'SENDING', 'SENT'))
                           + case when c.awaiting_build then 1 else 0 end as outstanding,
                       count(t.transaction_id) filter (where t.state in ('STORED', 'SENDING', 'SENT')
                                                         and t.stuck_reported) as stuck
                from registry_command c left join registry_transaction t using (command_id)
                where c.command_id = :commandId
                group by c.state, c.awaiting_build
                """)
                .param("commandId", commandId)
                .query((row, n) -> new RegistryCommandStatus(commandId, true, row.getString("state"),
                        row.getInt("outstanding"), row.getInt("stuck")))
                .optional()
                .orElse(new RegistryCommandStatus(commandId, false, null, 0, 0));
    }
}
