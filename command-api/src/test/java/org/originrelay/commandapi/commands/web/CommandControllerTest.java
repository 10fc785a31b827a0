package org.originrelay.commandapi.commands.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.originrelay.commandapi.commands.CommandIntake;
import org.originrelay.commandapi.commands.CommandQueries;
import org.originrelay.commandapi.commands.CommandStatus;
import org.originrelay.commandapi.commands.CommandView;
import org.originrelay.commandapi.commands.IdempotencyKeyInUse;
import org.originrelay.commandapi.commands.IdempotencyKeyReused;
import org.originrelay.commandapi.commands.IssueCertificateRequest;
import org.originrelay.commandapi.commands.Receipt;
import org.originrelay.commandapi.commands.UnknownCommand;
import org.originrelay.contracts.domain.CertificateType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.originrelay.commandapi.CommandApiSecurity;
import org.originrelay.security.RelaySecurityAutoConfiguration;
import org.originrelay.testsupport.TestTokens;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@WebMvcTest(controllers = CommandController.class,
        properties = {"spring.config.name=command-api", "relay.security.jwt.hmac-secret=" + TestTokens.SECRET})
@Import({StrictRequestJson.class, CommandApiSecurity.class, WebLayerRequester.class})
@ImportAutoConfiguration(RelaySecurityAutoConfiguration.class)
class CommandControllerTest {

