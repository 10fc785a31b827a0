package org.originrelay.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal identity provider on a random local port: OpenID discovery document and JWK set (public key
 * only), so the issuer-uri and jwk-set-uri paths are tested as they run in production.
 */
final class JwkSetServer implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key = Tokens.newRsaKey("test-key-1");
    private final AtomicInteger jwkSetRequests = new AtomicInteger();

    JwkSetServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwkSetUri() + "\"}"));
        server.createContext("/jwks", exchange -> {
            jwkSetRequests.incrementAndGet();
            respond(exchange, new JWKSet(key.toPublicJWK()).toString());
        });
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwkSetUri() {
        return issuer() + "/jwks";
    }

    RSAKey signingKey() {
        return key;
    }

    int jwkSetRequests() {
        return jwkSetRequests.get();
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
