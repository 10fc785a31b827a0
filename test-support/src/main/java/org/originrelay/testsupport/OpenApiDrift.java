package org.originrelay.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import tools.jackson.databind.JsonNode;

/**
 * Compares a service's served OpenAPI document with the handlers the service really has, so an endpoint,
 * a status or a schema cannot be added without its documentation. Generic: it walks the handler mappings,
 * so endpoints other teams add are checked as soon as they exist.
 *
 * <p>Checked: every handler method of the application (package {@code org.originrelay}) is documented with
 * its path and method; every operation documents a success status with a schema (unless it answers 204),
 * and the error statuses {@code requiredErrors} demand for it, each as problem+json with the shared
 * problem schema and an example; every request body has a schema; every {@code $ref} resolves; every
 * documented operation still exists.
 */
public final class OpenApiDrift {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private OpenApiDrift() {
    }

    /**
     * Everything undocumented, as readable sentences (empty when the document is complete).
     *
     * @param sources the service's main Java sources: every {@code HttpStatus} constant they use for an error
     *        must be documented on at least one operation, so a new error status cannot go unnoticed
     */
    public static List<String> problems(JsonNode api, Map<RequestMappingInfo, HandlerMethod> handlers,
            Set<String> publicPathPrefixes, java.nio.file.Path sources) {
        List<String> problems = new ArrayList<>();
        Set<String> documentedStatuses = new java.util.TreeSet<>();
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                documentedStatuses.addAll(operation.getValue().path("responses").propertyNames())));
        errorStatusesUsedIn(sources).forEach((status, file) -> {
            if (!documentedStatuses.contains(status)) {
                problems.add("status " + status + " (used in " + file + ") is documented on no operation");
            }
        });
        Set<String> documented = new java.util.TreeSet<>();
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));
        Set<String> implemented = new java.util.TreeSet<>();
        handlers.forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("org.originrelay") || isErrorPage(handler)
                    || isHiddenOnPurpose(handler)) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = PATH_VARIABLE.matcher(pattern).replaceAll("{$1}");
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    implemented.add(method.name() + " " + path);
                }
            }
        });
        for (String endpoint : implemented) {
            if (!documented.contains(endpoint)) {
                problems.add(endpoint + " is served but not documented");
            }
        }
        for (String endpoint : documented) {
            if (!implemented.contains(endpoint)) {
                problems.add(endpoint + " is documented but no handler serves it");
            }
        }
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                checkOperation(api, operation.getKey().toUpperCase() + " " + path.getKey(), path.getKey(),
                        operation.getValue(), publicPathPrefixes, problems)));
        checkReferences(api, api, "", problems);
        return problems;
    }

    private static Map<String, String> errorStatusesUsedIn(java.nio.file.Path sources) {
        Map<String, String> statuses = new java.util.TreeMap<>();
        Pattern constant = Pattern.compile("HttpStatus\\.([A-Z_]+)\\b");
        try (var files = java.nio.file.Files.walk(sources)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = constant.matcher(java.nio.file.Files.readString(file));
                while (matcher.find()) {
                    int code = org.springframework.http.HttpStatus.valueOf(matcher.group(1)).value();
                    if (code >= 400) {
                        statuses.putIfAbsent(String.valueOf(code), file.getFileName().toString());
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return statuses;
    }

    /**
     * A handler marked with OpenAPI's {@code @Hidden} is left out on purpose (a web page such as the
     * console's entry, not part of the REST contract); matched by name so this helper needs no swagger jar.
     */
    private static boolean isHiddenOnPurpose(HandlerMethod handler) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(handler.getMethod().getAnnotations()),
                        java.util.Arrays.stream(handler.getBeanType().getAnnotations()))
                .anyMatch(annotation -> annotation.annotationType().getName().equals("io.swagger.v3.oas.annotations.Hidden"));
    }

    /** The servlet container's error page answers on behalf of every endpoint; it is not an endpoint itself. */
    private static boolean isErrorPage(HandlerMethod handler) {
        return java.util.Arrays.stream(handler.getBeanType().getInterfaces())
                .anyMatch(type -> type.getName().endsWith(".ErrorController"));
    }

    private static void checkOperation(JsonNode api, String name, String path, JsonNode operation,
            Set<String> publicPathPrefixes, List<String> problems) {
        JsonNode responses = operation.path("responses");
        List<String> statuses = new ArrayList<>();
        responses.propertyNames().forEach(statuses::add);
        List<String> successes = statuses.stream().filter(status -> status.startsWith("2")).toList();
        if (successes.isEmpty()) {
            problems.add(name + " documents no success status");
        }
        for (String status : successes) {
            JsonNode content = responses.path(status).path("content");
            if (!status.equals("204") && (content.isEmpty() || content.properties().stream()
                    .anyMatch(media -> media.getValue().path("schema").isEmpty()))) {
                problems.add(name + " " + status + " has no schema");
            }
        }
        List<String> required = new ArrayList<>(List.of("500"));
        boolean hasBody = !operation.path("requestBody").isMissingNode();
        boolean hasPathVariable = false;
        boolean hasQuery = false;
        boolean hasIdempotencyKey = false;
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.path("in").asString();
            hasPathVariable |= in.equals("path");
            hasQuery |= in.equals("query");
            hasIdempotencyKey |= in.equals("header") && parameter.path("name").asString().equals("Idempotency-Key");
            if (parameter.path("schema").isEmpty()) {
                problems.add(name + " parameter " + parameter.path("name").asString() + " has no schema");
            }
        }
        if (hasBody || hasPathVariable || hasQuery) {
            required.add("400");
        }
        if (hasPathVariable) {
            required.add("404");
        }
        if (hasBody) {
            required.addAll(List.of("413", "415"));
            JsonNode content = operation.path("requestBody").path("content");
            if (content.isEmpty() || content.properties().stream()
                    .anyMatch(media -> media.getValue().path("schema").isEmpty())) {
                problems.add(name + " request body has no schema");
            }
        }
        if (hasIdempotencyKey) {
            required.addAll(List.of("409", "422"));
        }
        if (publicPathPrefixes.stream().noneMatch(path::startsWith)) {
            required.addAll(List.of("401", "403"));
        }
        for (String status : required) {
            if (!statuses.contains(status)) {
                problems.add(name + " does not document " + status);
            }
        }
        for (String status : statuses) {
            if (status.startsWith("2")) {
                continue;
            }
            JsonNode problem = responses.path(status).path("content").path("application/problem+json");
            if (problem.isMissingNode()) {
                problems.add(name + " " + status + " is not documented as application/problem+json");
                continue;
            }
            if (!PROBLEM_REF.equals(problem.path("schema").path("$ref").asString())) {
                problems.add(name + " " + status + " does not use the shared Problem schema");
            }
            if (problem.path("example").isMissingNode() && problem.path("examples").isMissingNode()) {
                problems.add(name + " " + status + " has no example");
            }
        }
    }

    private static void checkReferences(JsonNode api, JsonNode node, String where, List<String> problems) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isString()) {
                    String ref = field.getValue().asString();
                    Matcher schema = Pattern.compile("#/components/(\\w+)/(.+)").matcher(ref);
                    if (!schema.matches() || api.path("components").path(schema.group(1)).path(schema.group(2)).isMissingNode()) {
                        problems.add(where + " refers to " + ref + ", which is not defined");
                    }
                } else {
                    checkReferences(api, field.getValue(), where + "/" + field.getKey(), problems);
                }
            });
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                checkReferences(api, element, where, problems);
            }
        }
    }
}
