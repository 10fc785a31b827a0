package org.originrelay.commandapi.deadletters;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/dead-letters' option handling, against a stand-in for command-api that records every request:
 * a bad option fails before anything is sent, help exits 0, and answers map to the documented exit codes.
 */
class DeadLettersCliTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "dead-letters").toAbsolutePath().normalize();

    private record Run(int exitCode, String out, String err) {
    }

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int answerStatus = 200;
    private volatile String answerBody = "[]";

    @BeforeEach
    void standInForCommandApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
            byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answerStatus < 400 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(answerStatus, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void helpPrintsTheUsageAndTheExitCodesAndExitsZero() throws Exception {
        for (String flag : List.of("--help", "-h", "help")) {
            Run run = run(flag);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("usage: dead-letters").contains("Exit codes:").contains("--dry-run");
        }
        assertThat(requests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "replay q --bogus",
            "discard q --id",
            "discard q --id --all",
            "replay q --type",
            "replay q --type --all",
            "replay q",
            "replay q --older-than yesterday",
            "replay q --all --rate 0",
            "replay q --all --rate fast",
            "discard q --all --rate 5",
            "show q 0",
            "show q 20000",
            "show",
            "list extra",
            "groups --bogus",
            "audit --limit",
            "message q",
            "frobnicate",
            ""})
    void badUsageFailsWithTwoBeforeAnyRequest(String arguments) throws Exception {
        Run run = run(arguments.isEmpty() ? new String[0] : arguments.split(" "));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("dead-letters: ").contains("--help");
        assertThat(requests).isEmpty();
    }

    @Test
    void aDryRunSendsTheSelectionWithDryRunAndChangesNothing() throws Exception {
        answerBody = "{\"dryRun\":true,\"plan\":{\"matched\":2,\"unreplayableCount\":0}}";

        Run run = run("replay", "validator.requests.dlq", "--type", "TransferSliceRequested", "--id", "a", "b", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(requests).singleElement().asString()
                .startsWith("POST /api/v1/dead-letters/validator.requests.dlq/replay ")
                .contains("\"type\":\"TransferSliceRequested\"").contains("\"messageIds\":[\"a\",\"b\"]")
                .contains("\"dryRun\":true");
    }

    @Test
    void withoutATerminalAnOperationNeedsYesAndOnlyTheDryRunWasSent() throws Exception {
        answerBody = "{\"dryRun\":true,\"plan\":{\"matched\":2,\"unreplayableCount\":0}}";

        Run run = run("discard", "validator.requests.dlq", "--all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--yes");
        assertThat(requests).singleElement().asString().contains("\"dryRun\":true");
    }

    @Test
    void withYesTheOperationRunsInTheBackgroundAndIsFollowedToTheEnd() throws Exception {
        answerBody = "{\"matched\":1,\"unreplayableCount\":0,\"operationId\":\"op-1\",\"status\":\"COMPLETED\",\"done\":1,\"planned\":1}";

        Run run = run("replay", "validator.requests.dlq", "--all", "--rate", "20", "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1)).contains("\"background\":true").contains("\"ratePerSecond\":20");
    }

    @Test
    void answersMapToTheDocumentedExitCodes() throws Exception {
        answerStatus = 404;
        answerBody = "{\"status\":404,\"detail\":\"'nope' is not a dead-letter queue\"}";
        Run notFound = run("show", "nope");
        answerStatus = 503;
        answerBody = "{\"status\":503,\"detail\":\"RabbitMQ is not reachable\"}";
        Run unavailable = run("list");
        server.stop(0);
        Run noServer = run("list");

        assertThat(notFound.exitCode()).isEqualTo(3);
        assertThat(notFound.err()).contains("is not a dead-letter queue");
        assertThat(unavailable.exitCode()).isEqualTo(4);
        assertThat(unavailable.err()).contains("RabbitMQ is not reachable");
        assertThat(noServer.exitCode()).isEqualTo(4);
    }

    private Run run(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("dead-letters", ".out");
        Path err = Files.createTempFile("dead-letters", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("RELAY_API", "http://127.0.0.1:" + server.getAddress().getPort());
            builder.environment().remove("RELAY_TOKEN");
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
