package org.originrelay.provisioningbridge.mapping;

/** One message as the Provisioning stack delivered it, with where it sits in its stream. */
public record SourceMessage(String source, long sequenceNumber, long numDelivered, byte[] body) {
}
