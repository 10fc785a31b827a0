package org.originrelay.commandapi.subscriptions;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a client asks for: a name, the exchange to subscribe to, binding keys, retry settings. Validated
 * on construction, so an invalid one never reaches the broker or the database.
 */
public record SubscriptionSpec(String name, String exchange, List<String> bindings, RetrySettings retry) {

    /** The public event exchanges; nothing else may be subscribed to. */
    public static final Set<String> EXCHANGES = Set.of("provisioning.events", "certificates.events");

    /** Lower-case words joined by single hyphens; no dots, so the queue name parses back unambiguously. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int LONGEST_NAME = 100;
    /** Topic binding keys: words of letters, digits, '-' and '_', or the wildcards '*' and '#'. */
    static final Pattern BINDING = Pattern.compile("([A-Za-z0-9_-]+|\\*|#)(\\.([A-Za-z0-9_-]+|\\*|#))*");
    static final int MOST_BINDINGS = 50;

    public SubscriptionSpec {
        if (name == null || name.length() > LONGEST_NAME || !NAME.matcher(name).matches()) {
            throw new InvalidSubscription("name must be lower-case letters and digits in words joined by '-', at most "
                    + LONGEST_NAME + " characters");
        }
        if (exchange == null || !EXCHANGES.contains(exchange)) {
            throw new InvalidSubscription("exchange must be one of " + EXCHANGES.stream().sorted().toList());
        }
        if (bindings == null || bindings.isEmpty() || bindings.size() > MOST_BINDINGS) {
            throw new InvalidSubscription("bindings must list 1 to " + MOST_BINDINGS + " binding keys");
        }
        for (String binding : bindings) {
            if (binding == null || binding.length() > 255 || !BINDING.matcher(binding).matches()) {
                throw new InvalidSubscription("'" + binding + "' is not a topic binding key (words separated by '.',"
                        + " '*' for one word, '#' for any)");
            }
        }
        bindings = bindings.stream().distinct().sorted().toList();
        retry = retry == null ? RetrySettings.DEFAULTS : retry;
    }
}
