package org.originrelay.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A RabbitMQ node of the test's own, for tests that stop, restart (or later cluster) a broker: started
 * with {@code scripts/rabbitmq-private-node} on free ports, with its own name, data and cookie under a
 * temporary directory, so the machine's broker is never touched. Nodes created with the same
 * {@link #newBaseDirectory() base directory} share a cookie. {@link #close()} stops the node and deletes
 * its data. Needs {@code rabbitmq-server} installed; no management plugin ({@link #startWithPrometheus()}:
 * with the Prometheus plugin, for tests of what the broker reports).
 */
public final class PrivateRabbitNode implements AutoCloseable {

    /** rabbitmqctl itself takes distribution ports from this range (rabbitmq-env's CLI defaults). */
    private static final int CLI_DIST_PORT_MIN = 35672;
    private static final int CLI_DIST_PORT_MAX = 35682;

    private final Path baseDirectory;
    private final boolean ownsBaseDirectory;
    private final String name;
    private final int amqpPort;
    private final int distributionPort;
    private final int prometheusPort;

    private PrivateRabbitNode(Path baseDirectory, boolean ownsBaseDirectory, String name, int amqpPort,
            int distributionPort, int prometheusPort) {
        this.baseDirectory = baseDirectory;
        this.ownsBaseDirectory = ownsBaseDirectory;
        this.name = name;
        this.amqpPort = amqpPort;
        this.distributionPort = distributionPort;
        this.prometheusPort = prometheusPort;
    }

    /** Whether this machine can start a private node at all. */
    public static boolean available() {
        return Files.isExecutable(Path.of(System.getenv().getOrDefault("RABBITMQ_BIN_DIR", "/usr/lib/rabbitmq/bin"),
                "rabbitmq-server"));
    }

    /** Starts a node in a fresh temporary directory that {@link #close()} deletes. */
    public static PrivateRabbitNode start() {
        return start(newBaseDirectory(), true, false);
    }

    /**
     * Starts a node, in a fresh temporary directory, that runs the {@code rabbitmq_prometheus} plugin on
     * {@link #prometheusPort()} and emits its statistics every second.
     */
    public static PrivateRabbitNode startWithPrometheus() {
        return start(newBaseDirectory(), true, true);
    }

    /** Starts a node in {@code baseDirectory}, sharing its cookie with the other nodes there. */
    public static PrivateRabbitNode startIn(Path baseDirectory) {
        return start(baseDirectory, false, false);
    }

    public static Path newBaseDirectory() {
        try {
            return Files.createTempDirectory("relay-rabbit-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateRabbitNode start(Path baseDirectory, boolean ownsBaseDirectory, boolean prometheus) {
        String name = "relaytest-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        int amqpPort = freePort();
        int distributionPort = freePort();
        int prometheusPort = prometheus ? freePort() : -1;
        PrivateRabbitNode node = new PrivateRabbitNode(baseDirectory, ownsBaseDirectory, name, amqpPort,
                distributionPort, prometheusPort);
        if (prometheus) {
            node.script("start", String.valueOf(amqpPort), String.valueOf(distributionPort),
                    String.valueOf(prometheusPort));
        } else {
            node.script("start", String.valueOf(amqpPort), String.valueOf(distributionPort));
        }
        return node;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int amqpPort() {
        return amqpPort;
    }

    public int distributionPort() {
        return distributionPort;
    }

    /** The Prometheus plugin's port, e.g. for {@code http://127.0.0.1:<port>/metrics/detailed}; -1 without it. */
    public int prometheusPort() {
        return prometheusPort;
    }

    /** The Erlang node name, {@code <name>@localhost}. */
    public String nodeName() {
        return name + "@localhost";
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    /** Runs {@code rabbitmqctl -n <node> <arguments>} and returns its output. */
    public String rabbitmqctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ctl"));
        command.addAll(List.of(arguments));
        return script(command.toArray(String[]::new));
    }

    /** {@code rabbitmqctl stop_app && start_app}: the broker application restarts, the node stays. */
    public void restartApplication() {
        rabbitmqctl("stop_app");
        rabbitmqctl("start_app");
    }

    @Override
    public void close() {
        script("stop");
        if (ownsBaseDirectory) {
            deleteRecursively(baseDirectory);
        }
    }

    private String script(String... arguments) {
        List<String> command = new ArrayList<>(List.of(locateScript().toString(), arguments[0],
                baseDirectory.toString(), name));
        command.addAll(List.of(arguments).subList(1, arguments.length));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            boolean finished = process.waitFor(180, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command + "\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + command + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** scripts/rabbitmq-private-node of the repository the test runs in (found upwards from the module). */
    private static Path locateScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts/rabbitmq-private-node");
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/rabbitmq-private-node not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port < CLI_DIST_PORT_MIN || port > CLI_DIST_PORT_MAX) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
