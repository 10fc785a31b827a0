package org.originrelay.contracts.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.originrelay.contracts.events.ContractViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserChangeTest {

    static byte[] message(String old, String current) {
        return """
                {"publisher_name":"udm-listener","realm":"udm","topic":"users/user","body":{"old":%s,"new":%s}}"""
                .formatted(old, current).getBytes(StandardCharsets.UTF_8);
    }

    static String user(String name) {
        return "{\"dn\":\"uid=%s,cn=users\",\"properties\":{\"username\":\"%s\"}}".formatted(name, name);
    }

    @Test
    void createsModifiesAndMovesMakeTheCurrentNameAUser() {
        assertThat(UserChange.from("created", message("{}", user("kim"))))
                .isEqualTo(new UserChange(List.of(), Optional.of("kim")));
        assertThat(UserChange.from("moved", message(user("kim"), user("kim"))))
                .isEqualTo(new UserChange(List.of(), Optional.of("kim")));
        assertThat(UserChange.from("prefilled", message("{}", user("lee"))).present()).contains("lee");
    }

    @Test
    void aRenameRemovesTheOldNameAndADeleteRemovesTheUser() {
        assertThat(UserChange.from("modified", message(user("kim"), user("kimberly"))))
                .isEqualTo(new UserChange(List.of("kim"), Optional.of("kimberly")));
        assertThat(UserChange.from("deleted", message(user("kim"), "{}")))
                .isEqualTo(new UserChange(List.of("kim"), Optional.empty()));
    }

    @Test
    void theActionComesFromItsHeaderThenFromTheOriginalRoutingKeyAndNeverFromWhereARetryOrReplayDeliveredIt() {
        assertThat(UserChange.actionOf(Map.of(UserChange.ACTION_HEADER, "deleted"), "250.validator.known-owners"))
                .isEqualTo("deleted");
        // Bridged before the header existed, then failed once: the kit kept the first routing key.
        assertThat(UserChange.actionOf(Map.of("x-relay-original-routing-key", "udm.users.user.deleted"),
                "validator.known-owners")).isEqualTo("deleted");
        assertThat(UserChange.actionOf(Map.of(), "udm.users.user.modified")).isEqualTo("modified");
        assertThatThrownBy(() -> UserChange.actionOf(Map.of(), "validator.known-owners"))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("known-owners");
        assertThatThrownBy(() -> UserChange.actionOf(Map.of(UserChange.ACTION_HEADER, "purged"), "udm.users.user.deleted"))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("purged");
    }

    @Test
    void aMessageWithoutUsernamesViolatesTheContract() {
        assertThatThrownBy(() -> UserChange.from("created", "nope".getBytes()))
                .isInstanceOf(ContractViolation.class);
        assertThatThrownBy(() -> UserChange.from("created", message("{}", "{\"dn\":\"x\"}")))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("properties.username");
    }
}
