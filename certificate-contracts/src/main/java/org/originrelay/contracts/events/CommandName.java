package org.originrelay.contracts.events;

/** The commands a client can post; the first word of every routing key. */
public enum CommandName {
    ISSUE_CERTIFICATE("issue-certificate"),
    SLICE_CERTIFICATE("slice-certificate"),
    TRANSFER_SLICE("transfer-slice"),
    CLAIM("claim");

    private final String key;

    CommandName(String key) {
        this.key = key;
    }

    /** The name as it appears in routing keys and URLs, e.g. {@code transfer-slice}. */
    public String key() {
        return key;
    }
}
