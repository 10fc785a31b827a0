package org.originrelay.messaging.deadletter;

import java.util.regex.Pattern;

/**
 * Turns "command 8b0c…-… not found after 3 tries" into "command {id} not found after {n} tries": the same
 * failure of different messages reads the same, so the console can group them.
 */
public final class FailureReasons {

    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    /** Long hexadecimal runs (hashes, object ids) that contain at least one digit. */
    private static final Pattern HEX_ID = Pattern.compile("\\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{12,}\\b");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern NUMBER = Pattern.compile("\\d+([.,]\\d+)*");

    private FailureReasons() {
    }

    public static String normalise(String reason) {
        if (reason == null || reason.isBlank()) {
            return "(no reason recorded)";
        }
        String text = UUID.matcher(reason).replaceAll("{id}");
        text = TIMESTAMP.matcher(text).replaceAll("{time}");
        text = HEX_ID.matcher(text).replaceAll("{id}");
        text = NUMBER.matcher(text).replaceAll("{n}");
        return text.strip().replaceAll("\\s+", " ");
    }
}
