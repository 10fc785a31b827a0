package org.originrelay.messaging.events;

import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventMetadata;

/** What a service does with one certificate event; runs in the consumer's transaction. */
@FunctionalInterface
public interface CertificateEventHandler {

    void handle(CertificateEvent event, EventMetadata metadata);
}
