package org.originrelay.contracts.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
        assertThat(UserChange.from("udm.users.user.created", message("{}", user("kim"))))
                .isEqualTo(new UserChange(List.of(), Optional.of("kim")));
        assertThat(UserChange.from("udm.users.user.moved", message(user("kim"), user("kim"))))
                .isEqualTo(new UserChange(List.of(), Optional.of("kim")));
        assertThat(UserChange.from("udm.users.user.prefilled", message("{}", user("lee"))).present()).contains("lee");
    }

    @Test
    void aRenameRemovesTheOldNameAndADeleteRemovesTheUser() {
        assertThat(UserChange.from("udm.users.user.modified", message(user("kim"), user("kimberly"))))
                .isEqualTo(new UserChange(List.of("kim"), Optional.of("kimberly")));
        assertThat(UserChange.from("udm.users.user.deleted", message(user("kim"), "{}")))
                .isEqualTo(new UserChange(List.of("kim"), Optional.empty()));
    }

    @Test
    void aMessageWithoutUsernamesViolatesTheContract() {
        assertThatThrownBy(() -> UserChange.from("udm.users.user.created", "nope".getBytes()))
                .isInstanceOf(ContractViolation.class);
        assertThatThrownBy(() -> UserChange.from("udm.users.user.created", message("{}", "{\"dn\":\"x\"}")))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("properties.username");
    }
}
