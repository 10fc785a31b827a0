package org.originrelay.messaging.events;

import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.messaging.outbox.Outbox;
import org.originrelay.messaging.topology.MessagingNames;

/**
 * Publishes certificate events through the outbox: call it inside the transaction of the change the
 * event announces.
 */
public class CertificateEventPublisher {

    private final Outbox outbox;
    private final String exchange;

    public CertificateEventPublisher(Outbox outbox, MessagingNames names) {
        this.outbox = outbox;
        this.exchange = names.exchange(EventCatalog.EXCHANGE);
    }

    /** Publishes an event that starts a command (its causation is the command itself). */
    public EventMetadata publish(CertificateEvent event) {
        return publish(event, null);
    }

    /** Publishes an event caused by the message described by {@code cause}. */
    public EventMetadata publish(CertificateEvent event, EventMetadata cause) {
        EventMetadata metadata = EventMetadata.forEvent(event, cause);
        outbox.append(CertificateEventMessages.toOutboxMessage(event, metadata, exchange));
        return metadata;
    }
}
