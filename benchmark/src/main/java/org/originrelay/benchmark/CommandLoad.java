package org.originrelay.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * N commands over REST with at most P of them in flight (posted, outcome not yet seen on AMQP), as a
 * closed loop: a slot frees when the command's outcome arrives. Transfers and slices need certificates:
 * those are issued first, outside the measured phase.
 */
final class CommandLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant FIRST_HOUR = Instant.parse("2026-11-01T00:00:00Z");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
    private final String api;
    private final String issuerToken;
    private final String ownerToken;
    private final Duration timeout;

    private CommandLoad(String api, String issuerToken, String ownerToken, Duration timeout) {
        this.api = api;
        this.issuerToken = issuerToken;
        this.ownerToken = ownerToken;
        this.timeout = timeout;
    }

    record Issued(String certificateId, String sliceId) {
    }

    /** When an outcome event arrived, and whether the registry accepted the command. */
    record Outcome(long at, boolean accepted) {
    }

    /** What one phase measured. */
    record Phase(int commands, int accepted, int failed, double seconds, long[] latencyNanos, List<Issued> issued,
            long duplicateEvents) {
    }

    static void run(Options options) throws Exception {
        String command = options.required("command");
        int commands = options.number("commands", 1000);
        int inFlight = options.number("in-flight", 32);
        long registryDelayNanos = TimeUnit.MILLISECONDS.toNanos(options.number("registry-delay-ms", 0));
        String amqp = options.text("amqp", "amqp://guest:guest@127.0.0.1:5672");
        String exchange = options.text("namespace", "") + "certificates.events";
        var load = new CommandLoad(options.text("api", "http://127.0.0.1:8080"), options.required("issuer-token"),
                options.required("owner-token"), Duration.ofSeconds(options.number("timeout-seconds", 300)));
        ServiceProcesses processes = ServiceProcesses.parse(options.text("pids", ""), options.number("clock-ticks", 100));
        RegistryReceipts receipts = new RegistryReceipts(options.text("receipts", ""));
        InfrastructureCpu infrastructure = new InfrastructureCpu(options.number("clock-ticks", 100),
                options.number("simulator-pid", -1));

        List<Issued> certificates = List.of();
        if (!command.equals("issue")) {
            certificates = load.phase("issue", commands, Math.max(inFlight, 128), amqp, exchange, List.of(), 0).issued();
            if (certificates.size() < commands) {
                System.err.println("only " + certificates.size() + " of " + commands + " certificates were issued for the "
                        + command + " run; it runs on those");
                commands = certificates.size();
            }
        }
        RegistryReceipts.Summary receiptsBefore = receipts.read();
        Map<String, Double> cpuBefore = processes.cpuSeconds();
        InfrastructureCpu.Snapshot infrastructureBefore = infrastructure.take();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(processes::sampleRss, 0, 500, TimeUnit.MILLISECONDS);
        Phase phase = load.phase(command, commands, inFlight, amqp, exchange, certificates, registryDelayNanos);
        sampler.shutdownNow();
        Map<String, Double> cpuAfter = processes.cpuSeconds();
        InfrastructureCpu.Snapshot infrastructureAfter = infrastructure.take();
        RegistryReceipts.Summary receiptsAfter = receipts.read();

        Latencies latencies = new Latencies(phase.latencyNanos());
        double cpuSeconds = 0;
        StringBuilder cpuPerService = new StringBuilder();
        for (var entry : cpuAfter.entrySet()) {
            double used = entry.getValue() - cpuBefore.get(entry.getKey());
            cpuSeconds += used;
            cpuPerService.append(String.format(Locale.ROOT, " cpu_ms_%s=%.2f", entry.getKey(),
                    used * 1000 / Math.max(1, phase.accepted())));
        }
        infrastructure.millisPerCommand(infrastructureBefore, infrastructureAfter, phase.accepted())
                .forEach((group, millis) -> cpuPerService.append(String.format(Locale.ROOT, " cpu_ms_%s=%.2f", group, millis)));
        StringBuilder rss = new StringBuilder();
        processes.peakRssKb().forEach((name, kb) -> rss.append(" rss_mb_").append(name).append('=').append(kb / 1024));
        double rate = phase.accepted() / phase.seconds();
        double reference = options.decimal("reference-rate", 0);
        System.out.println(String.format(Locale.ROOT,
                "RESULT command=%s commands=%d in_flight=%d registry_delay_ms=%d accepted=%d failed=%d seconds=%.1f"
                + " cmd_per_s=%.1f ratio_to_perftest=%s p50_ms=%.0f p90_ms=%.0f p99_ms=%.0f cpu_ms_per_cmd=%s%s%s"
                + " registry_received=%s registry_resent=%s duplicate_events=%d",
                command, commands, inFlight, TimeUnit.NANOSECONDS.toMillis(registryDelayNanos), phase.accepted(),
                phase.failed(), phase.seconds(), rate,
                reference > 0 ? String.format(Locale.ROOT, "%.4f", rate / reference) : "n/a",
                latencies.millisAt(50), latencies.millisAt(90), latencies.millisAt(99),
                processes.known() ? String.format(Locale.ROOT, "%.2f", cpuSeconds * 1000 / Math.max(1, phase.accepted())) : "n/a",
                cpuPerService, rss,
                receiptsAfter.known() ? String.valueOf(receiptsAfter.received() - receiptsBefore.received()) : "n/a",
                receiptsAfter.known() ? String.valueOf(receiptsAfter.resentTransactions() - receiptsBefore.resentTransactions()) : "n/a",
                phase.duplicateEvents()));
    }

    private Phase phase(String command, int commands, int inFlight, String amqp, String exchange,
            List<Issued> certificates, long registryDelayNanos) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        Map<String, Outcome> earlyOutcomes = new ConcurrentHashMap<>();
        long[] latencies = new long[commands];
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastOutcome = new AtomicLong();
        Map<String, Boolean> acceptedCommands = new ConcurrentHashMap<>();
        Map<String, Issued> issuedByCommand = new ConcurrentHashMap<>();
        String commandName = switch (command) {
            case "issue" -> "issue-certificate";
            case "transfer" -> "transfer-slice";
            case "slice" -> "slice-certificate";
            default -> throw new IllegalArgumentException("--command= must be issue, transfer or slice");
        };
        Runnable[] finish = new Runnable[1];
        java.util.function.BiConsumer<String, Outcome> complete = (commandId, outcome) -> {
            Long start = postedAt.remove(commandId);
            if (start == null) {
                // Not (yet) known as one of ours: the POST's answer may still be on its way.
                earlyOutcomes.put(commandId, outcome);
                return;
            }
            long outcomeAt = outcome.at();
            if (outcome.accepted()) {
                accepted.incrementAndGet();
                acceptedCommands.put(commandId, Boolean.TRUE);
            } else {
                failed.incrementAndGet();
            }
            int index = recorded.getAndIncrement();
            if (index < latencies.length) {
                latencies[index] = Math.max(0, outcomeAt - start - registryDelayNanos);
            }
            lastOutcome.accumulateAndGet(outcomeAt, Math::max);
            slots.release();
        };
        try (Outcomes outcomes = Outcomes.listen(amqp, exchange, commandName, (commandId, routingKey) -> {
            complete.accept(commandId, new Outcome(System.nanoTime(), routingKey.endsWith(".registry-accepted")));
        })) {
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            for (int i = 0; i < commands; i++) {
                if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                HttpRequest request = request(command, i, certificates);
                long postedNanos = System.nanoTime();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    if (error != null || response.statusCode() != 202) {
                        failed.incrementAndGet();
                        recorded.incrementAndGet();
                        if (failed.get() <= 5) {
                            System.err.println("POST failed: " + (error != null ? error : response.statusCode() + " " + response.body()));
                        }
                        slots.release();
                        return;
                    }
                    JsonNode receipt = JSON.readTree(response.body());
                    String commandId = receipt.path("commandId").asString();
                    if (command.equals("issue")) {
                        issuedByCommand.put(commandId, new Issued(receipt.path("certificateId").asString(),
                                receipt.path("sliceId").asString()));
                    }
                    postedAt.put(commandId, postedNanos);
                    Outcome early = earlyOutcomes.remove(commandId);
                    if (early != null) {
                        complete.accept(commandId, early);
                    }
                });
            }
            // Every command has an outcome once all slots are free again.
            slots.tryAcquire(inFlight, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            long end = Math.max(lastOutcome.get(), start + 1);
            int measured = Math.min(recorded.get(), commands);
            long[] latencyNanos = java.util.Arrays.copyOf(latencies, Math.min(measured, latencies.length));
            // Failed POSTs have no latency: leave out their zero slots.
            latencyNanos = java.util.Arrays.stream(latencyNanos).filter(nanos -> nanos > 0).toArray();
            // The outcome may arrive before the POST's answer is read: match them only now.
            List<Issued> issued = issuedByCommand.entrySet().stream()
                    .filter(entry -> acceptedCommands.containsKey(entry.getKey())).map(Map.Entry::getValue).toList();
            return new Phase(commands, accepted.get(), failed.get(), (end - start) / 1e9, latencyNanos, issued,
                    outcomes.duplicateDeliveries());
        }
    }

    private HttpRequest request(String command, int i, List<Issued> certificates) {
        String body;
        String token;
        String path;
        switch (command) {
            case "issue" -> {
                Instant start = FIRST_HOUR.plus(Duration.ofHours(i % 720));
                body = """
                        {"type":"PRODUCTION","gridArea":"DK1","start":"%s","end":"%s","quantity":1000,"owner":"alice"}"""
                        .formatted(start, start.plus(Duration.ofHours(1)));
                token = issuerToken;
                path = "issue-certificate";
            }
            case "transfer" -> {
                Issued certificate = certificates.get(i);
                body = """
                        {"certificateId":"%s","sliceId":"%s","receiver":"bob"}"""
                        .formatted(certificate.certificateId(), certificate.sliceId());
                token = ownerToken;
                path = "transfer-slice";
            }
            case "slice" -> {
                Issued certificate = certificates.get(i);
                body = """
                        {"certificateId":"%s","sliceId":"%s","quantities":[600,400]}"""
                        .formatted(certificate.certificateId(), certificate.sliceId());
                token = ownerToken;
                path = "slice-certificate";
            }
            default -> throw new IllegalArgumentException(command);
        }
        return HttpRequest.newBuilder(URI.create(api + "/api/v1/commands/" + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
