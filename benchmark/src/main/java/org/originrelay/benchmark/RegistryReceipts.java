package org.originrelay.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The registry simulator's receipt counts (REGISTRY_SIMULATOR_RECEIPTS_PORT), when its URL is known. */
final class RegistryReceipts {

    record Summary(boolean known, long received, long transactions, long resentTransactions) {
    }

    private final String url;

    RegistryReceipts(String url) {
        this.url = url;
    }

    Summary read() {
        if (url.isBlank()) {
            return new Summary(false, 0, 0, 0);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JsonMapper.builder().build().readTree(response.body());
            return new Summary(true, json.path("received").asLong(), json.path("transactions").asLong(),
                    json.path("resentTransactions").asLong());
        } catch (Exception e) {
            System.err.println("registry receipts not readable at " + url + ": " + e);
            return new Summary(false, 0, 0, 0);
        }
    }
}
