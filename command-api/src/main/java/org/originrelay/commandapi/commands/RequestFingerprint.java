package org.originrelay.commandapi.commands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hash of what a request asks for, not of how its JSON was spelled: the command name and its parsed
 * fields in a fixed order, so whitespace, field order or {@code 1000} versus {@code 1.0e3} do not matter.
 */
final class RequestFingerprint {

    private static final JsonMapper CANONICAL_JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private RequestFingerprint() {
    }

    static String of(CommandRequest request) {
        String canonical = request.name().key() + "\n" + CANONICAL_JSON.writeValueAsString(request);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
