package org.originrelay.benchmark;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * N provisioning messages of 2 KB published into the running bridge's JetStream stream (subject
 * {@code <subscription>.main}), counted when they arrive on the benchmark's own queue bound to
 * {@code provisioning.events}: the bridge's rate NATS → AMQP with confirms, end to end.
 */
final class BridgeLoad {

    private BridgeLoad() {
    }

    static void run(Options options) throws Exception {
        int messages = options.number("messages", 5000);
        int warmUp = options.number("warm-up", Math.min(messages, 2000));
        ServiceProcesses processes = ServiceProcesses.parse(options.text("pids", ""), options.number("clock-ticks", 100));
        InfrastructureCpu infrastructure = new InfrastructureCpu(options.number("clock-ticks", 100), -1);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(options.text("amqp", "amqp://guest:guest@127.0.0.1:5672"));
        try (Connection amqp = factory.newConnection("origin-relay-benchmark-bridge");
                io.nats.client.Connection nats = Nats.connect(options.text("nats", "nats://127.0.0.1:4222"))) {
            if (warmUp > 0) {
                // The bridge's first messages ever run on a cold JIT: not what a running bridge does.
                round(options, amqp, nats, warmUp);
            }
            Map<String, Double> cpuBefore = processes.cpuSeconds();
            InfrastructureCpu.Snapshot infrastructureBefore = infrastructure.take();
            Round measured = round(options, amqp, nats, messages);
            Map<String, Double> cpuAfter = processes.cpuSeconds();
            InfrastructureCpu.Snapshot infrastructureAfter = infrastructure.take();

            StringBuilder cpu = new StringBuilder();
            int counted = (int) Math.max(1, measured.arrived());
            cpuAfter.forEach((service, seconds) -> cpu.append(String.format(Locale.ROOT, " cpu_ms_%s=%.3f", service,
                    (seconds - cpuBefore.get(service)) * 1000 / counted)));
            infrastructure.millisPerCommand(infrastructureBefore, infrastructureAfter, counted)
                    .forEach((group, millis) -> cpu.append(String.format(Locale.ROOT, " cpu_ms_%s=%.3f", group, millis)));
            double rate = measured.arrived() / measured.seconds();
            double reference = options.decimal("reference-rate", 0);
            System.out.println(String.format(Locale.ROOT,
                    "RESULT command=bridge messages=%d warm_up=%d arrived=%d seconds=%.1f msg_per_s=%.1f ratio_to_perftest=%s%s",
                    messages, warmUp, measured.arrived(), measured.seconds(), rate,
                    reference > 0 ? String.format(Locale.ROOT, "%.4f", rate / reference) : "n/a", cpu));
        }
    }

    private record Round(long arrived, double seconds) {
    }

    /** Publishes N messages into the stream at once and waits until they have all come out on AMQP. */
    private static Round round(Options options, Connection amqp, io.nats.client.Connection nats, int messages)
            throws Exception {
        String subject = options.text("subscription", "origin-relay") + ".main";
        String exchange = options.text("namespace", "") + "provisioning.events";
        String marker = "bench-" + System.nanoTime();
        CountDownLatch arrived = new CountDownLatch(messages);
        long[] lastArrival = new long[1];
        Channel channel = amqp.createChannel();
        try {
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, exchange, "#");
            channel.basicQos(1000);
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    // Only this round's messages count: the stream may carry others.
                    if (new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).contains(marker)) {
                        lastArrival[0] = System.nanoTime();
                        arrived.countDown();
                    }
                }
            });
            JetStream jetStream = nats.jetStream();
            long start = System.nanoTime();
            CompletableFuture<?>[] acks = new CompletableFuture<?>[messages];
            for (int i = 0; i < messages; i++) {
                acks[i] = jetStream.publishAsync(subject, twoKilobyteMessage(marker, i));
            }
            CompletableFuture.allOf(acks).get(2, TimeUnit.MINUTES);
            boolean all = arrived.await(options.number("timeout-seconds", 300), TimeUnit.SECONDS);
            double seconds = ((all ? lastArrival[0] : System.nanoTime()) - start) / 1e9;
            return new Round(messages - arrived.getCount(), seconds);
        } finally {
            channel.close();
        }
    }

    /**
     * Deletes the stream of the bridge's subscription ("stream:&lt;subscription&gt;", the Provisioning stack's
     * naming) if it exists: the benchmark's bridge creates it afresh, and an earlier run's thousands of
     * messages would otherwise be replayed into the services while the next run measures them.
     */
    static void resetStream(Options options) throws Exception {
        String stream = "stream:" + options.required("subscription");
        try (io.nats.client.Connection nats = Nats.connect(options.text("nats", "nats://127.0.0.1:4222"))) {
            var management = nats.jetStreamManagement();
            if (management.getStreamNames().contains(stream)) {
                management.deleteStream(stream);
                System.err.println("deleted the earlier run's stream " + stream);
            }
        }
    }

    /** A Univention Provisioning user creation, padded to about 2 KB, carrying the run's marker. */
    private static byte[] twoKilobyteMessage(String marker, int i) {
        String padding = "x".repeat(1750);
        return """
                {"publisher_name":"%s","ts":"2026-11-22T10:00:00","realm":"udm","topic":"users/user","body":{"old":{},"new":{"dn":"uid=bench-%d,cn=users,dc=example","id":"bench-%s-%d","properties":{"username":"bench-%d","description":"%s"}}}}"""
                .formatted(marker, i, marker, i, i, padding).getBytes(StandardCharsets.UTF_8);
    }
}
