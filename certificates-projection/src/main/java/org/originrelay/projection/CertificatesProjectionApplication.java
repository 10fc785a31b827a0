package org.originrelay.projection;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Keeps the read model of certificates and slices from what the registry accepted, and serves it. */
@SpringBootApplication
public class CertificatesProjectionApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CertificatesProjectionApplication.class)
                .properties("spring.config.name=certificates-projection");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
