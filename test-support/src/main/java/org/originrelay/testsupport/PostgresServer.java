package org.originrelay.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server a test run uses: the one named by {@code RELAY_TEST_POSTGRES_URL} (a JDBC URL of
 * any database on it, plus {@code _USER}/{@code _PASSWORD}), else the one on 127.0.0.1:5432, else a
 * Testcontainers container. Each caller gets a database of its own, dropped when the JVM exits.
 */
public final class PostgresServer {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();

    private PostgresServer(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::dropCreatedDatabases));
    }

    static PostgresServer locate() {
        String url = Reachability.env("RELAY_TEST_POSTGRES_URL");
        if (url != null) {
            var address = java.net.URI.create(url.replaceFirst("^jdbc:", ""));
            return new PostgresServer(address.getHost(), address.getPort() < 0 ? 5432 : address.getPort(),
                    envOr("RELAY_TEST_POSTGRES_USER", "postgres"), envOr("RELAY_TEST_POSTGRES_PASSWORD", ""));
        }
        if (Reachability.isListening("127.0.0.1", 5432)) {
            return new PostgresServer("127.0.0.1", 5432, "postgres", "");
        }
        var container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new PostgresServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                container.getPassword());
    }

    private static String envOr(String name, String fallback) {
        String value = Reachability.env(name);
        return value == null ? fallback : value;
    }

    /** Creates an empty database with a random name for one test context (or one end-to-end run). */
    public String createDatabase() {
        String name = "relay_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("create database " + name);
        createdDatabases.add(name);
        return name;
    }

    /** JDBC URL of a database whose connections use {@code schema} first (the service's own schema). */
    public String jdbcUrl(String database, String schema) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?currentSchema=" + schema;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private void dropCreatedDatabases() {
        for (String database : createdDatabases) {
            try {
                execute("drop database if exists " + database + " with (force)");
            } catch (RuntimeException e) {
                System.err.println("Could not drop test database " + database + ": " + e.getMessage());
            }
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused '" + sql + "'", e);
        }
    }
}
