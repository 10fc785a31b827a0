package org.originrelay.validator.messaging;

import org.originrelay.messaging.consume.MessageHandler;
import org.originrelay.messaging.consume.PermanentFailure;
import org.originrelay.validator.owners.KnownOwners;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a user event bridged from Univention Provisioning ({@code udm.users.user.<action>}, body
 * unchanged from the source) and tells the known owners: the owner id is the UDM {@code username}.
 */
@Component
class ProvisionedUserListener implements MessageHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KnownOwners owners;

    ProvisionedUserListener(KnownOwners owners) {
        this.owners = owners;
    }

    @Override
    public void handle(Message message) {
        String routingKey = message.getMessageProperties().getReceivedRoutingKey();
        String action = routingKey.substring(routingKey.lastIndexOf('.') + 1);
        JsonNode body;
        try {
            body = JSON.readTree(message.getBody()).path("body");
        } catch (JacksonException e) {
            throw new PermanentFailure("provisioning event is not JSON", e);
        }
        String oldName = username(body.path("old"));
        String newName = username(body.path("new"));
        if (action.equals("deleted")) {
            owners.removed(required(oldName));
            return;
        }
        if (oldName != null && !oldName.equals(newName)) {
            owners.removed(oldName);
        }
        owners.provisioned(required(newName));
    }

    private static String username(JsonNode object) {
        JsonNode name = object.path("properties").path("username");
        return name.isString() && !name.asString().isBlank() ? name.asString() : null;
    }

    private static String required(String username) {
        if (username == null) {
            throw new PermanentFailure("provisioning user event without properties.username");
        }
        return username;
    }
}
