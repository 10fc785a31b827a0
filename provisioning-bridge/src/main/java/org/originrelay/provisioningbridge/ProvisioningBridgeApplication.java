package org.originrelay.provisioningbridge;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Carries Univention Provisioning events from NATS JetStream (or the stack's REST API) onto the
 * {@code provisioning.events} exchange, through the messaging kit's core (no database).
 */
@SpringBootApplication
public class ProvisioningBridgeApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ProvisioningBridgeApplication.class)
                .properties("spring.config.name=provisioning-bridge");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
