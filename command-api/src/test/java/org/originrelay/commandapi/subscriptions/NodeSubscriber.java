package org.originrelay.commandapi.subscriptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.originrelay.testsupport.RabbitServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The example subscriber in subscriber-examples/node, run as its own process with nothing but node and
 * amqplib: the outside client the subscriptions exist for. Its JSON event lines are collected here.
 */
final class NodeSubscriber implements AutoCloseable {

    static final Path DIRECTORY = Path.of("..", "subscriber-examples", "node").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final StringBuilder errors = new StringBuilder();

    private NodeSubscriber(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> read(process), "node-subscriber-stdout");
        reader.setDaemon(true);
        reader.start();
        Thread errorReader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (errors) {
                        errors.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "node-subscriber-stderr");
        errorReader.setDaemon(true);
        errorReader.start();
    }

    /** Starts the subscriber on {@code queue}; installs amqplib from the lock file first if needed. */
    static NodeSubscriber start(RabbitServer rabbit, String queue, Map<String, String> behaviour) throws IOException {
        installDependencies();
        ProcessBuilder builder = new ProcessBuilder("node", "subscriber.js").directory(DIRECTORY.toFile());
        builder.environment().put("AMQP_URL", "amqp://" + rabbit.username() + ":" + rabbit.password() + "@"
                + rabbit.host() + ":" + rabbit.port());
        builder.environment().put("QUEUE", queue);
        builder.environment().putAll(behaviour);
        NodeSubscriber subscriber = new NodeSubscriber(builder.start());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!subscriber.process.isAlive()) {
                throw new IllegalStateException("node subscriber exited: " + subscriber.errors());
            }
            return subscriber.events.stream().anyMatch(event -> "ready".equals(event.get("event").asString()));
        });
        return subscriber;
    }

    /** {@code npm ci} once (the npm cache makes later runs work offline); .ci/run needs node and npm. */
    private static synchronized void installDependencies() throws IOException {
        if (Files.isDirectory(DIRECTORY.resolve("node_modules").resolve("amqplib"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
                .directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + DIRECTORY + ":\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("{")) {
                    events.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The events ({@code delivery}, {@code rejected}, {@code acked}) about one message, in order. */
    List<JsonNode> eventsOf(String messageId) {
        return events.stream().filter(event -> event.has("messageId") && messageId.equals(event.get("messageId").asString()))
                .toList();
    }

    long count(String kind, String messageId) {
        return eventsOf(messageId).stream().filter(event -> kind.equals(event.get("event").asString())).count();
    }

    String errors() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
