package org.originrelay.contracts.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.events.ClaimEvent.ClaimRequested;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonContractTest {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    static Stream<CertificateEvent> oneOfEachEvent() {
        UUID command = UUID.randomUUID();
        var issue = new IssueCertificateRequested(command, UUID.randomUUID(), UUID.randomUUID(),
                CertificateType.PRODUCTION, "DK1", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-01T01:00:00Z"), 1000, "alice", "issuer-1");
        var transfer = new TransferSliceRequested(command, UUID.randomUUID(), UUID.randomUUID(), "bob", "alice");
        var slice = new SliceCertificateRequested(command, UUID.randomUUID(), UUID.randomUUID(), List.of(600L, 400L),
                List.of(UUID.randomUUID(), UUID.randomUUID()), "alice");
        var claim = new ClaimRequested(command, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), "alice");
        return Stream.of(
                issue, issue.validated(), issue.rejected("period too long"), issue.validated().registryAccepted(),
                issue.validated().registryRejected("invalid signature"),
                slice, slice.validated("alice", 1000), slice.rejected("quantities must sum to 1000"),
                slice.validated("alice", 1000).registryAccepted(),
                slice.validated("alice", 1000).registryRejected("source slice not found"),
                transfer, transfer.validated("alice", 1000), transfer.rejected("slice is reserved"),
                transfer.validated("alice", 1000).registryAccepted(),
                transfer.validated("alice", 1000).registryRejected("registry said no"),
                claim, claim.validated("alice", 500), claim.rejected("quantities differ"),
                claim.validated("alice", 500).registryAccepted(),
                claim.validated("alice", 500).registryRejected("allocation failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneOfEachEvent")
    void everyEventSurvivesAJsonRoundTrip(CertificateEvent event) {
        byte[] json = EventJson.write(event);

        CertificateEvent read = EventJson.read(event.eventType().name(), EventCatalog.SCHEMA_VERSION, json);

        assertThat(read).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneOfEachEvent")
    void everyBodyCarriesTheCommandIdAndRejectionsAReason(CertificateEvent event) {
        JsonNode body = PLAIN.readTree(new String(EventJson.write(event), StandardCharsets.UTF_8));

        assertThat(body.get("commandId").asString()).isEqualTo(event.commandId().toString());
        assertThat(body.has("reason")).isEqualTo(event instanceof Rejection);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneOfEachEvent")
    void theBodyHoldsExactlyTheRecordsFields(CertificateEvent event) {
        JsonNode body = PLAIN.readTree(new String(EventJson.write(event), StandardCharsets.UTF_8));

        assertThat(body.propertyNames()).containsExactlyInAnyOrder(java.util.Arrays.stream(
                event.getClass().getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
                .toArray(String[]::new));
    }

    @Test
    void theCatalogCoversEveryStageOfEveryCommandOnce() {
        assertThat(EventCatalog.ALL).hasSize(CommandName.values().length * Stage.values().length);
        assertThat(EventCatalog.ALL).extracting(EventType::routingKey).doesNotHaveDuplicates()
                .contains("transfer-slice.requested", "issue-certificate.registry-accepted", "claim.rejected");
        assertThat(oneOfEachEvent().map(CertificateEvent::eventType)).containsExactlyInAnyOrderElementsOf(
                EventCatalog.ALL);
    }

    @Test
    void instantsAreIsoStringsOnTheWire() {
        var issue = (IssueCertificateRequested) oneOfEachEvent().findFirst().orElseThrow();

        JsonNode body = PLAIN.readTree(new String(EventJson.write(issue), StandardCharsets.UTF_8));

        assertThat(body.get("start").asString()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(body.get("type").asString()).isEqualTo("PRODUCTION");
    }

    @Test
    void unknownFieldsAreIgnoredSoProducersMayAddFields() {
        String json = """
                {"commandId":"%s","certificateId":"%s","sliceId":"%s","receiver":"bob","requestedBy":"alice",
                 "addedLater":42}""".formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        var read = EventJson.read("TransferSliceRequested", 1, json.getBytes(StandardCharsets.UTF_8));

        assertThat(read).isInstanceOf(TransferSliceRequested.class);
    }

    @Test
    void violationsOfTheContractAreReportedAsSuch() {
        byte[] valid = EventJson.write(oneOfEachEvent().findFirst().orElseThrow());

        assertThatThrownBy(() -> EventJson.read("CertificateTeleported", 1, valid))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> EventJson.read("IssueCertificateRequested", 2, valid))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("unsupported schema-version 2");
        assertThatThrownBy(() -> EventJson.read("IssueCertificateRequested", 1, "{not json".getBytes()))
                .isInstanceOf(ContractViolation.class);
        assertThatThrownBy(() -> EventJson.read("TransferSliceRequested", 1,
                "{\"commandId\":\"%s\"}".formatted(UUID.randomUUID()).getBytes()))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("certificateId is required");
    }
}
