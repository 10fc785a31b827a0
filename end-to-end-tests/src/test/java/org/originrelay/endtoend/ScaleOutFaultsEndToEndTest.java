package org.originrelay.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.originrelay.commandapi.CommandApiApplication;
import org.originrelay.projection.CertificatesProjectionApplication;
import org.originrelay.registryconnector.RegistryConnectorApplication;
import org.originrelay.testsupport.PrivateRabbitNode;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.ServiceProcess;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.originrelay.validator.ValidatorApplication;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On demand only (minutes, and a three-node broker of its own): the scale-out faults of issue 11.
 * <pre>
 * ./mvnw -B -o verify -pl end-to-end-tests -am -Dtest=ScaleOutFaultsEndToEndTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Drelay.scale-faults=true
 * </pre>
 * <ul>
 * <li>two instances of every service on a three-node RabbitMQ cluster (private nodes beside the
 *     machine's broker), the node every service is connected to stopped in the middle of a run;</li>
 * <li>two instances of every service, one of each in a JVM of its own, killed with SIGKILL in the
 *     middle of a run.</li>
 * </ul>
 * Either way every command ends accepted by the registry, each sent to it once, and the views agree.
 */
@EnabledIfSystemProperty(named = "relay.scale-faults", matches = "true")
class ScaleOutFaultsEndToEndTest {

    private static final String ISSUER = TestTokens.bearer("registry-dk1", "issuer");
    private static final String OPERATOR = TestTokens.bearer("ops", "operator");
    private static final Duration OUTCOME = Duration.ofMinutes(4);
    private static final int COMMANDS = 40;

    @Test
    void aClusterNodeStoppedInTheMiddleOfARunLosesNothing() throws Exception {
        Path base = PrivateRabbitNode.newBaseDirectory();
        List<PrivateRabbitNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(PrivateRabbitNode.startIn(base));
            }
            for (PrivateRabbitNode joining : nodes.subList(1, 3)) {
                joining.rabbitmqctl("stop_app");
                joining.rabbitmqctl("join_cluster", nodes.getFirst().nodeName());
                joining.rabbitmqctl("start_app");
            }
            String addresses = String.join(",", nodes.stream().map(node -> node.host() + ":" + node.amqpPort()).toList());
            PrivateRabbitNode observed = nodes.getLast();
            try (RunningSystem system = RunningSystem.withInstancesOn(2, addresses,
                    new RabbitServer(observed.host(), observed.amqpPort(), "guest", "guest"))) {
                System.out.println("quorum queues: " + nodes.getLast().rabbitmqctl("list_queues", "name", "type",
                        "members"));
                long receivedBefore = system.registry().totalReceived();
                List<JsonNode> issued = issueConcurrently(system.commandApis());
                // Every service connects to the first address: stop that node while the commands run.
                awaitFinished(system.commandApis(), ids(issued).subList(0, 5));
                nodes.getFirst().rabbitmqctl("stop_app");
                List<JsonNode> transferred = transferEach(system.commandApis(),
                        issued.subList(0, 10));
                assertAllAccepted(system.commandApis(), ids(issued));
                assertAllAccepted(system.commandApis(), ids(transferred));
                nodes.getFirst().rabbitmqctl("start_app");

                assertThat(system.registry().totalReceived() - receivedBefore).isEqualTo(COMMANDS + 10);
                await().atMost(OUTCOME).untilAsserted(() -> assertThat(system.slices("certificates_projection"))
                        .hasSize(COMMANDS).containsExactlyInAnyOrderElementsOf(system.slices("validator")));
            }
        } finally {
            nodes.reversed().forEach(PrivateRabbitNode::close);
        }
    }

    /**
     * The instances to be killed run in JVMs of their own; the surviving ones in this JVM (fewer JVMs
     * on a small machine), on the same database, schemas, namespace and registry.
     */
    @Test
    void oneInstanceOfEachServiceKilledInTheMiddleOfARunLosesNothing() throws Exception {
        List<Process> victims = new ArrayList<>();
        try (RunningSystem system = RunningSystem.withInstances(1)) {
            TestInfrastructure.Environment environment = system.environment();
            int commandPort = freePort();
            String victimApi = "http://127.0.0.1:" + commandPort;
            victims.add(start(environment, CommandApiApplication.class, "command_api", commandPort, Map.of()));
            victims.add(start(environment, ValidatorApplication.class, "validator", freePort(), Map.of()));
            victims.add(start(environment, RegistryConnectorApplication.class, "registry_connector", freePort(),
                    Map.of("relay.registry.target", "127.0.0.1:" + system.registry().port(),
                            "relay.registry.name", RunningSystem.REGISTRY_NAME,
                            "relay.registry.key-secret", RunningSystem.KEY_SECRET,
                            "relay.registry.commitments", "hash")));
            victims.add(start(environment, CertificatesProjectionApplication.class, "certificates_projection",
                    freePort(), Map.of()));
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                    Http.get(victimApi + "/actuator/health", OPERATOR).status() == 200);
            List<String> both = List.of(victimApi, system.commandApi());
            long receivedBefore = system.registry().totalReceived();

            List<JsonNode> issued = issueConcurrently(both);
            awaitFinished(List.of(system.commandApi()), ids(issued).subList(0, 5));
            for (Process victim : victims) {
                victim.destroyForcibly().waitFor();
            }
            List<String> survivor = List.of(system.commandApi());
            List<JsonNode> transferred = transferEach(survivor, issued.subList(0, 10));
            assertAllAccepted(survivor, ids(issued));
            assertAllAccepted(survivor, ids(transferred));
            assertThat(system.registry().totalReceived() - receivedBefore).as("every command sent to the registry once")
                    .isEqualTo(COMMANDS + 10);
            await().atMost(OUTCOME).untilAsserted(() -> assertThat(system.slices("certificates_projection"))
                    .hasSize(COMMANDS).containsExactlyInAnyOrderElementsOf(system.slices("validator")));
        } finally {
            for (Process victim : victims) {
                victim.destroyForcibly().waitFor();
            }
        }
    }

    private static Process start(TestInfrastructure.Environment environment, Class<?> application, String schema,
            int port, Map<String, Object> extra) throws IOException {
        Map<String, Object> properties = new HashMap<>(environment.serviceProperties(schema));
        properties.put("server.port", port);
        properties.put("spring.profiles.active", "local");
        properties.put("spring.datasource.hikari.maximum-pool-size", 4);
        properties.putAll(extra);
        // Killed with SIGKILL: nothing cleans up after them; the surviving instance's context does.
        properties.put("relay.test.cleanup-topology", false);
        Path log = Path.of("target", "fault-runs", schema + ".log");
        Files.createDirectories(log.getParent());
        return ServiceProcess.start(application.getName(), Map.of(), log, properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
    }

    private static List<JsonNode> issueConcurrently(List<String> commandApis) throws Exception {
        return parallel(IntStream.range(0, COMMANDS).mapToObj(i -> (Callable<JsonNode>) () ->
                post(commandApis.get(i % commandApis.size()), "issue-certificate", ISSUER, """
                        {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
                         "end":"2026-11-01T01:00:00Z","quantity":1000,"owner":"faulty-%d"}""".formatted(i))).toList());
    }

    private static List<JsonNode> transferEach(List<String> commandApis, List<JsonNode> certificates) throws Exception {
        return parallel(IntStream.range(0, certificates.size()).mapToObj(i -> (Callable<JsonNode>) () -> {
            JsonNode certificate = certificates.get(i);
            awaitFinished(commandApis, List.of(certificate.get("commandId").asString()));
            return post(commandApis.get(i % commandApis.size()), "transfer-slice",
                    TestTokens.bearer("faulty-" + i, "owner"), """
                            {"certificateId":"%s","sliceId":"%s","receiver":"survivor-%d"}""".formatted(
                            certificate.get("certificateId").asString(), certificate.get("sliceId").asString(), i));
        }).toList());
    }

    private static JsonNode post(String commandApi, String command, String authorization, String json) {
        // A command-api instance may be between brokers: a 503 is retried, as a client would.
        JsonNode[] body = new JsonNode[1];
        await().atMost(OUTCOME).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            Http.Response response = Http.post(commandApi + "/api/v1/commands/" + command, authorization, json);
            body[0] = response.body();
            return response.status() == 202;
        });
        return body[0];
    }

    private static List<String> ids(List<JsonNode> accepted) {
        return accepted.stream().map(body -> body.get("commandId").asString()).toList();
    }

    private static void assertAllAccepted(List<String> commandApis, List<String> commandIds) {
        Map<String, String> outcomes = awaitFinished(commandApis, commandIds);
        assertThat(outcomes).allSatisfy((command, status) -> assertThat(status).as(command)
                .isEqualTo("REGISTRY_ACCEPTED"));
    }

    private static Map<String, String> awaitFinished(List<String> commandApis, List<String> commandIds) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String commandId : commandIds) {
            String[] status = new String[1];
            await().atMost(OUTCOME).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                status[0] = Http.get(commandApis.getLast() + "/api/v1/commands/" + commandId, OPERATOR).body()
                        .get("status").asString();
                return Set.of("REJECTED", "REGISTRY_ACCEPTED", "REGISTRY_REJECTED").contains(status[0]);
            });
            outcomes.put(commandId, status[0]);
        }
        return outcomes;
    }

    private static <T> List<T> parallel(List<Callable<T>> calls) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : clients.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            clients.shutdown();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
