package org.originrelay.registryconnector.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the connector reaches the registry and paces its work, under {@code relay.registry}.
 *
 * @param target gRPC target of the registry, e.g. {@code registry.example:443}
 * @param name the registry's name in every transaction's stream id
 * @param keySecret master secret every owner's and issuer's signing key (and commitment blinding) is
 *     derived from; the committed default is for local development only
 * @param tls whether the channel uses TLS (plaintext otherwise)
 * @param bearerToken sent as {@code authorization: Bearer …} on every call when not blank
 * @param callDeadline deadline of every single registry call
 * @param dispatch pacing of the transaction state machine
 */
@ConfigurationProperties("relay.registry")
public record RegistryProperties(
        @DefaultValue("127.0.0.1:9090") String target,
        @DefaultValue("origin-relay-local") String name,
        String keySecret,
        @DefaultValue("false") boolean tls,
        @DefaultValue("") String bearerToken,
        @DefaultValue("10s") Duration callDeadline,
        @DefaultValue Dispatch dispatch) {

    public RegistryProperties {
        if (keySecret == null || keySecret.isBlank()) {
            throw new IllegalArgumentException("relay.registry.key-secret must be set");
        }
        if (dispatch.settleWindow() != null && dispatch.settleWindow().compareTo(callDeadline) <= 0) {
            throw new IllegalArgumentException("relay.registry.dispatch.settle-window (" + dispatch.settleWindow()
                    + ") must be longer than relay.registry.call-deadline (" + callDeadline + ")");
        }
    }

    /**
     * How long a possibly sent transaction that the registry does not know (and its stream does not hold)
     * is given to arrive before it is sent again: longer than the call deadline, so a copy still on its
     * way when its call timed out has arrived by then. Twice the deadline unless set.
     */
    public Duration settleWindow() {
        return dispatch.settleWindow() != null ? dispatch.settleWindow() : callDeadline.multipliedBy(2);
    }

    /** The secrets are left out: this may end up in a log. */
    @Override
    public String toString() {
        return "RegistryProperties[target=" + target + ", name=" + name + ", tls=" + tls + ", callDeadline="
                + callDeadline + ", dispatch=" + dispatch + "]";
    }

    /**
     * @param tick how often the dispatcher looks for transactions that are due besides when it is woken
     *     ({@link org.originrelay.registryconnector.dispatch.DispatchSignal}): the safety net for what
     *     no wake-up announced (another instance's transactions, expired leases)
     * @param batchSize transactions claimed per tick at most
     * @param maxInFlight registry calls running at once at most
     * @param firstPoll wait before the first status poll after a send (and after the first transient error)
     * @param maxPoll the wait between retries after errors (and polls of a stuck transaction) doubles up to this
     * @param maxStatusPoll the wait between status polls of a transaction the registry has accepted and is
     *     still deciding doubles up to this (at most {@code maxPoll}): it bounds how late its outcome is seen
     * @param stuckAfter a transaction still pending this long after its send is reported as stuck, once
     * @param lookupAttempts quick attempts of one status lookup against transient errors
     * @param lookupBackoff wait between those attempts
     * @param workers threads that record call results in the database
     * @param settleWindow see {@link RegistryProperties#settleWindow()}; null for the default
     */
    public record Dispatch(
            @DefaultValue("100ms") Duration tick,
            @DefaultValue("100") int batchSize,
            @DefaultValue("500") int maxInFlight,
            @DefaultValue("250ms") Duration firstPoll,
            @DefaultValue("5s") Duration maxPoll,
            @DefaultValue("500ms") Duration maxStatusPoll,
            @DefaultValue("10m") Duration stuckAfter,
            @DefaultValue("3") int lookupAttempts,
            @DefaultValue("200ms") Duration lookupBackoff,
            @DefaultValue("4") int workers,
            Duration settleWindow) {
    }

    /**
     * How long a claimed transaction is reserved for the instance that claimed it: longer than the
     * longest step (a lookup with its retries followed by a send), so no one else picks it up while
     * that step may still be running; after a crash it becomes due again when this expires.
     */
    public Duration claimLease() {
        int calls = dispatch.lookupAttempts() + 1;
        return callDeadline.multipliedBy(calls)
                .plus(dispatch.lookupBackoff().multipliedBy(dispatch.lookupAttempts()))
                .plusSeconds(5);
    }
}
