package org.originrelay.contracts.events;

/**
 * Compact-constructor checks: an event missing a field the contract promises is a contract violation,
 * which consumers dead-letter at once instead of retrying.
 */
final class Require {

    private Require() {
    }

    static void present(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    static void notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
