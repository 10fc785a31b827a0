package org.originrelay.provisioningbridge.source;

import java.nio.charset.StandardCharsets;

/** Univention Provisioning messages about users, shaped as the provisioning-api's docs show them. */
final class UserChangeMessages {

    private UserChangeMessages() {
    }

    static String user(String name) {
        return """
                {"dn":"uid=%s,cn=users,dc=example","objectType":"users/user","id":"%s-id","properties":{"username":"%s"}}"""
                .formatted(name, name, name);
    }

    /** A creation of {@code current} by {@code publisher} (e.g. udm-listener, or udm-pre-fill for a snapshot). */
    static String message(String publisher, String current) {
        return """
                {"publisher_name":"%s","ts":"2026-11-22T10:00:00.123456","realm":"udm","topic":"users/user","body":{"old":{},"new":%s}}"""
                .formatted(publisher, current);
    }

    static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }
}
