package org.originrelay.contracts.provisioning;

import java.util.List;
import java.util.Optional;
import org.originrelay.contracts.events.ContractViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a user event on {@code provisioning.events} ({@code udm.users.user.<action>}, the Univention
 * Provisioning message unchanged) means for the set of known owners. The owner id is the UDM
 * {@code properties.username}: a delete removes the old name, a rename removes the old name and adds the
 * new one, everything else (created, modified, moved, prefilled) adds the current name.
 *
 * @param removed names that are no longer users
 * @param present the name that is a user now (empty for a delete)
 */
public record UserChange(List<String> removed, Optional<String> present) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public UserChange {
        removed = List.copyOf(removed);
    }

    /** @throws ContractViolation when the body is not a provisioning user message with usernames */
    public static UserChange from(String routingKey, byte[] message) {
        JsonNode body;
        try {
            body = JSON.readTree(message).path("body");
        } catch (JacksonException e) {
            throw new ContractViolation("provisioning event is not JSON", e);
        }
        Optional<String> oldName = username(body.path("old"));
        Optional<String> newName = username(body.path("new"));
        if (routingKey.endsWith(".deleted")) {
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