    private static final String ISSUE = """
            {"type":"PRODUCTION","gridArea":"DK1","start":"2026-11-01T00:00:00Z",
             "end":"2026-11-01T01:00:00Z","quantity":1000,"owner":"alice"}""";
    private static final String TRANSFER = """
            {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(UUID.randomUUID(), UUID.randomUUID());

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    CommandIntake intake;
    @MockitoBean
    CommandQueries queries;

    static Stream<Arguments> malformedCommands() {
        String tooLong = "x".repeat(101);
        String uuid = UUID.randomUUID().toString();
        return Stream.of(
                arguments("issue-certificate", "{}", "type must not be null"),
                arguments("issue-certificate", ISSUE.replace(",\"owner\":\"alice\"", ""), "owner must not be blank"),
                arguments("issue-certificate", ISSUE.replace("alice", "  "), "owner must not be blank"),
                arguments("issue-certificate", ISSUE.replace("alice", tooLong), "owner size must be between 0 and 100"),
                arguments("issue-certificate", ISSUE.replace("DK1", tooLong), "gridArea size must be between 0 and 100"),
                arguments("issue-certificate", ISSUE.replace("\"DK1\"", "null"), "gridArea must not be blank"),
                arguments("issue-certificate", ISSUE.replace("PRODUCTION", "WIND"),
                        "field 'type' must be one of PRODUCTION, CONSUMPTION"),
                arguments("issue-certificate", ISSUE.replace("2026-11-01T00:00:00Z", "yesterday"),
                        "field 'start' must be an ISO-8601 instant"),
                arguments("issue-certificate", ISSUE.replace("2026-11-01T01:00:00Z", "2026-11-01"),
                        "field 'end' must be an ISO-8601 instant"),
                arguments("issue-certificate", ISSUE.replace("1000", "-5"),
                        "quantity must be greater than or equal to 0"),
                arguments("issue-certificate", ISSUE.replace("1000", "1000.5"), "field 'quantity' must be a whole number"),
                arguments("issue-certificate", ISSUE.replace("1000", "\"1000\""), "field 'quantity' must be a whole number"),
                arguments("issue-certificate", ISSUE.replace("1000", "99999999999999999999"),
                        "field 'quantity' is out of range"),
                arguments("issue-certificate", ISSUE.replace("\"alice\"", "42"), "field 'owner' must be a string"),
                arguments("issue-certificate", ISSUE.replace("\"alice\"", "true"), "field 'owner' must be a string"),
                arguments("issue-certificate", ISSUE.replace("\"alice\"", "{}"), "field 'owner' must be a string"),
                arguments("issue-certificate", ISSUE.replace("}", ",\"colour\":\"green\"}"), "unknown field 'colour'"),
                arguments("issue-certificate", "{\"type\":", "the body is not well-formed JSON"),
                arguments("issue-certificate", "{\"type\" \"PRODUCTION\"}", "the body is not well-formed JSON"),
                arguments("issue-certificate", ISSUE + " {}", "the body must be one JSON object"),
                arguments("issue-certificate", "[]", "the body must be one JSON object"),
                arguments("issue-certificate", "\"PRODUCTION\"", "the body must be one JSON object"),
                arguments("issue-certificate", "", "the request needs a JSON body"),
                arguments("issue-certificate", "null", "the request needs a JSON body"),
                arguments("transfer-slice", TRANSFER.replaceFirst("[0-9a-f-]{36}", "not-a-uuid"),
                        "field 'certificateId' must be a UUID"),
                arguments("transfer-slice", "{\"certificateId\":\"" + uuid + "\",\"receiver\":\"bob\"}",
                        "sliceId must not be null"),
                arguments("transfer-slice", TRANSFER.replace("bob", ""), "receiver must not be blank"),
                arguments("transfer-slice", TRANSFER.replace("bob", tooLong), "receiver size must be between 0 and 100"),
                arguments("transfer-slice", TRANSFER.replace("}", ",\"owner\":\"alice\"}"), "unknown field 'owner'"),
                arguments("slice-certificate", slice("[]"), "quantities size must be between 1 and 100"),
                arguments("slice-certificate", slice("null"), "quantities must not be null"),
                arguments("slice-certificate", slice("[600,-1]"), "quantities[1] must be greater than or equal to 0"),
                arguments("slice-certificate", slice("[600,null]"), "quantities[1] must not be null"),
                arguments("slice-certificate", slice("[600,0.5]"), "field 'quantities[1]' must be a whole number"),
                arguments("slice-certificate", slice("600"), "field 'quantities' must be an array"),
                arguments("slice-certificate", slice(LongStream.rangeClosed(1, 101).mapToObj(Long::toString)
                        .collect(Collectors.joining(",", "[", "]"))), "quantities size must be between 1 and 100"),
                arguments("claim", "{}", "consumptionCertificateId must not be null; consumptionSliceId must not be "
                        + "null; productionCertificateId must not be null; productionSliceId must not be null"),
                arguments("claim", """
                        {"productionCertificateId":"%s","productionSliceId":"1234",
                         "consumptionCertificateId":"%s","consumptionSliceId":"%s"}""".formatted(uuid, uuid, uuid),
                        "field 'productionSliceId' must be a UUID"));
    }

    /** The domain's rules that need no state, answered at the door: nothing is stored or published. */
    static Stream<Arguments> commandsBreakingARuleThatNeedsNoState() {
        return Stream.of(
                arguments("issue-certificate", ISSUE.replace("2026-11-01T01:00:00Z", "2026-10-31T23:00:00Z"),
                        "the period must end after it starts"),
                arguments("issue-certificate", ISSUE.replace("2026-11-01T01:00:00Z", "2026-11-01T00:00:00Z"),
                        "the period must end after it starts"),
                arguments("issue-certificate", ISSUE.replace("2026-11-01T01:00:00Z", "2026-11-01T00:00:59Z"),
                        "the period must last between 1 minute and 1 hour, not 59s"),
                arguments("issue-certificate", ISSUE.replace("2026-11-01T01:00:00Z", "2026-11-01T01:00:01Z"),
                        "the period must last between 1 minute and 1 hour, not 1h1s"),
                arguments("issue-certificate", ISSUE.replace("1000", "0"), "the quantity must be positive, got 0"),
                arguments("slice-certificate", slice("[1000]"), "a slice is cut into at least two new slices, got 1"),
                arguments("slice-certificate", slice("[1000,0]"), "every new slice needs a positive quantity, got 0"),
                arguments("transfer-slice", TRANSFER.replace("bob", "alice"), "the receiver must differ from the requester"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("commandsBreakingARuleThatNeedsNoState")
    void aCommandBreakingARuleThatNeedsNoStateIsRefusedAtOnce(String command, String body, String detail) {
        MvcTestResult result = mvc.post().uri("/api/v1/commands/" + command)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Command refused");
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(detail);
        verifyNoInteractions(intake);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedCommands")
    void aMalformedCommandIsABadRequestProblemThatSaysWhatIsWrong(String command, String body, String detail) {
        MvcTestResult result = mvc.post().uri("/api/v1/commands/" + command)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(detail);
        verifyNoInteractions(intake);
    }

    @Test
    void anInvalidFieldIsListedWithItsMessage() {
        MvcTestResult result = mvc.post().uri("/api/v1/commands/issue-certificate")
                .contentType(MediaType.APPLICATION_JSON).content(ISSUE.replace("1000", "-5")).exchange();

        assertThat(result).bodyJson().extractingPath("$.errors").isEqualTo(
                List.of(Map.of("field", "quantity", "message", "must be greater than or equal to 0")));
    }

    @Test
    void anAcceptedCommandIs202WithItsReceiptAndWhereToFollowIt() {
        UUID commandId = UUID.randomUUID();
        UUID certificateId = UUID.randomUUID();
        UUID sliceId = UUID.randomUUID();
        IssueCertificateRequest expected = new IssueCertificateRequest(CertificateType.PRODUCTION, "DK1",
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"), 1000L, "alice");
        when(intake.accept(expected, "alice")).thenReturn(
                new Receipt.IssueCertificate(commandId, CommandStatus.REQUESTED, certificateId, sliceId));

        MvcTestResult result = mvc.post().uri("/api/v1/commands/issue-certificate")
                .contentType(MediaType.APPLICATION_JSON).content(ISSUE).exchange();

        assertThat(result).hasStatus(202).hasContentType(MediaType.APPLICATION_JSON)
                .hasHeader("Location", "/api/v1/commands/" + commandId);
        assertThat(result).bodyJson().isStrictlyEqualTo("""
                {"commandId":"%s","status":"REQUESTED","certificateId":"%s","sliceId":"%s"}"""
                .formatted(commandId, certificateId, sliceId));
    }

    @Test
    void anIdempotencyKeyIsHandedToTheIntake() {
        UUID commandId = UUID.randomUUID();
        when(intake.accept(any(), anyString(), anyString())).thenReturn(new Receipt.TransferSlice(commandId, CommandStatus.REQUESTED));

        MvcTestResult result = mvc.post().uri("/api/v1/commands/transfer-slice").header("Idempotency-Key", "key-1")
                .contentType(MediaType.APPLICATION_JSON).content(TRANSFER).exchange();

        assertThat(result).hasStatus(202);
        assertThat(result).bodyJson().isStrictlyEqualTo("""
                {"commandId":"%s","status":"REQUESTED"}""".formatted(commandId));
    }

    @ParameterizedTest
    @MethodSource("malformedIdempotencyKeys")
    void aMalformedIdempotencyKeyIsABadRequestProblem(String idempotencyKey) {
        MvcTestResult result = mvc.post().uri("/api/v1/commands/transfer-slice")
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).content(TRANSFER).exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("Idempotency-Key");
        verifyNoInteractions(intake);
    }

    static Stream<String> malformedIdempotencyKeys() {
        return Stream.of("", "two words", "k".repeat(256), "schlüssel");
    }

    @Test
    void anIdempotencyKeyUsedForAnotherRequestIsUnprocessable() {
        when(intake.accept(any(), anyString(), anyString())).thenThrow(new IdempotencyKeyReused("key-1"));

        MvcTestResult result = mvc.post().uri("/api/v1/commands/transfer-slice").header("Idempotency-Key", "key-1")
                .contentType(MediaType.APPLICATION_JSON).content(TRANSFER).exchange();

        assertThat(result).hasStatus(422).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("key-1");
    }

    @Test
    void anIdempotencyKeyHeldByAnUnfinishedRequestIsAConflict() {
        when(intake.accept(any(), anyString(), anyString())).thenThrow(new IdempotencyKeyInUse("key-1", null));

        MvcTestResult result = mvc.post().uri("/api/v1/commands/transfer-slice").header("Idempotency-Key", "key-1")
                .contentType(MediaType.APPLICATION_JSON).content(TRANSFER).exchange();

        assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedUnread() {
        String huge = ISSUE.replace("alice", "a".repeat(20_000));

        MvcTestResult result = mvc.post().uri("/api/v1/commands/issue-certificate")
                .contentType(MediaType.APPLICATION_JSON).content(huge).exchange();

        assertThat(result).hasStatus(413).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(intake);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaTypeProblem() {
        MvcTestResult result = mvc.post().uri("/api/v1/commands/issue-certificate")
                .contentType(MediaType.TEXT_PLAIN).content("issue please").exchange();

        assertThat(result).hasStatus(415).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownCommandNameIsAProblem() {
        MvcTestResult result = mvc.post().uri("/api/v1/commands/launch-rocket")
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(result).hasStatus4xxClientError().hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(intake, queries);
    }

    @Test
    void aCommandIsReadWithItsHistory() {
        UUID commandId = UUID.randomUUID();
        when(queries.find(eq(commandId), any())).thenReturn(new CommandView(commandId, "transfer-slice", CommandStatus.REJECTED,
                "slice is reserved", List.of(
                        new CommandView.HistoryEntry(CommandStatus.REQUESTED, Instant.parse("2026-11-01T00:00:00Z")),
                        new CommandView.HistoryEntry(CommandStatus.REJECTED, Instant.parse("2026-11-01T00:00:01Z")))));

        MvcTestResult result = mvc.get().uri("/api/v1/commands/" + commandId).exchange();

        assertThat(result).hasStatus(200).bodyJson().isStrictlyEqualTo("""
                {"commandId":"%s","command":"transfer-slice","status":"REJECTED","reason":"slice is reserved",
                 "history":[{"status":"REQUESTED","at":"2026-11-01T00:00:00Z"},
                            {"status":"REJECTED","at":"2026-11-01T00:00:01Z"}]}""".formatted(commandId));
    }

    @Test
    void anUnknownCommandIsANotFoundProblem() {
        UUID commandId = UUID.randomUUID();
        when(queries.find(eq(commandId), any())).thenThrow(new UnknownCommand(commandId));

        MvcTestResult result = mvc.get().uri("/api/v1/commands/" + commandId).exchange();

        assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(commandId.toString());
    }

    @Test
    void aCommandIdThatIsNotAUuidIsABadRequestProblem() {
        MvcTestResult result = mvc.get().uri("/api/v1/commands/not-a-uuid").exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(queries);
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorProblemThatRevealsNothing() {
        UUID commandId = UUID.randomUUID();
        when(queries.find(eq(commandId), any())).thenThrow(new IllegalStateException("connection to db-7 lost"));

        MvcTestResult result = mvc.get().uri("/api/v1/commands/" + commandId).exchange();

        assertThat(result).hasStatus(500).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().doesNotContain("db-7");
    }

    private static String slice(String quantities) {
        return """
                {"certificateId":"%s","sliceId":"%s","quantities":%s}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), quantities);
    }
}
