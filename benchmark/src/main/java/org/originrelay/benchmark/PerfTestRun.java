package org.originrelay.benchmark;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RabbitMQ PerfTest in its own JVM on this module's classpath: 1 producer, 1 consumer, persistent
 * messages of the given size, publisher confirms (at most 200 outstanding), one quorum queue of its own,
 * deleted afterwards. Its summary's average sending rate is the reference the other figures are divided by.
 */
final class PerfTestRun {

    private static final Pattern SENDING_RATE = Pattern.compile("sending rate avg: (\\d+)");
    private static final Pattern RECEIVING_RATE = Pattern.compile("receiving rate avg: (\\d+)");

    private PerfTestRun() {
    }

    static void run(Options options) throws Exception {
        int size = options.number("size", 1000);
        int seconds = options.number("seconds", 10);
        String uri = options.text("amqp", "amqp://guest:guest@127.0.0.1:5672");
        String queue = "origin-relay-benchmark-perftest-" + ProcessHandle.current().pid();
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "com.rabbitmq.perf.PerfTest",
                "--uri", uri, "--producers", "1", "--consumers", "1", "--size", String.valueOf(size),
                "--flag", "persistent", "--confirm", "200", "--quorum-queue", "--queue", queue,
                "--time", String.valueOf(seconds));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String sending = null;
        String receiving = null;
        try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = output.readLine()) != null; ) {
                Matcher sent = SENDING_RATE.matcher(line);
                if (sent.find()) {
                    sending = sent.group(1);
                }
                Matcher received = RECEIVING_RATE.matcher(line);
                if (received.find()) {
                    receiving = received.group(1);
                }
                if (options.text("verbose", "false").equals("true")) {
                    System.err.println(line);
                }
            }
        }
        process.waitFor();
        deleteQueue(uri, queue);
        if (sending == null) {
            throw new IllegalStateException("PerfTest printed no summary (exit " + process.exitValue() + ")");
        }
        System.out.println(String.format(Locale.ROOT, "RESULT command=perftest size=%d seconds=%d msg_per_s=%s received_per_s=%s",
                size, seconds, sending, receiving));
    }

    private static void deleteQueue(String uri, String queue) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
    }
}
