package org.originrelay.registry.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A read-only HTTP view of the ledger's receipt counts on the loopback interface, for scripts/benchmark:
 * {@code GET /receipts} answers how many transactions were received, how many distinct, and how many of
 * them more than once (the registry is not idempotent, so a resend is a bug). Off unless
 * REGISTRY_SIMULATOR_RECEIPTS_PORT is set; the JDK's own server, as this is all it needs.
 */
final class ReceiptsEndpoint implements AutoCloseable {

    private final HttpServer server;

    private ReceiptsEndpoint(HttpServer server) {
        this.server = server;
    }

    static ReceiptsEndpoint start(int port, Supplier<TransactionLedger.ReceiptSummary> summary) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/receipts", exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = summary.get().toJson().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new ReceiptsEndpoint(server);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
