package org.originrelay.validator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Decides whether a requested command may go to the registry: it checks the domain rules against its
 * own view of certificates and reserves the slices involved, so no two commands ever race for one slice.
 */
@SpringBootApplication
public class ValidatorApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ValidatorApplication.class).properties("spring.config.name=validator");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
