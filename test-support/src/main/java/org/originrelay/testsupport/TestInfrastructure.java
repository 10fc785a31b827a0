package org.originrelay.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One place where tests get their infrastructure. Servers are located once per JVM; every call to
 * {@link #serviceProperties} gets a new database and a new broker namespace, so test contexts never see
 * each other's data or messages.
 */
public final class TestInfrastructure {

    private static PostgresServer postgres;
    private static RabbitServer rabbit;

    private TestInfrastructure() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.locate();
        }
        return postgres;
    }

    public static synchronized RabbitServer rabbit() {
        if (rabbit == null) {
            rabbit = RabbitServer.locate();
        }
        return rabbit;
    }

    /** A fresh, isolated environment shared by the services of one test: one database, one namespace. */
    public static Environment newEnvironment() {
        return new Environment(postgres().createDatabase(), RabbitServer.newNamespace());
    }

    /** Properties for a service context that uses {@code schema} in a new database and a new namespace. */
    public static void registerServiceProperties(DynamicPropertyRegistry registry, String schema) {
        newEnvironment().serviceProperties(schema).forEach((key, value) -> registry.add(key, () -> value));
    }

    /** An isolated database and broker namespace that several services can share (end-to-end tests). */
    public record Environment(String database, String namespace) {

        public Map<String, Object> serviceProperties(String schema) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("spring.datasource.url", postgres().jdbcUrl(database, schema));
            properties.put("spring.datasource.username", postgres().user());
            properties.put("spring.datasource.password", postgres().password());
            // Test JVMs keep many contexts cached; idle ones must not hold their pools, or the suite meets
            // PostgreSQL's connection limit (100 here). A busy context still grows to the usual pool size.
            properties.put("spring.datasource.hikari.minimum-idle", 1);
            properties.put("spring.datasource.hikari.idle-timeout", 15_000); // milliseconds (Hikari binds a long)
            properties.put("spring.flyway.schemas", schema);
            properties.put("spring.rabbitmq.host", rabbit().host());
            properties.put("spring.rabbitmq.port", rabbit().port());
            properties.put("spring.rabbitmq.username", rabbit().username());
            properties.put("spring.rabbitmq.password", rabbit().password());
            properties.put("relay.messaging.namespace", namespace);
            properties.put(TopologyCleanup.ENABLED_PROPERTY, true);
            properties.put("relay.security.jwt.hmac-secret", TestTokens.SECRET);
            return properties;
        }
    }
}
