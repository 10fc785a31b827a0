package org.originrelay.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, the Dockerfile and deploy/ are checked here, since no Docker engine runs the tests:
 * every container healthy before its dependants start, nothing published beyond 127.0.0.1, data in volumes,
 * grace periods longer than the services' shutdown, every service's variables read by its configuration,
 * each service connecting as its own broker user with the permissions scripts/rabbitmq-users grants, and
 * the Prometheus, alert and dashboard files consistent with the services and docs/operations.md.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final Map<String, Integer> JAVA_SERVICES = Map.of("command-api", 8080,
            "certificates-projection", 8081, "validator", 8082, "registry-connector", 8083,
            "provisioning-bridge", 8084);
    /** Broker and database versions the test suite runs against (README, "Versions"). */
    private static final Map<String, String> TESTED_IMAGES = Map.of("rabbitmq", "rabbitmq:3.10", "postgres", "postgres:15",
            "nats", "nats:2.9");
    /** Spring Boot settings a service may receive as environment variables besides its own RELAY_* ones. */
    /** Read by Spring Boot itself (relaxed binding of spring.profiles.active, logging.structured…), not our files. */
    private static final Set<String> BOOT_VARIABLES = Set.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "SPRING_PROFILES_ACTIVE");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() throws IOException {
        compose = new Yaml().load(read("docker-compose.yml"));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void runsEveryServiceOfTheSystem() {
        assertThat(services).containsKeys(JAVA_SERVICES.keySet().toArray(String[]::new));
        assertThat(services).containsKeys("rabbitmq", "postgres", "nats", "registry-simulator", "prometheus", "grafana");
    }

    @Test
    void everyContainerHasAHealthcheckAndStartsOnlyAfterItsDependenciesAreHealthy() throws IOException {
        String dockerfile = read("Dockerfile");
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK .*CMD");
        services.forEach((name, service) -> {
            assertThat(service.containsKey("healthcheck") || service.containsKey("build"))
                    .as(name + " has a healthcheck (its own or its image's)").isTrue();
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn).as(name + " depends_on").isInstanceOf(Map.class);
                ((Map<?, ?>) dependsOn).forEach((dependency, condition) -> assertThat(condition)
                        .as(name + " waits for " + dependency).isEqualTo(Map.of("condition", "service_healthy")));
            }
        });
        JAVA_SERVICES.keySet().forEach(name -> assertThat(services.get(name)).as(name).containsKey("depends_on"));
    }

    @Test
    void publishesPortsOnLocalhostOnly() {
        services.forEach((name, service) -> {
            for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                assertThat(port.toString()).as(name + " port").startsWith("127.0.0.1:");
            }
        });
    }

    @Test
    void keepsTheDataOfDatabaseBrokerAndStreamsInVolumes() {
        Map<?, ?> volumes = (Map<?, ?>) compose.get("volumes");
        assertThat(mountedVolume("postgres", "/var/lib/postgresql/data")).isIn(volumes.keySet());
        assertThat(mountedVolume("rabbitmq", "/var/lib/rabbitmq")).isIn(volumes.keySet());
        assertThat(mountedVolume("nats", "/data")).isIn(volumes.keySet());
        assertThat(String.join(" ", strings(services.get("nats").get("command")))).contains("-sd /data");
    }

    @Test
    void givesEveryJavaServiceMoreTimeToStopThanItsGracefulShutdownTakes() throws IOException {
        Properties defaults = new Properties();
        defaults.load(Files.newBufferedReader(ROOT.resolve(
                "observability/src/main/resources/relay-observability-defaults.properties")));
        assertThat(defaults.getProperty("server.shutdown")).isEqualTo("graceful");
        Duration shutdown = duration(defaults.getProperty("spring.lifecycle.timeout-per-shutdown-phase"));
        for (String name : JAVA_SERVICES.keySet()) {
            Object grace = services.get(name).get("stop_grace_period");
            assertThat(grace).as(name + " stop_grace_period").isNotNull();
            assertThat(duration(grace.toString())).as(name).isGreaterThan(shutdown.multipliedBy(2));
        }
    }

    @Test
    void usesTheBrokerAndDatabaseVersionsTheTestsRunAgainst() throws IOException {
        String readme = read("README.md");
        TESTED_IMAGES.forEach((name, image) -> {
            assertThat(services.get(name).get("image").toString()).as(name).startsWith(image);
            assertThat(readme).as("README names the " + name + " version").contains(image);
        });
    }

    @Test
    void everyVariableGivenToAServiceIsReadByItsConfiguration() throws IOException {
        String shared = read("observability/src/main/resources/relay-observability-defaults.properties");
        for (String name : JAVA_SERVICES.keySet()) {
            String configuration = read(name + "/src/main/resources/" + name + ".yml") + shared;
            for (String variable : environment(name).keySet()) {
                assertThat(configuration.contains("${" + variable + ":") || configuration.contains("${" + variable + "}")
                        || BOOT_VARIABLES.contains(variable))
                        .as(name + " reads " + variable).isTrue();
            }
        }
        String simulatorSettings = read(
                "registry-simulator/src/main/java/org/originrelay/registry/simulator/SimulatorSettings.java");
        // The simulator starts Boot's logging system (SimulatorLogging), which reads Boot's own variables.
        environment("registry-simulator").keySet().stream().filter(variable -> !BOOT_VARIABLES.contains(variable))
                .forEach(variable -> assertThat(simulatorSettings).as("registry-simulator reads " + variable)
                        .contains('"' + variable + '"'));
        JAVA_SERVICES.forEach((name, port) -> assertThat(read(name + "/src/main/resources/" + name + ".yml"))
                .as(name + " listens on the port compose publishes").contains(":" + port + "}"));
    }

    @Test
    void everyServiceConnectsAsItsOwnBrokerUserFromTheDefinitionsFile() throws Exception {
        JsonNode definitions = JSON.readTree(read("deploy/rabbitmq/definitions.json"));
        Map<String, List<String>> granted = scriptPermissions();
        assertThat(granted.keySet()).containsExactlyInAnyOrderElementsOf(JAVA_SERVICES.keySet());
        for (String name : JAVA_SERVICES.keySet()) {
            Map<String, String> environment = environment(name);
            assertThat(environment.get("RELAY_RABBITMQ_USERNAME")).as(name).isEqualTo(name);
            JsonNode user = find(definitions.path("users"), "name", name);
            assertThat(user).as("definitions.json user " + name).isNotNull();
            assertThat(user.path("hashing_algorithm").asString()).isEqualTo("rabbit_password_hashing_sha256");
            assertThat(passwordMatches(user.path("password_hash").asString(), environment.get("RELAY_RABBITMQ_PASSWORD")))
                    .as(name + "'s password in compose matches definitions.json").isTrue();
            JsonNode permission = find(definitions.path("permissions"), "user", name);
            assertThat(List.of(permission.path("configure").asString(), permission.path("write").asString(),
                    permission.path("read").asString())).as(name + " permissions").isEqualTo(granted.get(name));
        }
        assertThat(read("deploy/rabbitmq/rabbitmq.conf")).contains("definitions.local.path = /etc/rabbitmq/definitions.json");
        assertThat(strings(services.get("rabbitmq").get("volumes")))
                .anyMatch(volume -> volume.startsWith("./deploy/rabbitmq/definitions.json:/etc/rabbitmq/definitions.json"));
    }

    /** The cluster profile (issue 11): three nodes of one cookie, and every service given the list of all three. */
    @Test
    void theClusterProfileRunsThreeNodesAndEveryServiceConnectsToAllOfThem() throws IOException {
        List<String> nodes = List.of("rabbitmq", "rabbitmq-2", "rabbitmq-3");
        String cookie = environment("rabbitmq").get("RABBITMQ_ERLANG_COOKIE");
        assertThat(cookie).isNotBlank();
        String clusterConf = read("deploy/rabbitmq/cluster.conf");
        for (String node : nodes) {
            assertThat(services.get(node).get("image").toString()).as(node).startsWith("rabbitmq:3.10");
            assertThat(environment(node).get("RABBITMQ_ERLANG_COOKIE")).as(node + "'s cookie").isEqualTo(cookie);
            assertThat(clusterConf).contains("= rabbit@" + node);
        }
        for (String node : nodes.subList(1, 3)) {
            assertThat(strings(services.get(node).get("profiles"))).as(node).containsExactly("cluster");
            assertThat(strings(services.get(node).get("volumes")))
                    .anyMatch(volume -> volume.startsWith("./deploy/rabbitmq/cluster.conf:"));
        }
        assertThat(read("deploy/rabbitmq/cluster.env"))
                .contains("RELAY_RABBITMQ_ADDRESSES=rabbitmq:5672,rabbitmq-2:5672,rabbitmq-3:5672");
        for (String name : JAVA_SERVICES.keySet()) {
            assertThat(environment(name).get("RELAY_RABBITMQ_ADDRESSES")).as(name)
                    .isEqualTo("${RELAY_RABBITMQ_ADDRESSES:-rabbitmq:5672}");
        }
    }

    @Test
    void buildsNonRootImagesWithCachedDependenciesForEveryModule() throws IOException {
        String dockerfile = read("Dockerfile");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
        assertThat(dockerfile).containsPattern("(?m)^ARG MODULE=\\S+");
        assertThat(dockerfile).contains("--mount=type=cache,target=/root/.m2");
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(read("pom.xml"));
        while (modules.find()) {
            assertThat(dockerfile).as("the dependency layer copies " + modules.group(1) + "'s pom")
                    .contains("COPY " + modules.group(1) + "/pom.xml " + modules.group(1) + "/");
        }
    }

    @Test
    void prometheusScrapesEveryJavaServiceAndEveryAlertHasARunbook() throws IOException {
        String prometheus = read("deploy/prometheus/prometheus.yml");
        JAVA_SERVICES.forEach((name, port) -> assertThat(prometheus).contains("\"" + name + ":" + port + "\""));
        Map<String, Object> alerts = new Yaml().load(read("deploy/prometheus/alerts.yml"));
        String operations = read("docs/operations.md");
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : (List<?>) alerts.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) rule;
                rules.add(typed);
            }
        }
        assertThat(rules).isNotEmpty();
        for (Map<String, Object> rule : rules) {
            String alert = rule.get("alert").toString();
            assertThat(((Map<?, ?>) rule.get("annotations")).get("runbook"))
                    .isEqualTo("docs/operations.md#" + alert.toLowerCase());
            assertThat(operations).as("docs/operations.md explains " + alert).contains("### " + alert);
        }
        JsonNode dashboard = JSON.readTree(read("deploy/grafana/dashboards/origin-relay.json"));
        assertThat(dashboard.path("panels").size()).isGreaterThan(5);
        Set<String> dashboardMetrics = metricNames(dashboard.toString());
        Set<String> alertMetrics = metricNames(read("deploy/prometheus/alerts.yml"));
        assertThat(dashboardMetrics).containsAll(alertMetrics);
    }

    private static Set<String> metricNames(String text) {
        Matcher metric = Pattern.compile("relay_[a-z_]+").matcher(text);
        Set<String> names = new java.util.TreeSet<>();
        while (metric.find()) {
            names.add(metric.group());
        }
        return names;
    }

    /** What scripts/rabbitmq-users grants each service, from the script itself (run with a no-op rabbitmqctl). */
    private static Map<String, List<String>> scriptPermissions() throws Exception {
        ProcessBuilder script = new ProcessBuilder("bash", ROOT.resolve("scripts/rabbitmq-users").toString());
        script.environment().put("RABBITMQCTL", "true");
        script.redirectErrorStream(true);
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        Map<String, List<String>> permissions = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^(\\S+): configure=(\\S+) write=(\\S+) read=(\\S+)$").matcher(output);
        while (line.find()) {
            permissions.put(line.group(1), List.of(line.group(2), line.group(3), line.group(4)));
        }
        return permissions;
    }

    /** RabbitMQ's rabbit_password_hashing_sha256: base64(salt ‖ sha256(salt ‖ password)), 4-byte salt. */
    private static boolean passwordMatches(String hash, String password) throws Exception {
        byte[] decoded = Base64.getDecoder().decode(hash);
        byte[] salt = Arrays.copyOf(decoded, 4);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(salt);
        byte[] expected = sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        return Arrays.equals(Arrays.copyOfRange(decoded, 4, decoded.length), expected);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.path(field).asString().equals(value)) {
                return element;
            }
        }
        return null;
    }

    private static Map<String, String> environment(String service) {
        Object environment = services.get(service).get("environment");
        assertThat(environment).as(service + " environment").isInstanceOf(Map.class);
        return ((Map<?, ?>) environment).entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toString(), entry -> String.valueOf(entry.getValue())));
    }

    private static String mountedVolume(String service, String path) {
        return strings(services.get(service).get("volumes")).stream()
                .filter(volume -> volume.endsWith(":" + path))
                .map(volume -> volume.substring(0, volume.indexOf(':')))
                .findFirst().orElseThrow(() -> new AssertionError(service + " mounts no volume at " + path));
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(Object::toString).toList();
    }

    private static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m)").matcher(text.trim());
        assertThat(matcher.matches()).as("duration " + text).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static String read(String path) {
        try {
            return Files.readString(ROOT.resolve(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
