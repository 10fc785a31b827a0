package org.originrelay.projection.owners.persistence;

import org.originrelay.certificateviews.KnownOwnerStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The known owners are kept in this service's schema, by the store every service with owners shares. */
@Configuration(proxyBeanMethods = false)
class KnownOwnerPersistence {

    @Bean
    KnownOwnerStore knownOwnerStore(JdbcClient jdbc) {
        return new KnownOwnerStore(jdbc);
    }
}
