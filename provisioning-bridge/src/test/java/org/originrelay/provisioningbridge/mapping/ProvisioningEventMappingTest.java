package org.originrelay.provisioningbridge.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        return map(json.getBytes(StandardCharsets.UTF_8));
    }

    static BridgeMessage map(byte[] json) {
        return ProvisioningEventMapping.map(new SourceMessage("stream:test", "1764583200123", 42, 1, json));
    }

    static BridgeMessage.Routed routed(String json) {
        BridgeMessage mapped = map(json);
        assertThat(mapped).isInstanceOf(BridgeMessage.Routed.class);
        return (BridgeMessage.Routed) mapped;
    }

    static byte[] example(String file) throws IOException {
        try (InputStream in = ProvisioningEventMappingTest.class.getResourceAsStream("/provisioning-api-examples/" + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theRoutingKeyAndTheActionFollowOldAndNew() {
        assertThat(routed(message("udm-listener", "{}", ALICE))).extracting(BridgeMessage::routingKey, m -> m.headers().get("provisioning-action"))
                .containsExactly("udm.users.user.created", "created");
        assertThat(routed(message("udm-listener", ALICE, "{}"))).extracting(BridgeMessage::routingKey, m -> m.headers().get("provisioning-action"))
                .containsExactly("udm.users.user.deleted", "deleted");
        assertThat(routed(message("udm-listener", ALICE, ALICE_MOVED))).extracting(BridgeMessage::routingKey, m -> m.headers().get("provisioning-action"))
                .containsExactly("udm.users.user.moved", "modified");
        assertThat(routed(message("udm-listener", ALICE, ALICE_RENAMED))).extracting(BridgeMessage::routingKey, m -> m.headers().get("provisioning-action"))
                .containsExactly("udm.users.user.modified", "modified");
        assertThat(routed(message("udm-pre-fill", "{}", ALICE))).extracting(BridgeMessage::routingKey, m -> m.headers().get("provisioning-action"))
                .containsExactly("udm.users.user.prefilled", "created");
    }

    @Test
    void theMessageIdIsSourceGenerationAndSequenceAndTheHeadersDescribeTheObject() {
        BridgeMessage.Routed deleted = routed(message("udm-listener", ALICE, "{}"));

        assertThat(deleted.messageId()).isEqualTo("stream:test:1764583200123:42");
        assertThat(deleted.headers()).containsEntry("publisher-name", "udm-listener")
                .containsEntry("sequence-number", 42L).containsEntry("num-delivered", 1L)
                .containsEntry("object-id", "alice-id").containsEntry("object-id-source", "id")
                .containsEntry("object-dn", "uid=alice,cn=users,dc=example");
        assertThat(new String(deleted.body(), StandardCharsets.UTF_8)).isEqualTo(message("udm-listener", ALICE, "{}"));
    }

    @Test
    void aRedeliveryHasTheSameMessageIdAndARecreatedStreamANewOne() {
        byte[] body = message("udm-listener", "{}", ALICE).getBytes(StandardCharsets.UTF_8);

        BridgeMessage first = ProvisioningEventMapping.map(new SourceMessage("s", "100", 7, 1, body));
        BridgeMessage again = ProvisioningEventMapping.map(new SourceMessage("s", "100", 7, 3, body));
        BridgeMessage recreated = ProvisioningEventMapping.map(new SourceMessage("s", "200", 7, 1, body));

        assertThat(again.messageId()).isEqualTo(first.messageId()).isEqualTo("s:100:7");
        assertThat(recreated.messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void whatCannotBeMappedSaysWhyAndTheRoutingKeyItWouldHaveHad() {
        assertThat(((BridgeMessage.Unmappable) map("not json")).reason()).startsWith("not JSON");
        assertThat(map("not json").routingKey()).isNull();
        assertThat(((BridgeMessage.Unmappable) map("{\"realm\":\"udm\",\"body\":{}}")).reason())
                .isEqualTo("missing realm or topic");
        BridgeMessage bothEmpty = map(message("udm-listener", "{}", "{}"));
        assertThat(((BridgeMessage.Unmappable) bothEmpty).reason()).isEqualTo("both old and new are empty");
        assertThat(bothEmpty.routingKey()).isEqualTo("udm.users.user.created");
    }

    /** Every subscriber message in univention/provisioning-api's docs and tests (see the resources' README). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            # file,                          routing key,                 action,   object-id,                                 from, object-dn
            group-created-usage-doc.json,    udm.groups.group.created,    created,  Summit-Demo,                               id,   'cn=Summit-Demo,cn=groups,dc=univention-organization,dc=intranet'
            group-modified-member-added.json, udm.groups.group.modified,  modified, 'cn=testgroup,cn=groups,dc=example,dc=com', dn,   'cn=testgroup,cn=groups,dc=example,dc=com'
            group-modified-v1-uuid.json,     udm.groups.group.modified,   modified, test-uuid-789,                             uuid, 'cn=modified-group,cn=groups,dc=example,dc=com'
            group-deleted-v2.json,           udm.groups.group.deleted,    deleted,  1234-uoid,                                 id,   'cn=test-group,cn=groups,dc=example,dc=com'
            prefill-group.json,              udm.groups.group.prefilled,  created,  -,                                         -,    -
            prefill-user.json,               udm.users.user.prefilled,    created,  -,                                         -,    -
            ldif-producer-flat-message.json, udm.groups.group.modified,   modified, 'uid=foo,dc=bar',                          dn,   'uid=foo,dc=bar'
            """)
    void theStacksOwnMessagesMapAsDocumented(String file, String routingKey, String action, String objectId,
            String objectIdSource, String objectDn) throws IOException {
        byte[] body = example(file);
        BridgeMessage mapped = map(body);

        assertThat(mapped).isInstanceOf(BridgeMessage.Routed.class);
        Map<String, Object> headers = mapped.headers();
        assertThat(mapped.routingKey()).isEqualTo(routingKey);
        assertThat(headers).containsEntry("provisioning-action", action);
        assertThat(headers.get("object-id")).isEqualTo(objectId);
        assertThat(headers.get("object-id-source")).isEqualTo(objectIdSource);
        assertThat(headers.get("object-dn")).isEqualTo(objectDn);
        assertThat(mapped.body()).isEqualTo(body);
    }

    @Test
    void aPrefillRequestIsNoSubscriberMessageAndIsParked() throws IOException {
        BridgeMessage mapped = map(example("prefill-request.json"));

        assertThat(mapped).isInstanceOf(BridgeMessage.Unmappable.class);
        assertThat(((BridgeMessage.Unmappable) mapped).reason()).isEqualTo("missing realm or topic");
    }
}
