package org.originrelay.registryconnector.persistence;

import java.util.UUID;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventMetadata;

/**
 * A validated command as it arrived: the event and its metadata, the cause of the outcome event.
 *
 * @param traceParent the W3C traceparent the validated event was handled in, continued by the outcome;
 *     null when it came without one
 */
public record StoredCommand(UUID commandId, CertificateEvent validated, EventMetadata cause, String traceParent) {
}
