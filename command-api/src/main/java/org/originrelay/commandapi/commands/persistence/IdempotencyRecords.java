package org.originrelay.commandapi.commands.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.events.CommandName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The first answers to requests sent with an {@code Idempotency-Key}, by key, in plain SQL. */
@Repository
public class IdempotencyRecords {

    private final JdbcClient jdbc;

    IdempotencyRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the answer given under {@code key} with the command it created (already stored in the same
     * transaction).
     *
     * @throws org.springframework.dao.DuplicateKeyException when the key holds an answer already; a
     *     concurrent transaction inserting the same key makes this wait for it to end first
     */
    public void insert(String key, String requestHash, UUID commandId, String responseBody, Instant at) {
        jdbc.sql("""
                insert into idempotency_record (idempotency_key, request_hash, command_id, response_body, created_at)
                values (:key, :requestHash, :commandId, :responseBody, :at)""")
                .param("key", key)
                .param("requestHash", requestHash)
                .param("commandId", commandId)
                .param("responseBody", responseBody)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    public Optional<StoredAnswer> find(String key) {
        return jdbc.sql("""
                select r.request_hash, r.command_id, c.command_name, r.response_body
                  from idempotency_record r join tracked_command c on c.command_id = r.command_id
                 where r.idempotency_key = :key""")
                .param("key", key)
                .query((row, number) -> new StoredAnswer(row.getString("request_hash"),
                        row.getObject("command_id", UUID.class), CommandName.valueOf(row.getString("command_name")),
                        row.getString("response_body")))
                .optional();
    }
}
