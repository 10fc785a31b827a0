package org.originrelay.projection.owners.messaging;

import java.util.List;
import org.originrelay.contracts.provisioning.UserChange;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.projection.owners.KnownOwners;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The projection's queue on the provisioning events: users, who are the owners of certificates. */
@Configuration(proxyBeanMethods = false)
class KnownOwnersMessaging {

    @Bean
    ConsumerDefinition provisionedUsers(KnownOwners owners) {
        return new ConsumerDefinition("certificates-projection.known-owners", "provisioning.events",
                List.of("udm.users.user.*"), message -> owners.apply(UserChange.from(UserChange.actionOf(
                        message.getMessageProperties().getHeaders(), message.getMessageProperties().getReceivedRoutingKey()),
                        message.getBody())));
    }
}
