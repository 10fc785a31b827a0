package org.originrelay.provisioningbridge;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Will carry Univention Provisioning events from NATS JetStream onto the {@code provisioning.events}
 * exchange. For now it only runs and reports its health, so the deployment is complete.
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
