package org.originrelay.validator.messaging;

import org.originrelay.contracts.provisioning.UserChange;
import org.originrelay.messaging.consume.MessageHandler;
import org.originrelay.validator.owners.KnownOwners;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

/** Hands the user events bridged from Univention Provisioning to the known owners. */
@Component
class ProvisionedUserListener implements MessageHandler {

    private final KnownOwners owners;

    ProvisionedUserListener(KnownOwners owners) {
        this.owners = owners;
    }

    @Override
    public void handle(Message message) {
        var properties = message.getMessageProperties();
        String action = UserChange.actionOf(properties.getHeaders(), properties.getReceivedRoutingKey());
        UserChange change = UserChange.from(action, message.getBody());
        change.removed().forEach(owners::removed);
        change.present().ifPresent(owners::provisioned);
    }
}
