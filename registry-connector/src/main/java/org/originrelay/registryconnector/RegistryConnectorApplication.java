package org.originrelay.registryconnector;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Turns validated commands into transactions on the Project Origin registry: builds and stores them
 * when the command arrives, sends each at most once, polls its status, and announces the outcome.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RegistryConnectorApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(RegistryConnectorApplication.class)
                .properties("spring.config.name=registry-connector");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
