package org.originrelay.commandapi.subscriptions.web;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.originrelay.commandapi.subscriptions.InvalidSubscription;
import org.originrelay.commandapi.subscriptions.RetrySettings;
import org.originrelay.commandapi.subscriptions.SubscriptionSpec;

/**
 * The body of {@code POST} and {@code PUT /api/v1/subscriptions}. Retry fields left out take the
 * defaults (PT1S, 5, PT10M, 7); durations are ISO-8601 ({@code PT1S}, {@code PT10M}).
 */
record SubscriptionRequest(String name, String exchange, List<String> bindings, Retry retry) {

    record Retry(String initialDelay, Double multiplier, String maxDelay, Integer maxAttempts) {
    }

    SubscriptionSpec toSpec(String nameIfAbsent) {
        RetrySettings defaults = RetrySettings.DEFAULTS;
        RetrySettings settings = retry == null ? defaults : new RetrySettings(
                duration("retry.initialDelay", retry.initialDelay(), defaults.initialDelay()),
                retry.multiplier() == null ? defaults.multiplier() : retry.multiplier(),
                duration("retry.maxDelay", retry.maxDelay(), defaults.maxDelay()),
                retry.maxAttempts() == null ? defaults.maxAttempts() : retry.maxAttempts());
        return new SubscriptionSpec(name == null ? nameIfAbsent : name, exchange, bindings, settings);
    }

    private static Duration duration(String field, String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidSubscription(field + " must be an ISO-8601 duration such as PT1S or PT10M, not '" + text + "'");
        }
    }
}
