package org.originrelay.commandapi.apidocs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.originrelay.testsupport.OpenApiDrift;
import org.originrelay.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document matches the handlers, and the documents are readable without a token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=command-api")
class ApiDocumentationIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry, "command_api");
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyEndpointStatusAndSchemaIsDocumented() throws Exception {
        // Without a token; the first request builds the document, which takes a while on a busy machine.
        HttpResponse<String> docs = fetch("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), docs.body()); // for reviewers: the document as served
        JsonNode api = JsonMapper.builder().build().readTree(docs.body());
        assertThat(api.path("openapi").asString()).startsWith("3.1");
        assertThat(api.path("components").path("securitySchemes").path("bearer-jwt").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(OpenApiDrift.problems(api, handlers.getHandlerMethods(), Set.of(),
                Path.of("src", "main", "java"))).isEmpty();
    }

    @Test
    void swaggerUiAndTheEventContractAreServedWithoutAToken() throws Exception {
        HttpResponse<String> swaggerUi = fetch("/swagger-ui.html");
        HttpResponse<String> asyncApi = fetch("/asyncapi.yaml");

        assertThat(swaggerUi.statusCode()).isEqualTo(200);
        assertThat(swaggerUi.body()).contains("Swagger UI");
        assertThat(asyncApi.statusCode()).isEqualTo(200);
        assertThat(asyncApi.body()).isEqualTo(Files.readString(Path.of("../docs/asyncapi.yaml")));
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(java.time.Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
