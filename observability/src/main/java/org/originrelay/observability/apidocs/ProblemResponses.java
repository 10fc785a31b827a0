package org.originrelay.observability.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The error answers every endpoint shares, documented once: each operation gets the problem+json responses
 * that follow from its shape (a body or query parameters can be malformed: 400; a path variable can name
 * nothing: 404; a body has a media type and a size limit: 415 and 413; an {@code Idempotency-Key} can be reused or in use: 422 and
 * 409; a secured operation: 401 and 403; any operation: 500). An endpoint added later gets them without a
 * line of documentation; what is particular to it (its success status, a special error) goes on the handler
 * with {@code @ApiResponse}.
 */
public class ProblemResponses implements OpenApiCustomizer {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM_SCHEMA = "Problem";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "the request is malformed: the detail names the field and what is wrong with it",
            "401", "no valid bearer token",
            "403", "the token's roles do not allow this",
            "404", "nothing exists at this path",
            "409", "another request with the same Idempotency-Key is still being handled",
            "413", "the body is larger than this service accepts",
            "415", "the body is not application/json",
            "422", "the Idempotency-Key was used before with a different request",
            "500", "the service could not complete the request; nothing was changed");

    private final Set<String> publicPathPrefixes;

    public ProblemResponses(Set<String> publicPathPrefixes) {
        this.publicPathPrefixes = publicPathPrefixes;
    }

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                addProblems(path, method, operation)));
    }

    private void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasBody = operation.getRequestBody() != null;
        if (hasBody || parameters.stream().anyMatch(p -> "query".equals(p.getIn()) || "path".equals(p.getIn()))) {
            add(responses, "400", path);
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            add(responses, "404", path);
        }
        if (hasBody) {
            add(responses, "413", path);
            add(responses, "415", path);
        }
        if (parameters.stream().anyMatch(p -> "header".equals(p.getIn()) && "Idempotency-Key".equals(p.getName()))) {
            add(responses, "409", path);
            add(responses, "422", path);
        }
        if (publicPathPrefixes.stream().noneMatch(path::startsWith)) {
            add(responses, "401", path);
            add(responses, "403", path);
        }
        add(responses, "500", path);
        // Errors a handler declares itself (@ApiResponse(responseCode = "503", description = ...)) get the
        // problem+json content and an example like the shared ones.
        List.copyOf(responses.keySet()).stream()
                .filter(status -> !status.startsWith("2") && !status.startsWith("3") && !status.equals("default"))
                .forEach(status -> add(responses, status, path));
    }

    private static void add(ApiResponses responses, String status, String path) {
        ApiResponse existing = responses.get(status);
        String description = existing != null && existing.getDescription() != null && !existing.getDescription().isBlank()
                ? existing.getDescription() : DESCRIPTIONS.getOrDefault(status, reasonPhrase(status));
        responses.addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref(PROBLEM_REF))
                        .example(example(status, description, path)))));
    }

    private static String reasonPhrase(String status) {
        return org.springframework.http.HttpStatus.valueOf(Integer.parseInt(status)).getReasonPhrase();
    }

    private static Map<String, Object> example(String status, String detail, String path) {
        int code = Integer.parseInt(status);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", org.springframework.http.HttpStatus.valueOf(code).getReasonPhrase());
        example.put("status", code);
        example.put("detail", detail);
        example.put("instance", path);
        return example;
    }

    /** RFC 9457 problem details as every service answers them. */
    static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details (application/problem+json, UTF-8)")
                .addProperty("type", new StringSchema().format("uri").description("about:blank unless a more specific type applies"))
                .addProperty("title", new StringSchema().description("the HTTP status's reason phrase"))
                .addProperty("status", new IntegerSchema().description("the HTTP status code"))
                .addProperty("detail", new StringSchema().description("what went wrong, for a human reader"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request path"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema()
                        .items(new ObjectSchema()
                                .addProperty("field", new StringSchema())
                                .addProperty("message", new StringSchema()))
                        .description("for invalid fields (400): each field and what is wrong with it"))
                .required(List.of("type", "title", "status", "detail", "instance"));
    }
}
