package org.originrelay.commandapi.subscriptions;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionRulesUnitTest {

    private static final RetrySettings SHORT = new RetrySettings(Duration.ofSeconds(1), 2, Duration.ofSeconds(3), 4);

    @Test
    void aSubscriberOwnsItsSubjectAndNamesStartingWithItsSubjectAndAHyphen() {
        Caller acme = new Caller("acme", false);

        assertThat(acme.mayName("acme")).isTrue();
        assertThat(acme.mayName("acme-invitations")).isTrue();
        assertThat(acme.mayName("acmecorp")).isFalse();
        assertThat(acme.mayName("globex-acme")).isFalse();
        assertThat(new Caller("ops", true).mayName("acme")).isTrue();
    }

    @Test
    void aSubscriberManagesOnlyWhatItCreated() {
        SubscriptionSpec spec = new SubscriptionSpec("acme-x", "provisioning.events", List.of("#"), null);
        Subscription createdByOperator = new Subscription(spec, "ops", 1, null, null);

        assertThat(new Caller("acme", false).mayManage(createdByOperator)).isFalse();
        assertThat(new Caller("acme", false).mayManage(new Subscription(spec, "acme", 1, null, null))).isTrue();
        assertThat(new Caller("ops", true).mayManage(createdByOperator)).isTrue();
    }

    @Test
    void theLadderGrowsByTheMultiplierUpToTheCapAndEndsAfterMaxAttempts() {
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(SHORT.ladder()::delayBefore).toList()).containsExactly(
                Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofSeconds(3)),
                Optional.of(Duration.ofSeconds(3)), Optional.empty());
        assertThat(SHORT.ladder().distinctDelays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3));
        assertThat(RetrySettings.DEFAULTS.ladder().distinctDelays()).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofSeconds(125), Duration.ofMinutes(10));
    }

    @Test
    void bindingsAreASetSoTheirOrderDoesNotMakeAnotherSubscription() {
        assertThat(new SubscriptionSpec("a", "certificates.events", List.of("b.*", "a.#", "b.*"), SHORT))
                .isEqualTo(new SubscriptionSpec("a", "certificates.events", List.of("a.#", "b.*"), SHORT));
    }

    @Test
    void invalidSettingsAreRefusedWithTheRule() {
        assertThatThrownBy(() -> new RetrySettings(Duration.ofMillis(10), 2, Duration.ofSeconds(1), 3))
                .isInstanceOf(InvalidSubscription.class).hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> new RetrySettings(Duration.ofSeconds(5), 2, Duration.ofSeconds(1), 3))
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> new RetrySettings(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 3))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetrySettings(Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 51))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new SubscriptionSpec("a.b", "provisioning.events", List.of("#"), SHORT))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new SubscriptionSpec("a", "provisioning.events", List.of("a..b"), SHORT))
                .hasMessageContaining("binding key");
        assertThatThrownBy(() -> new SubscriptionSpec("a", "provisioning.events", List.of(), SHORT))
                .hasMessageContaining("bindings");
    }

    @Test
    void theQueueNameParsesBackToItsSubscriptionOnlyInItsNamespace() {
        SubscriptionNames names = new SubscriptionNames("t123.");

        assertThat(names.queue("acme-x")).isEqualTo("t123.subscription.acme-x");
        assertThat(names.subscriptionOf("t123.subscription.acme-x")).contains("acme-x");
        assertThat(names.subscriptionOf("subscription.acme-x")).isEmpty();
        assertThat(names.subscriptionOf("t123.validator.requests")).isEmpty();
        assertThat(names.delayQueue(Duration.ofSeconds(5))).isEqualTo("t123.subscriptions.retry.5000ms");
    }
}
