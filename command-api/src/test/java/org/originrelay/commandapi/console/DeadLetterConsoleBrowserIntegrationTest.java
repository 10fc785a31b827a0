package org.originrelay.commandapi.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.originrelay.commandapi.HttpApi;
import org.originrelay.commandapi.deadletters.DeadLetterFixtures;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventJson;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.messaging.consume.FailureRouter;
import org.originrelay.messaging.consume.PermanentFailure;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.originrelay.commandapi.deadletters.DeadLetterFixtures.*;

/**
 * The console in headless Chromium (Debian's chromium + chromium-driver, installed by .ci/run): messages
 * parked in three dead-letter queues (command-api's, the validator's, the bridge's), an operator signs in
 * with a pasted token, sees the groups, opens a message, dry-runs a group replay, replays it, watches the
 * queue drain and the commands complete, discards one message and finds it in the audit log.
 * Screenshots of each view go to target/console-screenshots (copied into docs/ by hand).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
@Import(DeadLetterFixtures.OtherServicesParkingLots.class)
class DeadLetterConsoleBrowserIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "command_api");
    }

    @LocalServerPort
    int port;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    MessagingNames names;
    @Autowired
    FailureRouter router;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void openTheBrowser() throws IOException {
        assertThat(new File("/usr/bin/chromium")).as("Debian's chromium (apt-get install chromium chromium-driver)").exists();
        profile = Files.createTempDirectory("console-test-chromium");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, PATIENCE);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeTheBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void anOperatorFindsGroupsReplaysOneAfterADryRunAndDiscardsAnotherOnTheRecord() throws Exception {
        HttpApi owner = new HttpApi(port);
        List<UUID> stuckCommands = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TransferSliceRequested requested = postTransfer(owner);
            stuckCommands.add(requested.commandId());
            TransferSliceValidated validated = requested.validated("alice", 1000);
            DeadLetterFixtures.park(router, names, STATUS_QUEUE, EventCatalog.EXCHANGE,
                    validated.eventType().routingKey(), validated.eventType().name(), requested.commandId(),
                    EventJson.write(validated), new PermanentFailure("status report for command "
                            + requested.commandId() + " arrived while row " + (1000 + i) + " was locked"));
        }
        String poison = parkRequest(router, names, UUID.randomUUID(), unknownCommand(UUID.randomUUID()));
        parkRequest(router, names, UUID.randomUUID(), new SliceReserved("slice 17 is reserved"));
        parkBridgeEvent(rabbit, names, "user.created", "no subscriber queue bound for user.created");

        signIn();

        // Every DLQ with its depth, and the three stuck status reports as one group.
        WebElement statusRow = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#queues tr[data-queue='" + STATUS_DLQ + "']")));
        assertThat(statusRow.findElement(By.cssSelector("td[data-count]")).getText()).isEqualTo("3");
        assertThat(text("#queues tr[data-queue='" + VALIDATOR_DLQ + "'] td[data-count]")).isEqualTo("2");
        assertThat(text("#queues tr[data-queue='" + BRIDGE_DLQ + "'] td[data-count]")).isEqualTo("1");
        WebElement group = groupRow(STATUS_DLQ);
        assertThat(group.getText()).contains("status report for command {id} arrived while row {n} was locked")
                .contains("PermanentFailure");
        // Loaded side by side with the queue list, yet it counts every one of them.
        assertThat(group.findElement(By.cssSelector("td.number")).getText()).isEqualTo("3");
        screenshot("console-overview");

        // One message in full: body, stack trace, headers, and the command of its correlation.
        browser.findElement(By.linkText(STATUS_DLQ)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages tbody tr")));
        screenshot("console-queue");
        browser.findElement(By.cssSelector("#messages tbody tr a")).click();
        WebElement stackTrace = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stack-trace")));
        assertThat(stackTrace.getText()).contains("PermanentFailure: status report for command");
        assertThat(text("#body")).contains("\"receiver\": \"bob\"");
        assertThat(text("#headers")).contains("x-relay-original-routing-key").contains("transfer-slice.validated");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#command [data-status='REQUESTED']")));
        screenshot("console-message");

        // Dry run of the group, then the replay; the queue drains and the commands move on.
        browser.navigate().to(consoleUrl() + "#/");
        groupRow(STATUS_DLQ).findElement(By.cssSelector("button[data-action='replay']")).click();
        WebElement summary = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-summary")));
        assertThat(summary.getText()).startsWith("3 of 3 parked message(s)").contains("nothing has been changed");
        assertThat(text("#plan-moves")).contains("3 → queue " + STATUS_QUEUE);
        assertThat(count(STATUS_DLQ)).isEqualTo(3);
        screenshot("console-dry-run");
        browser.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "3 of 3 — COMPLETED"));
        screenshot("console-replayed");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stuckCommands).allSatisfy(command ->
                assertThat(owner.get("/api/v1/commands/" + command).body().get("status").asString()).isEqualTo("VALIDATED")));
        browser.findElement(By.id("refresh")).click();
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("#queues tr[data-queue='" + STATUS_DLQ + "'] td[data-count]"), "0"));

        // Discard one selected message; it is on record with the operator's name.
        browser.findElement(By.linkText(VALIDATOR_DLQ)).click();
        WebElement poisonRow = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#messages tr[data-message='" + poison + "']")));
        poisonRow.findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.findElement(By.id("discard-selected")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-summary"), "1 of 2 parked message(s)"));
        browser.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "1 of 1 — COMPLETED"));
        assertThat(count(VALIDATOR_DLQ)).isEqualTo(1);
        browser.findElement(By.linkText("See it in the audit log")).click();
        WebElement entry = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit tbody tr")));
        assertThat(entry.getText()).contains("olivia-operator").contains("DISCARD").contains(VALIDATOR_DLQ).contains(poison);
        assertThat(browser.findElement(By.id("audit")).getText()).contains("REPLAY").contains(STATUS_DLQ);
        screenshot("console-audit");

        // Narrow screen: the same page, still usable.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().to(consoleUrl() + "#/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queues tr[data-queue]")));
        screenshot("console-narrow");
    }

    @Test
    void withoutATokenTheConsoleAsksForOneAndTheApiRefusesANonOperator() throws IOException {
        browser.navigate().to(consoleUrl());
        WebElement tokenField = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
        assertThat(browser.findElement(By.cssSelector("label[for=token]")).getText()).isEqualTo("Bearer token");
        screenshot("console-sign-in");

        tokenField.sendKeys(TestTokens.token("alice", "owner"));
        browser.findElement(By.id("sign-in")).click();

        WebElement refusal = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(refusal.getText()).startsWith("403");
    }

    private void signIn() {
        browser.navigate().to(consoleUrl());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token")))
                .sendKeys(TestTokens.token("olivia-operator", "operator"));
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.textToBe(By.id("operator"), "olivia-operator"));
    }

    private WebElement groupRow(String queue) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#groups tr[data-group^='" + queue + "|']")));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private String consoleUrl() {
        return "http://127.0.0.1:" + port + "/console/";
    }

    private long count(String logicalQueue) {
        return admin.getQueueInfo(names.queue(logicalQueue)).getMessageCount();
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static TransferSliceRequested postTransfer(HttpApi api) {
        UUID certificateId = UUID.randomUUID();
        UUID sliceId = UUID.randomUUID();
        HttpApi.Response response = api.post("/api/v1/commands/transfer-slice", """
                {"certificateId":"%s","sliceId":"%s","receiver":"bob"}""".formatted(certificateId, sliceId));
        assertThat(response.status()).isEqualTo(202);
        return new TransferSliceRequested(UUID.fromString(response.body().get("commandId").asString()), certificateId,
                sliceId, "bob", null);
    }
}
