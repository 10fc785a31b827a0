package org.originrelay.provisioningbridge.mapping;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisioningEventMappingTest {

    static String message(String publisher, String old, String current) {
        return """
                {"publisher_name":"%s","ts":"2026-11-22T10:00:00.123456","realm":"udm","topic":"users/user",
                 "body":{"old":%s,"new":%s}}""".formatted(publisher, old, current);
    }

    static final String ALICE = """
            {"dn":"uid=alice,cn=users,dc=example","objectType":"users/user","id":"alice-id","properties":{"username":"alice"}}""";
    static final String ALICE_MOVED = ALICE.replace("cn=users", "cn=staff");
    static final String ALICE_RENAMED = ALICE.replace("\"alice\"}", "\"alice2\"}");

    static BridgeMessage map(String json) {
        return ProvisioningEventMapping.map(new SourceMessage("stream:test", 42, 1, json.getBytes(StandardCharsets.UTF_8)));
    }

    static BridgeMessage.Routed routed(String json) {
        BridgeMessage mapped = map(json);
        assertThat(mapped).isInstanceOf(BridgeMessage.Routed.class);
        return (BridgeMessage.Routed) mapped;
    }

    @Test
    void theActionFollowsOldAndNew() {
        assertThat(routed(message("udm-listener", "{}", ALICE)).routingKey()).isEqualTo("udm.users.user.created");
        assertThat(routed(message("udm-listener", ALICE, "{}")).routingKey()).isEqualTo("udm.users.user.deleted");
        assertThat(routed(message("udm-listener", ALICE, ALICE_MOVED)).routingKey()).isEqualTo("udm.users.user.moved");
        assertThat(routed(message("udm-listener", ALICE, ALICE_RENAMED)).routingKey()).isEqualTo("udm.users.user.modified");
        assertThat(routed(message("udm-pre-fill", "{}", ALICE)).routingKey()).isEqualTo("udm.users.user.prefilled");
    }

    @Test
    void theMessageIdIsTheSourceAndSequenceAndTheHeadersDescribeTheObject() {
        BridgeMessage.Routed deleted = routed(message("udm-listener", ALICE, "{}"));

        assertThat(deleted.messageId()).isEqualTo("stream:test:42");
        assertThat(deleted.headers()).containsEntry("publisher-name", "udm-listener")
                .containsEntry("sequence-number", 42L).containsEntry("num-delivered", 1L)
                .containsEntry("object-id", "alice-id").containsEntry("object-dn", "uid=alice,cn=users,dc=example");
        assertThat(new String(deleted.body(), StandardCharsets.UTF_8)).isEqualTo(message("udm-listener", ALICE, "{}"));
    }

    @Test
    void aRedeliveryOfTheSameSequenceHasTheSameMessageId() {
        byte[] body = message("udm-listener", "{}", ALICE).getBytes(StandardCharsets.UTF_8);

        BridgeMessage first = ProvisioningEventMapping.map(new SourceMessage("s", 7, 1, body));
        BridgeMessage again = ProvisioningEventMapping.map(new SourceMessage("s", 7, 3, body));

        assertThat(again.messageId()).isEqualTo(first.messageId()).isEqualTo("s:7");
    }

    @Test
    void whatCannotBeMappedSaysWhy() {
        assertThat(((BridgeMessage.Unmappable) map("not json")).reason()).startsWith("not JSON");
        assertThat(((BridgeMessage.Unmappable) map("{\"realm\":\"udm\",\"body\":{}}")).reason())
                .isEqualTo("missing realm or topic");
        assertThat(((BridgeMessage.Unmappable) map(message("udm-listener", "{}", "{}"))).reason())
                .isEqualTo("both old and new are empty");
    }
}
