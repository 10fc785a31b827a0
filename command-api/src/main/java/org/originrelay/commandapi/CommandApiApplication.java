package org.originrelay.commandapi;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Accepts certificate commands over REST, announces each as a {@code …requested} event and tracks every
 * command's status from the events the other services publish about it.
 */
@SpringBootApplication
public class CommandApiApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CommandApiApplication.class)
                .properties("spring.config.name=command-api");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
