package org.originrelay.provisioningbridge.mapping;

import org.originrelay.contracts.provisioning.UserChange;

/** Headers the bridge sets on every message it publishes (docs/services/provisioning-bridge.md). */
public final class ProvisioningHeaders {

    /** The source message's {@code publisher_name}, e.g. {@code udm-listener}, {@code udm-pre-fill}. */
    public static final String PUBLISHER_NAME = "publisher-name";
    /** The message's sequence number in its stream. */
    public static final String SEQUENCE_NUMBER = "sequence-number";
    /** How often the source delivered it (more than 1: a redelivery). */
    public static final String NUM_DELIVERED = "num-delivered";
    /**
     * {@code created}, {@code modified} or {@code deleted}, from the body's old/new objects: the header our
     * own consumers read the user change from (the contract's, not a name of the bridge's own).
     */
    public static final String ACTION = UserChange.ACTION_HEADER;
    /** The object's {@code id}, else its {@code uuid}, else its {@code dn}. */
    public static final String OBJECT_ID = "object-id";
    /** Which field {@link #OBJECT_ID} came from: {@code id}, {@code uuid} or {@code dn}. */
    public static final String OBJECT_ID_SOURCE = "object-id-source";
    public static final String OBJECT_DN = "object-dn";
    /**
     * The W3C trace context, as on every event of the relay: the bridge starts a trace for each message,
     * or continues the one the source message carried.
     */
    public static final String TRACE_PARENT = "traceparent";

    private ProvisioningHeaders() {
    }
}
