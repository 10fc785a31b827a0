package org.originrelay.provisioningbridge.publishing;

/** Why a source message was parked: recorded in the dead letter's exception headers. */
public class UnmappableMessageException extends Exception {

    public UnmappableMessageException(String reason) {
        super(reason);
    }
}
