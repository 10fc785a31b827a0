package org.originrelay.commandapi.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an identity provider configured, the console signs in through its login (authorization code with
 * PKCE) instead of asking for a token. The provider here is a stand-in that checks the PKCE exchange
 * and issues a test token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-api", "command-api.console.oidc.client-id=relay-console-test"})
class ConsoleIdentityProviderLoginIntegrationTest {

    private static final Map<String, String> challenges = new ConcurrentHashMap<>();
    private static final Map<String, String> lastTokenRequest = new ConcurrentHashMap<>();
    private static HttpServer provider;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        TestInfrastructure.registerServiceProperties(registry, "command_api");
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + provider.getAddress().getPort();
        provider.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, 200,
                "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                        + "\"token_endpoint\":\"" + issuer + "/token\"}"));
        provider.createContext("/authorize", exchange -> {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            challenges.put("the-code", query.get("code_challenge"));
            exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=the-code&state="
                    + query.get("state"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        provider.createContext("/token", exchange -> {
            Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastTokenRequest.putAll(request);
            boolean pkceHolds = s256(request.get("code_verifier")).equals(challenges.get(request.get("code")));
            answer(exchange, pkceHolds ? 200 : 400, pkceHolds
                    ? "{\"access_token\":\"" + TestTokens.token("ida-from-the-idp", "operator") + "\",\"token_type\":\"Bearer\"}"
                    : "{\"error\":\"invalid_grant\"}");
        });
        provider.start();
        registry.add("command-api.console.oidc.issuer-uri", () -> issuer);
    }

    @AfterAll
    static void stopProvider() {
        provider.stop(0);
    }

    @LocalServerPort
    int port;

    private WebDriver browser;
    private Path profile;

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
    void theOperatorSignsInThroughTheIdentityProviderWithPkce() throws IOException {
        profile = Files.createTempDirectory("console-idp-chromium");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(45));

        browser.navigate().to("http://127.0.0.1:" + port + "/console/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("oidc-login"))).click();

        wait.until(ExpectedConditions.textToBe(By.id("operator"), "ida-from-the-idp"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queues")));
        assertThat(lastTokenRequest).containsEntry("grant_type", "authorization_code")
                .containsEntry("client_id", "relay-console-test")
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/console/");
        assertThat(browser.getCurrentUrl()).doesNotContain("code=");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded == null ? new String[0] : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
