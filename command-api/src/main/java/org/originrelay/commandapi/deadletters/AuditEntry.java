package org.originrelay.commandapi.deadletters;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One replay or discard on record: who ({@code operator}, the token's subject), where, which selection,
 * how many were planned and moved, and the ids of the messages moved.
 */
public record AuditEntry(UUID operationId, Instant startedAt, Instant finishedAt, String operator, String action,
        String queue, String selection, int planned, int done, String status, String detail,
        List<String> messageIds, boolean messageIdsTruncated) {
}
