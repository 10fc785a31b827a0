package org.originrelay.contracts.provisioning;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.originrelay.contracts.events.ContractViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a user event on {@code provisioning.events} ({@code udm.users.user.<action>}, the Univention
 * Provisioning message unchanged) means for the set of known owners. The action travels in the message
 * itself, header {@value #ACTION_HEADER}, because the routing key a consumer receives changes on the way
 * (after the retry ladder it is {@code <delay>.<queue>}, after a replay {@code <queue>}). The owner id is the UDM
 * {@code properties.username}: a delete removes the old name, a rename removes the old name and adds the
 * new one, everything else (created, modified, moved, prefilled) adds the current name.
 *
 * @param removed names that are no longer users
 * @param present the name that is a user now (empty for a delete)
 */
public record UserChange(List<String> removed, Optional<String> present) {

    /** Header with the event's action: created, modified, moved, prefilled or deleted. */
    public static final String ACTION_HEADER = "provisioning-action";
    /** Where the kit keeps the routing key a message was first published with (messaging-kit RelayHeaders). */
    static final String ORIGINAL_ROUTING_KEY_HEADER = "x-relay-original-routing-key";
    private static final Set<String> ACTIONS = Set.of("created", "modified", "moved", "prefilled", "deleted");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public UserChange {
        removed = List.copyOf(removed);
    }

    /**
     * The action of a delivered user event: the {@value #ACTION_HEADER} header; for messages bridged
     * before that header existed, the last word of the routing key it was first published with (kept
     * by the kit when the message failed), else of the routing key it arrived with.
     *
     * @throws ContractViolation when none of them names an action
     */
    public static String actionOf(Map<String, Object> headers, String receivedRoutingKey) {
        Object header = headers.get(ACTION_HEADER);
        if (header != null) {
            return checked(header.toString(), "header " + ACTION_HEADER);
        }
        Object original = headers.get(ORIGINAL_ROUTING_KEY_HEADER);
        String routingKey = original != null ? original.toString() : String.valueOf(receivedRoutingKey);
        return checked(routingKey.substring(routingKey.lastIndexOf('.') + 1), "routing key " + routingKey);
    }

    private static String checked(String action, String source) {
        if (!ACTIONS.contains(action)) {
            throw new ContractViolation("provisioning user event without a known action (" + source + " gives '"
                    + action + "'; expected one of " + new TreeSet<>(ACTIONS) + ")");
        }
        return action;
    }

    /**
     * @param action as {@link #actionOf} found it
     * @throws ContractViolation when the body is not a provisioning user message with usernames
     */
    public static UserChange from(String action, byte[] message) {
        JsonNode body;
        try {
            body = JSON.readTree(message).path("body");
        } catch (JacksonException e) {
            throw new ContractViolation("provisioning event is not JSON", e);
        }
        Optional<String> oldName = username(body.path("old"));
        Optional<String> newName = username(body.path("new"));
        if (checked(action, "action").equals("deleted")) {
            return new UserChange(List.of(required(oldName)), Optional.empty());
        }
        String current = required(newName);
        return new UserChange(oldName.filter(old -> !old.equals(current)).stream().toList(), Optional.of(current));
    }

    private static Optional<String> username(JsonNode object) {
        JsonNode name = object.path("properties").path("username");
        return name.isString() && !name.asString().isBlank() ? Optional.of(name.asString()) : Optional.empty();
    }

    private static String required(Optional<String> username) {
        return username.orElseThrow(() -> new ContractViolation("provisioning user event without properties.username"));
    }
}
