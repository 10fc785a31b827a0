package org.originrelay.contracts.events;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.provisioning.UserChange;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.ReconciledSlice;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * docs/asyncapi.yaml is the published event contract; this test keeps it equal to the code: every event of
 * {@link EventCatalog} with its routing key, its body's schema field by field (names, types, which may be
 * null) and an example that the records read and write back unchanged; the provisioning messages with
 * examples the consumers' reading ({@link UserChange}) accepts.
 */
class AsyncApiContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static final Set<String> PROVISIONING_ACTIONS = Set.of("created", "modified", "moved", "deleted", "prefilled");

    private static JsonNode api;

    @BeforeAll
    static void readTheDocument() throws IOException {
        Object yaml = new Yaml().load(Files.readString(DOCUMENT));
        api = JSON.valueToTree(yaml);
    }

    @Test
    void isAnAsyncApi3DocumentOfBothExchanges() {
        assertThat(api.path("asyncapi").asString()).startsWith("3.");
        assertThat(channel("certificatesEvents").path("address").asString()).isEqualTo(EventCatalog.EXCHANGE);
        assertThat(channel("certificatesEvents").path("bindings").path("amqp").path("exchange").path("type").asString())
                .isEqualTo("topic");
        assertThat(channel("provisioningEvents").path("address").asString()).isEqualTo("provisioning.events");
    }

    @Test
    void documentsEveryEventTypeOfTheCatalogAndNoOther() {
        Set<String> documented = new LinkedHashSet<>(channel("certificatesEvents").path("messages").propertyNames());

        List<String> expected = new java.util.ArrayList<>(EventCatalog.ALL.stream().map(EventType::name).toList());
        expected.add(ReconciliationContract.CERTIFICATE_RECONCILED_TYPE);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theReconciliationEventIsDocumentedWithItsRoutingKeyFieldsAndAnExampleItsRecordsReadAndWriteBack() {
        String name = ReconciliationContract.CERTIFICATE_RECONCILED_TYPE;
        JsonNode message = message(name);
        assertThat(message.path("x-routing-key").asString()).isEqualTo(ReconciliationContract.CERTIFICATE_RECONCILED);
        assertThat(message.path("bindings").path("amqp").path("messageType").asString()).isEqualTo(name);
        assertThat(operationRoutingKeys("certificatesEvents", name))
                .containsExactly(ReconciliationContract.CERTIFICATE_RECONCILED);
        JsonNode headers = resolve(message.path("headers"));
        assertThat(headers.path("properties").path("schema-version").path("const").asInt())
                .isEqualTo(ReconciliationContract.SCHEMA_VERSION);
        for (Class<? extends Record> record : List.of(CertificateReconciled.class, ReconciledSlice.class)) {
            JsonNode schema = api.path("components").path("schemas").path(record.getSimpleName());
            List<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
            assertThat(List.copyOf(schema.path("properties").propertyNames())).as(record.getSimpleName())
                    .containsExactlyElementsOf(components);
            assertThat(JSON.convertValue(schema.path("required"), List.class)).as(record.getSimpleName())
                    .containsExactlyElementsOf(components);
        }
        JsonNode payload = message.path("examples").get(0).path("payload");
        JsonMapper strict = JsonMapper.builder()
                .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

        CertificateReconciled read = strict.treeToValue(payload, CertificateReconciled.class);

        assertThat(JSON.readTree(JSON.writeValueAsBytes(read))).isEqualTo(JSON.readTree(JSON.writeValueAsBytes(payload)));
        JsonNode bodySchema = resolve(message.path("payload"));
        for (RecordComponent component : CertificateReconciled.class.getRecordComponents()) {
            ObjectNode withNull = ((ObjectNode) payload.deepCopy()).putNull(component.getName());
            String field = name + "." + component.getName();
            if (isNullable(bodySchema.path("properties").path(component.getName()))) {
                assertThatCode(() -> strict.treeToValue(withNull, CertificateReconciled.class)).as(field)
                        .doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> strict.treeToValue(withNull, CertificateReconciled.class)).as(field)
                        .isInstanceOf(RuntimeException.class);
            }
        }
    }

    @Test
    void everyEventHasItsRoutingKeyTypePropertyAndHeaders() {
        for (EventType type : EventCatalog.ALL) {
            JsonNode message = message(type.name());
            assertThat(message.path("x-routing-key").asString()).as(type.name()).isEqualTo(type.routingKey());
            assertThat(message.path("bindings").path("amqp").path("messageType").asString()).isEqualTo(type.name());
            assertThat(message.path("contentType").asString()).isEqualTo("application/json");
            assertThat(operationRoutingKeys("certificatesEvents", type.name())).as(type.name())
                    .containsExactly(type.routingKey());

            JsonNode headers = resolve(message.path("headers"));
            assertThat(JSON.convertValue(headers.path("required"), List.class))
                    .containsExactlyInAnyOrder("causation-id", "schema-version");
            assertThat(headers.path("properties").path("schema-version").path("const").asInt())
                    .isEqualTo(EventCatalog.SCHEMA_VERSION);
            JsonNode properties = resolve(message.path("x-amqp-properties"));
            assertThat(JSON.convertValue(properties.path("required"), List.class)).contains(
                    "message_id", "correlation_id", "type", "content_type", "timestamp", "delivery_mode");

            JsonNode example = message.path("examples").get(0);
            assertThat(example.path("headers").path("schema-version").asInt()).isEqualTo(EventCatalog.SCHEMA_VERSION);
            assertThat(example.path("headers").path("causation-id").asString()).isNotBlank();
        }
    }

    @Test
    void everyBodySchemaHasExactlyTheRecordsFieldsWithTheirTypes() {
        for (EventType type : EventCatalog.ALL) {
            JsonNode schema = resolve(message(type.name()).path("payload"));
            List<String> components = Arrays.stream(type.javaType().getRecordComponents())
                    .map(RecordComponent::getName).toList();

            assertThat(List.copyOf(schema.path("properties").propertyNames())).as(type.name())
                    .containsExactlyElementsOf(components);
            assertThat(JSON.convertValue(schema.path("required"), List.class)).as(type.name())
                    .containsExactlyElementsOf(components);
            for (RecordComponent component : type.javaType().getRecordComponents()) {
                JsonNode property = schema.path("properties").path(component.getName());
                assertThat(jsonTypeOf(property)).as(type.name() + "." + component.getName())
                        .isEqualTo(expectedJsonType(component.getType()));
            }
        }
    }

    @Test
    void exactlyTheFieldsDocumentedAsNullableMayBeNull() {
        for (EventType type : EventCatalog.ALL) {
            JsonNode schema = resolve(message(type.name()).path("payload"));
            JsonNode payload = message(type.name()).path("examples").get(0).path("payload");
            for (RecordComponent component : type.javaType().getRecordComponents()) {
                ObjectNode withNull = ((ObjectNode) payload.deepCopy()).putNull(component.getName());
                byte[] body = JSON.writeValueAsBytes(withNull);
                String field = type.name() + "." + component.getName();
                if (isNullable(schema.path("properties").path(component.getName()))) {
                    assertThatCode(() -> EventJson.read(type.name(), EventCatalog.SCHEMA_VERSION, body)).as(field)
                            .doesNotThrowAnyException();
                } else {
                    assertThatThrownBy(() -> EventJson.read(type.name(), EventCatalog.SCHEMA_VERSION, body)).as(field)
                            .isInstanceOf(ContractViolation.class);
                }
            }
        }
    }

    @Test
    void everyExampleRoundTripsThroughItsRecordUnchanged() {
        for (EventType type : EventCatalog.ALL) {
            JsonNode payload = message(type.name()).path("examples").get(0).path("payload");

            CertificateEvent event = EventJson.read(type.name(), EventCatalog.SCHEMA_VERSION,
                    JSON.writeValueAsBytes(payload));

            assertThat(event).as(type.name()).isInstanceOf(type.javaType());
            assertThat(event.eventType()).isEqualTo(type);
            assertThat(JSON.readTree(EventJson.write(event))).as(type.name()).isEqualTo(payload);
        }
    }

    @Test
    void everyProvisioningUserEventIsDocumentedWithAnExampleTheConsumersRead() {
        JsonNode messages = channel("provisioningEvents").path("messages");
        Set<String> actions = new LinkedHashSet<>();
        for (String name : messages.propertyNames()) {
            JsonNode message = message(name);
            String routingKey = message.path("x-routing-key").asString();
            assertThat(routingKey).matches("udm\\.users\\.user\\.[a-z]+");
            assertThat(operationRoutingKeys("provisioningEvents", name)).containsExactly(routingKey);
            actions.add(routingKey.substring(routingKey.lastIndexOf('.') + 1));

            JsonNode example = message.path("examples").get(0);
            assertThat(example.path("headers").has("sequence-number")).isTrue();
            String action = UserChange.actionOf(
                    Map.of(UserChange.ACTION_HEADER, example.path("headers").path(UserChange.ACTION_HEADER).asString()),
                    routingKey);
            assertThat(action).as(name).isEqualTo(switch (routingKey.substring(routingKey.lastIndexOf('.') + 1)) {
                case "moved" -> "modified";
                case "prefilled" -> "created";
                default -> routingKey.substring(routingKey.lastIndexOf('.') + 1);
            });
            UserChange change = UserChange.from(action, JSON.writeValueAsBytes(example.path("payload")));
            assertThat(change.present().isEmpty()).as(name).isEqualTo(routingKey.endsWith(".deleted"));
        }
        assertThat(actions).containsExactlyInAnyOrderElementsOf(PROVISIONING_ACTIONS);
    }

    private static String expectedJsonType(Class<?> type) {
        if (type == UUID.class) {
            return "string/uuid";
        }
        if (type == Instant.class) {
            return "string/date-time";
        }
        if (type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == CertificateType.class) {
            return "string" + Arrays.stream(CertificateType.values()).map(Enum::name).toList();
        }
        if (type == List.class) {
            return "array";
        }
        throw new AssertionError("no JSON type known for " + type);
    }

    private static String jsonTypeOf(JsonNode property) {
        JsonNode typeNode = property.path("type");
        String type = typeNode.isArray()
                ? StreamSupport.stream(typeNode.spliterator(), false).map(JsonNode::asString)
                        .filter(name -> !name.equals("null")).collect(Collectors.joining())
                : typeNode.asString();
        if (property.has("format") && !type.equals("integer")) {
            type += "/" + property.path("format").asString();
        }
        if (property.has("enum")) {
            type += JSON.convertValue(property.path("enum"), List.class);
        }
        return type;
    }

    private static boolean isNullable(JsonNode property) {
        return property.path("type").isArray() && StreamSupport.stream(property.path("type").spliterator(), false)
                .anyMatch(name -> name.asString().equals("null"));
    }

    private static List<String> operationRoutingKeys(String channel, String messageName) {
        String channelRef = "#/channels/" + channel;
        String messageRef = channelRef + "/messages/" + messageName;
        return api.path("operations").properties().stream()
                .map(Map.Entry::getValue)
                .filter(operation -> operation.path("channel").path("$ref").asString().equals(channelRef))
                .filter(operation -> StreamSupport.stream(operation.path("messages").spliterator(), false)
                        .anyMatch(ref -> ref.path("$ref").asString().equals(messageRef)))
                .flatMap(operation -> StreamSupport.stream(
                        operation.path("bindings").path("amqp").path("cc").spliterator(), false))
                .map(JsonNode::asString)
                .toList();
    }

    private static JsonNode channel(String name) {
        return api.path("channels").path(name);
    }

    private static JsonNode message(String name) {
        return resolve(api.path("components").path("messages").path(name));
    }

    private static JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        JsonNode target = api;
        for (String part : node.path("$ref").asString().substring(2).split("/")) {
            target = target.path(part);
        }
        assertThat(target.isMissingNode()).as("reference " + node.path("$ref").asString()).isFalse();
        return resolve(target);
    }
}
