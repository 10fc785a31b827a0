package org.originrelay.endtoend;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originrelay.provisioningbridge.ProvisioningBridgeApplication;
import org.originrelay.registry.protocol.OwnerKeys;
import org.originrelay.registry.protocol.ProtoIds;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;
import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.registry.GetStreamTransactionsRequest;
import org.originrelay.registry.protocol.v1.registry.RegistryServiceGrpc;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.testsupport.NatsServer;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of every service at once, on one broker and one database (issue 11): every request
 * goes to the instances in turn, and every guarantee of the single-instance system must still hold.
 */
class TwoInstancesEndToEndTest {

    private static final String ISSUER = TestTokens.bearer("registry-dk1", "issuer");
    private static final String OPERATOR = TestTokens.bearer("ops", "operator");
    private static final Duration OUTCOME = Duration.ofSeconds(120);
    private static final int CERTIFICATES = 20;
    private static final int SLICES = 10;

    private static RunningSystem system;
    private static int nextInstance;

    @BeforeAll
    static void startTwoOfEverything() {
        system = RunningSystem.withInstances(2);
    }

    @AfterAll
    static void stopEverything() {
        if (system != null) {
            system.close();
        }
    }

    /**
     * 20 certificates sliced into 10 each; all 200 slices transferred at once, then each transferred on
     * again: every command accepted, and both read models, the validator's view and the registry agree.
     */
    @Test
    void twoHundredSlicesTransferredAtOnceAndOnAgainAreAllAcceptedAndEveryViewAgreesWithTheRegistry()
            throws Exception {
        long receivedBefore = system.registry().totalReceived();
        List<JsonNode> issued = parallel(IntStream.range(0, CERTIFICATES).mapToObj(i -> (Callable<JsonNode>) () ->
                accepted("issue-certificate", ISSUER, """
                        {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
                         "end":"2026-11-01T01:00:00Z","quantity":1000,"owner":"scale-owner"}""")).toList());
        awaitAllRegistryAccepted(issued.stream().map(body -> body.get("commandId").asString()).toList());

        List<JsonNode> slicings = parallel(issued.stream().map(certificate -> (Callable<JsonNode>) () ->
                accepted("slice-certificate", owner("scale-owner"), """
                        {"certificateId":"%s","sliceId":"%s","quantities":[%s]}""".formatted(
                        certificate.get("certificateId").asString(), certificate.get("sliceId").asString(),
                        String.join(",", java.util.Collections.nCopies(SLICES, "100"))))).toList());
        Map<String, List<String>> slicesOf = new LinkedHashMap<>();
        for (int i = 0; i < issued.size(); i++) {
            List<String> slices = new ArrayList<>();
            slicings.get(i).get("newSliceIds").forEach(id -> slices.add(id.asString()));
            slicesOf.put(issued.get(i).get("certificateId").asString(), slices);
        }
        awaitAllRegistryAccepted(slicings.stream().map(body -> body.get("commandId").asString()).toList());

        List<String> firstRound = transferAll(slicesOf, slice -> "scale-owner", "first-");
        awaitAllRegistryAccepted(firstRound);
        // A command's status is command-api's reading of registry-accepted; the validator applies the same
        // event on its own. Each slice's next owner may transfer it once the validator's view shows it so
        // (if an owner never arrives there, the view lost an update).
        awaitValidatorOwners(slicesOf, "first-");
        List<String> secondRound = transferAll(slicesOf, slice -> receiver("first-", slice), "second-");
        awaitAllRegistryAccepted(secondRound);

        int commands = CERTIFICATES * 2 + 2 * CERTIFICATES * SLICES;
        assertThat(system.registry().totalReceived() - receivedBefore)
                .as("every accepted command sent to the registry exactly once").isEqualTo(commands);
        OwnerKeys keys = OwnerKeys.fromSecret(RunningSystem.KEY_SECRET);
        for (String projection : system.projections()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (var certificate : slicesOf.entrySet()) {
                    JsonNode slices = Http.get(projection + "/api/v1/certificates/" + certificate.getKey(), OPERATOR)
                            .body().get("slices");
                    assertThat(slices).extracting(slice -> slice.get("sliceId").asString() + " "
                            + slice.get("owner").asString() + " " + slice.get("quantity").asLong())
                            .containsExactlyInAnyOrderElementsOf(certificate.getValue().stream()
                                    .map(slice -> slice + " " + receiver("second-", slice) + " 100").toList());
                }
            });
        }
        for (var certificate : slicesOf.entrySet()) {
            List<PublicKey> newOwners = committedOnRegistry(certificate.getKey()).stream()
                    .filter(transaction -> transaction.getHeader().getPayloadType()
                            .equals(TransferredEvent.getDescriptor().getFullName()))
                    .map(transaction -> parseTransfer(transaction).getNewOwner()).toList();
            List<PublicKey> expected = new ArrayList<>();
            for (String slice : certificate.getValue()) {
                expected.add(keys.ownerPublicKey(receiver("first-", slice)));
                expected.add(keys.ownerPublicKey(receiver("second-", slice)));
            }
            assertThat(newOwners).as("the registry's transfers of " + certificate.getKey())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(system.slices("certificates_projection"))
                .isNotEmpty().containsExactlyInAnyOrderElementsOf(system.slices("validator")));
    }

    @Test
    void ofAHundredConcurrentTransfersOfOneSliceThroughBothInstancesExactlyOneIsAccepted() throws Exception {
        JsonNode issued = accepted("issue-certificate", ISSUER, """
                {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
                 "end":"2026-11-01T01:00:00Z","quantity":700,"owner":"contested"}""");
        awaitAllRegistryAccepted(List.of(issued.get("commandId").asString()));
        long receivedBefore = system.registry().totalReceived();

        List<JsonNode> transfers = parallel(IntStream.range(0, 100).mapToObj(i -> (Callable<JsonNode>) () ->
                accepted("transfer-slice", owner("contested"), """
                        {"certificateId":"%s","sliceId":"%s","receiver":"taker-%d"}""".formatted(
                        issued.get("certificateId").asString(), issued.get("sliceId").asString(), i))).toList());

        List<String> outcomes = new ArrayList<>();
        for (JsonNode transfer : transfers) {
            outcomes.add(awaitFinal(transfer.get("commandId").asString()).get("status").asString());
        }
        assertThat(outcomes).filteredOn("REGISTRY_ACCEPTED"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("REJECTED"::equals).hasSize(99);
        assertThat(system.registry().totalReceived()).isEqualTo(receivedBefore + 1);
    }

    /**
     * Two bridges on one subscription: one is active, the other stands by. The active one is stopped
     * in the middle of the stream; the standby goes on. The subscriber gets the stream in order, each
     * message id first seen in stream order (a repeat, if any, under its first copy's id).
     */
    @Test
    void twoBridgesKeepTheStreamInOrderWhenTheActiveOneStops() throws Exception {
        String source = "scale-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String stream = "stream:" + source;
        String namespace = system.environment().namespace();
        String subscriberQueue = namespace + "two-bridges.subscriber";
        // Copy-on-write: the awaits below copy it while the consumer thread adds to it.
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<ConfigurableApplicationContext> bridges = new ArrayList<>();
        try (io.nats.client.Connection nats = Nats.connect(NatsServer.locate().url());
                com.rabbitmq.client.Connection rabbit = rabbit().newConnection()) {
            nats.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream)
                    .subjects(source + ".main", source + ".prefill").storageType(StorageType.Memory).build());
            Channel channel = rabbit.createChannel();
            channel.exchangeDeclare(namespace + "provisioning.events", "topic", true);
            channel.queueDeclare(subscriberQueue, false, false, true, null);
            channel.queueBind(subscriberQueue, namespace + "provisioning.events", "#");
            channel.basicConsume(subscriberQueue, true, (tag, delivery) ->
                    received.add(delivery.getProperties().getMessageId()), tag -> {
                    });
            try {
                String idPrefix = stream + ":" + nats.jetStreamManagement().getStreamInfo(stream).getCreateTime()
                        .toInstant().toEpochMilli() + ":";
                JetStream jetStream = nats.jetStream();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    expected.add(idPrefix + jetStream.publish(source + ".main", userCreated("user-" + i)).getSeqno());
                }
                bridges.add(startBridge(source, stream));
                bridges.add(startBridge(source, stream));

                await().atMost(OUTCOME).until(() -> Set.copyOf(received).size() >= 50);
                ConfigurableApplicationContext active = await().atMost(OUTCOME).until(
                        () -> bridges.stream().filter(bridge -> "active".equals(roleOf(bridge))).findFirst().orElse(null),
                        java.util.Objects::nonNull);
                active.close();
                bridges.remove(active);
                // What comes after the stop can only come through the standby.
                for (int i = 200; i < 400; i++) {
                    expected.add(idPrefix + jetStream.publish(source + ".main", userCreated("user-" + i)).getSeqno());
                }
                await().atMost(OUTCOME).until(() -> Set.copyOf(received).size() == expected.size());

                assertThat(roleOf(bridges.getFirst())).as("the standby took over").isEqualTo("active");
                List<String> firstCopies = List.copyOf(new LinkedHashSet<>(List.copyOf(received)));
                assertThat(firstCopies).as("message ids in the order of their first copies")
                        .containsExactlyElementsOf(expected);
            } finally {
                bridges.forEach(ConfigurableApplicationContext::close);
                channel.queueDelete(subscriberQueue);
                channel.queueDelete(namespace + "provisioning-bridge.dlq");
                channel.exchangeDelete(namespace + "provisioning.events");
                nats.jetStreamManagement().deleteStream(stream);
                if (nats.keyValueManagement().getBucketNames().contains(source + "-lease")) {
                    nats.keyValueManagement().delete(source + "-lease");
                }
            }
        }
    }

    private static ConfigurableApplicationContext startBridge(String source, String stream) {
        // In this JVM the other services' database and kit auto-configurations are on the classpath too:
        // give them a schema of their own, as if the bridge had one.
        Map<String, Object> properties = new HashMap<>(system.environment().serviceProperties("provisioning_bridge"));
        properties.put("server.port", 0);
        properties.put("spring.datasource.hikari.maximum-pool-size", 2);
        // The bridges share their exchange: the first one to stop must not delete it (the test does, last).
        properties.put("relay.test.cleanup-topology", false);
        properties.put("relay.bridge.nats.url", NatsServer.locate().url());
        properties.put("relay.bridge.nats.subscription", source);
        properties.put("relay.bridge.nats.stream", stream);
        properties.put("relay.bridge.nats.durable", source);
        properties.put("relay.bridge.nats.source-name", stream);
        properties.put("relay.bridge.nats.create-stream", true);
        properties.put("relay.bridge.nats.ack-wait", "2s");
        properties.put("relay.bridge.batch-size", 5);
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        return ProvisioningBridgeApplication.application().run(arguments);
    }

    /** The bridge's role as its health shows it: active or standby. */
    private static String roleOf(ConfigurableApplicationContext bridge) {
        return String.valueOf(bridge.getBean("natsSource", HealthIndicator.class).health().getDetails().get("role"));
    }

    private static byte[] userCreated(String name) {
        return """
                {"publisher_name":"udm-listener","ts":"2026-12-01T10:00:00.123456","realm":"udm","topic":"users/user","body":{"old":{},"new":{"dn":"uid=%s,cn=users,dc=example","objectType":"users/user","id":"%s-id","properties":{"username":"%s"}}}}"""
                .formatted(name, name, name).getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitValidatorOwners(Map<String, List<String>> slicesOf, String prefix) {
        List<String> expected = slicesOf.values().stream().flatMap(List::stream)
                .map(slice -> slice + " " + receiver(prefix, slice) + " 100").toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(system.slices("validator").stream()
                .map(slice -> slice.substring(0, slice.lastIndexOf(' '))).toList())
                .as("the validator's view of the transferred slices").containsAll(expected));
    }

    /** Every slice transferred at once, by its current owner to {@code toPrefix} + the slice's id. */
    private static List<String> transferAll(Map<String, List<String>> slicesOf,
            java.util.function.UnaryOperator<String> ownerOf, String toPrefix) throws Exception {
        List<Callable<JsonNode>> transfers = new ArrayList<>();
        slicesOf.forEach((certificate, slices) -> slices.forEach(slice -> transfers.add(() ->
                accepted("transfer-slice", owner(ownerOf.apply(slice)), """
                        {"certificateId":"%s","sliceId":"%s","receiver":"%s"}""".formatted(certificate, slice,
                        receiver(toPrefix, slice))))));
        return parallel(transfers).stream().map(body -> body.get("commandId").asString()).toList();
    }

    private static String receiver(String prefix, String slice) {
        return prefix + slice.substring(0, 8);
    }

    private static <T> List<T> parallel(List<Callable<T>> calls) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<T>> futures = clients.invokeAll(calls);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            clients.shutdown();
        }
    }

    /** Posts the command to the next command-api instance (round robin); 202 expected. */
    private static JsonNode accepted(String command, String authorization, String json) {
        List<String> instances = system.commandApis();
        String commandApi;
        synchronized (TwoInstancesEndToEndTest.class) {
            commandApi = instances.get(nextInstance++ % instances.size());
        }
        Http.Response response = Http.post(commandApi + "/api/v1/commands/" + command, authorization, json);
        assertThat(response.status()).as(command + ": " + response.body()).isEqualTo(202);
        return response.body();
    }

    private static void awaitAllRegistryAccepted(List<String> commandIds) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String commandId : commandIds) {
            JsonNode outcome = awaitFinal(commandId);
            String status = outcome.get("status").asString();
            outcomes.put(commandId, status.equals("REGISTRY_ACCEPTED") ? status : status + ": " + outcome.get("reason"));
        }
        assertThat(outcomes.values().stream().filter(status -> !status.equals("REGISTRY_ACCEPTED")).toList())
                .as("commands not accepted by the registry, of " + commandIds.size()).isEmpty();
    }

    /** The command's final state, read from either command-api instance (they share the database). */
    private static JsonNode awaitFinal(String commandId) {
        JsonNode[] last = new JsonNode[1];
        List<String> instances = system.commandApis();
        await().atMost(OUTCOME).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = Http.get(instances.get(Math.floorMod(commandId.hashCode(), instances.size()))
                    + "/api/v1/commands/" + commandId, OPERATOR).body();
            return Set.of("REJECTED", "REGISTRY_ACCEPTED", "REGISTRY_REJECTED").contains(last[0].get("status").asString());
        });
        return last[0];
    }

    private static List<Transaction> committedOnRegistry(String certificateId) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(system.registry().target()).usePlaintext().build();
        try {
            return RegistryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getStreamTransactions(GetStreamTransactionsRequest.newBuilder()
                            .setStreamId(ProtoIds.uuid(UUID.fromString(certificateId))).build())
                    .getTransactionsList();
        } finally {
            channel.shutdownNow();
        }
    }

    private static TransferredEvent parseTransfer(Transaction transaction) {
        try {
            return TransferredEvent.parseFrom(transaction.getPayload());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String owner(String subject) {
        return TestTokens.bearer(subject, "owner");
    }

    private static ConnectionFactory rabbit() {
        RabbitServer server = TestInfrastructure.rabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(server.host());
        factory.setPort(server.port());
        factory.setUsername(server.username());
        factory.setPassword(server.password());
        return factory;
    }
}
