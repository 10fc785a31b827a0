package org.originrelay.commandapi.commands.messaging;

import org.originrelay.commandapi.commands.CommandStatus;
import org.originrelay.commandapi.commands.CommandStatusTracker;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.EventType;
import org.originrelay.contracts.events.Rejection;
import org.originrelay.messaging.events.CertificateEventHandler;
import org.springframework.stereotype.Component;

/**
 * Turns every event about a command into a status report. The stage is all that matters here, so the
 * event's type decides, whatever the command; rejections bring their reason.
 */
@Component
class CommandStatusListener implements CertificateEventHandler {

    private final CommandStatusTracker tracker;

    CommandStatusListener(CommandStatusTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void handle(CertificateEvent event, EventMetadata metadata) {
        EventType type = event.eventType();
        String reason = event instanceof Rejection rejection ? rejection.reason() : null;
        tracker.record(event.commandId(), type.command(), CommandStatus.reachedAt(type.stage()), reason);
    }
}
