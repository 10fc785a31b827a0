package org.originrelay.endtoend;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * scripts/rabbitmq-users as operators run it, on a virtual host and user names of this test's own: the
 * whole certificate flow works with every service on its own broker user, and a service is refused what
 * it does not need. Needs rabbitmqctl for the broker on this machine (as .ci/run has); users and
 * virtual host are deleted afterwards.
 */
class BrokerUsersEndToEndTest {

    private static final List<String> SERVICES = List.of("command-api", "validator", "registry-connector",
            "certificates-projection", "provisioning-bridge");
    private static final String SUFFIX = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static final String VHOST = "relay-users-test-" + SUFFIX;
    private static final String USER_PREFIX = "t" + SUFFIX + "-";
    private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

    private static TestInfrastructure.Environment environment;
    private static RunningSystem system;

    @BeforeAll
    static void createUsersAndStartEverything() throws Exception {
        RabbitServer rabbit = TestInfrastructure.rabbit();
        Assumptions.assumeTrue(rabbit.host().equals("127.0.0.1") && rabbitmqctl("status").exitCode == 0,
                "needs rabbitmqctl for the broker on this machine");
        rabbitmqctl("add_vhost", VHOST).assertSucceeded();
        // The test's own user observes the events and cleans up, as an outside subscriber would.
        rabbitmqctl("set_permissions", "-p", VHOST, rabbit.username(), ".*", ".*", ".*").assertSucceeded();
        environment = TestInfrastructure.newEnvironment();
        SERVICES.forEach(service -> PASSWORDS.put(service, "pw-" + service + "-" + SUFFIX));

        Map<String, String> scriptEnvironment = new LinkedHashMap<>();
        scriptEnvironment.put("RELAY_MQ_VHOST", VHOST);
        scriptEnvironment.put("RELAY_MQ_NAMESPACE", environment.namespace());
        scriptEnvironment.put("RELAY_MQ_USER_PREFIX", USER_PREFIX);
        PASSWORDS.forEach((service, password) ->
                scriptEnvironment.put("RELAY_MQ_PASSWORD_" + service.toUpperCase().replace('-', '_'), password));
        Run script = run(List.of(Path.of("..", "scripts", "rabbitmq-users").toString()), scriptEnvironment);
        script.assertSucceeded();
        PASSWORDS.values().forEach(password -> assertThat(script.output).doesNotContain(password));

        system = new RunningSystem(environment, VHOST, service -> Map.of(
                "spring.rabbitmq.username", USER_PREFIX + service,
                "spring.rabbitmq.password", PASSWORDS.get(service),
                "spring.rabbitmq.virtual-host", VHOST));
    }

    @AfterAll
    static void stopEverythingAndDeleteTheUsers() throws Exception {
        if (system != null) {
            system.close();
        }
        if (environment != null) {
            rabbitmqctl("delete_vhost", VHOST);
            for (String service : SERVICES) {
                rabbitmqctl("delete_user", USER_PREFIX + service);
            }
        }
    }

    @Test
    void aCertificateIsIssuedAndTransferredWithEveryServiceOnItsOwnUser() {
        Http.Response issued = Http.post(system.commandApi() + "/api/v1/commands/issue-certificate",
                TestTokens.bearer("registry-dk1", "issuer"), """
                {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
                 "end":"2026-11-01T01:00:00Z","quantity":1000,"owner":"alice"}""");
        assertThat(issued.status()).isEqualTo(202);
        awaitStatus(issued.body().get("commandId").asString(), "REGISTRY_ACCEPTED");

        Http.Response transfer = Http.post(system.commandApi() + "/api/v1/commands/transfer-slice",
                TestTokens.bearer("alice", "owner"), """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(
                        issued.body().get("certificateId").asString(), issued.body().get("sliceId").asString()));
        assertThat(transfer.status()).isEqualTo(202);
        awaitStatus(transfer.body().get("commandId").asString(), "REGISTRY_ACCEPTED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.get(system.projection()
                + "/api/v1/certificates/" + issued.body().get("certificateId").asString(),
                TestTokens.bearer("bob", "owner")).status()).isEqualTo(200));
        // The operator's dead-letter listing reads every service's DLQ with command-api's user.
        assertThat(Http.get(system.commandApi() + "/api/v1/dead-letters", TestTokens.bearer("ops", "operator"))
                .status()).isEqualTo(200);
    }

    @Test
    void aServiceIsRefusedWhatItDoesNotNeed() throws Exception {
        String ns = environment.namespace();

        assertRefused("validator", channel -> channel.basicGet(ns + "registry-connector.validated", false));
        assertRefused("certificates-projection", channel -> channel.basicGet(ns + "validator.requests.dlq", false));
        assertRefused("registry-connector", channel -> channel.queueDeclare(ns + "command-api.intruder", false,
                false, true, null));
        assertRefused("provisioning-bridge", channel -> channel.basicGet(ns + "validator.requests", false));
        assertRefused("provisioning-bridge", channel -> {
            channel.confirmSelect();
            channel.basicPublish(ns + "certificates.events", "issue-certificate.requested", null,
                    "{}".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(20_000);
        });
        // And what it does need it may do: the check above is not just a broken login.
        try (Connection connection = connect("validator"); Channel channel = connection.createChannel()) {
            assertThat(channel.queueDeclarePassive(ns + "validator.requests").getQueue()).isEqualTo(ns + "validator.requests");
        }
    }

    private interface ChannelAction {
        void run(Channel channel) throws Exception;
    }

    private static void assertRefused(String service, ChannelAction action) throws Exception {
        try (Connection connection = connect(service)) {
            Channel channel = connection.createChannel();
            assertThatThrownBy(() -> action.run(channel)).as(service)
                    .satisfies(failure -> assertThat(describe(failure)).contains("ACCESS_REFUSED"));
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append(cause).append('\n');
        }
        return text.toString();
    }

    private static Connection connect(String service) throws Exception {
        RabbitServer rabbit = TestInfrastructure.rabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        factory.setVirtualHost(VHOST);
        factory.setUsername(USER_PREFIX + service);
        factory.setPassword(PASSWORDS.get(service));
        return factory.newConnection();
    }

    private static void awaitStatus(String commandId, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Http.Response response = Http.get(system.commandApi() + "/api/v1/commands/" + commandId,
                    TestTokens.bearer("ops", "operator"));
            assertThat(response.body().get("status").asString()).isEqualTo(status);
        });
    }

    private record Run(int exitCode, String output) {

        void assertSucceeded() {
            assertThat(exitCode).as(output).isZero();
        }
    }

    private static Run rabbitmqctl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(arguments));
        try {
            return run(command, Map.of());
        } catch (IOException notInstalled) {
            return new Run(127, notInstalled.getMessage());
        }
    }

    private static Run run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("rabbitmq-users", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in time");
            }
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
