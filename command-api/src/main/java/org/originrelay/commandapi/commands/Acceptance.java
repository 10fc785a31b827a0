package org.originrelay.commandapi.commands;

import org.originrelay.contracts.events.CertificateEvent;

/** What accepting a command produces: the event to publish and the answer to give. */
public record Acceptance(CertificateEvent event, Receipt receipt) {
}
