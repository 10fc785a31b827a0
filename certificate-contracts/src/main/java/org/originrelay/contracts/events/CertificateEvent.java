package org.originrelay.contracts.events;

import java.util.UUID;

/**
 * Every event on the {@code certificates.events} exchange. One sealed sub-interface per command
 * stream; each record is one stage of that command.
 */
public sealed interface CertificateEvent
        permits IssueCertificateEvent, SliceCertificateEvent, TransferSliceEvent, ClaimEvent {

    /** The command this event belongs to; also the AMQP {@code correlation_id}. */
    UUID commandId();

    /** Who posted the command (the token's subject); null when the command came without one. */
    String requestedBy();

    default EventType eventType() {
        return EventCatalog.typeOf(this);
    }
}
