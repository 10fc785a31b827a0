package org.originrelay.commandapi.subscriptions.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.originrelay.commandapi.subscriptions.BrokerDeliveries;
import org.originrelay.commandapi.subscriptions.DeliveryTally.Counts;

/**
 * Reads the broker's per-channel, per-queue delivery counters from the {@code rabbitmq_prometheus}
 * plugin's {@code /metrics/detailed?family=channel_queue_metrics} (RabbitMQ 3.10+), the only place a
 * broker without the management plugin reports deliveries and acks. Delivered = deliveries in manual
 * and automatic ack mode plus {@code basic.get}s; acked = acks.
 * <p>
 * The few lines of the Prometheus text format are parsed here: the Prometheus Java client only writes
 * that format, and nothing in our stack reads it.
 */
class BrokerPrometheusCounters implements BrokerDeliveries {

    private static final String PREFIX = "rabbitmq_detailed_channel_";
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI endpoint;

    /** @param baseUrl the plugin's listener, e.g. {@code http://rabbitmq:15692} */
    BrokerPrometheusCounters(String baseUrl, String vhost) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/metrics/detailed?family=channel_queue_metrics&vhost="
                + URLEncoder.encode(vhost, StandardCharsets.UTF_8));
    }

    @Override
    public String source() {
        return "prometheus " + endpoint;
    }

    @Override
    public Map<String, Map<String, Counts>> read() throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + endpoint, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(endpoint + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static Map<String, Map<String, Counts>> parse(String text) {
        Map<String, Map<String, Counts>> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find()) {
                continue;
            }
            Counts add = switch (sample.group(1).substring(PREFIX.length())) {
                case "messages_delivered_ack_total", "messages_delivered_total", "get_ack_total", "get_total" ->
                        new Counts(value(sample.group(3)), 0);
                case "messages_acked_total" -> new Counts(0, value(sample.group(3)));
                default -> null;
            };
            if (add == null) {
                continue;
            }
            Map<String, String> labels = labels(sample.group(2));
            String queue = labels.get("queue");
            String channel = labels.get("channel");
            if (queue != null && channel != null) {
                counts.computeIfAbsent(queue, any -> new HashMap<>()).merge(channel, add,
                        (a, b) -> new Counts(a.delivered() + b.delivered(), a.acked() + b.acked()));
            }
        }
        return counts;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return labels;
    }

    private static long value(String text) {
        return (long) Double.parseDouble(text);
    }
}
