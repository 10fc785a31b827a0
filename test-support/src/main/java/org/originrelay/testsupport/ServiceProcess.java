package org.originrelay.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service started as operators start it: its main class in a JVM of its own, with an environment of
 * the test's choosing (none of this machine's {@code RELAY_*} or {@code SPRING_*} variables), for tests
 * of what happens before a service is up, such as its refusal to start, and for tests that kill a
 * running service ({@link Process#destroyForcibly()}, as {@code kill -9}).
 */
public final class ServiceProcess {

    /** How a run ended: the exit code and everything it wrote to stdout and stderr. */
    public record Exit(int code, String output) {

        /** The output's lines that start with {@code prefix}. */
        public List<String> linesStartingWith(String prefix) {
            return output.lines().filter(line -> line.startsWith(prefix)).toList();
        }
    }

    private ServiceProcess() {
    }

    /** Runs {@code mainClass} on this JVM's class path until it exits, at most {@code timeout}. */
    public static Exit run(String mainClass, Map<String, String> environment, Duration timeout, String... arguments) {
        try {
            Path output = Files.createTempFile("service-process", ".log");
            try {
                Process process = start(mainClass, environment, output, arguments);
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(mainClass + " did not exit within " + timeout + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Exit(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code mainClass} on this JVM's class path and leaves it running; its stdout and stderr go
     * to {@code log}. The caller ends it (and must, also when its test fails).
     */
    public static Process start(String mainClass, Map<String, String> environment, Path log, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("RELAY_") || name.startsWith("SPRING_"));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
