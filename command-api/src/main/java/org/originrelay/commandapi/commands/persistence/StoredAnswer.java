package org.originrelay.commandapi.commands.persistence;

import java.util.UUID;
import org.originrelay.contracts.events.CommandName;

/**
 * The first answer given to a request sent with an {@code Idempotency-Key}: a repeat of the same request
 * gets it again, another request under the same key is refused.
 *
 * @param requestHash the fingerprint of the request that was answered
 * @param responseBody that answer, the receipt as JSON
 */
public record StoredAnswer(String requestHash, UUID commandId, CommandName commandName, String responseBody) {
}
