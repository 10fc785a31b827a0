package org.originrelay.commandapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.originrelay.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API over real HTTP, as a client sees it. */
public final class HttpApi {

    public record Response(int status, String contentType, String location, String rawBody, JsonNode body) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Allowed everything, so tests of behaviour are not tests of access rules (SecurityIntegrationTest is). */
    public static final String EVERY_ROLE = TestTokens.bearer("alice", "owner", "issuer", "operator");

    private final String baseUrl;
    private final String authorization;

    public HttpApi(int port) {
        this(port, EVERY_ROLE);
    }

    /** @param authorization the Authorization header to send, or null for none */
    public HttpApi(int port, String authorization) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    public Response post(String path, String json, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends the body without a Content-Length, chunked, as a streaming client would. */
    public Response postStreamed(String path, Supplier<InputStream> body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofInputStream(body)));
    }

    public Response delete(String path) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path))).DELETE());
    }

    public Response get(String path) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path))).GET());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)))
                .header("Content-Type", "application/json");
        return headers.length == 0 ? request : request.headers(headers);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    body,
                    body == null || body.isBlank() ? null : JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
